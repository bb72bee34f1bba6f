"""What hurts in a grid: per session, the interests lost to clashes and the people over capacity.

Pure Python on the engine's own types (no Django), so the organiser's preview explains a cost
with the same counting rules as `scheduling.evaluate`: an attendee's sessions are their interests
plus the sessions they host, and a session's demand is the number of distinct attendees wanting it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Placement, Problem, Rule, Violation


@dataclass(frozen=True)
class SessionHurt:
    """How much one placed session costs the people who want it."""

    session: str
    # Attendees who want this session and another one placed in the same slot.
    clashes: int
    # People who want it beyond its room's capacity.
    overflow: int
    # The sessions it clashes with, each with the number of attendees who want both, most first.
    clashes_with: list[tuple[str, int]] = field(default_factory=list)
    demand: int = 0
    capacity: int = 0

    @property
    def hurt(self) -> int:
        return self.clashes + self.overflow


def session_hurts(problem: Problem, assignments: dict[str, Placement]) -> list[SessionHurt]:
    """Every placed session that loses someone to a clash or a full room, the worst first.

    A clash counts for each session involved (an attendee torn between two sessions hurts both),
    so the numbers say where the pain is, not how the total cost adds up.
    """
    capacity = {r.id: r.capacity for r in problem.rooms}
    demand = problem.demand()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    torn: Counter[str] = Counter()
    for sessions in problem.attendance().values():
        by_slot: dict[str, list[str]] = defaultdict(list)
        for sid in sessions:
            if sid in assignments:
                by_slot[assignments[sid].slot].append(sid)
        for together in by_slot.values():
            if len(together) < 2:
                continue
            for sid in together:
                torn[sid] += 1
                for other in together:
                    if other != sid:
                        pairs[sid][other] += 1
    hurts = []
    for sid, placement in assignments.items():
        room_capacity = capacity[placement.room]
        overflow = max(0, demand.get(sid, 0) - room_capacity)
        if not torn[sid] and not overflow:
            continue
        hurts.append(
            SessionHurt(
                session=sid,
                clashes=torn[sid],
                overflow=overflow,
                clashes_with=sorted(pairs[sid].items(), key=lambda item: (-item[1], item[0])),
                demand=demand.get(sid, 0),
                capacity=room_capacity,
            )
        )
    order = {s.id: i for i, s in enumerate(problem.sessions)}
    hurts.sort(key=lambda h: (-h.hurt, -h.overflow, order.get(h.session, 0)))
    return hurts


def worst_sessions(
    problem: Problem, assignments: dict[str, Placement], *, limit: int = 5
) -> list[SessionHurt]:
    """The `limit` sessions that most hurt."""
    return session_hurts(problem, assignments)[:limit]


def step_free_shortages(problem: Problem) -> list[Violation]:
    """Where the step-free rooms cannot take every session that needs one (rule 3), before any
    grid is built: the sessions some of which will go unscheduled, as data.

    Two counts, each cheap and exact as far as it goes: the sessions held to one slot (by a
    pinned slot or by their hosts' unavailable ones) against the step-free rooms, slot by slot
    (`slot` set); then all the sessions that need one against the step-free rooms times the
    slots (`slot` None; with no step-free room at all, every such session). A session is in one
    shortage at most, the slot's first. `sessions` lists the session the line is about first,
    then the others short of a room with it.
    """
    step_free = [r.id for r in problem.rooms if r.step_free]
    slot_ids = [t.id for t in problem.slots]
    needing = [s for s in problem.sessions if s.needs_step_free]
    index = {s.id: i for i, s in enumerate(problem.sessions)}
    held: dict[str, list[str]] = defaultdict(list)
    for s in needing:
        open_slots = [
            t for t in slot_ids if t not in s.unavailable_slots and s.pinned_slot in (None, t)
        ]
        if len(open_slots) == 1:
            held[open_slots[0]].append(s.id)
    found: list[Violation] = []
    told: set[str] = set()
    for slot in slot_ids:
        group = held.get(slot, [])
        if len(group) > len(step_free):
            where = f"in slot {json.dumps(slot, ensure_ascii=False)}"
            found += _short(group, group, index, f"{where}, with {len(step_free)}", slot)
            told.update(group)
    if len(needing) > len(step_free) * len(slot_ids):
        group = [s.id for s in needing]
        rooms = f"in {len(slot_ids)} slots, with {len(step_free)}"
        found += _short([g for g in group if g not in told], group, index, rooms, None)
    return found


def _short(
    about: list[str], group: list[str], index: dict[str, int], rooms: str, slot: str | None
) -> list[Violation]:
    """A shortage line for each session in `about`, naming the rest of `group` with it."""
    return [
        Violation(
            Rule.STEP_FREE_SHORT,
            (sid, *(o for o in group if o != sid)),
            f"sessions[{index[sid]}].needs_step_free: {len(group)} sessions need a step-free "
            f"room {rooms} step-free rooms",
            slot=slot,
        )
        for sid in about
    ]
