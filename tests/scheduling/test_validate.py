from __future__ import annotations

import pytest

from oneteam.scheduling import ProblemError, parse_problem, parse_problem_text

from .conftest import load, problem_data


def errors_of(data: object) -> list[str]:
    with pytest.raises(ProblemError) as caught:
        parse_problem(data)
    return caught.value.messages


def test_parse_problem_valid_applies_defaults() -> None:
    problem = parse_problem(problem_data())
    assert [r.id for r in problem.rooms] == ["big", "small"]
    assert problem.sessions[0].needs_step_free is False
    assert problem.weights.move == 10
    assert problem.demand() == {"s1": 2, "s2": 3, "s3": 2}


def test_parse_problem_spec_invalid_example_names_exactly_five_problems(examples) -> None:
    messages = errors_of(load(examples / "schedule-invalid.json"))
    assert messages == [
        'rooms[1].id: duplicate id "r1"',
        "rooms[1].capacity: negative capacity -5",
        'sessions[0].pinned.room: no room with id "r9"',
        'sessions[1].unavailable_slots[0]: no slot with id "t7"',
        'interests.a3[1]: no session with id "s5"',
    ]


def test_parse_problem_pin_to_unavailable_slot_is_an_error() -> None:
    data = problem_data()
    data["sessions"][0].update(unavailable_slots=["t1"], pinned={"slot": "t1"})
    assert errors_of(data) == [
        'sessions[0].pinned.slot: pinned to slot "t1", which is in its unavailable_slots'
    ]


def test_parse_problem_step_free_session_pinned_to_stepped_room_is_an_error() -> None:
    data = problem_data()
    data["sessions"][1].update(needs_step_free=True, pinned={"room": "small"})
    assert errors_of(data) == [
        'sessions[1].pinned.room: room "small" is not step-free and the session needs '
        "step-free access"
    ]


def test_parse_problem_two_pins_on_one_room_slot_is_an_error() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"room": "big", "slot": "t1"}
    data["sessions"][1]["pinned"] = {"room": "big", "slot": "t1"}
    assert errors_of(data) == [
        'sessions[1].pinned: room "big" in slot "t1" is already pinned to sessions[0] ("s1")'
    ]


def test_parse_problem_cohosted_sessions_pinned_to_one_slot_is_an_error() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"slot": "t2"}
    data["sessions"][2]["pinned"] = {"slot": "t2"}
    (message,) = errors_of(data)
    assert message.startswith('sessions[2].pinned.slot: host "h1" also hosts sessions[0]')


def test_parse_problem_more_slot_pins_than_rooms_is_an_error() -> None:
    data = problem_data()
    for session in data["sessions"]:
        session["hosts"] = [session["id"] + "-host"]
        session["pinned"] = {"slot": "t1"}
    (message,) = errors_of(data)
    assert message.startswith("sessions[2].pinned: conflicts with other pins")


def test_parse_problem_unknown_references_are_named() -> None:
    data = problem_data(
        previous={"s9": {"room": "big", "slot": "t1"}, "s1": {"room": "gone", "slot": "t3"}}
    )
    data["sessions"][0]["pinned"] = {"slot": "t9"}
    assert errors_of(data) == [
        'sessions[0].pinned.slot: no slot with id "t9"',
        'previous.s9: no session with id "s9"',
        'previous.s1.room: no room with id "gone"',
        'previous.s1.slot: no slot with id "t3"',
    ]


def test_parse_problem_bad_types_and_weights_are_errors() -> None:
    data = problem_data(weights={"clash": -1, "speed": 2})
    data["rooms"][0]["capacity"] = "ten"
    data["sessions"][0]["hosts"] = "h1"
    assert errors_of(data) == [
        "rooms[0].capacity: expected a whole number",
        "sessions[0].hosts: expected a list of attendee ids",
        "weights.clash: expected a non-negative number, got -1",
        "weights.speed: unknown weight (clash, overflow, move, unscheduled)",
    ]


def test_parse_problem_text_malformed_json_is_one_error() -> None:
    with pytest.raises(ProblemError) as caught:
        parse_problem_text('{"rooms": [')
    assert len(caught.value.messages) == 1
    assert caught.value.messages[0].startswith("problem: malformed JSON")


def test_parse_problem_not_an_object_is_an_error() -> None:
    assert errors_of([1, 2]) == ["problem: expected a JSON object"]
