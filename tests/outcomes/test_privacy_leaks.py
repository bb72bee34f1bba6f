"""Chatham House and off-the-record sessions: every public surface, searched for every
participant's name, email, handle and id, finds nothing.

The participants have ids far from any other number on the pages (987651…), so a plain text
search for the id is meaningful.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneteam.events.models import PrivacyMode, Room, Slot
from oneteam.outcomes import services
from oneteam.outcomes.models import Action, Feedback
from oneteam.programme.models import Interest
from oneteam.timetable.services.versions import version_create, version_publish
from tests.conftest import make_member
from tests.outcomes.conftest import confirm, make_session

pytestmark = pytest.mark.django_db

PARTICIPANTS = [
    # (email, name, id)
    ("hana.host@example.org", "Hana Hostperson", 987_651),
    ("nadia.notes@example.org", "Nadia Notetaker", 987_652),
    ("omar.offrecord@example.org", "Omar Offrecord", 987_653),
    ("ivy.interested@example.org", "Ivy Interested", 987_654),
]


def _needles() -> list[str]:
    found = []
    for email, name, pk in PARTICIPANTS:
        found += [email, email.split("@")[0], name, name.split()[1], str(pk)]
    return found


@pytest.fixture
def leak_world(past_event, published, django_capture_on_commit_callbacks) -> dict[str, Any]:
    people = {
        pk: make_member(email, name=name, id=pk, handle=email.split("@")[0].replace(".", "-"))
        for email, name, pk in PARTICIPANTS
    }
    for person in people.values():
        confirm(past_event, person)
    hana, nadia, omar, ivy = people.values()
    # Zed attended the event but none of these sessions: his reminder is an email to someone
    # who was not there.
    zed = make_member("zed@example.org", name="Zed Outsider", id=987_700)
    confirm(past_event, zed)
    with django_capture_on_commit_callbacks(execute=True):
        chatham = make_session(past_event, hana, title="Frank talk about budgets")
        off = make_session(past_event, omar, title="Lessons from a failure")
        # Notes written while open, then the sessions made stricter (the worst case).
        services.notes_save(
            session=chatham, author=nadia, text="We agreed to share", base_revision=0
        )
        services.notes_save(
            session=chatham, author=hana, text="We agreed to share more", base_revision=1
        )
        services.notes_save(
            session=off, author=nadia, text="Things said in the room", base_revision=0
        )
        services.privacy_change(session=chatham, privacy=PrivacyMode.CHATHAM_HOUSE, confirmed=True)
        services.privacy_change(session=off, privacy=PrivacyMode.OFF_THE_RECORD, confirmed=True)
        services.summary_save(session=off, author=omar, text="Ask for help early.")
        for session in (chatham, off):
            Interest.objects.create(session=session, user=ivy)
            Action.objects.create(
                event=past_event, owner=nadia, session=session, text="brief my director"
            )
            Action.objects.create(
                event=past_event, owner=ivy, session=session, text="try it", status="done"
            )
        Feedback.objects.create(event=past_event, user=ivy, rating=5, text="Great")
        Action.objects.create(
            event=past_event, owner=zed, session=chatham, text="read the notes",
            due_on=timezone.localdate(),
        )  # fmt: skip
    _publish_timetable(past_event, [chatham, off])
    return {"event": past_event, "sessions": [chatham, off], "zed": zed}


def _publish_timetable(event, sessions) -> None:
    room = Room.objects.create(event=event, name="Hall", capacity=30)
    slot = Slot.objects.create(
        event=event,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.starts_at + timedelta(hours=2),
    )
    other = Room.objects.create(event=event, name="Attic", capacity=30)
    placements = {sessions[0].pk: (room.pk, slot.pk), sessions[1].pk: (other.pk, slot.pk)}
    version_publish(version=version_create(event=event, placements=placements, origin="adjusted"))


def _surfaces(world: dict[str, Any]) -> list[str]:
    event = world["event"]
    slug = {"event_slug": event.slug}
    urls = [
        reverse("outcomes:programme", kwargs=slug),
        reverse("outcomes:export_json", kwargs=slug),
        reverse("outcomes:export_csv", kwargs=slug),
        reverse("outcomes:chapter_feed", kwargs={"chapter_slug": event.chapter.slug}),
        reverse("events:detail", kwargs={"slug": event.slug}),
        reverse("events:calendar", kwargs={"slug": event.slug}),
        reverse("chapters:feed", kwargs={"slug": event.chapter.slug}),
        reverse("chapters:calendar", kwargs={"slug": event.chapter.slug}),
        reverse("timetable:grid", kwargs=slug),
        reverse("timetable:board", kwargs=slug),
        reverse("timetable:now", kwargs=slug),
        reverse("timetable:schedule_ics", kwargs=slug),
        reverse("timetable:schedule_json", kwargs=slug),
        reverse("timetable:schedule_xml", kwargs=slug),
    ]
    for session in world["sessions"]:
        on = {**slug, "pk": session.pk}
        urls += [
            reverse("outcomes:notes", kwargs=on),
            reverse("outcomes:history", kwargs=on),
            reverse("outcomes:history", kwargs=on) + "?from=1&to=2",
        ]
    return urls


def _render_all(client: Client, urls: list[str]) -> str:
    parts = []
    for url in urls:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            parts.append(f"--- {url} {headers}\n{body.decode()}")
    return "\n".join(parts)


def _hits(text: str) -> list[str]:
    lowered = text.lower()
    return [needle for needle in _needles() if needle.lower() in lowered]


def test_no_participant_is_named_on_any_public_surface(leak_world):
    rendered = _render_all(Client(), _surfaces(leak_world))

    assert "Chatham House Rule" in rendered  # the pages really show these sessions
    assert "We agreed to share more" in rendered
    assert "Ask for help early." in rendered
    assert _hits(rendered) == []


def test_no_participant_is_named_to_a_signed_in_attendee_on_outcomes_pages(leak_world):
    client = Client()
    client.force_login(leak_world["zed"])
    outcomes_urls = [url for url in _surfaces(leak_world) if url.startswith("/outcomes/")]

    rendered = _render_all(client, outcomes_urls)

    assert _hits(rendered) == []


def test_off_the_record_notes_never_show(leak_world):
    rendered = _render_all(Client(), _surfaces(leak_world))

    assert "Things said in the room" not in rendered


def test_live_events_name_no_one(leak_world, published):
    assert published, "the writes published live events"
    assert _hits(repr(published)) == []


def test_an_email_to_someone_who_was_not_in_the_sessions_names_no_one(leak_world):
    services.send_due_reminders()

    (message,) = mail.outbox
    assert message.to == ["zed@example.org"]
    assert _hits(message.subject + message.body) == []


def test_the_outcomes_email_to_people_who_could_not_come_names_no_one(leak_world):
    from oneteam.outcomes.emails import send_outcomes_to_absentees

    sent = send_outcomes_to_absentees(event=leak_world["event"])

    assert sent == 5
    assert "zed@example.org" in [message.to[0] for message in mail.outbox]
    bodies = "\n".join(message.subject + message.body for message in mail.outbox)
    assert "Frank talk about budgets" in bodies
    assert _hits(bodies) == []


def test_organisers_still_see_who_wrote_chatham_house_notes(leak_world, client, organiser):
    chatham = leak_world["sessions"][0]
    client.force_login(organiser)
    url = reverse("outcomes:history", kwargs={"event_slug": chatham.event.slug, "pk": chatham.pk})

    page = client.get(url).content.decode()

    assert "Nadia Notetaker" in page
    assert "Hana Hostperson" in page


def test_the_search_would_find_a_name_on_an_open_session(leak_world, client):
    """The leak search can fail: opened up again, the same pages name people."""
    chatham = leak_world["sessions"][0]
    services.privacy_change(session=chatham, privacy=PrivacyMode.OPEN, confirmed=True)

    rendered = _render_all(Client(), _surfaces(leak_world))

    assert {"Hana Hostperson", "Nadia Notetaker"} <= set(_hits(rendered))
