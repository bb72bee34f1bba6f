"""A problem compiled to integer indices for the search.

Cells are (room, slot) pairs numbered `slot * R + room`. Attendees with the same set of sessions
are merged into one weighted group, since the cost only depends on that set.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Placement, Problem


@dataclass(slots=True)
class Instance:
    problem: Problem
    S: int
    R: int
    T: int
    session_ids: list[str]
    room_ids: list[str]
    slot_ids: list[str]
    demand: list[int]
    capacity: list[int]
    step_free: list[bool]
    cells: list[list[int]]  # feasible cells of each session (pins, availability, step-free)
    allowed: list[bytearray]  # allowed[s][c] == 1 when cell c is feasible for s
    host_nbrs: list[list[int]]  # sessions that share a host with s
    # s * S + s2 for every two sessions s, s2 that share a host: a set, not an S x S table, so
    # memory follows the host pairs there are rather than the square of the sessions.
    host_pair: frozenset[int]
    group_weight: list[int]
    group_sessions: list[list[int]]
    session_groups: list[list[int]]
    prev_cell: list[int]  # -1: not in `previous`
    wc: float
    wo: float
    wm: float
    wu: float
    fixed: list[bool]  # exactly one feasible cell: both room and slot pinned

    @property
    def NC(self) -> int:
        return self.R * self.T

    def place_cost(self, s: int, c: int) -> float:
        """Cost of session s in cell c (or -1: unscheduled), except clashes."""
        prev = self.prev_cell[s]
        if c < 0:
            return self.wu + (self.wm if prev >= 0 else 0)
        cost = self.wo * max(0, self.demand[s] - self.capacity[c % self.R])
        if prev >= 0 and c != prev:
            cost += self.wm
        return cost

    def placement(self, c: int) -> Placement:
        return Placement(self.room_ids[c % self.R], self.slot_ids[c // self.R])

    def cell_of(self, p: Placement) -> int:
        return self.slot_ids.index(p.slot) * self.R + self.room_ids.index(p.room)


def compile_problem(problem: Problem) -> Instance:
    rooms, slots, sessions = problem.rooms, problem.slots, problem.sessions
    R, T, S = len(rooms), len(slots), len(sessions)
    sidx = {s.id: i for i, s in enumerate(sessions)}
    ridx = {r.id: i for i, r in enumerate(rooms)}
    tidx = {t.id: i for i, t in enumerate(slots)}
    demand_map = problem.demand()
    demand = [demand_map[s.id] for s in sessions]
    cells: list[list[int]] = []
    allowed: list[bytearray] = []
    for s in sessions:
        ok = bytearray(R * T)
        feasible = []
        for t, slot in enumerate(slots):
            if slot.id in s.unavailable_slots or s.pinned_slot not in (None, slot.id):
                continue
            for r, room in enumerate(rooms):
                if s.pinned_room not in (None, room.id):
                    continue
                if s.needs_step_free and not room.step_free:
                    continue
                ok[t * R + r] = 1
                feasible.append(t * R + r)
        cells.append(feasible)
        allowed.append(ok)
    by_host: dict[str, list[int]] = {}
    for i, s in enumerate(sessions):
        for h in s.hosts:
            by_host.setdefault(h, []).append(i)
    host_nbrs: list[set[int]] = [set() for _ in range(S)]
    for members in by_host.values():
        for a in members:
            host_nbrs[a].update(b for b in members if b != a)
    host_pair = frozenset(a * S + b for a, others in enumerate(host_nbrs) for b in others)
    groups: dict[tuple[int, ...], int] = {}
    for wanted in problem.attendance().values():
        key = tuple(sorted(sidx[x] for x in wanted))
        if len(key) > 0:
            groups[key] = groups.get(key, 0) + 1
    group_sessions = [list(k) for k in groups]
    group_weight = list(groups.values())
    session_groups: list[list[int]] = [[] for _ in range(S)]
    for g, members in enumerate(group_sessions):
        for member in members:
            session_groups[member].append(g)
    prev_cell = [-1] * S
    for sid, p in problem.previous.items():
        prev_cell[sidx[sid]] = tidx[p.slot] * R + ridx[p.room]
    w = problem.weights
    return Instance(
        problem=problem,
        S=S,
        R=R,
        T=T,
        session_ids=[s.id for s in sessions],
        room_ids=[r.id for r in rooms],
        slot_ids=[t.id for t in slots],
        demand=demand,
        capacity=[r.capacity for r in rooms],
        step_free=[r.step_free for r in rooms],
        cells=cells,
        allowed=allowed,
        host_nbrs=[sorted(n) for n in host_nbrs],
        host_pair=host_pair,
        group_weight=group_weight,
        group_sessions=group_sessions,
        session_groups=session_groups,
        prev_cell=prev_cell,
        wc=w.clash,
        wo=w.overflow,
        wm=w.move,
        wu=w.unscheduled,
        fixed=[len(c) == 1 for c in cells],
    )
