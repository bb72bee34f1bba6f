"""Edmonds' search against a brute-force maximum matching on small random graphs."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneteam.pairing.blossom import BudgetSpent, augment_from


def max_matching_size(n: int, edges: set[tuple[int, int]]) -> int:
    def best(rest: tuple[int, ...]) -> int:
        if len(rest) < 2:
            return 0
        first, others = rest[0], rest[1:]
        value = best(others)
        for k, v in enumerate(others):
            if (first, v) in edges:
                value = max(value, 1 + best(others[:k] + others[k + 1 :]))
        return value

    return best(tuple(range(n)))


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, set[tuple[int, int]]]:
    n = draw(st.integers(2, 10))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs)))
    return n, set(chosen)


@settings(max_examples=150, deadline=None)
@given(graph=graphs(), order=st.randoms(use_true_random=False))
def test_augmenting_from_every_waiting_vertex_gives_a_maximum_matching(
    graph: tuple[int, set[tuple[int, int]]], order: object
) -> None:
    n, edges = graph

    def ok(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in edges

    def near(v: int) -> Sequence[int]:
        return range(n)

    # A greedy maximal matching in a random order, as the solver's greedy pass leaves one.
    match = [-1] * n
    shuffled = sorted(edges)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    for a, b in shuffled:
        if match[a] == match[b] == -1:
            match[a], match[b] = b, a
    budget = [10**9]
    for root in range(n):
        if match[root] == -1:
            augment_from(root, match, ok, near, budget)
    assert all(match[v] == -1 or (match[match[v]] == v and ok(v, match[v])) for v in range(n))
    assert sum(1 for v in range(n) if match[v] >= 0) // 2 == max_matching_size(n, edges)


def test_augmenting_search_stops_when_its_budget_runs_out() -> None:
    match = [-1, 2, 1, -1]  # 0 - 1 = 2 - 3: the path needs more than one check

    def near(v: int) -> Sequence[int]:
        return range(4)

    with pytest.raises(BudgetSpent):
        augment_from(0, match, lambda a, b: abs(a - b) == 1, near, [3])
    assert match == [-1, 2, 1, -1]
    assert augment_from(0, match, lambda a, b: abs(a - b) == 1, near, [100])
    assert match == [1, 0, 3, 2]
