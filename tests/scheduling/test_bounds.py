"""The proven lower bounds never exceed the true optimum (checked against the exact model)."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneteam.scheduling import parse_problem
from oneteam.scheduling.bounds import lower_bound, pair_clash_bound
from oneteam.scheduling.exact import solve_exact
from oneteam.scheduling.instance import compile_problem

from .conftest import load


@st.composite
def grids(draw: st.DrawFn) -> dict[str, Any]:
    """Problems whose sessions fill every cell, or nearly: where the pair bound applies."""
    n_rooms = draw(st.integers(2, 3))
    n_slots = draw(st.integers(2, 3))
    n_sessions = n_rooms * n_slots - draw(st.sampled_from([0, 0, 1, 2]))
    people = [f"a{i}" for i in range(8)]
    sessions = [
        {"id": f"s{i}", "hosts": draw(st.lists(st.sampled_from(people), max_size=1))}
        for i in range(n_sessions)
    ]
    ids = [s["id"] for s in sessions]
    interests = {
        p: draw(st.lists(st.sampled_from(ids), min_size=1, max_size=5, unique=True)) for p in people
    }
    return {
        "rooms": [{"id": f"r{i}", "capacity": draw(st.integers(0, 6))} for i in range(n_rooms)],
        "slots": [{"id": f"t{i}"} for i in range(n_slots)],
        "sessions": sessions,
        "interests": interests,
        "weights": {"clash": draw(st.integers(1, 3)), "unscheduled": 1000},
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids())
def test_lower_bound_never_exceeds_the_exact_optimum(data) -> None:
    inst = compile_problem(parse_problem(data))
    found = solve_exact(inst, deadline=time.perf_counter() + 30, upper=float("inf"))
    assert found is not None
    cells, optimum, proven = found
    assert optimum == proven  # the exact model finished
    bound, _source = lower_bound(inst)
    assert bound <= optimum + 1e-9
    pairs = pair_clash_bound(inst)
    if pairs is not None and all(c >= 0 for c in cells):
        # The clash part alone: the optimum's clashes are at least the pair bound.
        clash = (optimum - sum(inst.place_cost(s, c) for s, c in enumerate(cells))) / inst.wc
        assert pairs <= clash + 1e-9


def test_pair_bound_proves_the_tiny_example_optimal(examples) -> None:
    inst = compile_problem(parse_problem(load(examples / "schedule-tiny.json")))
    bound, source = lower_bound(inst)
    assert bound == 3  # the proven optimum (test_solve)
    assert source.startswith("pair LP")


def test_pair_bound_is_tighter_than_pigeonhole_on_a_full_grid() -> None:
    # Four sessions in two slots of two rooms: some pair must share a slot. Everyone wants all
    # four, so any schedule loses two interests per attendee; pigeonhole sees no clash at all.
    data = {
        "rooms": [{"id": "r1", "capacity": 9}, {"id": "r2", "capacity": 9}],
        "slots": [{"id": "t1"}, {"id": "t2"}],
        "sessions": [{"id": f"s{i}"} for i in range(4)],
        "interests": {"a": ["s0", "s1", "s2", "s3"], "b": ["s0", "s1", "s2", "s3"]},
    }
    inst = compile_problem(parse_problem(data))
    assert pair_clash_bound(inst) == 4
    assert lower_bound(inst)[0] == 4
