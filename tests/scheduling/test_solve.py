from __future__ import annotations

import random

from oneteam.scheduling import evaluate, parse_problem, solve, violations
from oneteam.scheduling.instance import compile_problem
from oneteam.scheduling.search import State, anneal, greedy

from .conftest import load, problem_data


def test_solve_tiny_example_finds_proven_optimum_three(examples) -> None:
    problem = parse_problem(load(examples / "schedule-tiny.json"))
    result = solve(problem, time_limit=30)  # stops as soon as the optimum is proven
    assert result.cost.total == 3
    assert (result.cost.clashes, result.cost.overflow) == (3, 0)
    assert result.lower_bound == 3
    assert result.solver.optimal is True
    assert violations(problem, result.assignments) == []


def test_solve_repair_example_keeps_schedule_and_places_late_pitch(examples) -> None:
    problem = parse_problem(load(examples / "schedule-repair.json"))
    result = solve(problem, time_limit=30)  # stops as soon as the optimum is proven
    assert (result.cost.total, result.cost.moves, result.cost.unscheduled) == (5, 0, 0)
    assert result.solver.optimal is True
    assert "s7" in result.assignments
    for sid, place in problem.previous.items():
        assert result.assignments[sid] == place


def test_solve_without_exact_model_still_reaches_tiny_optimum(examples) -> None:
    problem = parse_problem(load(examples / "schedule-tiny.json"))
    result = solve(problem, time_limit=1, exact=False)
    assert result.cost.total == 3
    assert result.lower_bound is not None and result.lower_bound <= 3


def test_solve_more_sessions_than_cells_lists_unscheduled_with_reason() -> None:
    data = problem_data(rooms=[{"id": "only", "capacity": 5}])
    result = solve(parse_problem(data), time_limit=1)
    assert result.cost.unscheduled == 1
    assert len(result.unscheduled) == 1
    assert result.unscheduled[0].reason == "no room free in an available slot"
    assert result.lower_bound == 1000


def test_solve_session_with_no_possible_cell_is_unscheduled() -> None:
    data = problem_data()
    data["sessions"][1]["unavailable_slots"] = ["t1", "t2"]
    result = solve(parse_problem(data), time_limit=1)
    assert [u.session for u in result.unscheduled] == ["s2"]
    assert "availability" in result.unscheduled[0].reason


def test_solve_same_seed_gives_same_schedule() -> None:
    data = problem_data(
        rooms=[{"id": f"r{i}", "capacity": 2 + i} for i in range(3)],
        slots=[{"id": f"t{i}"} for i in range(4)],
        sessions=[{"id": f"s{i}", "hosts": [f"h{i % 5}"]} for i in range(10)],
        interests={f"a{i}": [f"s{(i * 3 + k) % 10}" for k in range(4)] for i in range(12)},
    )
    problem = parse_problem(data)
    # A fixed evaluation budget and a generous clock: the budget, not the clock, ends both runs.
    first = solve(problem, time_limit=60, seed=7, exact=False, evals=20_000)
    second = solve(problem, time_limit=60, seed=7, exact=False, evals=20_000)
    assert first.solver.iterations == second.solver.iterations == 20_000
    assert first.assignments == second.assignments


def test_solve_reports_progress() -> None:
    seen: list[tuple[float, float, str]] = []
    solve(parse_problem(problem_data()), time_limit=1, progress=lambda *a: seen.append(a))
    assert seen[0][2] == "greedy start"
    assert seen[-1][0] == 1.0


def test_state_incremental_cost_matches_recount_after_random_moves() -> None:
    data = problem_data(
        rooms=[{"id": f"r{i}", "capacity": 3 * i} for i in range(3)],
        slots=[{"id": f"t{i}"} for i in range(3)],
        sessions=[{"id": f"s{i}", "hosts": [f"h{i % 4}"]} for i in range(8)],
        interests={
            f"a{i}": [f"s{(i * 5 + k * 3) % 8}" for k in range(3 + i % 3)] for i in range(15)
        },
    )
    problem = parse_problem(data)
    inst = compile_problem(problem)
    state = State(inst)
    greedy(state)
    rng = random.Random(3)
    for _ in range(20):
        anneal(state, rng, 50, 5.0, 5.0, deadline=float("inf"))
        placed = {
            inst.session_ids[s]: inst.placement(c) for s, c in enumerate(state.cell) if c >= 0
        }
        assert state.total == evaluate(problem, placed).total
        assert violations(problem, placed) == []


def test_solve_two_worker_processes_return_valid_true_cost() -> None:
    data = problem_data(
        rooms=[{"id": f"r{i}", "capacity": 4 + 3 * i} for i in range(4)],
        slots=[{"id": f"t{i}"} for i in range(9)],
        sessions=[{"id": f"s{i}", "hosts": [f"h{i % 25}"]} for i in range(32)],
        interests={f"a{i}": [f"s{(i * 7 + k * 5) % 32}" for k in range(5)] for i in range(60)},
    )
    problem = parse_problem(data)
    result = solve(problem, time_limit=4, seed=2, workers=2)
    assert "x2 processes" in result.solver.name
    assert violations(problem, result.assignments) == []
    assert result.cost == evaluate(problem, result.assignments)
