"""The one bridge to the pairing engine (`oneteam.pairing`): people in, groups and reasons out.

No other module of the app imports the engine (tests/test_import_rules.py). Ids given to the
engine are the users' primary keys as text; the engine's reasons for leaving someone out name
those ids, so they are put back into words here and never shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from oneteam import pairing

# Members who follow no chapter are given this engine chapter: it matters only to in-person
# members, and an in-person member always has a chapter (the opt-in form asks for one).
NO_CHAPTER = "-"


@dataclass(frozen=True)
class Candidate:
    user_id: int
    discipline: str
    chapter: str  # a chapter's slug, or NO_CHAPTER
    in_person: bool


@dataclass(frozen=True)
class Plan:
    groups: tuple[tuple[int, ...], ...]
    unmatched: tuple[tuple[int, str], ...]  # (user id, reason in words)
    cross: int


ProgressCallback = Callable[[float, str], None]


def _reason(engine_reason: str, in_person: bool) -> str:
    if in_person and "only in person" in engine_reason:
        return _("meets only in person, and no one else from their chapter is taking part")
    if "already met" in engine_reason:
        return _("has already been introduced to everyone else taking part")
    if "no one else" in engine_reason:
        return _("no one else is taking part")
    return _("everyone they could meet was already in a group")


def pair(
    candidates: Iterable[Candidate],
    *,
    history: Iterable[tuple[int, int]],
    avoid: Iterable[tuple[int, int]],
    seed: int,
    progress: ProgressCallback | None = None,
    time_limit: float = 30.0,
) -> Plan:
    """Solve the round. `history` and `avoid` pairs naming someone not taking part are dropped
    (the engine refuses unknown ids)."""
    people = list(candidates)
    ids = {c.user_id for c in people}
    problem = pairing.Problem(
        members=tuple(
            pairing.Member(
                id=str(c.user_id),
                discipline=c.discipline,
                chapter=c.chapter or NO_CHAPTER,
                in_person=c.in_person,
            )
            for c in people
        ),
        history=_known(history, ids),
        avoid=_known(avoid, ids),
    )
    result = pairing.solve(problem, seed=seed, progress=progress, time_limit=time_limit)
    in_person = {c.user_id: c.in_person for c in people}
    unmatched = tuple(
        (int(u.member), _reason(u.reason, in_person[int(u.member)])) for u in result.unmatched
    )
    groups = tuple(tuple(int(m) for m in group) for group in result.groups)
    return Plan(groups=groups, unmatched=unmatched, cross=result.score.cross)


def _known(pairs: Iterable[tuple[int, int]], ids: set[int]) -> tuple[tuple[str, str], ...]:
    seen: set[tuple[int, int]] = set()
    kept: list[tuple[str, str]] = []
    for a, b in pairs:
        key = (min(a, b), max(a, b))
        if a == b or a not in ids or b not in ids or key in seen:
            continue
        seen.add(key)
        kept.append((str(key[0]), str(key[1])))
    return tuple(kept)
