"""Size limits on a schedule problem, checked before anything proportional to it is built.

The engine's memory and time grow with sessions, room-slots, attendees and their interests;
these bounds keep a hostile or mistaken file to a clear refusal instead of a run that fills
the machine. They sit far above any real event (docs/scheduling-limits.md gives the reasons).

`load_json` reads a file safely: a size cap, and nesting too deep for the decoder is refused;
NaN, Infinity and out-of-range numbers are decoded as markers. `check_problem` and
`check_result` then check the counts (first, as they are cheap), then the depth, texts and
numbers of the decoded document. All raise `ProblemError` with one line per breach, each naming
the item, as the spec asks of invalid input.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .model import ProblemError

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 16  # a valid problem nests 4 deep: {sessions: [{pinned: {room}}]}
MAX_STRING_LENGTH = 1_000  # ids, titles, names, labels and keys, in characters
MAX_NUMBER = 1e15  # any number, in absolute value (whole numbers: at most 16 digits)
MAX_WEIGHT = 1_000_000
MAX_CAPACITY = 1_000_000
MAX_SESSIONS = 1_000
MAX_ROOMS = 30
MAX_SLOTS = 200
MAX_ROOM_SLOTS = 2_000  # rooms x slots
# sessions x room-slots: the engine keeps each session's cost in every room-slot
MAX_SESSION_ROOM_SLOTS = 1_000_000
MAX_HOSTS_PER_SESSION = 20
MAX_SESSIONS_PER_HOST = 50
MAX_ATTENDEES = 10_000
MAX_INTERESTS_PER_ATTENDEE = 60
MAX_INTERESTS = 100_000  # interest entries over all attendees
MAX_TIME_LIMIT = 3_600.0  # seconds
MAX_SEED = 2**63 - 1  # in absolute value

_INT_DIGITS = len(str(int(MAX_NUMBER)))


class _BadNumber:
    """A number the decoder met that is out of range; reported with its path afterwards."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text if len(text) <= 24 else f"{text[:12]}…({len(text)} characters)"


def _parse_int(text: str) -> int | _BadNumber:
    digits = text.lstrip("-")
    if len(digits) > _INT_DIGITS or int(digits) > MAX_NUMBER:
        return _BadNumber(text)
    return int(text)


def _parse_float(text: str) -> float | _BadNumber:
    if len(text) > 64:
        return _BadNumber(text)
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return _BadNumber(text)
    return value


def load_json(path: str, what: str) -> object:
    """Decode the JSON file at `path`; `what` ("problem", "result") starts each error line."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ProblemError([f"{what}: cannot read {path}: {exc.strerror or exc}"]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ProblemError([f"{what}: {path} is larger than the limit of {MAX_FILE_BYTES:,} bytes"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemError([f"{what}: {path} is not UTF-8 text: {exc.reason}"]) from exc
    try:
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_BadNumber,
        )
    except json.JSONDecodeError as exc:
        raise ProblemError([f"{what}: malformed JSON in {path}: {exc}"]) from exc
    except RecursionError as exc:
        raise ProblemError(
            [f"{what}: {path} nests deeper than the limit of {MAX_DEPTH} levels"]
        ) from exc
    result: object = data
    return result


def _unicode(text: str) -> bool:
    """False for a string holding a lone surrogate (from a `\\ud800` escape): it cannot be
    written back out as UTF-8."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Where a value sits: (the parent's path, key), spelled out only for a problem line.
type _Path = tuple[_Path, str | int] | None


def _spell(path: _Path, what: str) -> str:
    keys: list[str | int] = []
    while path is not None:
        path, key = path
        keys.append(key)
    text = ""
    for key in reversed(keys):
        text = f"{text}[{key}]" if isinstance(key, int) else f"{text}.{key}" if text else key
    return text or what


def _too_long(where: str, noun: str, text: str) -> str:
    return (
        f"{where}: {noun} of {len(text):,} characters, more than the limit of {MAX_STRING_LENGTH:,}"
    )


