"""Before a build: where the step-free rooms cannot take every session that needs one."""

from __future__ import annotations

from typing import Any

from oneteam.scheduling import Rule, parse_problem
from oneteam.scheduling.analysis import step_free_shortages


def _problem(sessions: list[dict[str, Any]], *, hall_step_free: bool = True) -> Any:
    return parse_problem(
        {
            "format": "oneteam.schedule-problem/1",
            "rooms": [
                {"id": "hall", "capacity": 30, "step_free": hall_step_free},
                {"id": "attic", "capacity": 8, "step_free": False},
            ],
            "slots": [{"id": "t1"}, {"id": "t2"}],
            "sessions": sessions,
            "interests": {},
        }
    )


def test_enough_step_free_places_is_no_shortage() -> None:
    problem = _problem([{"id": f"s{k}", "needs_step_free": True} for k in range(2)])
    assert step_free_shortages(problem) == []


def test_sessions_held_to_one_slot_beyond_its_step_free_rooms_are_short_there() -> None:
    held = {"needs_step_free": True, "unavailable_slots": ["t2"]}
    problem = _problem([{"id": "a", **held}, {"id": "b", **held}, {"id": "c"}])

    found = step_free_shortages(problem)

    assert [(v.rule, v.sessions, v.slot) for v in found] == [
        (Rule.STEP_FREE_SHORT, ("a", "b"), "t1"),
        (Rule.STEP_FREE_SHORT, ("b", "a"), "t1"),
    ]
    assert found[0].message == (
        'sessions[0].needs_step_free: 2 sessions need a step-free room in slot "t1", '
        "with 1 step-free rooms"
    )


def test_more_such_sessions_than_step_free_places_in_the_day_are_short_over_it() -> None:
    problem = _problem([{"id": f"s{k}", "needs_step_free": True} for k in range(3)])

    found = step_free_shortages(problem)

    assert [(v.sessions, v.slot) for v in found] == [
        (("s0", "s1", "s2"), None),
        (("s1", "s0", "s2"), None),
        (("s2", "s0", "s1"), None),
    ]


def test_without_a_step_free_room_every_such_session_is_short() -> None:
    problem = _problem([{"id": "a", "needs_step_free": True}, {"id": "b"}], hall_step_free=False)

    assert [(v.sessions, v.slot) for v in step_free_shortages(problem)] == [(("a",), None)]
