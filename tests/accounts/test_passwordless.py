"""Passwordless by design: no password can be set, changed, reset or used to sign in."""

from __future__ import annotations

import importlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from oneteam.accounts.allauth_urls import PASSWORD_ROUTES
from oneteam.accounts.models import User
from tests.access import walk_urls
from tests.accounts.helpers import enter_code, last_code_sent_to, request_code

pytestmark = pytest.mark.django_db

PASSPHRASE = "correct horse battery staple"
# Where allauth served its password pages before they were removed.
FORMER_PASSWORD_PATHS = [
    "/accounts/password/set/",
    "/accounts/password/change/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/zz-not-a-key/",
    "/accounts/password/reset/key/done/",
]


@pytest.fixture
def with_password(member) -> User:
    """Alice, verified, with a password from before One Team was passwordless."""
    EmailAddress.objects.filter(user=member).update(verified=True)
    member.set_password(PASSPHRASE)
    member.save()
    return member


@pytest.fixture
def signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.parametrize("name", sorted(PASSWORD_ROUTES))
def test_former_password_route_is_not_in_the_url_configuration(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={"uidb36": "zz", "key": "k"} if "from_key" in name else None)


@pytest.mark.parametrize("path", FORMER_PASSWORD_PATHS)
def test_former_password_page_is_not_found_signed_in_or_not(path, signed_in):
    assert signed_in.get(path).status_code == 404
    assert (
        signed_in.post(path, {"password1": PASSPHRASE, "password2": PASSPHRASE}).status_code == 404
    )
    assert Client().get(path).status_code == 404


def test_no_route_of_the_site_mentions_a_password():
    # The admin's are in test_admin_sign_in.py.
    mentions = {
        e.key
        for e in walk_urls()
        if ("password" in e.key or "password" in e.pattern) and not e.pattern.startswith("admin/")
    }

    assert mentions == set()


def test_setting_a_password_from_an_open_session_changes_nothing(signed_in, member):
    signed_in.post("/accounts/password/set/", {"password1": PASSPHRASE, "password2": PASSPHRASE})

    member.refresh_from_db()
    assert member.has_usable_password() is False


def test_existing_password_does_not_sign_in_but_gets_a_code(with_password):
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": with_password.email, "password": PASSPHRASE}
    )

    assert response["Location"] == reverse("account_confirm_login_code")
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mail.outbox] == [[with_password.email]]


def test_no_backend_accepts_an_existing_password(with_password):
    assert authenticate(email=with_password.email, password=PASSPHRASE) is None
    assert authenticate(username=with_password.email, password=PASSPHRASE) is None
    assert Client().login(email=with_password.email, password=PASSPHRASE) is False


def test_confirming_it_is_you_never_asks_for_a_password(with_password):
    client = Client()
    client.force_login(with_password)

    response = client.get(reverse("account_reauthenticate") + "?next=/accounts/email/")

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:reauthenticate_by_code") + "?next=%2Faccounts%2Femail%2F"
    )


def test_account_model_refuses_a_password():
    with pytest.raises(ValueError, match="no passwords"):
        User.objects.create_user(email="new@example.org", password=PASSPHRASE)

    assert User.objects.filter(email="new@example.org").exists() is False


def test_migration_makes_existing_passwords_unusable(with_password, other_member):
    migration = importlib.import_module("oneteam.accounts.migrations.0002_passwords_unusable")

    migration.make_passwords_unusable(apps, None)

    with_password.refresh_from_db()
    other_member.refresh_from_db()
    assert with_password.has_usable_password() is False
    assert other_member.has_usable_password() is False


_PASSWORD_MARKS = re.compile(r'type="password"|/password/|name="password', re.IGNORECASE)


@pytest.mark.parametrize(
    "name", ["accounts:settings", "account_email", "usersessions_list", "account_logout"]
)
def test_account_pages_show_no_password_field_or_link(signed_in, name):
    html = signed_in.get(reverse(name)).content.decode()

    assert _PASSWORD_MARKS.findall(html) == []


def test_sign_in_and_code_pages_show_no_password_field_or_link(member):
    client = Client()
    sign_in = client.get(reverse("account_login")).content.decode()
    request_code(client, member.email)
    code_page = client.get(reverse("account_confirm_login_code")).content.decode()

    assert _PASSWORD_MARKS.findall(sign_in + code_page) == []


def test_createsuperuser_makes_an_account_that_signs_in_by_code(capsys):
    call_command("createsuperuser", interactive=False, email="Boot@Example.org", verbosity=1)

    user = User.objects.get(email="boot@example.org")
    assert (user.is_staff, user.is_superuser, user.has_usable_password()) == (True, True, False)
    assert "code sent to that email address" in capsys.readouterr().out
    client = Client()
    request_code(client, user.email)
    enter_code(client, last_code_sent_to(user.email))
    assert client.get(reverse("admin:index")).status_code == 200


def test_createsuperuser_ignores_a_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSPHRASE)

    call_command("createsuperuser", interactive=False, email="boot@example.org", verbosity=0)

    assert User.objects.get(email="boot@example.org").has_usable_password() is False
