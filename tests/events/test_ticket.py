"""The ticket link the ticket email tells the attendee to show: the attendee sees their ticket
(signed in or not), organisers check them in, and nobody else changes anything."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from oneteam.events import tokens
from oneteam.events.models import Registration
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def _emailed_ticket_path(event, user, capture) -> str:
    with capture(execute=True):
        register(event, user)
    (message,) = mail.outbox
    (url,) = re.findall(rf"\S+/events/{event.slug}/check-in/\S+", message.body)
    return urlsplit(url).path


def _path(event, registration) -> str:
    token = tokens.make_check_in_token(registration.pk)
    return reverse("events:check_in_link", kwargs={"slug": event.slug, "token": token})


def test_attendee_signed_in_opens_the_emailed_link_and_sees_their_ticket(
    client, event, member, django_capture_on_commit_callbacks
):
    path = _emailed_ticket_path(event, member, django_capture_on_commit_callbacks)
    client.force_login(member)

    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your ticket" in body
    assert "Alice Policy" in body
    assert "<svg" in body and "QR code of this ticket" in body
    assert "Show this page or its QR code at the door." in body
    assert "<form" not in body.split('id="main-content"')[1]  # nothing to check in with


def test_attendee_signed_out_opens_the_emailed_link_and_sees_the_ticket(
    client, event, member, django_capture_on_commit_callbacks
):
    path = _emailed_ticket_path(event, member, django_capture_on_commit_callbacks)

    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Alice Policy" in body
    assert "QR code of this ticket" in body
    sign_in = f'href="{reverse("account_login")}?next={quote(path, safe="/")}"'
    assert sign_in in body  # for an organiser who is signed out


def test_ticket_page_never_shows_the_email_or_access_needs(client, event, member):
    registration = register(event, member, access_needs="Step-free route please")
    body = client.get(_path(event, registration)).content.decode()
    assert "alice@example.org" not in body
    assert "Step-free route please" not in body


def test_attendee_posting_to_their_link_checks_nobody_in(client, event, member):
    registration = register(event, member)
    client.force_login(member)

    response = client.post(_path(event, registration))

    registration.refresh_from_db()
    assert response.status_code == 404
    assert registration.checked_in_at is None


def test_signed_out_post_to_the_link_asks_to_sign_in_and_checks_nobody_in(client, event, member):
    registration = register(event, member)

    response = client.post(_path(event, registration))

    registration.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert registration.checked_in_at is None


def test_organiser_opening_the_link_gets_check_in(client, event, member, organiser):
    registration = register(event, member)
    client.force_login(organiser)

    response = client.get(_path(event, registration))

    assert response.status_code == 200
    assert "events/check_in_link.html" in [t.name for t in response.templates]
    assert ">Check in</button>" in " ".join(response.content.decode().split())


def test_waitlisted_ticket_shows_no_qr_code(client, event, member):
    registration = register(event, member)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.WAITLISTED)

    body = client.get(_path(event, registration)).content.decode()

    assert "<svg" not in body.split('id="main-content"')[1]
    assert "on the waitlist: it is not a place yet" in body


def test_cancelled_place_says_the_ticket_no_longer_lets_you_in(client, event, member):
    registration = register(event, member)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)

    body = client.get(_path(event, registration)).content.decode()

    assert "no longer lets you in" in body
    assert "QR code of this ticket" not in body


# The signed token is made inside the test: made at collection it would differ between the
# parallel workers (it carries a timestamp), which then refuse to run the suite.
@pytest.mark.parametrize("kind", ["forged", "cancel link"])
def test_forged_or_other_purpose_token_is_404(client, event, member, kind):
    registration = register(event, member)
    token = "not-a-ticket" if kind == "forged" else tokens.make_cancel_token(registration.pk)
    url = reverse("events:check_in_link", kwargs={"slug": event.slug, "token": token})
    assert client.get(url).status_code == 404


def test_ticket_link_under_another_events_address_is_404(client, event, draft_event, member):
    registration = register(event, member)
    token = tokens.make_check_in_token(registration.pk)
    url = reverse("events:check_in_link", kwargs={"slug": draft_event.slug, "token": token})
    assert client.get(url).status_code == 404


def test_event_page_links_a_confirmed_attendee_to_their_ticket(
    client, event, member, django_capture_on_commit_callbacks
):
    _emailed_ticket_path(event, member, django_capture_on_commit_callbacks)
    client.force_login(member)

    body = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()

    # The link is signed with a timestamp, so it is read back rather than made again here.
    (token,) = re.findall(
        rf'href="/events/{event.slug}/check-in/([^/"]+)/">Show your ticket</a>',
        body,
    )
    registration = Registration.objects.get(event=event, user=member)
    assert tokens.read_check_in_token(token) == registration.pk
