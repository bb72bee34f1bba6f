"""Typed data for the schedule problem and result (spec: shared/spec/scheduling.md, v1).

Everything here is plain data: parsing and checking live in `validate`, costs in `score`,
the search in `solve`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

PROBLEM_FORMAT = "oneteam.schedule-problem/1"
RESULT_FORMAT = "oneteam.schedule/1"

DEFAULT_WEIGHTS: dict[str, float] = {"clash": 1, "overflow": 1, "move": 10, "unscheduled": 1000}


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    capacity: int
    step_free: bool = True
    name: str = ""


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    title: str = ""
    hosts: tuple[str, ...] = ()
    needs_step_free: bool = False
    unavailable_slots: frozenset[str] = frozenset()
    pinned_room: str | None = None
    pinned_slot: str | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    clash: float = 1
    overflow: float = 1
    move: float = 10
    unscheduled: float = 1000


@dataclass(frozen=True, slots=True)
class Placement:
    room: str
    slot: str

    def to_json(self) -> dict[str, str]:
        return {"room": self.room, "slot": self.slot}


@dataclass(frozen=True, slots=True)
class Problem:
    """A valid problem. Build it with `validate.parse_problem`, which checks every reference."""

    rooms: tuple[Room, ...]
    slots: tuple[Slot, ...]
    sessions: tuple[Session, ...]
    interests: dict[str, tuple[str, ...]]
    previous: dict[str, Placement] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)

    def demand(self) -> dict[str, int]:
        """Distinct attendees wanting each session, hosts included."""
        wanted = self.attendance()
        counts = dict.fromkeys((s.id for s in self.sessions), 0)
        for sessions in wanted.values():
            for sid in sessions:
                counts[sid] += 1
        return counts

    def attendance(self) -> dict[str, frozenset[str]]:
        """Each attendee's sessions: their interests plus the sessions they host."""
        wanted: dict[str, set[str]] = {a: set(s) for a, s in self.interests.items()}
        for session in self.sessions:
            for host in session.hosts:
                wanted.setdefault(host, set()).add(session.id)
        return {a: frozenset(s) for a, s in wanted.items()}


@dataclass(frozen=True, slots=True)
class Cost:
    total: float
    clashes: int
    overflow: int
    moves: int
    unscheduled: int

    def to_json(self) -> dict[str, float | int]:
        total: float | int = int(self.total) if float(self.total).is_integer() else self.total
        return {
            "total": total,
            "clashes": self.clashes,
            "overflow": self.overflow,
            "moves": self.moves,
            "unscheduled": self.unscheduled,
        }


@dataclass(frozen=True, slots=True)
class Unscheduled:
    session: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"session": self.session, "reason": self.reason}


@dataclass(slots=True)
class SolverInfo:
    name: str
    seconds: float
    optimal: bool
    lower_bound_source: str = "none"
    first_valid_seconds: float | None = None
    iterations: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "name": self.name,
            "seconds": round(self.seconds, 3),
            "optimal": self.optimal,
            "lower_bound_source": self.lower_bound_source,
            "iterations": self.iterations,
        }
        if self.first_valid_seconds is not None:
            data["first_valid_seconds"] = round(self.first_valid_seconds, 4)
        data.update(self.extra)
        return data


@dataclass(slots=True)
class Result:
    assignments: dict[str, Placement]
    unscheduled: list[Unscheduled]
    cost: Cost
    lower_bound: float | None
    solver: SolverInfo

    def to_json(self) -> dict[str, object]:
        bound: float | int | None = self.lower_bound
        if bound is not None and float(bound).is_integer():
            bound = int(bound)
        return {
            "format": RESULT_FORMAT,
            "assignments": {sid: p.to_json() for sid, p in self.assignments.items()},
            "unscheduled": [u.to_json() for u in self.unscheduled],
            "cost": self.cost.to_json(),
            "lower_bound": bound,
            "solver": self.solver.to_json(),
        }


class Rule(StrEnum):
    """A hard rule of the spec, as a code a caller can act on (the spec's rule number after #)."""

    ROOM_SLOT_SHARED = "room-slot-shared"  # 1: a room-slot holds more than one session
    PINNED_ROOM = "pinned-room"  # 2: placed away from its pinned room
    PINNED_SLOT = "pinned-slot"  # 2: placed away from its pinned slot
    UNAVAILABLE_SLOT = "unavailable-slot"  # 2: placed in one of its unavailable_slots
    NOT_STEP_FREE = "not-step-free"  # 3: needs step-free access, placed in a room without it
    HOST_CLASH = "host-clash"  # 4: sessions sharing a host in one slot
    PINS_UNMET = "pins-unmet"  # the pins together leave this pinned session no room-slot
    # 3 cannot hold for all: more sessions need step-free rooms (in a slot, or in all) than
    # the step-free rooms can take; not an input error, the ones left over go unscheduled.
    STEP_FREE_SHORT = "step-free-short"


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken hard rule, as data, beside the line the CLI prints for it.

    `sessions` are the ids involved, the one the line is about first. `room` and `slot` are
    where it happens, except for PINNED_ROOM and PINNED_SLOT, where they are the session's pin.
    `host` is the shared host of HOST_CLASH. `pinned` is true when the rule is broken by the
    problem's pins themselves (an input error) rather than by a result's placements.
    """

    rule: Rule
    sessions: tuple[str, ...]
    message: str
    room: str | None = None
    slot: str | None = None
    host: str | None = None
    pinned: bool = False

    def __str__(self) -> str:
        return self.message


class ProblemError(ValueError):
    """Invalid input. `messages` holds one line per problem, each naming the item; the lines
    that are broken hard rules (conflicting pins) are also in `violations`, as data."""

    def __init__(self, messages: list[str], violations: list[Violation] | None = None) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)
        self.violations = list(violations or [])
