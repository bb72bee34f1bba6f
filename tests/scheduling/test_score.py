from __future__ import annotations

import pytest

from oneteam.scheduling import Placement, ProblemError, evaluate, parse_problem, score, violations

from .conftest import problem_data


def P(room: str, slot: str) -> Placement:
    return Placement(room, slot)


def test_evaluate_three_sessions_in_one_slot_count_two_clashes() -> None:
    data = problem_data(
        rooms=[{"id": f"r{i}", "capacity": 10} for i in range(3)],
        interests={"a": ["s1", "s2", "s3"]},
    )
    for session in data["sessions"]:
        session["hosts"] = []
    problem = parse_problem(data)
    cost = evaluate(problem, {"s1": P("r0", "t1"), "s2": P("r1", "t1"), "s3": P("r2", "t1")})
    assert (cost.clashes, cost.overflow, cost.total) == (2, 0, 2)


def test_evaluate_host_counts_as_attending_own_session() -> None:
    # h1 hosts s1 and s3 and nobody lists them: demand still includes the host.
    problem = parse_problem(problem_data(interests={}))
    assert problem.demand() == {"s1": 1, "s2": 1, "s3": 1}
    cost = evaluate(problem, {"s1": P("small", "t1"), "s2": P("big", "t1"), "s3": P("big", "t2")})
    assert cost.total == 0


def test_evaluate_overflow_moves_and_unscheduled_use_weights() -> None:
    data = problem_data(
        interests={"a": ["s1"], "b": ["s1"], "c": ["s1"]},
        previous={"s1": {"room": "big", "slot": "t1"}, "s2": {"room": "big", "slot": "t2"}},
        weights={"overflow": 2, "move": 10, "unscheduled": 100},
    )
    problem = parse_problem(data)
    # s1 (demand 4: a, b, c and host h1) moved to the small room: overflow 3, one move;
    # s2 unscheduled: counts as unscheduled and as moved; s3 placed.
    cost = evaluate(problem, {"s1": P("small", "t1"), "s3": P("big", "t2")})
    assert (cost.overflow, cost.moves, cost.unscheduled) == (3, 2, 1)
    assert cost.total == 2 * 3 + 10 * 2 + 100 * 1


def test_violations_report_each_hard_rule() -> None:
    data = problem_data()
    data["sessions"][0]["pinned"] = {"slot": "t2"}
    data["sessions"][1].update(needs_step_free=True, unavailable_slots=["t1"])
    problem = parse_problem(data)
    found = violations(
        problem, {"s1": P("big", "t1"), "s2": P("small", "t1"), "s3": P("big", "t1")}
    )
    assert found == [
        "room \"big\" in slot \"t1\" holds 2 sessions: ['s1', 's3']",
        'assignments.s1.slot: pinned to slot "t2"',
        'assignments.s2.slot: session is unavailable in slot "t1"',
        'assignments.s2.room: room "small" is not step-free',
        "host \"h1\" has 2 sessions in slot \"t1\": ['s1', 's3']",
    ]


def test_score_valid_result_reports_cost() -> None:
    problem = parse_problem(problem_data())
    result = {
        "format": "oneteam.schedule/1",
        "assignments": {
            "s1": {"room": "big", "slot": "t1"},
            "s2": {"room": "big", "slot": "t2"},
            "s3": {"room": "small", "slot": "t2"},
        },
        "unscheduled": [],
    }
    report = score(problem, result)
    assert report.valid
    # s2 and s3 share slot t2 for attendee b: one clash; s3 demand 2 in capacity 1: overflow 1.
    assert report.to_json()["cost"] == {
        "total": 2,
        "clashes": 1,
        "overflow": 1,
        "moves": 0,
        "unscheduled": 0,
    }


def test_score_unknown_ids_in_result_raise() -> None:
    problem = parse_problem(problem_data())
    with pytest.raises(ProblemError) as caught:
        score(problem, {"assignments": {"s9": {"room": "big", "slot": "t1"}}})
    assert caught.value.messages == ['result.assignments.s9: no session with id "s9"']
