"""Exact room choice within each slot: a small assignment problem (Hungarian method).

Which sessions share a slot fixes the clashes; which room each gets only changes overflow and
moves, so once the slots are chosen each slot's rooms can be chosen optimally on their own.
"""

from __future__ import annotations

from .instance import Instance
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


def room_preference(inst: Instance) -> list[int]:
    """Each room's rank when costs tie (0 is the most wanted): step-free rooms first, then
    larger ones, then the problem's order of rooms."""
    order = sorted(range(inst.R), key=lambda r: (not inst.step_free[r], -inst.capacity[r], r))
    rank = [0] * inst.R
    for position, r in enumerate(order):
        rank[r] = position
    return rank


def prefer_rooms(state: State) -> None:
    """Among the room choices of equal cost in each slot, take the preferred rooms.

    Keeps every session in its slot and never raises the cost: only the rooms change, and
    only to a choice whose overflow and moves cost exactly what the current one does. Within
    that, the rooms used are the most preferred (`room_preference`: step-free, then larger,
    then in the problem's order), and of those the busier sessions get the better rooms. So
    with few sessions they go to the step-free hall rather than the small attic, and an
    attendee who needs step-free access and joins late more likely finds it there already.

    The preference is folded into the assignment's cost below its smallest step (whole
    numbers, so exact); where the costs are not whole numbers or too large to add up exactly,
    the slot keeps its rooms. Deterministic: no randomness, rooms compared by fixed ranks.
    """
    inst = state.inst
    rank = room_preference(inst)
    for t in range(inst.T):
        members = [s for s in range(inst.S) if state.slot[s] == t]
        if members:
            rooms = _preferred(state, t, members, rank)
            if rooms is not None:
                _put(state, t, members, rooms)


def _preferred(state: State, t: int, members: list[int], rank: list[int]) -> list[int] | None:
    """The preferred rooms of equal cost for the sessions `members` of slot `t`, or None when
    they cannot be told exactly (then the current rooms stay)."""
    inst = state.inst
    R, n = inst.R, len(members)
    top = max(inst.demand[s] for s in members)
    # The tie cost: the rooms' ranks first, then busier sessions in better rooms. `spread`
    # exceeds any sum of the second term, `scale` any sum of both.
    spread = n * R * (top + 1) + 1
    scale = n * R * (spread + top + 1) + 1
    rows: list[list[float | None]] = []
    for s in members:
        row: list[float | None] = []
        for r in range(R):
            c = t * R + r
            real = state.pc[s][c]
            if not inst.allowed[s][c]:
                row.append(None)
            elif real != int(real):
                return None  # weights that are not whole numbers: no exact tie-break
            else:
                row.append(real * scale + rank[r] * (spread + top - inst.demand[s]))
        rows.append(row)
    wall = n * max((x for row in rows for x in row if x is not None), default=0.0) + 1
    if 4 * wall >= 2**52:
        return None  # too large to add up exactly in floating point
    rooms = assign([[wall if x is None else x for x in row] for row in rows])
    if any(rows[i][r] is None for i, r in enumerate(rooms)):
        return None
    before = sum(state.pc[s][state.cell[s]] for s in members)
    after = sum(state.pc[s][t * R + r] for s, r in zip(members, rooms, strict=True))
    return rooms if after <= before else None


def _put(state: State, t: int, members: list[int], rooms: list[int]) -> None:
    """Move the sessions `members` of slot `t` to `rooms` (same slot, so no clash changes)."""
    R = state.inst.R
    for s in members:
        state.occ[state.cell[s]] = -1
    for s, r in zip(members, rooms, strict=True):
        c = t * R + r
        state.place += state.pc[s][c] - state.pc[s][state.cell[s]]
        state.cell[s] = c
        state.occ[c] = s