def _check_values(data: object, what: str) -> list[str]:
    """Depth, string lengths and numbers of a decoded document, walked without recursion."""
    problems: list[str] = []
    stack: list[tuple[object, _Path, int]] = [(data, None, 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                problems.append(
                    f"{_spell(path, what)}: nests deeper than the limit of {MAX_DEPTH} levels"
                )
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            children = []
            for key, item in items:
                if isinstance(key, str) and len(key) > MAX_STRING_LENGTH:
                    problems.append(_too_long(_spell(path, what), "a key", key))
                    continue
                if isinstance(key, str) and not _unicode(key):
                    problems.append(f"{_spell(path, what)}: a key that is not valid Unicode text")
                    continue
                children.append((item, (path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(value, str):
            if len(value) > MAX_STRING_LENGTH:
                problems.append(_too_long(_spell(path, what), "a text", value))
            elif not _unicode(value):
                problems.append(
                    f"{_spell(path, what)}: not valid Unicode text (a lone surrogate escape)"
                )
        elif isinstance(value, _BadNumber):
            problems.append(
                f"{_spell(path, what)}: number {value.text} is out of range (finite numbers up to "
                f"{MAX_NUMBER:g} only)"
            )
    return problems


def _too_many(where: str, count: int, noun: str, limit: int, per: str = "") -> str:
    return f"{where}: {count:,} {noun}, more than the limit of {limit:,}{per}"


def _list(data: dict[str, object], key: str) -> list[object]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def check_problem(data: object) -> None:
    """Raise ProblemError when a decoded problem exceeds a limit (types are `validate`'s job)."""
    if not isinstance(data, dict):
        _raise_for_values(data, "problem")
        return
    rooms, slots, sessions = _list(data, "rooms"), _list(data, "slots"), _list(data, "sessions")
    problems = [
        *_size_problems(rooms, slots, sessions),
        *_capacity_problems(rooms),
        *_session_problems(sessions),
        *_interest_problems(data.get("interests")),
        *_crowded_pins(rooms, slots, sessions),
        *_weight_problems(data.get("weights")),
    ]
    previous = data.get("previous")
    if isinstance(previous, dict) and len(previous) > MAX_SESSIONS:
        problems.append(_too_many("previous", len(previous), "placements", MAX_SESSIONS))
    if problems:
        raise ProblemError(problems)
    _raise_for_values(data, "problem")


def _size_problems(rooms: list[object], slots: list[object], sessions: list[object]) -> list[str]:
    problems = [
        _too_many(key, len(items), key, limit)
        for key, items, limit in (
            ("rooms", rooms, MAX_ROOMS),
            ("slots", slots, MAX_SLOTS),
            ("sessions", sessions, MAX_SESSIONS),
        )
        if len(items) > limit
    ]
    cells = len(rooms) * len(slots)
    if len(rooms) <= MAX_ROOMS and len(slots) <= MAX_SLOTS and cells > MAX_ROOM_SLOTS:
        problems.append(_too_many("rooms", cells, "room-slots (rooms x slots)", MAX_ROOM_SLOTS))
    elif len(sessions) <= MAX_SESSIONS and len(sessions) * cells > MAX_SESSION_ROOM_SLOTS:
        problems.append(
            _too_many(
                "sessions",
                len(sessions) * cells,
                "session room-slots (sessions x rooms x slots)",
                MAX_SESSION_ROOM_SLOTS,
            )
        )
    return problems


def _capacity_problems(rooms: list[object]) -> list[str]:
    problems = []
    for i, room in enumerate(rooms[:MAX_ROOMS]):
        capacity = room.get("capacity") if isinstance(room, dict) else None
        if isinstance(capacity, int | float) and capacity > MAX_CAPACITY:
            problems.append(
                f"rooms[{i}].capacity: {capacity:g} is more than the limit of {MAX_CAPACITY:,}"
            )
    return problems


def _session_problems(sessions: list[object]) -> list[str]:
    problems = []
    hosted: dict[str, int] = {}
    for i, session in enumerate(sessions[:MAX_SESSIONS]):
        if not isinstance(session, dict):
            continue
        hosts = _list(session, "hosts")
        if len(hosts) > MAX_HOSTS_PER_SESSION:
            problems.append(
                _too_many(f"sessions[{i}].hosts", len(hosts), "hosts", MAX_HOSTS_PER_SESSION)
            )
            continue
        for host in {h for h in hosts if isinstance(h, str)}:
            hosted[host] = count = hosted.get(host, 0) + 1
            if count == MAX_SESSIONS_PER_HOST + 1:
                problems.append(
                    f"sessions[{i}].hosts: host {json.dumps(host, ensure_ascii=False)} hosts "
                    f"more than the limit of {MAX_SESSIONS_PER_HOST} sessions"
                )
        unavailable = _list(session, "unavailable_slots")
        if len(unavailable) > MAX_SLOTS:
            problems.append(
                _too_many(f"sessions[{i}].unavailable_slots", len(unavailable), "slots", MAX_SLOTS)
            )
    return problems


def _interest_problems(interests: object) -> list[str]:
    if not isinstance(interests, dict):
        return []
    if len(interests) > MAX_ATTENDEES:
        return [_too_many("interests", len(interests), "attendees", MAX_ATTENDEES)]
    problems = []
    total = 0
    for attendee, wanted in interests.items():
        if not isinstance(wanted, list):
            continue
        total += len(wanted)
        if len(wanted) > MAX_INTERESTS_PER_ATTENDEE:
            problems.append(
                _too_many(
                    f"interests.{attendee}",
                    len(wanted),
                    "sessions",
                    MAX_INTERESTS_PER_ATTENDEE,
                    " per attendee",
                )
            )
    if total > MAX_INTERESTS:
        problems.append(_too_many("interests", total, "interests", MAX_INTERESTS))
    return problems


def _weight_problems(weights: object) -> list[str]:
    if not isinstance(weights, dict):
        return []
    return [
        f"weights.{key}: {value:g} is more than the limit of {MAX_WEIGHT:,}"
        for key, value in weights.items()
        if isinstance(value, int | float) and value > MAX_WEIGHT
    ]


def _raise_for_values(data: object, what: str) -> None:
    problems = _check_values(data, what)
    if problems:
        raise ProblemError(problems)


def _crowded_pins(rooms: list[object], slots: list[object], sessions: list[object]) -> list[str]:
    """More sessions pinned to one room than there are slots, or to one slot than there are
    rooms: a conflict found by counting, before the pin check's matching would take seconds
    to find it one session at a time."""
    if len(sessions) > MAX_SESSIONS:
        return []
    by_room: dict[str, list[int]] = {}
    by_slot: dict[str, list[int]] = {}
    for i, session in enumerate(sessions):
        pin = session.get("pinned") if isinstance(session, dict) else None
        if not isinstance(pin, dict):
            continue
        if isinstance(pin.get("room"), str):
            by_room.setdefault(pin["room"], []).append(i)
        if isinstance(pin.get("slot"), str):
            by_slot.setdefault(pin["slot"], []).append(i)
    problems = []
    for pinned, free, noun, other in (
        (by_room, len(slots), "room", "slots"),
        (by_slot, len(rooms), "slot", "rooms"),
    ):
        for ident, members in pinned.items():
            if len(members) > free:
                problems.append(
                    f"sessions[{members[free]}].pinned.{noun}: {len(members):,} sessions are "
                    f"pinned to {noun} {json.dumps(ident, ensure_ascii=False)}, which has only "
                    f"{free:,} {other}"
                )
    return problems


@contextmanager
def pin_check_depth() -> Iterator[None]:
    """Room for `validate`'s pin check, which matches pinned sessions to room-slots along
    augmenting paths, one Python call per session on the path: at most MAX_SESSIONS deep."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, MAX_SESSIONS + 1_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def check_time_limit(seconds: float) -> str | None:
    """The problem line for a `--time-limit` out of range, or None when it is fine."""
    if not 0 < seconds <= MAX_TIME_LIMIT:  # also false for NaN
        return (
            f"--time-limit: must be more than 0 and at most {MAX_TIME_LIMIT:g} seconds, "
            f"got {seconds:g}"
        )
    return None


def check_seed(seed: int) -> str | None:
    """The problem line for a `--seed` out of range, or None when it is fine."""
    if abs(seed) > MAX_SEED:
        return "--seed: must be a whole number between -(2**63 - 1) and 2**63 - 1"
    return None


def check_result(data: object) -> None:
    """Raise ProblemError when a decoded result is larger than any result of a valid problem,
    or breaks a limit on depth, texts or numbers."""
    if not isinstance(data, dict):
        _raise_for_values(data, "result")
        return
    problems: list[str] = []
    for key in ("assignments", "unscheduled"):
        value = data.get(key)
        if isinstance(value, dict | list) and len(value) > MAX_SESSIONS:
            problems.append(_too_many(f"result.{key}", len(value), "sessions", MAX_SESSIONS))
    if problems:
        raise ProblemError(problems)
    _raise_for_values(data, "result")
