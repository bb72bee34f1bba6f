"""Changing one's email address needs a fresh code, even in a session that is still open."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from oneteam.accounts.reauthentication import STATE_KEY
from tests.accounts.helpers import last_code_sent_to

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "alice.new@example.org"


def _add_address(client: Client):
    return client.post(reverse("account_email"), {"action_add": "", "email": NEW_ADDRESS})


@pytest.fixture
def signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_adding_an_address_first_asks_for_a_fresh_code(signed_in):
    response = _add_address(signed_in)

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:reauthenticate_by_code") + "?next=%2Faccounts%2Femail%2F"
    )
    assert EmailAddress.objects.filter(email=NEW_ADDRESS).exists() is False
    assert mail.outbox == []


def test_fresh_code_goes_to_the_current_address_and_is_stored_hashed(signed_in, member):
    url = reverse("accounts:reauthenticate_by_code")

    signed_in.post(url, {"action": "send"})

    code = last_code_sent_to(member.email)
    stored = Session.objects.get(session_key=signed_in.session.session_key).get_decoded()
    assert code not in str(stored)
    assert stored[STATE_KEY]["hash"].startswith("hmac-sha256$")


def test_fresh_code_completes_the_change_that_asked_for_it(signed_in, member):
    _add_address(signed_in)
    url = reverse("accounts:reauthenticate_by_code") + "?next=" + reverse("account_email")
    signed_in.post(url, {"action": "send"})

    response = signed_in.post(url, {"code": last_code_sent_to(member.email)})

    # The change resumes, and the new address must now prove itself with its own code.
    assert response["Location"] == reverse("account_email_verification_sent")
    response = signed_in.post(
        reverse("account_email_verification_sent"), {"code": last_code_sent_to(NEW_ADDRESS)}
    )
    added = EmailAddress.objects.get(email=NEW_ADDRESS)
    assert added.user == member
    assert added.verified is True


def test_wrong_fresh_code_names_the_field_and_changes_nothing(signed_in):
    _add_address(signed_in)
    url = reverse("accounts:reauthenticate_by_code") + "?next=" + reverse("account_email")
    signed_in.post(url, {"action": "send"})

    response = signed_in.post(url, {"code": "BBBB-BBBB"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_code">Incorrect code.</a>' in html
    assert EmailAddress.objects.filter(email=NEW_ADDRESS).exists() is False


def test_fresh_code_works_once(signed_in, member):
    url = reverse("accounts:reauthenticate_by_code")
    signed_in.post(url, {"action": "send"})
    code = last_code_sent_to(member.email)
    signed_in.post(url, {"code": code})

    response = signed_in.post(url, {"code": code})

    assert response.status_code == 200
    assert "That code has expired" in response.content.decode()


def test_reauthentication_page_on_get_sends_nothing(signed_in):
    response = signed_in.get(reverse("accounts:reauthenticate_by_code"))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Confirm it is you</h1>' in response.content.decode()
    assert mail.outbox == []
