"""The scheduling bridge puts the engine's findings (rule codes and ids) into words."""

from __future__ import annotations

import pytest

from oneteam.events.models import Slot
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import SessionPin
from oneteam.timetable.services.versions import publish_refusals
from tests.timetable.conftest import (
    GOOD_LAYOUT,
    GridWorld,
    Layout,
    make_version,
    placements_for,
)


def _words(w: GridWorld, layout: Layout, *, about: str = "") -> list[str]:
    built = adapter.event_problem(event=w.event)
    broken = adapter.broken_rules(built, placements_for(w, layout))
    return adapter.describe(
        broken, document=built.document, about=[w.sessions[k].pk for k in about]
    )


def test_a_rule_between_two_sessions_is_told_from_the_one_being_moved(
    grid_world: GridWorld,
) -> None:
    w = grid_world
    layout = dict(GOOD_LAYOUT, B=("studio", "ten"))  # Charlie hosts A and B, both at ten.
    assert _words(w, layout, about="A") == [
        "“Open policy” cannot go to 10:00: Charlie Data also hosts “Data for all” then."
    ]
    assert _words(w, layout, about="B") == [
        "“Data for all” cannot go to 10:00: Charlie Data also hosts “Open policy” then."
    ]


def test_two_shared_hosts_are_one_line_naming_both(grid_world: GridWorld) -> None:
    w = grid_world
    for key in "AB":
        w.sessions[key].hosts.add(w.people["alice"])
    [line] = _words(w, dict(GOOD_LAYOUT, B=("studio", "ten")), about="B")
    assert line in {
        f"“Data for all” cannot go to 10:00: {hosts} also host “Open policy” then."
        for hosts in ("Charlie Data and Alice Policy", "Alice Policy and Charlie Data")
    }


def test_a_session_off_both_its_pinned_room_and_slot_is_one_refusal(grid_world: GridWorld) -> None:
    w = grid_world
    SessionPin.objects.create(session=w.sessions["A"], room=w.rooms["hall"], slot=w.slots["ten"])
    # A, pinned to the Hall at 10:00, sits in the Studio at 13:00 (D makes room in the Hall):
    # off its pinned room and its pinned slot, two findings, one refusal.
    version = make_version(w, dict(GOOD_LAYOUT, A=("studio", "one"), D=("hall", "one")))
    assert publish_refusals(version=version) == [
        "“Open policy” is pinned to Hall at 10:00: unpin it before moving it."
    ]


def test_two_sessions_in_one_room_and_time(grid_world: GridWorld) -> None:
    w = grid_world
    assert _words(w, dict(GOOD_LAYOUT, C=("hall", "ten")), about="C") == [
        "“Service design” cannot go to Hall at 10:00: “Open policy” is there."
    ]


def test_pins_that_leave_a_session_no_room_are_refused_by_name(grid_world: GridWorld) -> None:
    w = grid_world
    # Four sessions with four different hosts pinned to 10:00, in three rooms.
    for key in "ACDE":
        SessionPin.objects.create(session=w.sessions[key], slot=w.slots["ten"])
    with pytest.raises(adapter.InvalidProblem) as refused:
        adapter.event_problem(event=w.event)
    [refusal] = refused.value.refusals
    titles = [w.sessions[k].title for k in "ACDE"]
    assert any(refusal.startswith(f"“{t}” cannot be pinned to 10:00: ") for t in titles)
    assert refusal.endswith("with the other pins, no room and time is left that meets it.")
    assert refused.value.messages == [refusal]


def test_a_pin_to_a_time_no_longer_in_the_grid_is_refused_without_ids(
    grid_world: GridWorld,
) -> None:
    w = grid_world
    # Pinned to 10:00, which has since become a break.
    SessionPin.objects.create(session=w.sessions["A"], slot=w.slots["ten"])
    w.slots["ten"].kind = Slot.Kind.BREAK
    w.slots["ten"].save(update_fields=["kind"])
    with pytest.raises(adapter.InvalidProblem) as refused:
        adapter.event_problem(event=w.event)
    assert refused.value.refusals == [
        "A pin or a placement uses a room or time that is no longer in the grid: check the pins "
        "and the rooms and times."
    ]
