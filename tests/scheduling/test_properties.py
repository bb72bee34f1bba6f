"""Property tests: on random valid problems every result keeps every hard rule, and the cost
the solver reports equals an independent recount."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneteam.scheduling import ProblemError, evaluate, parse_problem, solve, violations


@st.composite
def problems(draw: st.DrawFn) -> dict[str, Any]:
    n_rooms = draw(st.integers(1, 4))
    n_slots = draw(st.integers(1, 4))
    n_sessions = draw(st.integers(0, 12))
    rooms = [
        {"id": f"r{i}", "capacity": draw(st.integers(0, 8)), "step_free": draw(st.booleans())}
        for i in range(n_rooms)
    ]
    slot_ids = [f"t{i}" for i in range(n_slots)]
    hosts = st.lists(st.sampled_from([f"a{i}" for i in range(6)]), max_size=2, unique=True)
    sessions = []
    for i in range(n_sessions):
        session: dict[str, Any] = {
            "id": f"s{i}",
            "hosts": draw(hosts),
            "needs_step_free": draw(st.booleans()),
            "unavailable_slots": draw(st.lists(st.sampled_from(slot_ids), max_size=2, unique=True)),
        }
        pin = draw(st.sampled_from(["none", "none", "none", "room", "slot", "both"]))
        if pin in ("room", "both"):
            session.setdefault("pinned", {})["room"] = draw(st.sampled_from(rooms))["id"]
        if pin in ("slot", "both"):
            session.setdefault("pinned", {})["slot"] = draw(st.sampled_from(slot_ids))
        sessions.append(session)
    session_ids = [s["id"] for s in sessions]
    interests = {}
    if session_ids:
        for a in range(draw(st.integers(0, 15))):
            interests[f"a{a}"] = draw(st.lists(st.sampled_from(session_ids), max_size=6))
    data: dict[str, Any] = {
        "rooms": rooms,
        "slots": [{"id": t} for t in slot_ids],
        "sessions": sessions,
        "interests": interests,
    }
    if session_ids and draw(st.booleans()):
        data["previous"] = {
            sid: {
                "room": draw(st.sampled_from(rooms))["id"],
                "slot": draw(st.sampled_from(slot_ids)),
            }
            for sid in draw(st.lists(st.sampled_from(session_ids), max_size=4, unique=True))
        }
    if draw(st.booleans()):
        data["weights"] = {
            "clash": draw(st.integers(0, 3)),
            "overflow": draw(st.integers(0, 3)),
            "move": draw(st.integers(0, 20)),
            "unscheduled": 50,
        }
    return data


def _valid(data: dict[str, Any]):
    try:
        return parse_problem(data)
    except ProblemError:
        return None  # random pins may conflict: that is an input error, not a solver case


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.booleans())
def test_solve_random_problem_keeps_hard_rules_and_reports_true_cost(data, exact) -> None:
    problem = _valid(data)
    if problem is None:
        return
    result = solve(problem, time_limit=0.3, seed=1, exact=exact)
    assert violations(problem, result.assignments) == []
    recount = evaluate(problem, result.assignments)
    assert result.cost == recount
    assert result.to_json()["cost"]["total"] == recount.to_json()["total"]
    unplaced = {s.id for s in problem.sessions} - set(result.assignments)
    assert {u.session for u in result.unscheduled} == unplaced
    assert result.lower_bound is not None and result.lower_bound <= recount.total + 1e-9
    if result.solver.optimal:
        assert result.lower_bound >= recount.total - 1e-9
    for session in problem.sessions:
        place = result.assignments.get(session.id)
        if place is not None and session.pinned_slot:
            assert place.slot == session.pinned_slot


@settings(max_examples=25, deadline=None)
@given(problems())
def test_exact_and_annealing_agree_on_small_random_problems(data) -> None:
    problem = _valid(data)
    if problem is None or len(problem.sessions) > 7:
        return
    exact = solve(problem, time_limit=2, seed=0)
    if not exact.solver.optimal:
        return
    heuristic = solve(problem, time_limit=0.5, seed=0, exact=False)
    assert heuristic.cost.total >= exact.cost.total - 1e-9
    assert heuristic.lower_bound <= exact.cost.total + 1e-9
