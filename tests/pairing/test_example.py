from __future__ import annotations

from pathlib import Path

import pytest

from oneteam.pairing import parse_problem, score, solve

from .conftest import load
from .reference import broken_rules, recount


def test_solve_spec_example_reaches_the_known_optimum(examples: Path) -> None:
    data = load(examples / "pairing-small.json")
    result = solve(parse_problem(data)).to_json()
    assert result["score"] == {"matched": 9, "cross": 3, "same_chapter": 3, "groups": 4}
    assert sorted(len(g) for g in result["groups"]) == [2, 2, 2, 3]
    assert result["unmatched"] == []
    assert result["solver"]["optimal"] is True
    assert broken_rules(data, result) == []


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_on_spec_example_places_everyone_cross_optimally(
    examples: Path, seed: int
) -> None:
    data = load(examples / "pairing-small.json")
    problem = parse_problem(data)
    result = solve(problem, seed=seed, exact_limit=0).to_json()
    assert result["solver"]["name"] != "exact"
    assert (result["score"]["matched"], result["score"]["cross"]) == (9, 3)
    assert broken_rules(data, result) == []
    assert recount(data, result["groups"]) == result["score"]
    assert score(problem, result).valid
