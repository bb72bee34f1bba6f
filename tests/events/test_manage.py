from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oneteam.chapters.models import ChecklistItem
from oneteam.events.models import Event, EventTask, Room, Slot
from tests.events.conftest import register

pytestmark = pytest.mark.django_db


def _event_data(**overrides) -> dict[str, object]:
    data = {
        "title": "One Team Wales",
        "format": "unconference",
        "description": "Bring a **pitch**.",
        "starts_at": "2030-06-01T09:30",
        "ends_at": "2030-06-01T17:00",
        "time_zone": "Europe/London",
        "venue_name": "Temple of Peace",
        "venue_address": "Cardiff",
        "venue_access": "Step-free entrance on the left",
        "capacity": "120",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "code_of_conduct_url": "",
        "default_privacy": "chatham_house",
    }
    return data | overrides


def _error_summary(response) -> str:
    body = response.content.decode()
    start = body.index('class="govuk-error-summary"')
    return body[start : body.index("</ul>", start)]


def test_event_create_makes_a_draft_with_times_in_its_time_zone(client, organiser, chapter):
    client.force_login(organiser)

    response = client.post(
        reverse("chapters:event_create", kwargs={"slug": chapter.slug}),
        _event_data(time_zone="America/New_York"),
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", kwargs={"slug": event.slug})
    assert event.status == Event.Status.DRAFT
    assert event.chapter == chapter
    assert event.starts_at == datetime(2030, 6, 1, 13, 30, tzinfo=UTC)  # 09:30 EDT
    assert event.default_privacy == "chatham_house"


def test_event_create_seeds_tasks_from_the_default_checklist(client, organiser, chapter):
    client.force_login(organiser)

    client.post(reverse("chapters:event_create", kwargs={"slug": chapter.slug}), _event_data())

    tasks = EventTask.objects.order_by("due_on")
    assert [task.area for task in tasks] == [
        "venue",
        "access",
        "comms",
        "volunteers",
        "catering",
        "pitching",
    ]
    assert tasks[0].due_on == datetime(2030, 6, 1).date() - timedelta(days=56)


def test_event_create_seeds_tasks_from_the_chapters_own_checklist(client, organiser, chapter):
    ChecklistItem.objects.create(chapter=chapter, title="Book the crypt", area="venue")
    client.force_login(organiser)

    client.post(reverse("chapters:event_create", kwargs={"slug": chapter.slug}), _event_data())

    assert list(EventTask.objects.values_list("title", flat=True)) == ["Book the crypt"]


def test_event_create_ending_before_it_starts_is_refused_naming_the_field(
    client, organiser, chapter
):
    client.force_login(organiser)

    response = client.post(
        reverse("chapters:event_create", kwargs={"slug": chapter.slug}),
        _event_data(ends_at="2030-06-01T08:00"),
    )

    assert response.status_code == 200
    assert '<a href="#id_ends_at">The event must end after it starts.</a>' in _error_summary(
        response
    )
    assert Event.objects.count() == 0


def test_event_edit_refused_leaves_the_event_unchanged(client, organiser, event):
    client.force_login(organiser)
    before = Event.objects.get(pk=event.pk)

    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        _event_data(capacity="0", title="Changed"),
    )

    assert response.status_code == 200
    assert "Capacity must be at least 1." in _error_summary(response)
    after = Event.objects.get(pk=event.pk)
    assert (after.title, after.capacity) == (before.title, before.capacity)


def test_event_edit_registration_closing_after_the_end_is_refused(client, organiser, event):
    client.force_login(organiser)

    response = client.post(
        reverse("events:edit", kwargs={"slug": event.slug}),
        _event_data(registration_closes_at="2030-06-02T10:00"),
    )

    assert '<a href="#id_registration_closes_at">' in _error_summary(response)


def test_event_edit_shows_stored_times_in_the_events_time_zone(client, organiser, event):
    event.time_zone = "Asia/Tokyo"
    event.starts_at = datetime(2030, 1, 1, 0, 0, tzinfo=UTC)
    event.ends_at = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
    event.save()
    client.force_login(organiser)

    response = client.get(reverse("events:edit", kwargs={"slug": event.slug}))

    assert 'value="2030-01-01T09:00"' in response.content.decode()


