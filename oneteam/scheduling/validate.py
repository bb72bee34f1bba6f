"""Parse and check a problem (or a result against a problem), collecting every input error.

Each message names the item it is about, e.g. `sessions[3].pinned.room: no room with id "r9"`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .model import (
    PROBLEM_FORMAT,
    RESULT_FORMAT,
    Placement,
    Problem,
    ProblemError,
    Room,
    Rule,
    Session,
    Slot,
    Violation,
    Weights,
)

if TYPE_CHECKING:
    from typing_extensions import TypeIs


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _is_int(value: object) -> TypeIs[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeIs[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Errors(list[str]):
    def __init__(self) -> None:
        super().__init__()
        self.violations: list[Violation] = []

    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}")

    def broken(
        self,
        where: str,
        message: str,
        rule: Rule,
        sessions: tuple[str, ...],
        *,
        room: str | None = None,
        slot: str | None = None,
        host: str | None = None,
    ) -> None:
        """A pin that breaks a hard rule: the line, and the same finding as data."""
        self.add(where, message)
        line = self[-1]
        self.violations.append(Violation(rule, sessions, line, room, slot, host, pinned=True))


def _entries(data: dict[str, object], key: str, errors: _Errors) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        errors.add(key, "expected a list")
        return []
    return value


def _id(item: object, where: str, seen: set[str], errors: _Errors) -> str | None:
    if not isinstance(item, dict):
        errors.add(where, "expected an object")
        return None
    ident = item.get("id")
    if not isinstance(ident, str) or not ident:
        errors.add(f"{where}.id", "expected a non-empty string")
        return None
    if ident in seen:
        errors.add(f"{where}.id", f"duplicate id {_q(ident)}")
    seen.add(ident)
    return ident


def _bool(item: dict[str, object], key: str, default: bool, where: str, errors: _Errors) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        errors.add(f"{where}.{key}", "expected true or false")
        return default
    return value


def _str(item: dict[str, object], key: str, where: str, errors: _Errors) -> str:
    value = item.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(f"{where}.{key}", "expected a string")
        return ""
    return value


def _parse_rooms(data: dict[str, object], errors: _Errors) -> list[Room]:
    rooms: list[Room] = []
    seen: set[str] = set()
    for i, item in enumerate(_entries(data, "rooms", errors)):
        where = f"rooms[{i}]"
        ident = _id(item, where, seen, errors)
        if ident is None or not isinstance(item, dict):  # _id refused anything but an object
            continue
        capacity = item.get("capacity")
        if not _is_int(capacity):
            errors.add(f"{where}.capacity", "expected a whole number")
            capacity = 0
        elif capacity < 0:
            errors.add(f"{where}.capacity", f"negative capacity {capacity}")
        step_free = _bool(item, "step_free", True, where, errors)
        rooms.append(Room(ident, int(capacity), step_free, _str(item, "name", where, errors)))
    return rooms


def _parse_slots(data: dict[str, object], errors: _Errors) -> list[Slot]:
    slots: list[Slot] = []
    seen: set[str] = set()
    for i, item in enumerate(_entries(data, "slots", errors)):
        where = f"slots[{i}]"
        ident = _id(item, where, seen, errors)
        if ident is not None and isinstance(item, dict):  # _id refused anything but an object
            slots.append(Slot(ident, _str(item, "label", where, errors)))
    return slots


def _parse_sessions(
    data: dict[str, object], rooms: dict[str, Room], slot_ids: set[str], errors: _Errors
) -> list[Session]:
    sessions: list[Session] = []
    seen: set[str] = set()
    for i, item in enumerate(_entries(data, "sessions", errors)):
        where = f"sessions[{i}]"
        ident = _id(item, where, seen, errors)
        if ident is None or not isinstance(item, dict):  # _id refused anything but an object
            continue
        hosts: list[str] = []
        raw_hosts = item.get("hosts", [])
        if not isinstance(raw_hosts, list):
            errors.add(f"{where}.hosts", "expected a list of attendee ids")
            raw_hosts = []
        for j, host in enumerate(raw_hosts):
            if not isinstance(host, str) or not host:
                errors.add(f"{where}.hosts[{j}]", "expected a non-empty attendee id")
            elif host not in hosts:
                hosts.append(host)
        needs = _bool(item, "needs_step_free", False, where, errors)
        unavailable: set[str] = set()
        raw_unavailable = item.get("unavailable_slots", [])
        if not isinstance(raw_unavailable, list):
            errors.add(f"{where}.unavailable_slots", "expected a list of slot ids")
            raw_unavailable = []
        for j, slot in enumerate(raw_unavailable):
            if not isinstance(slot, str) or slot not in slot_ids:
                errors.add(f"{where}.unavailable_slots[{j}]", f"no slot with id {_q(slot)}")
            else:
                unavailable.add(slot)
        pin_room, pin_slot = _parse_pin(item.get("pinned"), where, rooms, slot_ids, errors)
        if pin_slot is not None and pin_slot in unavailable:
            errors.broken(
                f"{where}.pinned.slot",
                f"pinned to slot {_q(pin_slot)}, which is in its unavailable_slots",
                Rule.UNAVAILABLE_SLOT,
                (ident,),
                slot=pin_slot,
            )
        if pin_room is not None and needs and not rooms[pin_room].step_free:
            errors.broken(
                f"{where}.pinned.room",
                f"room {_q(pin_room)} is not step-free and the session needs step-free access",
                Rule.NOT_STEP_FREE,
                (ident,),
                room=pin_room,
            )
        title = _str(item, "title", where, errors)
        sessions.append(
            Session(ident, title, tuple(hosts), needs, frozenset(unavailable), pin_room, pin_slot)
        )
    return sessions


def _parse_pin(
    pin: object, where: str, rooms: dict[str, Room], slot_ids: set[str], errors: _Errors
) -> tuple[str | None, str | None]:
    if pin is None:
        return None, None
    if not isinstance(pin, dict):
        errors.add(f"{where}.pinned", "expected an object with room and/or slot")
        return None, None
    room, slot = pin.get("room"), pin.get("slot")
    if room is not None and (not isinstance(room, str) or room not in rooms):
        errors.add(f"{where}.pinned.room", f"no room with id {_q(room)}")
        room = None
    if slot is not None and (not isinstance(slot, str) or slot not in slot_ids):
        errors.add(f"{where}.pinned.slot", f"no slot with id {_q(slot)}")
        slot = None
    return room, slot


def _parse_interests(
    data: dict[str, object], session_ids: set[str], errors: _Errors
) -> dict[str, tuple[str, ...]]:
    raw = data.get("interests", {})
    interests: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw, dict):
        errors.add("interests", "expected an object mapping attendee ids to session ids")
        return interests
    for attendee, wanted in raw.items():
        where = f"interests.{attendee}"
        if not isinstance(wanted, list):
            errors.add(where, "expected a list of session ids")
            continue
        kept: list[str] = []
        for j, sid in enumerate(wanted):
            if not isinstance(sid, str) or sid not in session_ids:
                errors.add(f"{where}[{j}]", f"no session with id {_q(sid)}")
            elif sid not in kept:
                kept.append(sid)
        interests[attendee] = tuple(kept)
    return interests


def _parse_placements(
    raw: object,
    where: str,
    session_ids: set[str],
    rooms: dict[str, Room],
    slot_ids: set[str],
    errors: _Errors,
) -> dict[str, Placement]:
    placements: dict[str, Placement] = {}
    if raw is None:
        return placements
    if not isinstance(raw, dict):
        errors.add(where, "expected an object mapping session ids to {room, slot}")
        return placements
    for sid, place in raw.items():
        here = f"{where}.{sid}"
        ok = True
        if sid not in session_ids:
            errors.add(here, f"no session with id {_q(sid)}")
            ok = False
        if not isinstance(place, dict):
            errors.add(here, "expected an object with room and slot")
            continue
        room, slot = place.get("room"), place.get("slot")
        if not isinstance(room, str) or room not in rooms:
            errors.add(f"{here}.room", f"no room with id {_q(room)}")
            ok = False
        if not isinstance(slot, str) or slot not in slot_ids:
            errors.add(f"{here}.slot", f"no slot with id {_q(slot)}")
            ok = False
        if ok:
            placements[sid] = Placement(str(room), str(slot))
    return placements


def _parse_weights(raw: object, errors: _Errors) -> Weights:
    if raw is None:
        return Weights()
    if not isinstance(raw, dict):
        errors.add("weights", "expected an object")
        return Weights()
    values: dict[str, float] = {}
    for key, value in raw.items():
        if key not in Weights.__dataclass_fields__:
            errors.add(f"weights.{key}", "unknown weight (clash, overflow, move, unscheduled)")
        elif not _is_number(value) or value < 0 or value != value:
            errors.add(f"weights.{key}", f"expected a non-negative number, got {_q(value)}")
        else:
            values[key] = value
    return Weights(**values)


def _check_pins(problem: Problem, errors: _Errors) -> None:
    """Conflicting pins: two on one room-slot, shared hosts pinned to one slot, or no room left."""
    before = len(errors)
    index = {s.id: i for i, s in enumerate(problem.sessions)}
    cells: dict[tuple[str, str], str] = {}
    slot_hosts: dict[tuple[str, str], str] = {}
    for i, s in enumerate(problem.sessions):
        if s.pinned_room is not None and s.pinned_slot is not None:
            other = cells.setdefault((s.pinned_room, s.pinned_slot), s.id)
            if other != s.id:
                errors.broken(
                    f"sessions[{i}].pinned",
                    f"room {_q(s.pinned_room)} in slot {_q(s.pinned_slot)} is already pinned "
                    f"to sessions[{index[other]}] ({_q(other)})",
                    Rule.ROOM_SLOT_SHARED,
                    (s.id, other),
                    room=s.pinned_room,
                    slot=s.pinned_slot,
                )
        if s.pinned_slot is not None:
            for host in s.hosts:
                other = slot_hosts.setdefault((host, s.pinned_slot), s.id)
                if other != s.id:
                    errors.broken(
                        f"sessions[{i}].pinned.slot",
                        f"host {_q(host)} also hosts sessions[{index[other]}] ({_q(other)}), "
                        f"pinned to the same slot {_q(s.pinned_slot)}",
                        Rule.HOST_CLASH,
                        (s.id, other),
                        slot=s.pinned_slot,
                        host=host,
                    )
    if len(errors) > before:
        return
    # Every pinned session must get its own room-slot at once: a bipartite matching.
    pinned = [s for s in problem.sessions if s.pinned_room or s.pinned_slot]
    owner: dict[tuple[str, str], str] = {}

    def options(s: Session) -> list[tuple[str, str]]:
        return [
            (r.id, t.id)
            for r in problem.rooms
            if (s.pinned_room in (None, r.id)) and (r.step_free or not s.needs_step_free)
            for t in problem.slots
            if s.pinned_slot in (None, t.id) and t.id not in s.unavailable_slots
        ]

    choices = {s.id: options(s) for s in pinned}

    def augment(sid: str, seen: set[tuple[str, str]]) -> bool:
        for cell in choices[sid]:
            if cell in seen:
                continue
            seen.add(cell)
            if cell not in owner or augment(owner[cell], seen):
                owner[cell] = sid
                return True
        return False

    for s in pinned:
        if not augment(s.id, set()):
            errors.broken(
                f"sessions[{index[s.id]}].pinned",
                "conflicts with other pins: no room-slot left that meets this pin",
                Rule.PINS_UNMET,
                (s.id,),
                room=s.pinned_room,
                slot=s.pinned_slot,
            )


def parse_problem(data: object) -> Problem:
    """Check a decoded problem and return it typed; raise ProblemError with every problem found."""
    errors = _Errors()
    if not isinstance(data, dict):
        raise ProblemError(["problem: expected a JSON object"])
    fmt = data.get("format", PROBLEM_FORMAT)
    if fmt != PROBLEM_FORMAT:
        errors.add("format", f"expected {_q(PROBLEM_FORMAT)}, got {_q(fmt)}")
    rooms = _parse_rooms(data, errors)
    slots = _parse_slots(data, errors)
    room_map = {r.id: r for r in rooms}
    slot_ids = {t.id for t in slots}
    sessions = _parse_sessions(data, room_map, slot_ids, errors)
    session_ids = {s.id for s in sessions}
    interests = _parse_interests(data, session_ids, errors)
    previous = _parse_placements(
        data.get("previous"), "previous", session_ids, room_map, slot_ids, errors
    )
    weights = _parse_weights(data.get("weights"), errors)
    if errors:
        raise ProblemError(errors, errors.violations)
    problem = Problem(tuple(rooms), tuple(slots), tuple(sessions), interests, previous, weights)
    _check_pins(problem, errors)
    if errors:
        raise ProblemError(errors, errors.violations)
    return problem


def parse_problem_text(text: str | bytes) -> Problem:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProblemError([f"problem: malformed JSON: {exc}"]) from exc
    return parse_problem(data)


def parse_result(problem: Problem, data: object) -> tuple[dict[str, Placement], list[str]]:
    """Read a result's assignments (ids checked; hard rules are `score`'s job)."""
    errors = _Errors()
    if not isinstance(data, dict):
        raise ProblemError(["result: expected a JSON object"])
    fmt = data.get("format", RESULT_FORMAT)
    if fmt != RESULT_FORMAT:
        errors.add("result.format", f"expected {_q(RESULT_FORMAT)}, got {_q(fmt)}")
    session_ids = {s.id for s in problem.sessions}
    rooms = {r.id: r for r in problem.rooms}
    slot_ids = {t.id for t in problem.slots}
    if "assignments" not in data:
        errors.add("result.assignments", "missing")
    assignments = _parse_placements(
        data.get("assignments", {}), "result.assignments", session_ids, rooms, slot_ids, errors
    )
    unscheduled: list[str] = []
    raw = data.get("unscheduled", [])
    if not isinstance(raw, list):
        errors.add("result.unscheduled", "expected a list")
        raw = []
    for i, item in enumerate(raw):
        sid = item.get("session") if isinstance(item, dict) else None
        if not isinstance(sid, str) or sid not in session_ids:
            errors.add(f"result.unscheduled[{i}].session", f"no session with id {_q(sid)}")
        elif sid in assignments:
            errors.add(f"result.unscheduled[{i}].session", f"{_q(sid)} is also assigned")
        else:
            unscheduled.append(sid)
    if errors:
        raise ProblemError(errors)
    return assignments, unscheduled
