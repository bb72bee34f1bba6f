"""The cost and the hard rules, counted directly from the spec's definitions.

This module is deliberately naive (no incremental tricks) so that it is an independent check
on the solver's bookkeeping.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .model import Cost, Placement, Problem, Rule, Violation
from .validate import parse_result


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def evaluate(problem: Problem, assignments: dict[str, Placement]) -> Cost:
    """Cost of placing sessions as given; sessions not in `assignments` are unscheduled."""
    capacity = {r.id: r.capacity for r in problem.rooms}
    clashes = 0
    for sessions in problem.attendance().values():
        per_slot = Counter(assignments[s].slot for s in sessions if s in assignments)
        clashes += sum(k - 1 for k in per_slot.values() if k > 1)
    demand = problem.demand()
    overflow = sum(max(0, demand[sid] - capacity[p.room]) for sid, p in assignments.items())
    moves = sum(1 for sid, p in problem.previous.items() if assignments.get(sid) != p)
    unscheduled = sum(1 for s in problem.sessions if s.id not in assignments)
    w = problem.weights
    total = w.clash * clashes + w.overflow * overflow + w.move * moves
    total += w.unscheduled * unscheduled
    return Cost(total, clashes, overflow, moves, unscheduled)


def broken_rules(problem: Problem, assignments: dict[str, Placement]) -> list[Violation]:
    """Every broken hard rule, as data with its line (empty when the schedule is valid)."""
    found: list[Violation] = []
    rooms = {r.id: r for r in problem.rooms}
    sessions = {s.id: s for s in problem.sessions}
    by_cell: dict[tuple[str, str], list[str]] = {}
    for sid, p in assignments.items():
        by_cell.setdefault((p.room, p.slot), []).append(sid)
    for (room, slot), sids in by_cell.items():
        if len(sids) > 1:
            line = f"room {_q(room)} in slot {_q(slot)} holds {len(sids)} sessions: {sids}"
            found.append(Violation(Rule.ROOM_SLOT_SHARED, tuple(sids), line, room, slot))
    for sid, p in assignments.items():
        s = sessions[sid]
        where = f"assignments.{sid}"
        if s.pinned_room is not None and p.room != s.pinned_room:
            line = f"{where}.room: pinned to room {_q(s.pinned_room)}"
            found.append(Violation(Rule.PINNED_ROOM, (sid,), line, s.pinned_room, s.pinned_slot))
        if s.pinned_slot is not None and p.slot != s.pinned_slot:
            line = f"{where}.slot: pinned to slot {_q(s.pinned_slot)}"
            found.append(Violation(Rule.PINNED_SLOT, (sid,), line, s.pinned_room, s.pinned_slot))
        if p.slot in s.unavailable_slots:
            line = f"{where}.slot: session is unavailable in slot {_q(p.slot)}"
            found.append(Violation(Rule.UNAVAILABLE_SLOT, (sid,), line, slot=p.slot))
        if s.needs_step_free and not rooms[p.room].step_free:
            line = f"{where}.room: room {_q(p.room)} is not step-free"
            found.append(Violation(Rule.NOT_STEP_FREE, (sid,), line, room=p.room))
    host_slots: dict[tuple[str, str], list[str]] = {}
    for sid, p in assignments.items():
        for host in sessions[sid].hosts:
            host_slots.setdefault((host, p.slot), []).append(sid)
    for (host, slot), sids in host_slots.items():
        if len(sids) > 1:
            line = f"host {_q(host)} has {len(sids)} sessions in slot {_q(slot)}: {sids}"
            found.append(Violation(Rule.HOST_CLASH, tuple(sids), line, slot=slot, host=host))
    return found


def violations(problem: Problem, assignments: dict[str, Placement]) -> list[str]:
    """Every broken hard rule, one line each (empty when the schedule is valid)."""
    return [v.message for v in broken_rules(problem, assignments)]


@dataclass(slots=True)
class ScoreReport:
    cost: Cost
    violations: list[str] = field(default_factory=list)
    # The same findings as data (a caller's words for them); not part of the JSON report.
    broken: list[Violation] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.violations

    def to_json(self) -> dict[str, object]:
        return {"valid": self.valid, "cost": self.cost.to_json(), "violations": self.violations}


def score(problem: Problem, result: object) -> ScoreReport:
    """Check a result (decoded JSON) against a problem: its cost and every broken hard rule.

    Raises ProblemError when the result itself is malformed (unknown ids, wrong shape).
    """
    assignments, _unscheduled = parse_result(problem, result)
    broken = broken_rules(problem, assignments)
    return ScoreReport(evaluate(problem, assignments), [v.message for v in broken], broken)
