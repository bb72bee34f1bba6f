from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone

from oneteam.events.models import Room, Slot
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import SessionPin
from oneteam.timetable.services.pins import pin_clear, pin_set
from tests.timetable.conftest import refusal_message


def test_pin_to_room_and_slot_reaches_the_engine(grid_world, organiser):
    w = grid_world
    pin = pin_set(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"], by=organiser)
    assert (pin.room, pin.slot, pin.created_by) == (w.rooms["hall"], w.slots["ten"], organiser)
    entry = next(
        s
        for s in adapter.problem_document(event=w.event)["sessions"]
        if s["title"] == "Open policy"
    )
    assert entry["pinned"] == {"room": f"r{w.rooms['hall'].pk}", "slot": f"t{w.slots['ten'].pk}"}


def test_pin_replaces_the_previous_pin_and_clear_removes_it(grid_world, organiser):
    w = grid_world
    pin_set(session=w.sessions["A"], room=w.rooms["hall"], by=organiser)
    pin_set(session=w.sessions["A"], slot=w.slots["eleven"], by=organiser)
    pin = SessionPin.objects.get(session=w.sessions["A"])
    assert (pin.room, pin.slot) == (None, w.slots["eleven"])
    pin_clear(session=w.sessions["A"])
    assert not SessionPin.objects.filter(session=w.sessions["A"]).exists()


def test_pin_needs_a_room_or_a_slot(grid_world, organiser):
    message = refusal_message(lambda: pin_set(session=grid_world.sessions["A"], by=organiser))
    assert message == "Choose a room, a time or both to pin “Open policy” to."


def test_pin_in_an_unavailable_slot_is_refused(grid_world, organiser):
    w = grid_world
    w.sessions["A"].unavailable_slots.add(w.slots["ten"])
    message = refusal_message(
        lambda: pin_set(session=w.sessions["A"], slot=w.slots["ten"], by=organiser)
    )
    assert message == "“Open policy” cannot go to 10:00: its hosts cannot make that time."
    assert not SessionPin.objects.exists()


def test_pin_of_a_step_free_session_to_a_room_with_steps_is_refused(grid_world, organiser):
    w = grid_world
    message = refusal_message(
        lambda: pin_set(session=w.sessions["D"], room=w.rooms["attic"], by=organiser)
    )
    assert message == "“Digital leaders” cannot go to Attic: it needs a step-free room."


def test_pin_to_a_break_is_refused(grid_world, organiser):
    w = grid_world
    message = refusal_message(
        lambda: pin_set(session=w.sessions["A"], slot=w.slots["lunch"], by=organiser)
    )
    assert message == "“Open policy” cannot go to Lunch: it is not a time for sessions."


def test_pin_to_a_room_or_slot_of_another_event_is_refused(grid_world, organiser, small_event):
    w = grid_world
    room = Room.objects.create(event=small_event, name="Cafe", capacity=8)
    slot = Slot.objects.create(
        event=small_event, starts_at=small_event.starts_at, ends_at=small_event.ends_at, label="Tea"
    )
    message = refusal_message(
        lambda: pin_set(session=w.sessions["A"], room=room, slot=slot, by=organiser)
    )
    assert "“Open policy” cannot go to Cafe: it is a room of another event." in message
    assert "“Open policy” cannot go to Tea: it is a time of another event." in message


def test_two_pins_on_one_room_slot_are_refused_naming_both(grid_world, organiser):
    w = grid_world
    pin_set(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"], by=organiser)
    message = refusal_message(
        lambda: pin_set(
            session=w.sessions["C"], room=w.rooms["hall"], slot=w.slots["ten"], by=organiser
        )
    )
    assert (
        message
        == "“Service design” cannot be pinned to Hall at 10:00: “Open policy” is pinned there."
    )


def test_two_pinned_sessions_of_one_host_in_one_slot_are_refused(grid_world, organiser):
    w = grid_world
    pin_set(session=w.sessions["A"], slot=w.slots["ten"], by=organiser)
    message = refusal_message(
        lambda: pin_set(session=w.sessions["B"], slot=w.slots["ten"], by=organiser)
    )
    assert message == (
        "“Data for all” cannot be pinned to 10:00: “Open policy” is pinned then and shares a "
        "host (Charlie Data)."
    )
    assert list(SessionPin.objects.values_list("session__title", flat=True)) == ["Open policy"]


def test_pin_refusal_names_an_unlabelled_slot_in_the_events_time_zone(grid_world, organiser):
    """Outside any page (a worker, a command) the active zone is the default: the message
    must still read in the event's own time."""
    w = grid_world
    w.event.time_zone = "Pacific/Auckland"
    w.event.save(update_fields=["time_zone"])
    ten = w.slots["ten"]
    ten.label = ""
    ten.save(update_fields=["label"])
    w.sessions["A"].unavailable_slots.add(ten)
    local = timezone.localtime(ten.starts_at, ZoneInfo("Pacific/Auckland")).strftime("%H:%M")
    assert local != timezone.localtime(ten.starts_at).strftime("%H:%M")
    message = refusal_message(
        lambda: pin_set(session=w.sessions["A"], slot=Slot.objects.get(pk=ten.pk), by=organiser)
    )
    assert message == f"“Open policy” cannot go to {local}: its hosts cannot make that time."
