from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from oneteam.events import emails
from oneteam.events.models import Event, Registration
from oneteam.events.selectors import is_confirmed_attendee, waitlist_position
from oneteam.events.services.events import event_update
from oneteam.events.services.registrations import RegistrationRefused, registration_cancel
from tests.conftest import make_member
from tests.events.conftest import register

Status = Registration.Status
pytestmark = pytest.mark.django_db


def test_registration_create_confirms_when_places_are_free(small_event, member):
    registration = register(small_event, member, access_needs="Step-free route")

    assert registration.status == Status.CONFIRMED
    assert registration.access_needs == "Step-free route"
    assert registration.code_of_conduct_accepted_at is not None
    assert is_confirmed_attendee(event=small_event, user=member) is True


def test_registration_create_waitlists_when_full(small_event, member, other_member, organiser):
    register(small_event, member)
    register(small_event, other_member)

    third = register(small_event, organiser)

    assert third.status == Status.WAITLISTED
    assert waitlist_position(registration=third) == 1
    assert is_confirmed_attendee(event=small_event, user=organiser) is False


def test_registration_create_twice_is_refused_and_keeps_one_row(small_event, member):
    register(small_event, member)

    with pytest.raises(RegistrationRefused) as refused:
        register(small_event, member)

    assert "status" in refused.value.message_dict
    assert Registration.objects.filter(event=small_event, user=member).count() == 1


def test_registration_create_after_closing_is_refused_naming_the_field(small_event, member):
    small_event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    small_event.save()

    with pytest.raises(RegistrationRefused) as refused:
        register(small_event, member)

    assert list(refused.value.message_dict) == ["registration_closes_at"]
    assert refused.value.message_dict["registration_closes_at"][0].startswith(
        "Registration closed on"
    )
    assert Registration.objects.count() == 0


def test_registration_create_before_opening_is_refused(small_event, member):
    small_event.registration_opens_at = timezone.now() + timedelta(days=1)
    small_event.save()

    with pytest.raises(RegistrationRefused) as refused:
        register(small_event, member)

    assert list(refused.value.message_dict) == ["registration_opens_at"]
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("status", [Event.Status.CANCELLED, Event.Status.DRAFT])
def test_registration_create_for_unpublished_event_is_refused(small_event, member, status):
    small_event.status = status
    small_event.save()

    with pytest.raises(RegistrationRefused) as refused:
        register(small_event, member)

    assert list(refused.value.message_dict) == ["status"]
    assert Registration.objects.count() == 0


def test_registration_create_without_code_of_conduct_is_refused(small_event, member):
    with pytest.raises(RegistrationRefused) as refused:
        register(small_event, member, accepts_code_of_conduct=False)

    assert list(refused.value.message_dict) == ["accepts_code_of_conduct"]
    assert Registration.objects.count() == 0


def test_registration_cancel_promotes_the_oldest_waitlisted(
    small_event, member, other_member, organiser, moderator
):
    first = register(small_event, member)
    register(small_event, other_member)
    oldest_waiting = register(small_event, organiser)
    newer_waiting = register(small_event, moderator)

    registration_cancel(registration=first)

    oldest_waiting.refresh_from_db()
    newer_waiting.refresh_from_db()
    assert oldest_waiting.status == Status.CONFIRMED
    assert newer_waiting.status == Status.WAITLISTED
    assert waitlist_position(registration=newer_waiting) == 1


def test_registration_cancel_of_a_waitlist_place_promotes_nobody(
    small_event, member, other_member, organiser, moderator
):
    register(small_event, member)
    register(small_event, other_member)
    waiting = register(small_event, organiser)
    behind = register(small_event, moderator)

    registration_cancel(registration=waiting)

    behind.refresh_from_db()
    assert behind.status == Status.WAITLISTED
    assert waitlist_position(registration=behind) == 1


def test_registration_cancel_twice_is_harmless(small_event, member):
    registration = register(small_event, member)
    registration_cancel(registration=registration)

    again = registration_cancel(registration=registration)

    assert again.status == Status.CANCELLED


def test_registration_again_after_cancelling_joins_the_back_of_the_queue(
    small_event, member, other_member, organiser
):
    mine = register(small_event, member)
    register(small_event, other_member)
    registration_cancel(registration=mine)
    register(small_event, organiser)  # takes the freed place

    again = register(small_event, member)

    assert again.pk == mine.pk
    assert again.status == Status.WAITLISTED


def test_event_update_raising_capacity_promotes_from_the_waitlist(
    small_event, member, other_member, organiser
):
    register(small_event, member)
    register(small_event, other_member)
    waiting = register(small_event, organiser)

    event_update(event=small_event, capacity=3)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_registration_confirmed_email_carries_ticket_qr_and_cancel_link(
    small_event, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(small_event, member)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "[One Team] Your place at Lean Coffee"
    assert "/events/cancel/" in message.body
    assert f"/events/{small_event.slug}/check-in/" in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("ticket-qr-code.png", "image/png")
    assert content.startswith(b"\x89PNG")


def test_registration_waitlisted_email_gives_the_position(
    small_event, member, other_member, organiser, django_capture_on_commit_callbacks
):
    register(small_event, member)
    register(small_event, other_member)

    with django_capture_on_commit_callbacks(execute=True):
        register(small_event, organiser)

    assert mail.outbox[-1].subject == "[One Team] You are on the waitlist for Lean Coffee"
    assert "You are number 1 on the waitlist" in mail.outbox[-1].body


def test_registration_cancel_emails_the_promoted_member(
    small_event, member, other_member, organiser, django_capture_on_commit_callbacks
):
    first = register(small_event, member)
    register(small_event, other_member)
    register(small_event, organiser)

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)

    assert [m.to for m in mail.outbox] == [["olu@example.org"]]
    assert mail.outbox[0].subject == "[One Team] A place has come up for you at Lean Coffee"


def test_event_update_new_start_time_emails_everyone_registered(
    small_event, member, other_member, organiser, django_capture_on_commit_callbacks
):
    for person in (member, other_member, organiser):
        register(small_event, person)
    later = small_event.starts_at + timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=small_event, starts_at=later, ends_at=later + timedelta(hours=1))

    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "charlie@example.org",
        "olu@example.org",
    ]
    assert "The start time has changed." in mail.outbox[0].body


def test_event_update_title_only_emails_nobody(
    small_event, member, django_capture_on_commit_callbacks
):
    register(small_event, member)

    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=small_event, title="Lean Coffee (breakfast)")

    assert mail.outbox == []


def test_waitlist_position_counts_only_people_ahead(small_event):
    members = [make_member(f"w{n}@example.org", name=f"W {n}") for n in range(5)]
    registrations = [register(small_event, person) for person in members]

    positions = [waitlist_position(registration=r) for r in registrations]

    assert positions == [None, None, 1, 2, 3]


def test_registration_is_kept_when_the_email_cannot_be_sent(
    small_event, member, monkeypatch, django_capture_on_commit_callbacks
):
    def mail_server_down(registration):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(emails, "send_registration_received", mail_server_down)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(small_event, member)

    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_registration_create_gives_unfilled_places_to_those_already_waiting(
    small_event, member, other_member, organiser, moderator
):
    register(small_event, member)
    register(small_event, other_member)
    waiting = register(small_event, organiser)
    Event.objects.filter(pk=small_event.pk).update(capacity=3)  # raised behind the service

    newcomer = register(small_event, moderator)

    waiting.refresh_from_db()
    assert (waiting.status, newcomer.status) == (Status.CONFIRMED, Status.WAITLISTED)