def test_event_publish_makes_a_draft_public(client, organiser, member, draft_event):
    url = reverse("events:detail", kwargs={"slug": draft_event.slug})
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(organiser)

    client.post(reverse("events:publish", kwargs={"slug": draft_event.slug}))

    client.force_login(member)
    assert client.get(url).status_code == 200


def test_event_cancel_get_changes_nothing_and_post_emails_registrants(
    client, organiser, member, event, django_capture_on_commit_callbacks
):
    register(event, member)
    client.force_login(organiser)
    url = reverse("events:cancel_event", kwargs={"slug": event.slug})

    client.get(url)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert [m.subject for m in mail.outbox] == ["[One Team] One Team London is cancelled"]


def test_room_with_zero_capacity_is_refused_naming_the_field(client, organiser, event):
    client.force_login(organiser)

    response = client.post(
        reverse("events:rooms", kwargs={"slug": event.slug}),
        {"name": "Cupboard", "capacity": "0", "step_free": "on", "notes": ""},
    )

    assert '<a href="#id_capacity">A room must hold at least 1 person.</a>' in _error_summary(
        response
    )
    assert Room.objects.count() == 0


def test_room_add_then_edit(client, organiser, event):
    client.force_login(organiser)
    client.post(
        reverse("events:rooms", kwargs={"slug": event.slug}),
        {"name": "Hall", "capacity": "80", "notes": ""},
    )
    room = Room.objects.get()

    client.post(
        reverse("events:room_edit", kwargs={"slug": event.slug, "pk": room.pk}),
        {"name": "Great hall", "capacity": "90", "step_free": "on", "notes": "Hearing loop"},
    )

    room.refresh_from_db()
    assert (room.name, room.capacity, room.step_free, room.notes) == (
        "Great hall",
        90,
        True,
        "Hearing loop",
    )


def test_room_with_a_name_already_used_is_refused(client, organiser, event):
    Room.objects.create(event=event, name="Hall", capacity=10)
    client.force_login(organiser)

    response = client.post(
        reverse("events:rooms", kwargs={"slug": event.slug}),
        {"name": "hall", "capacity": "10", "notes": ""},
    )

    assert "This event already has a room with this name." in _error_summary(response)
    assert Room.objects.count() == 1


def test_room_edit_refused_keeps_the_saved_name_in_the_heading(client, organiser, event):
    room = Room.objects.create(event=event, name="Hall", capacity=10)
    client.force_login(organiser)

    response = client.post(
        reverse("events:room_edit", kwargs={"slug": event.slug, "pk": room.pk}),
        {"name": "Great hall", "capacity": "0", "notes": ""},
    )

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Change Hall</h1>' in response.content.decode()
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Hall", 10)


def test_room_edit_reads_the_room_once(client, organiser, event):
    room = Room.objects.create(event=event, name="Hall", capacity=10)
    client.force_login(organiser)
    url = reverse("events:room_edit", kwargs={"slug": event.slug, "pk": room.pk})
    client.get(url)  # the first request of a sign-in also records it in the session

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    room_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "events_room"')]
    assert len(room_reads) == 1


def test_room_of_another_event_is_not_found(client, organiser, event, small_event):
    room = Room.objects.create(event=small_event, name="Hall", capacity=10)
    client.force_login(organiser)

    edit = client.get(reverse("events:room_edit", kwargs={"slug": event.slug, "pk": room.pk}))
    delete = client.post(reverse("events:room_delete", kwargs={"slug": event.slug, "pk": room.pk}))

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert Room.objects.filter(pk=room.pk).exists()


def test_room_delete_removes_it_and_says_so(client, organiser, event):
    room = Room.objects.create(event=event, name="Hall", capacity=10)
    client.force_login(organiser)

    response = client.post(
        reverse("events:room_delete", kwargs={"slug": event.slug, "pk": room.pk}), follow=True
    )

    assert Room.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == ["Room removed."]


def test_rooms_page_lists_only_this_events_rooms(client, organiser, event, small_event):
    Room.objects.create(event=event, name="Hall", capacity=10)
    Room.objects.create(event=small_event, name="Attic", capacity=5)
    client.force_login(organiser)

    response = client.get(reverse("events:rooms", kwargs={"slug": event.slug}))

    assert [room.name for room in response.context["rooms"]] == ["Hall"]


