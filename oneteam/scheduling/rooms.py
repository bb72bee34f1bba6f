"""Exact room choice within each slot: a small assignment problem (Hungarian method).

Which sessions share a slot fixes the clashes; which room each gets only changes overflow and
moves, so once the slots are chosen each slot's rooms can be chosen optimally on their own.
"""

from __future__ import annotations

from .search import State

BIG = 1e12


def assign(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns)."""
    n = len(cost)
    if n == 0:
        return []
    m = len(cost[0])
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [float("inf")] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def polish_rooms(state: State) -> None:
    """Re-choose every slot's rooms optimally, keeping each session in its slot."""
    inst = state.inst
    R = inst.R
    for t in range(inst.T):
        members = [s for s in range(inst.S) if state.slot[s] == t]
        if len(members) < 1:
            continue
        cost = [
            [state.pc[s][t * R + r] if inst.allowed[s][t * R + r] else BIG for r in range(R)]
            for s in members
        ]
        rooms = assign(cost)
        before = sum(state.pc[s][state.cell[s]] for s in members)
        after = sum(cost[i][r] for i, r in enumerate(rooms))
        if after >= before - 1e-9 or after >= BIG:
            continue
        for s in members:
            state.occ[state.cell[s]] = -1
        for s, r in zip(members, rooms, strict=True):
            c = t * R + r
            state.place += state.pc[s][c] - state.pc[s][state.cell[s]]
            state.cell[s] = c
            state.occ[c] = s
