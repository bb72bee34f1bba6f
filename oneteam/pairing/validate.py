"""Read and check a problem (or a result against a problem), collecting every input error.

Each message names the item it is about, e.g. `history[3][1]: no member with id "m9"`.
"""

from __future__ import annotations

import json

from .limits import check_problem_sizes, check_result_sizes, text_error
from .model import PROBLEM_FORMAT, RESULT_FORMAT, Member, Problem, ProblemError


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Errors(list[str]):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}")


def _text(item: dict[str, object], key: str, where: str, errors: _Errors) -> str | None:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        errors.add(f"{where}.{key}", "expected a non-empty string")
        return None
    problem = text_error(value)
    if problem is not None:
        errors.add(f"{where}.{key}", problem)
        return None
    return value


def _members(data: dict[str, object], errors: _Errors) -> list[Member]:
    raw = data.get("members")
    if not isinstance(raw, list):
        errors.add("members", "expected a list" if "members" in data else "missing")
        return []
    members: list[Member] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"members[{i}]"
        if not isinstance(item, dict):
            errors.add(where, "expected an object")
            continue
        ident = _text(item, "id", where, errors)
        discipline = _text(item, "discipline", where, errors)
        chapter = _text(item, "chapter", where, errors)
        in_person = item.get("in_person", False)
        if not isinstance(in_person, bool):
            errors.add(f"{where}.in_person", "expected true or false")
            in_person = False
        if ident is None:
            continue
        if ident in seen:
            errors.add(f"{where}.id", f"duplicate member id {_q(ident)}")
            continue
        seen.add(ident)
        if discipline is not None and chapter is not None:
            members.append(Member(ident, discipline, chapter, in_person))
    return members


def _pairs(
    data: dict[str, object], key: str, ids: set[str], errors: _Errors
) -> list[tuple[str, str]]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        errors.add(key, "expected a list of [member, member] pairs")
        return []
    pairs: list[tuple[str, str]] = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(item, list) or len(item) != 2:
            errors.add(where, "expected a pair of member ids")
            continue
        ok = True
        for j, ident in enumerate(item):
            if not isinstance(ident, str) or ident not in ids:
                errors.add(f"{where}[{j}]", f"no member with id {_q(ident)}")
                ok = False
        if not ok:
            continue
        a, b = item
        if a == b:
            errors.add(where, f"pairs {_q(a)} with themselves")
            continue
        pairs.append((a, b) if a < b else (b, a))
    return pairs


def parse_problem(data: object) -> Problem:
    """The problem in `data` (decoded JSON), or ProblemError listing every problem found."""
    if not isinstance(data, dict):
        raise ProblemError(["problem: expected a JSON object"])
    too_big = check_problem_sizes(data)
    if too_big:
        raise ProblemError(too_big)
    errors = _Errors()
    fmt = data.get("format", PROBLEM_FORMAT)
    if fmt != PROBLEM_FORMAT:
        errors.add("format", f"expected {_q(PROBLEM_FORMAT)}, got {_q(fmt)}")
    members = _members(data, errors)
    ids = {m.id for m in members}
    history = _pairs(data, "history", ids, errors)
    avoid = _pairs(data, "avoid", ids, errors)
    if errors:
        raise ProblemError(errors)
    return Problem(tuple(members), tuple(history), tuple(avoid))


def parse_result(
    problem: Problem, data: object
) -> tuple[list[tuple[str, ...]], list[tuple[str, str]], dict[str, object] | None]:
    """A result's groups, unmatched (member, reason) and claimed score, ids checked.

    Hard rules (sizes, repeats, history, chapters) are `score`'s job, not errors here.
    """
    if not isinstance(data, dict):
        raise ProblemError(["result: expected a JSON object"])
    too_big = check_result_sizes(data)
    if too_big:
        raise ProblemError(too_big)
    errors = _Errors()
    fmt = data.get("format", RESULT_FORMAT)
    if fmt != RESULT_FORMAT:
        errors.add("result.format", f"expected {_q(RESULT_FORMAT)}, got {_q(fmt)}")
    ids = {m.id for m in problem.members}
    groups: list[tuple[str, ...]] = []
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list):
        errors.add("result.groups", "expected a list" if "groups" in data else "missing")
        raw_groups = []
    for i, group in enumerate(raw_groups):
        if not isinstance(group, list):
            errors.add(f"result.groups[{i}]", "expected a list of member ids")
            continue
        ok = True
        for j, ident in enumerate(group):
            if not isinstance(ident, str) or ident not in ids:
                errors.add(f"result.groups[{i}][{j}]", f"no member with id {_q(ident)}")
                ok = False
        if ok:
            groups.append(tuple(group))
    unmatched: list[tuple[str, str]] = []
    raw_unmatched = data.get("unmatched", [])
    if not isinstance(raw_unmatched, list):
        errors.add("result.unmatched", "expected a list")
        raw_unmatched = []
    for i, item in enumerate(raw_unmatched):
        ident = item.get("member") if isinstance(item, dict) else None
        if not isinstance(ident, str) or ident not in ids:
            errors.add(f"result.unmatched[{i}].member", f"no member with id {_q(ident)}")
            continue
        reason = item.get("reason", "")
        unmatched.append((ident, reason if isinstance(reason, str) else ""))
    claimed = data.get("score")
    if claimed is not None and not isinstance(claimed, dict):
        errors.add("result.score", "expected an object")
        claimed = None
    if errors:
        raise ProblemError(errors)
    return groups, unmatched, claimed