def _slot_event(event) -> Event:
    event.starts_at = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)  # 09:00 in London (BST)
    event.ends_at = datetime(2030, 6, 1, 16, 0, tzinfo=UTC)
    event.save()
    return event


def _ten_oclock_slot(event, **fields) -> Slot:
    """10:00 to 11:00 in London on the day of `_slot_event`."""
    return Slot.objects.create(
        event=event,
        starts_at=datetime(2030, 6, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 1, 10, 0, tzinfo=UTC),
        **fields,
    )


def test_slot_add_reads_times_in_the_events_time_zone(client, organiser, event):
    event = _slot_event(event)
    client.force_login(organiser)

    client.post(
        reverse("events:slots", kwargs={"slug": event.slug}),
        {"starts_at": "2030-06-01T10:00", "ends_at": "2030-06-01T11:00", "kind": "sessions"},
    )

    slot = Slot.objects.get()
    assert slot.starts_at == datetime(2030, 6, 1, 9, 0, tzinfo=UTC)


def test_slot_overlapping_another_is_refused(client, organiser, event):
    event = _slot_event(event)
    _ten_oclock_slot(event)
    client.force_login(organiser)

    response = client.post(
        reverse("events:slots", kwargs={"slug": event.slug}),
        {"starts_at": "2030-06-01T10:30", "ends_at": "2030-06-01T11:30", "kind": "break"},
    )

    assert (
        '<a href="#id_starts_at">The slot overlaps the slot from 1 June 2030, 10:00 to '
        "1 June 2030, 11:00.</a>"
    ) in _error_summary(response)
    assert Slot.objects.count() == 1


def test_slot_outside_the_event_is_refused(client, organiser, event):
    event = _slot_event(event)
    client.force_login(organiser)

    response = client.post(
        reverse("events:slots", kwargs={"slug": event.slug}),
        {"starts_at": "2030-06-01T16:30", "ends_at": "2030-06-01T17:30", "kind": "sessions"},
    )

    assert (
        '<a href="#id_ends_at">The slot must end when the event does (1 June 2030, 17:00) '
        "or earlier.</a>"
    ) in _error_summary(response)
    assert Slot.objects.count() == 0


def test_slot_edit_may_keep_its_own_time(client, organiser, event):
    event = _slot_event(event)
    slot = _ten_oclock_slot(event)
    client.force_login(organiser)

    response = client.post(
        reverse("events:slot_edit", kwargs={"slug": event.slug, "pk": slot.pk}),
        {
            "starts_at": "2030-06-01T10:00",
            "ends_at": "2030-06-01T11:00",
            "kind": "plenary",
            "label": "Opening",
        },
    )

    assert response.status_code == 302
    slot.refresh_from_db()
    assert (slot.kind, slot.label) == ("plenary", "Opening")


def test_slot_delete_removes_it_and_says_so(client, organiser, event):
    event = _slot_event(event)
    slot = _ten_oclock_slot(event)
    client.force_login(organiser)

    response = client.post(
        reverse("events:slot_delete", kwargs={"slug": event.slug, "pk": slot.pk}), follow=True
    )

    assert Slot.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == ["Time slot removed."]


def test_slot_edit_refused_leaves_the_slot_unchanged(client, organiser, event):
    event = _slot_event(event)
    slot = _ten_oclock_slot(event, label="Opening")
    client.force_login(organiser)

    response = client.post(
        reverse("events:slot_edit", kwargs={"slug": event.slug, "pk": slot.pk}),
        {
            "starts_at": "2030-06-01T16:30",
            "ends_at": "2030-06-01T17:30",
            "kind": "sessions",
            "label": "Late",
        },
    )

    assert response.status_code == 200
    assert "The slot must end when the event does" in _error_summary(response)
    slot.refresh_from_db()
    assert (slot.starts_at, slot.label) == (datetime(2030, 6, 1, 9, 0, tzinfo=UTC), "Opening")


def test_event_detail_renders_markdown_description_sanitised(client, event):
    event.description = "Hello **world** <script>alert(1)</script>"
    event.save()

    body = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()

    assert "<strong>world</strong>" in body
    assert "<script>alert(1)" not in body
