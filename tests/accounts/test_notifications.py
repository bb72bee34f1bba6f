"""Security-relevant changes are emailed to the owner, after the change is saved."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.core import mail
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from oneteam.accounts.models import User
from tests.accounts.helpers import last_code_sent_to

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "alice.new@example.org"
IF_NOT_YOU = "If it was not you, someone else"
OIDC = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "dept",
                "name": "Department SSO",
                "client_id": "oneteam-client",
                "secret": "s3cret",
                "settings": {"server_url": "https://login.department.example"},
            }
        ]
    }
}


@pytest.fixture
def signed_in(member) -> Client:
    EmailAddress.objects.filter(user=member).update(verified=True)
    client = Client()
    client.force_login(member)
    return client


def _confirm_it_is_you(client: Client, member: User) -> None:
    url = reverse("accounts:reauthenticate_by_code")
    client.post(url, {"action": "send"})
    client.post(url, {"code": last_code_sent_to(member.email)})


def _add_verified_address(client: Client, member: User) -> None:
    _confirm_it_is_you(client, member)
    client.post(reverse("account_email"), {"action_add": "", "email": NEW_ADDRESS})
    client.post(
        reverse("account_email_verification_sent"), {"code": last_code_sent_to(NEW_ADDRESS)}
    )


def _notices(subject_words: str) -> list:
    return [m for m in mail.outbox if subject_words in m.subject]


def test_adding_an_address_tells_the_owner_at_their_address(
    signed_in, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _add_verified_address(signed_in, member)

    [notice] = _notices("An email address was added")
    assert notice.to == [member.email]
    assert notice.subject == "[One Team] An email address was added to your account"
    assert f"The email address {NEW_ADDRESS} was added to your One Team account." in notice.body
    assert IF_NOT_YOU in notice.body
    assert "http://testserver/accounts/settings/" in notice.body


def test_changing_the_address_tells_the_old_address(
    signed_in, member, django_capture_on_commit_callbacks
):
    _add_verified_address(signed_in, member)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("account_email"), {"action_primary": "", "email": NEW_ADDRESS})

    [notice] = _notices("Your email address was changed")
    assert notice.to == ["alice@example.org"]
    assert (
        f"was changed from alice@example.org to {NEW_ADDRESS}. Codes to sign in now go to "
        f"{NEW_ADDRESS}." in notice.body
    )
    assert IF_NOT_YOU in notice.body
    assert 'choose "Sign out everywhere"' in notice.body


def test_removing_an_address_tells_the_owner(signed_in, member, django_capture_on_commit_callbacks):
    _add_verified_address(signed_in, member)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("account_email"), {"action_remove": "", "email": NEW_ADDRESS})

    [notice] = _notices("An email address was removed")
    assert notice.to == [member.email]
    assert f"The email address {NEW_ADDRESS} was removed from your One Team account." in (
        notice.body
    )
    assert EmailAddress.objects.filter(email=NEW_ADDRESS).exists() is False


def test_first_sign_in_by_code_sends_no_notice(member, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_login"), {"login": member.email})
        code = last_code_sent_to(member.email)
        client.post(reverse("account_confirm_login_code"), {"code": code})

    assert "_auth_user_id" in client.session
    assert [m.subject for m in mail.outbox] == ["[One Team] Your sign-in code"]


def test_sign_out_everywhere_tells_the_owner(signed_in, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            reverse("accounts:sign_out_everywhere"), HTTP_USER_AGENT="Firefox on a laptop"
        )

    [notice] = _notices("You were signed out everywhere")
    assert notice.to == [member.email]
    assert 'chose "Sign out everywhere"' in notice.body
    assert 'in the browser "Firefox on a laptop"' in notice.body
    assert "If it was not you, someone else was signed in to your account." in notice.body


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC)
def test_disconnecting_single_sign_on_tells_the_owner(
    signed_in, member, django_capture_on_commit_callbacks
):
    account = SocialAccount.objects.create(user=member, provider="dept", uid="alice-at-dept")
    _confirm_it_is_you(signed_in, member)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(reverse("socialaccount_connections"), {"account": account.pk})

    [notice] = _notices("Single sign-on was disconnected")
    assert notice.to == [member.email]
    assert "can no longer be signed in to through Department SSO" in notice.body
    assert IF_NOT_YOU in notice.body
    assert SocialAccount.objects.filter(pk=account.pk).exists() is False


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC)
def test_last_single_sign_on_needs_a_verified_address_not_a_password(member):
    # Without a verified address the member could not sign in again once it is gone.
    account = SocialAccount.objects.create(user=member, provider="dept", uid="alice-at-dept")
    client = Client()
    client.force_login(member)
    _confirm_it_is_you(client, member)

    response = client.post(reverse("socialaccount_connections"), {"account": account.pk})

    assert response.status_code == 200
    assert "Your account has no verified email address." in response.content.decode()
    assert SocialAccount.objects.filter(pk=account.pk).exists() is True


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC)
def test_connecting_single_sign_on_tells_the_owner(member, django_capture_on_commit_callbacks):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5")
    request.user = member
    request.session = {}
    login = SocialLogin(account=SocialAccount(provider="dept", uid="alice-at-dept"))

    with context.request_context(request), django_capture_on_commit_callbacks(execute=True):
        login.connect(request, member)

    [notice] = _notices("Single sign-on was connected")
    assert notice.to == [member.email]
    assert "can now be signed in to through Department SSO" in notice.body
    assert "from the internet address 203.0.113.5" in notice.body


def test_notice_for_a_change_that_rolls_back_is_never_sent(
    member, django_capture_on_commit_callbacks
):
    request = RequestFactory().post("/")
    request.user = member

    with (
        django_capture_on_commit_callbacks(execute=True),
        context.request_context(request),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        get_adapter(request).send_notification_mail("account/email/signed_out_everywhere", member)
        raise RuntimeError("the change failed")

    assert mail.outbox == []
