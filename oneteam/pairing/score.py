"""The score and the hard rules, recounted directly from the spec's definitions.

Deliberately naive and independent of the solver's bookkeeping (string ids, plain sets), so that
`oneteam pair --score` is a check on the solver rather than a copy of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .model import Member, Problem, Score
from .validate import parse_result


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def evaluate(problem: Problem, groups: list[tuple[str, ...]]) -> Score:
    """The spec's score of `groups`, counted as given (rules are `violations`' job)."""
    by_id = {m.id: m for m in problem.members}
    placed: set[str] = set()
    cross = same_chapter = 0
    for group in groups:
        placed.update(group)
        if len({by_id[i].discipline for i in group}) > 1:
            cross += 1
        if len({by_id[i].chapter for i in group}) == 1:
            same_chapter += 1
    return Score(len(placed), cross, same_chapter, len(groups))


def _pair_rule(a: Member, b: Member, met: set[frozenset[str]], blocked: set[frozenset[str]]) -> str:
    pair = frozenset((a.id, b.id))
    if pair in blocked:
        return f"{_q(a.id)} and {_q(b.id)} must never be grouped"
    if pair in met:
        return f"{_q(a.id)} and {_q(b.id)} have met before"
    for one, other in ((a, b), (b, a)):
        if one.in_person and one.chapter != other.chapter:
            return (
                f"{_q(one.id)} meets only in {_q(one.chapter)}, "
                f"and {_q(other.id)} is in {_q(other.chapter)}"
            )
    return ""


def violations(
    problem: Problem,
    groups: list[tuple[str, ...]],
    unmatched: list[tuple[str, str]] | None = None,
) -> list[str]:
    """Every broken hard rule, one line each (empty when the grouping keeps them all)."""
    by_id = {m.id: m for m in problem.members}
    met = {frozenset(p) for p in problem.history}
    blocked = {frozenset(p) for p in problem.avoid}
    found: list[str] = []
    where: dict[str, int] = {}
    for i, group in enumerate(groups):
        if len(group) not in (2, 3):
            found.append(f"groups[{i}]: has {len(group)} members; groups have 2 or 3")
        for ident in group:
            if ident in where:
                found.append(
                    f"groups[{i}]: {_q(ident)} is already in groups[{where[ident]}]"
                    if where[ident] != i
                    else f"groups[{i}]: lists {_q(ident)} twice"
                )
            else:
                where[ident] = i
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                broken = _pair_rule(by_id[group[x]], by_id[group[y]], met, blocked)
                if broken and group[x] != group[y]:
                    found.append(f"groups[{i}]: {broken}")
    found += _needless_trios(groups, by_id, met, blocked)
    if unmatched is not None:
        listed: set[str] = set()
        for ident, _reason in unmatched:
            if ident in where:
                found.append(f"unmatched: {_q(ident)} is also in groups[{where[ident]}]")
            if ident in listed:
                found.append(f"unmatched: lists {_q(ident)} twice")
            listed.add(ident)
        for m in problem.members:
            if m.id not in where and m.id not in listed:
                found.append(f"{_q(m.id)} is neither in a group nor listed as unmatched")
    return found


def _needless_trios(
    groups: list[tuple[str, ...]],
    by_id: dict[str, Member],
    met: set[frozenset[str]],
    blocked: set[frozenset[str]],
) -> list[str]:
    """At most one trio unless more are needed: two trios with a member each who may meet
    could have been three pairs instead ({a,b},{c,f},{d,e})."""
    trios = [(i, g) for i, g in enumerate(groups) if len(g) == 3 and len(set(g)) == 3]
    found: list[str] = []
    for k, (i, first) in enumerate(trios):
        for j, second in trios[k + 1 :]:
            if any(not _pair_rule(by_id[x], by_id[y], met, blocked) for x in first for y in second):
                found.append(
                    f"groups[{i}] and groups[{j}]: two trios that could have been three pairs"
                )
                break
    return found


@dataclass(slots=True)
class ScoreReport:
    score: Score
    violations: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.violations

    def to_json(self) -> dict[str, object]:
        return {"valid": self.valid, "score": self.score.to_json(), "violations": self.violations}


def score(problem: Problem, result: object) -> ScoreReport:
    """Check a result (decoded JSON) against a problem: its score and every broken hard rule.

    A score the result claims that differs from the recount is reported as a violation too.
    Raises ProblemError when the result itself is malformed (unknown ids, wrong shape).
    """
    groups, unmatched, claimed = parse_result(problem, result)
    recount = evaluate(problem, groups)
    found = violations(problem, groups, unmatched)
    if claimed is not None:
        for key, value in recount.to_json().items():
            if key in claimed and claimed[key] != value:
                found.append(f"score.{key}: the result says {_q(claimed[key])}, recount {value}")
    return ScoreReport(recount, found)
