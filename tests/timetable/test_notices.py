from __future__ import annotations

from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils.formats import date_format

from oneteam.timetable.models import ScheduleChange
from oneteam.timetable.selectors import current_version
from oneteam.timetable.services import notices
from oneteam.timetable.services.versions import version_publish
from tests.timetable.conftest import GOOD_LAYOUT, make_version, publish_layout

# A moves from the Hall to the Studio; E leaves the grid; the rest stay put.
NEXT = {k: v for k, v in GOOD_LAYOUT.items() if k != "E"} | {"A": ("studio", "ten")}


def _publish_two(world, capture, first=GOOD_LAYOUT, second=NEXT):
    publish_layout(world, first)
    mail.outbox.clear()
    second_version = make_version(world, second)
    with capture(execute=True):
        version_publish(version=second_version)
    return second_version


def _when(world, slot_key: str) -> str:
    slot = world.slots[slot_key]
    local = slot.starts_at.astimezone(ZoneInfo(world.event.time_zone))
    return date_format(local, "l j F, H:i")


def test_hosts_and_interested_people_of_moved_or_dropped_sessions_get_a_notice(
    grid_world, django_capture_on_commit_callbacks
):
    w = grid_world
    version = _publish_two(w, django_capture_on_commit_callbacks)

    found = {(c.user_id, c.session_id) for c in ScheduleChange.objects.filter(version=version)}
    a, e = w.sessions["A"].pk, w.sessions["E"].pk
    # A: hosted by Charlie, marked by Alice, Eve and Bea. E: hosted by Dan.
    assert found == {
        (w.people["charlie"].pk, a),
        (w.people["alice"].pk, a),
        (w.people["eve"].pk, a),
        (w.people["bea"].pk, a),
        (w.people["dan"].pk, e),
    }
    moved = ScheduleChange.objects.get(version=version, session_id=a, user=w.people["alice"])
    assert (moved.from_room, moved.from_slot) == (w.rooms["hall"], w.slots["ten"])
    assert (moved.to_room, moved.to_slot) == (w.rooms["studio"], w.slots["ten"])
    dropped = ScheduleChange.objects.get(version=version, session_id=e)
    assert (dropped.to_room, dropped.to_slot) == (None, None)


def test_each_person_gets_one_email_listing_their_changes(
    grid_world, django_capture_on_commit_callbacks
):
    w = grid_world
    _publish_two(w, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        w.people[p].email for p in ("alice", "bea", "charlie", "dan", "eve")
    )
    to_alice = next(m for m in mail.outbox if m.to == [w.people["alice"].email])
    assert to_alice.subject == f"[One Team] Sessions you follow at {w.event.title} have moved"
    assert "- Open policy\n" in to_alice.body
    assert f"Was: {_when(w, 'ten')}, Hall\n" in to_alice.body
    assert f"Now: {_when(w, 'ten')}, Studio\n" in to_alice.body
    assert "Delivery myths" not in to_alice.body
    assert f"Times are in {w.event.time_zone}." in to_alice.body
    to_dan = next(m for m in mail.outbox if m.to == [w.people["dan"].email])
    assert "- Delivery myths\n" in to_dan.body
    assert "Now: no longer in the grid" in to_dan.body


def test_no_notice_when_nothing_moved_or_only_sessions_were_added(
    grid_world, django_capture_on_commit_callbacks
):
    w = grid_world
    without_e = {k: v for k, v in GOOD_LAYOUT.items() if k != "E"}
    version = _publish_two(
        w, django_capture_on_commit_callbacks, first=without_e, second=GOOD_LAYOUT
    )

    assert not ScheduleChange.objects.filter(version=version).exists()
    assert mail.outbox == []


def test_a_mail_outage_does_not_undo_the_publish(
    grid_world, django_capture_on_commit_callbacks, monkeypatch
):
    def down(messages):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr(
        notices, "mailers", SimpleNamespace(default=SimpleNamespace(send_messages=down))
    )
    w = grid_world
    version = _publish_two(w, django_capture_on_commit_callbacks)

    assert current_version(event=w.event) == version
    assert ScheduleChange.objects.filter(version=version).count() == 5
    assert mail.outbox == []


def test_notify_moves_twice_records_each_notice_once(grid_world):
    w = grid_world
    first, second = make_version(w, GOOD_LAYOUT), make_version(w, NEXT)
    notices.notify_moves(previous=first, version=second)
    notices.notify_moves(previous=first, version=second)
    assert ScheduleChange.objects.filter(version=second).count() == 5
