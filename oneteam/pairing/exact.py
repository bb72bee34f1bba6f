"""An exact solver for small rounds: the best grouping over all subsets, by dynamic programming.

Used for rounds of up to EXACT_LIMIT members, where it takes milliseconds; it proves the optimum.
Among groupings that place the most members it uses the fewest trios (a trio only where it is
needed to include someone), then maximises cross-discipline groups, then same-chapter groups.
"""

from __future__ import annotations

from functools import cache

from .graph import Graph

EXACT_LIMIT = 12

Key = tuple[int, int, int, int]  # matched, -trios, cross, same_chapter


def solve_exact(graph: Graph) -> list[tuple[int, ...]]:
    n = graph.n
    if n > EXACT_LIMIT:
        raise ValueError(f"exact search is for at most {EXACT_LIMIT} members")
    ok = graph.ok

    def value(group: tuple[int, ...]) -> Key:
        cross, same = graph.group_value(group)
        return (len(group), -1 if len(group) == 3 else 0, cross, same)

    @cache
    def best(mask: int) -> tuple[Key, tuple[tuple[int, ...], ...]]:
        if mask == 0:
            return (0, 0, 0, 0), ()
        i = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << i)
        choice = best(rest)  # i stays unplaced
        others = [j for j in range(i + 1, n) if rest >> j & 1 and ok(i, j)]
        for a, j in enumerate(others):
            options = [(i, j)] + [(i, j, k) for k in others[a + 1 :] if ok(j, k)]
            for group in options:
                sub_key, sub_groups = best(rest & ~sum(1 << m for m in group[1:]))
                v = value(group)
                key = (
                    sub_key[0] + v[0],
                    sub_key[1] + v[1],
                    sub_key[2] + v[2],
                    sub_key[3] + v[3],
                )
                if key > choice[0]:
                    choice = (key, (group, *sub_groups))
        return choice

    return list(best((1 << n) - 1)[1])
