"""Hostile or mistaken input: a clear refusal that names the problem, and nothing stored lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneteam.events.models import Event, PrivacyMode
from oneteam.outcomes import services
from oneteam.outcomes.models import SUMMARY_MAX_LENGTH, Action, SessionNotes
from tests.outcomes.conftest import make_session

pytestmark = pytest.mark.django_db


def _url(name: str, session, **extra) -> str:
    return reverse(
        f"outcomes:{name}", kwargs={"event_slug": session.event.slug, "pk": session.pk, **extra}
    )


def test_an_overlong_summary_is_refused_and_the_stored_one_kept(client, past_event, host):
    session = make_session(past_event, host, privacy=PrivacyMode.OFF_THE_RECORD)
    services.summary_save(session=session, author=host, text="Kept")
    client.force_login(host)

    response = client.post(_url("summary", session), {"summary": "y" * (SUMMARY_MAX_LENGTH + 1)})

    assert response.status_code == 400
    assert "The summary must be 1,500 characters or fewer; it is 1501." in (
        response.content.decode()
    )
    assert SessionNotes.objects.get(session=session).summary == "Kept"


def test_an_unknown_privacy_mode_is_refused(client, session, host):
    client.force_login(host)

    response = client.post(_url("privacy", session), {"privacy": "public-with-emails"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    session.refresh_from_db()
    assert session.privacy == PrivacyMode.OPEN


def test_an_attendee_who_is_not_a_host_cannot_change_privacy(client, session, attendee):
    client.force_login(attendee)

    response = client.post(_url("privacy", session), {"privacy": PrivacyMode.OFF_THE_RECORD})

    assert response.status_code == 403
    session.refresh_from_db()
    assert session.privacy == PrivacyMode.OPEN


def test_an_action_on_another_events_session_is_refused(client, past_event, attendee, chapter):
    starts = timezone.now()
    elsewhere = Event.objects.create(
        chapter=chapter,
        slug="elsewhere",
        title="Elsewhere",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=Event.Status.PUBLISHED,
    )
    foreign = make_session(elsewhere, attendee, title="Not here")
    client.force_login(attendee)

    response = client.post(
        reverse("outcomes:actions", kwargs={"event_slug": past_event.slug}),
        {"text": "x", "session": foreign.pk, "is_public": "true"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_an_overlong_action_is_refused_with_the_limit(client, past_event, attendee):
    client.force_login(attendee)

    response = client.post(
        reverse("outcomes:actions", kwargs={"event_slug": past_event.slug}),
        {"text": "z" * 301, "is_public": "true"},
    )

    assert response.status_code == 400
    assert "at most 300 characters" in response.content.decode()
    assert not Action.objects.exists()


def test_a_link_for_an_action_of_another_event_is_refused(client, past_event, attendee, event):
    from oneteam.outcomes.tokens import make_action_token

    action = Action.objects.create(event=past_event, owner=attendee, text="mine")
    url = reverse(
        "outcomes:action_link",
        kwargs={"event_slug": event.slug, "token": make_action_token(action.pk, "done")},
    )

    response = client.post(url)

    assert response.status_code == 400
    assert "This action no longer exists." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_notes_of_a_draft_event_are_hidden_from_the_public(client, past_event, session):
    Event.objects.filter(pk=past_event.pk).update(status=Event.Status.DRAFT)

    assert client.get(_url("notes", session)).status_code == 404
    assert client.get(_url("history", session)).status_code == 404


def test_control_characters_are_removed_from_saved_notes(session, host):
    notes = services.notes_save(
        session=session, author=host, text="a\x00b\r\nc\x1bd", base_revision=0
    )

    assert notes.text == "ab\ncd"
