from __future__ import annotations

import random
from typing import Any

from oneteam.pairing import parse_problem, solve

from .conftest import member, problem_data
from .reference import broken_rules, recount


def generated(n: int, seed: int = 0) -> dict[str, Any]:
    """A mid-sized round: skewed disciplines, six chapters, 30% in person, 8 past pairs each."""
    rng = random.Random(seed)
    disciplines = ["policy"] * 8 + ["digital"] * 4 + ["data"] * 3 + ["design"] * 2 + ["other"]
    members = [
        member(f"m{i}", rng.choice(disciplines), f"c{rng.randrange(6)}", rng.random() < 0.3)
        for i in range(n)
    ]
    history: set[tuple[int, int]] = set()
    while len(history) < 8 * n:
        a, b = rng.sample(range(n), 2)
        history.add((min(a, b), max(a, b)))
    return problem_data(members, history=[[f"m{a}", f"m{b}"] for a, b in sorted(history)])


def test_solve_mid_sized_round_places_everyone_and_reaches_cross_bound() -> None:
    data = generated(2000)
    problem = parse_problem(data)
    result = solve(problem, seed=1).to_json()
    assert broken_rules(data, result) == []
    assert result["score"] == recount(data, result["groups"])
    assert result["score"]["matched"] == 2000
    assert result["score"]["cross"] >= 0.99 * problem.cross_bound()
    assert sum(1 for g in result["groups"] if len(g) == 3) == 0


def test_solve_dominant_discipline_keeps_cross_at_its_bound() -> None:
    members = [member(f"p{i}", "policy", "x") for i in range(70)]
    members += [member(f"d{i}", "digital", "x") for i in range(30)]
    problem = parse_problem(problem_data(members))
    result = solve(problem).to_json()
    assert problem.cross_bound() == 30
    assert result["score"]["cross"] == 30
    assert result["score"]["matched"] == 100


def test_solve_odd_round_uses_exactly_one_trio() -> None:
    data = generated(501, seed=2)
    result = solve(parse_problem(data)).to_json()
    assert result["score"]["matched"] == 501
    assert sorted(len(g) for g in result["groups"]).count(3) == 1
    assert broken_rules(data, result) == []


def test_solve_names_why_members_cannot_be_placed() -> None:
    members = [member(f"m{i}", "policy" if i % 2 else "data", "x") for i in range(20)]
    members += [member("alone", "design", "island", in_person=True), member("seen", "data", "x")]
    history = [["seen", m["id"]] for m in members if m["id"] not in {"seen", "alone"}]
    result = solve(parse_problem(problem_data(members, history=history))).to_json()
    assert result["unmatched"] == [
        {
            "member": "alone",
            "reason": "alone meets only in person, and no one else from island is taking part",
        },
        {
            "member": "seen",
            "reason": "every possible partner already met seen or must not be grouped with them",
        },
    ]
    assert result["score"]["matched"] == 20


def test_solve_in_person_members_only_meet_their_chapter() -> None:
    data = generated(600, seed=3)
    result = solve(parse_problem(data), seed=5).to_json()
    people = {m["id"]: m for m in data["members"]}
    for group in result["groups"]:
        if any(people[i]["in_person"] for i in group):
            assert len({people[i]["chapter"] for i in group}) == 1
    assert result["score"]["matched"] == 600


def test_solve_empty_and_single_member_rounds() -> None:
    assert solve(parse_problem(problem_data([]))).to_json()["groups"] == []
    one = solve(parse_problem(problem_data([member("a", "policy", "x")]))).to_json()
    assert one["unmatched"] == [{"member": "a", "reason": "no one else is taking part"}]


def test_solve_members_who_all_met_each_other_take_the_few_others_they_may_meet() -> None:
    members = [member(f"k{i}", "policy" if i % 2 else "data", "x") for i in range(200)]
    members += [member(f"o{i}", "digital", "x") for i in range(30)]
    history = [[f"k{i}", f"k{j}"] for i in range(200) for j in range(i + 1, 200)]
    data = problem_data(members, history=history)
    result = solve(parse_problem(data)).to_json()
    assert broken_rules(data, result) == []
    # Each of the 30 others meets one of the 200; nobody else can be placed.
    assert result["score"]["matched"] == 60
    assert {u["reason"] for u in result["unmatched"]} == {
        "every possible partner is already in a group"
    }
