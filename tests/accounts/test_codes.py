"""Codes are stored only as a keyed hash, and the answer never tells who is a member."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from oneteam.accounts.codes import code_matches, hash_code
from oneteam.accounts.forms import CodeField, ConfirmEmailVerificationCodeForm, ConfirmLoginCodeForm
from oneteam.accounts.models import User
from oneteam.accounts.reauthentication import ReauthenticationCodeForm
from tests.accounts.helpers import last_code_sent_to, request_code

pytestmark = pytest.mark.django_db


def _stored_session_text(client: Client) -> str:
    row = Session.objects.get(session_key=client.session.session_key)
    return str(row.get_decoded()) + row.session_data


def _code_forms(code: str) -> list[str]:
    bare = code.replace("-", "")
    return [code, code.lower(), bare, bare.lower()]


def test_login_code_is_not_stored_in_the_session(member):
    client = Client()

    request_code(client, member.email)

    code = last_code_sent_to(member.email)
    stored = _stored_session_text(client)
    assert [form for form in _code_forms(code) if form in stored] == []
    assert hash_code(code) in stored


def test_email_verification_code_is_not_stored_in_the_session():
    client = Client()

    client.post(reverse("account_signup"), {"email": "joiner@example.org"})

    code = last_code_sent_to("joiner@example.org")
    stored = _stored_session_text(client)
    assert [form for form in _code_forms(code) if form in stored] == []
    assert hash_code(code) in stored


def test_codes_differ_between_requests(member, other_member):
    request_code(Client(), member.email)
    request_code(Client(), other_member.email)

    assert last_code_sent_to(member.email) != last_code_sent_to(other_member.email)


def test_code_matches_only_its_own_hash():
    stored = hash_code("BCDF-GHJK")

    assert code_matches(entered="bcdf ghjk", stored_hash=stored) is True
    assert code_matches(entered="BCDF-GHJL", stored_hash=stored) is False
    assert code_matches(entered="BCDF-GHJK", stored_hash="BCDF-GHJK") is False
    assert code_matches(entered="", stored_hash=stored) is False


def test_code_expires_after_ten_minutes(member, settings):
    client = Client()
    request_code(client, member.email)
    code = last_code_sent_to(member.email)
    session = client.session
    stash = session["account_login"]
    stash["state"]["stages"]["login_by_code"]["data"]["at"] -= 601
    session["account_login"] = stash
    session.save()

    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT == 600
    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("account_request_login_code")


def _normalised(html: str, address: str) -> str:
    """The page with what differs by request alone (address, CSRF token, nonce) blanked."""
    html = html.replace(address, "ADDRESS")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    return re.sub(r'nonce="[^"]+"', "NONCE", html)


def _normalised_page(client: Client, address: str) -> str:
    html = client.get(reverse("account_confirm_login_code")).content.decode()
    return _normalised(html, address)


def test_answer_for_an_unknown_address_is_the_same_as_for_a_member(member):
    known, unknown = Client(), Client()

    known_response = request_code(known, member.email)
    unknown_response = request_code(unknown, "nobody@example.org")

    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    assert _normalised_page(known, member.email) == _normalised_page(unknown, "nobody@example.org")


def test_answer_for_a_deactivated_account_is_the_same_as_for_a_member(member, other_member):
    User.objects.filter(pk=other_member.pk).update(is_active=False)
    known, deactivated = Client(), Client()

    known_response = request_code(known, member.email)
    deactivated_response = request_code(deactivated, other_member.email)

    assert known_response["Location"] == deactivated_response["Location"]
    assert _normalised_page(known, member.email) == _normalised_page(
        deactivated, other_member.email
    )
    assert "_auth_user_id" not in deactivated.session


def test_join_page_answer_for_a_taken_address_is_the_same_as_for_a_new_one(member):
    taken = Client().post(reverse("account_signup"), {"email": member.email})
    new = Client().post(reverse("account_signup"), {"email": "fresh@example.org"})

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert len(mail.outbox) == 2


def test_posted_password_answer_is_the_same_code_page_for_unknown_addresses(member):
    # One Team has no passwords: one posted anyway is ignored, and both get a code.
    member.set_password("the real passphrase")
    member.save()

    known = Client().post(
        reverse("account_login"), {"login": member.email, "password": "the real passphrase"}
    )
    unknown = Client().post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "a wrong guess"}
    )

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_confirm_login_code")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, "nobody@example.org"])


def test_every_code_form_uses_the_one_code_field():
    code_forms = [ConfirmLoginCodeForm, ConfirmEmailVerificationCodeForm, ReauthenticationCodeForm]

    assert [type(form.base_fields["code"]) for form in code_forms] == [CodeField] * 3
    assert ConfirmLoginCodeForm.base_fields["code"].widget.attrs["autocomplete"] == "one-time-code"
