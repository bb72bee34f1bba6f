"""Broken hard rules as data: a rule code and the ids involved, beside the CLI's line."""

from __future__ import annotations

from typing import Any

import pytest

from oneteam.scheduling import (
    Placement,
    ProblemError,
    Rule,
    Violation,
    broken_rules,
    parse_problem,
    score,
    violations,
)

from .conftest import problem_data


def P(room: str, slot: str) -> Placement:
    return Placement(room, slot)


def pin_errors(data: dict[str, Any]) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        parse_problem(data)
    return caught.value


def test_broken_rules_give_each_rule_its_code_and_ids_with_the_clis_line() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"room": "big", "slot": "t2"}
    data["sessions"][1].update(needs_step_free=True, unavailable_slots=["t1"])
    problem = parse_problem(data)
    placed = {"s1": P("big", "t1"), "s2": P("small", "t1"), "s3": P("big", "t1")}

    found = broken_rules(problem, placed)

    assert [(v.rule, v.sessions, v.room, v.slot, v.host) for v in found] == [
        (Rule.ROOM_SLOT_SHARED, ("s1", "s3"), "big", "t1", None),
        # The pin rules carry the pin, not the placement.
        (Rule.PINNED_SLOT, ("s1",), "big", "t2", None),
        (Rule.UNAVAILABLE_SLOT, ("s2",), None, "t1", None),
        (Rule.NOT_STEP_FREE, ("s2",), "small", None, None),
        (Rule.HOST_CLASH, ("s1", "s3"), None, "t1", "h1"),
    ]
    assert not any(v.pinned for v in found)
    assert [v.message for v in found] == violations(problem, placed)


def test_score_report_keeps_the_data_out_of_its_json() -> None:
    problem = parse_problem(problem_data())
    report = score(
        problem,
        {
            "assignments": {
                "s1": {"room": "big", "slot": "t1"},
                "s3": {"room": "small", "slot": "t1"},
            }
        },
    )
    assert [v.rule for v in report.broken] == [Rule.HOST_CLASH]
    assert report.violations == [str(v) for v in report.broken]
    assert set(report.to_json()) == {"valid", "cost", "violations"}


def test_conflicting_pins_are_input_errors_with_data() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"room": "big", "slot": "t1"}
    data["sessions"][2]["pinned"] = {"room": "big", "slot": "t1"}

    error = pin_errors(data)

    assert error.violations == [
        Violation(
            Rule.ROOM_SLOT_SHARED,
            ("s3", "s1"),
            'sessions[2].pinned: room "big" in slot "t1" is already pinned to sessions[0] ("s1")',
            room="big",
            slot="t1",
            pinned=True,
        ),
        Violation(
            Rule.HOST_CLASH,
            ("s3", "s1"),
            'sessions[2].pinned.slot: host "h1" also hosts sessions[0] ("s1"), pinned to the '
            'same slot "t1"',
            slot="t1",
            host="h1",
            pinned=True,
        ),
    ]
    assert error.messages == [v.message for v in error.violations]


def test_pin_to_an_unavailable_slot_or_stepped_room_is_data_too() -> None:
    data = problem_data()
    data["sessions"][0].update(unavailable_slots=["t1"], pinned={"slot": "t1"})
    data["sessions"][1].update(needs_step_free=True, pinned={"room": "small"})

    error = pin_errors(data)

    assert [(v.rule, v.sessions, v.room, v.slot, v.pinned) for v in error.violations] == [
        (Rule.UNAVAILABLE_SLOT, ("s1",), None, "t1", True),
        (Rule.NOT_STEP_FREE, ("s2",), "small", None, True),
    ]


def test_pins_that_leave_no_room_slot_name_the_session_and_its_pin() -> None:
    data = problem_data()
    for session in data["sessions"]:
        session["hosts"] = [session["id"] + "-host"]
        session["pinned"] = {"slot": "t1"}

    (violation,) = pin_errors(data).violations

    assert (violation.rule, violation.sessions, violation.room, violation.slot) == (
        Rule.PINS_UNMET,
        ("s3",),
        None,
        "t1",
    )


def test_an_input_error_that_breaks_no_rule_has_no_data() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"room": "r9"}

    error = pin_errors(data)

    assert error.messages == ['sessions[0].pinned.room: no room with id "r9"']
    assert error.violations == []
