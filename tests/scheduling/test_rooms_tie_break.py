"""When room choices cost the same, the engine prefers step-free rooms, then larger ones, then
the problem's order of rooms (docs/scheduling.md, "How ties are broken")."""

from __future__ import annotations

from typing import Any

import pytest

from oneteam.scheduling import parse_problem, solve
from oneteam.scheduling.instance import compile_problem
from oneteam.scheduling.rooms import prefer_rooms, room_preference
from oneteam.scheduling.search import State


def attic_problem(**overrides: Any) -> dict[str, Any]:
    """3 sessions, 3 slots, a 30-seat step-free hall and an 8-seat attic up the stairs: few
    enough sessions that every one fits the attic, so room cost never decides."""
    data: dict[str, Any] = {
        "format": "oneteam.schedule-problem/1",
        "rooms": [
            {"id": "attic", "name": "Attic", "capacity": 8, "step_free": False},
            {"id": "hall", "name": "Hall", "capacity": 30, "step_free": True},
        ],
        "slots": [{"id": "t1"}, {"id": "t2"}, {"id": "t3"}],
        "sessions": [
            {"id": "s1", "hosts": ["h1"]},
            {"id": "s2", "hosts": ["h2"]},
            {"id": "s3", "hosts": ["h3"]},
        ],
        "interests": {"a1": ["s1", "s2", "s3"], "a2": ["s1", "s2"]},
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_solve_few_sessions_go_to_the_step_free_hall_not_the_attic(exact: bool, seed: int) -> None:
    problem = parse_problem(attic_problem())

    result = solve(problem, time_limit=2, seed=seed, exact=exact)

    assert {sid: p.room for sid, p in result.assignments.items()} == {
        "s1": "hall",
        "s2": "hall",
        "s3": "hall",
    }
    assert result.cost.total == 0


def test_solve_tie_break_keeps_the_cost_when_the_hall_is_needed_twice_over() -> None:
    # One slot, two sessions: the busier one (13 people) takes the hall, the other the attic;
    # the preference never buys a better room with overflow.
    data = attic_problem(
        slots=[{"id": "t1"}],
        sessions=[{"id": "s1", "hosts": ["h1"]}, {"id": "s2", "hosts": ["h2"]}],
        interests={f"a{k}": ["s2"] for k in range(12)},
    )
    result = solve(parse_problem(data), time_limit=2, seed=0)

    assert {sid: p.room for sid, p in result.assignments.items()} == {
        "s1": "attic",
        "s2": "hall",
    }
    assert result.cost.overflow == 0


def test_room_preference_ranks_step_free_then_larger_then_listed_order() -> None:
    data = attic_problem(
        rooms=[
            {"id": "attic", "capacity": 8, "step_free": False},
            {"id": "annexe", "capacity": 20, "step_free": True},
            {"id": "loft", "capacity": 40, "step_free": False},
            {"id": "hall", "capacity": 30, "step_free": True},
            {"id": "hall2", "capacity": 30, "step_free": True},
        ]
    )
    inst = compile_problem(parse_problem(data))

    rank = room_preference(inst)

    by_rank = sorted(inst.room_ids, key=lambda r: rank[inst.room_ids.index(r)])
    assert by_rank == ["hall", "hall2", "annexe", "loft", "attic"]


def test_prefer_rooms_moves_equal_cost_sessions_and_keeps_the_cost() -> None:
    inst = compile_problem(parse_problem(attic_problem()))
    state = State(inst)
    attic = inst.room_ids.index("attic")
    for s in range(inst.S):  # every session in the attic, one per slot: cost 0 already
        state.move(s, s * inst.R + attic)
    before = state.total

    prefer_rooms(state)

    assert [inst.room_ids[c % inst.R] for c in state.cell] == ["hall", "hall", "hall"]
    assert [c // inst.R for c in state.cell] == [0, 1, 2]  # slots unchanged
    assert state.total == before


def test_prefer_rooms_never_moves_a_published_session_for_a_better_room() -> None:
    # In a repair, moving costs: s1 stays in the attic where the published grid has it.
    data = attic_problem(previous={"s1": {"room": "attic", "slot": "t1"}})
    inst = compile_problem(parse_problem(data))
    state = State(inst)
    state.move(0, inst.cell_of(parse_problem(data).previous["s1"]))
    before = state.total

    prefer_rooms(state)

    assert inst.room_ids[state.cell[0] % inst.R] == "attic"
    assert state.total == before


def test_prefer_rooms_keeps_rooms_when_weights_are_not_whole_numbers() -> None:
    data = attic_problem(weights={"clash": 1, "overflow": 0.5, "move": 10, "unscheduled": 1000})
    data["interests"] = {f"a{k}": ["s1"] for k in range(10)}
    inst = compile_problem(parse_problem(data))
    state = State(inst)
    attic = inst.room_ids.index("attic")
    state.move(0, attic)  # 11 people in 8 seats: overflow 3 x 0.5
    state.move(1, inst.R + attic)

    prefer_rooms(state)

    # s1's cost in the attic (1.5) is not a whole number: its slot keeps its rooms; s2's slot
    # costs 0 in either room and moves to the hall.
    assert inst.room_ids[state.cell[0] % inst.R] == "attic"
    assert inst.room_ids[state.cell[1] % inst.R] == "hall"


def test_solve_tie_break_is_deterministic_per_seed() -> None:
    data = attic_problem(
        rooms=[{"id": f"r{k}", "capacity": 5 + k, "step_free": k % 2 == 0} for k in range(4)],
        slots=[{"id": f"t{k}"} for k in range(3)],
        sessions=[{"id": f"s{k}", "hosts": [f"h{k}"]} for k in range(7)],
        interests={f"a{k}": [f"s{k % 7}", f"s{(k * 3) % 7}"] for k in range(20)},
    )
    problem = parse_problem(data)

    runs = [solve(problem, time_limit=1, seed=3, exact=False).to_json() for _ in range(2)]

    assert runs[0]["assignments"] == runs[1]["assignments"]
    assert runs[0]["cost"] == runs[1]["cost"]
