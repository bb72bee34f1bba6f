"""Edmonds' augmenting-path search (with blossoms) from one unmatched member.

The greedy pass leaves only a few members waiting; for each, one search either finds a path
that places them (and everyone matched stays matched) or shows that no such path exists, which
is what makes the pair count maximum. A search costs O(n^2) partner checks at worst, so it runs
under a budget: when the budget runs out the member stays waiting (and the result says so no
more than the shorter searches would have).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence


class BudgetSpent(Exception):
    pass


def augment_from(
    root: int,
    match: list[int],
    ok: Callable[[int, int], bool],
    near: Callable[[int], Sequence[int]],
    budget: list[int],
) -> bool:
    """Find an augmenting path from unmatched `root`; flip it into `match` and return True.

    `match[i]` is i's partner or -1; members matched to -2 are out of play (in a trio).
    `near(v)` lists everyone v might be grouped with (a superset: `ok` decides).
    `budget[0]` is decremented per partner check; BudgetSpent is raised when it runs out.
    """
    n = len(match)
    used = [False] * n
    parent = [-1] * n
    base = list(range(n))
    used[root] = True
    queue = deque([root])

    def lca(a: int, b: int) -> int:
        seen = [False] * n
        while True:
            a = base[a]
            seen[a] = True
            if match[a] < 0:
                break
            a = parent[match[a]]
        while True:
            b = base[b]
            if seen[b]:
                return b
            b = parent[match[b]]

    def mark(v: int, b: int, child: int, blossom: list[bool]) -> None:
        while base[v] != b:
            blossom[base[v]] = blossom[base[match[v]]] = True
            parent[v] = child
            child = match[v]
            v = parent[match[v]]

    while queue:
        v = queue.popleft()
        candidates = near(v)
        budget[0] -= len(candidates)
        if budget[0] < 0:
            raise BudgetSpent
        for to in candidates:
            if base[v] == base[to] or match[v] == to or match[to] == -2 or not ok(v, to):
                continue
            if to == root or (match[to] >= 0 and parent[match[to]] != -1):
                current = lca(v, to)
                budget[0] -= n
                blossom = [False] * n
                mark(v, current, to, blossom)
                mark(to, current, v, blossom)
                for i in range(n):
                    if blossom[base[i]]:
                        base[i] = current
                        if not used[i]:
                            used[i] = True
                            queue.append(i)
            elif parent[to] == -1:
                parent[to] = v
                if match[to] == -1:
                    while to != -1:  # flip the path back to the root
                        prev = parent[to]
                        nxt = match[prev]
                        match[to] = prev
                        match[prev] = to
                        to = nxt
                    return True
                used[match[to]] = True
                queue.append(match[to])
    return False
