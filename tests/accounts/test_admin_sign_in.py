"""Staff sign in to the admin as everyone signs in: by emailed code, under the same limits."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from oneteam.accounts.models import User
from tests.accounts.helpers import last_code_sent_to

pytestmark = pytest.mark.django_db

PASSPHRASE = "correct horse battery staple"


def _sign_in_url(next_url: str) -> str:
    return reverse("account_login") + "?next=" + next_url


@pytest.fixture
def staff_with_password(admin_user) -> User:
    EmailAddress.objects.filter(user=admin_user).update(verified=True)
    admin_user.set_password(PASSPHRASE)
    admin_user.save()
    return admin_user


def _sign_in_by_code_for(client: Client, user: User, next_url: str):
    """As a browser does: the sign-in form and then the code form carry `next` along."""
    asked = client.post(_sign_in_url(next_url), {"login": user.email, "next": next_url})
    code_page = asked["Location"]
    assert code_page == reverse("account_confirm_login_code") + "?next=" + next_url.replace(
        "/", "%2F"
    )
    return client.post(code_page, {"code": last_code_sent_to(user.email), "next": next_url})


def test_admin_login_page_sends_people_to_the_sites_sign_in():
    response = Client().get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"] == _sign_in_url("/admin/")


def test_admin_login_keeps_the_admin_page_asked_for():
    wanted = reverse("admin:accounts_user_changelist")

    response = Client().get(reverse("admin:login"), {"next": wanted})

    assert response["Location"] == _sign_in_url(wanted)


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/admin/", "/members/", "//evil.example/"]
)
def test_admin_login_sends_back_only_into_the_admin(elsewhere):
    response = Client().get(reverse("admin:login"), {"next": elsewhere})

    assert response["Location"] == _sign_in_url("/admin/")


def test_admin_login_never_accepts_a_password(staff_with_password):
    client = Client()

    response = client.post(
        reverse("admin:login"),
        {"username": staff_with_password.email, "password": PASSPHRASE, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == _sign_in_url("/admin/")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_admin_login_page_has_no_password_field():
    html = Client().get(reverse("admin:login"), follow=True).content.decode()

    assert 'type="password"' not in html
    assert 'name="login"' in html


def test_staff_signed_in_by_code_reach_the_admin(admin_user):
    client = Client()

    response = _sign_in_by_code_for(client, admin_user, "/admin/")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_members_signed_in_by_code_do_not_reach_the_admin(member):
    client = Client()
    _sign_in_by_code_for(client, member, "/admin/")

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "your account is not a staff account" in response.content.decode()


def test_signed_in_staff_at_the_admin_login_go_on_to_the_admin(admin_client):
    response = admin_client.get(reverse("admin:login"), {"next": "/admin/accounts/"})

    assert response["Location"] == "/admin/accounts/"


def test_admin_sign_in_is_under_the_sites_rate_limit(staff_with_password):
    # allauth's "login" limit is per IP: past it, the admin's only way in is closed too.
    limit = int(settings.ACCOUNT_RATE_LIMITS["login"].split("/")[0])
    ip = "198.51.100.9"
    client = Client()
    for _ in range(limit):
        client.post(reverse("account_login"), {"login": ""}, REMOTE_ADDR=ip)

    sent_on = client.post(
        reverse("admin:login"),
        {"username": staff_with_password.email, "password": PASSPHRASE},
        REMOTE_ADDR=ip,
    )
    response = client.post(
        sent_on["Location"], {"login": staff_with_password.email}, REMOTE_ADDR=ip
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_has_no_password_pages(admin_client, member):
    change_page = admin_client.get(reverse("admin:accounts_user_change", args=[member.pk]))

    assert change_page.status_code == 200
    assert 'name="password"' not in change_page.content.decode()
    assert "/password/" not in change_page.content.decode()
    assert admin_client.get(reverse("admin:password_change")).status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_user_password_change", args=[member.pk])
    old_page = admin_client.get(f"/admin/accounts/user/{member.pk}/password/", follow=True)
    assert 'type="password"' not in old_page.content.decode()
