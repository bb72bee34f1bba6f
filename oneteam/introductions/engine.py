"""The one bridge to the pairing engine (`oneteam.pairing`): people in, groups and reasons out.

No other module of the app imports the engine (tests/test_import_rules.py). Ids given to the
engine are the users' primary keys as text. The engine's reasons for leaving someone out name
those ids, so they are never shown: the reason is worked out here from the round's own data.
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


def _reason(u: Candidate, people: list[Candidate], barred: set[tuple[str, str]]) -> str:
    """Why `u` was left out, worked out from the round's own data (never from the engine's
    message, which names ids): who else takes part, where they meet, whom u may not meet."""
    others = [v for v in people if v.user_id != u.user_id]
    if not others:
        return _("no one else is taking part")
    if u.in_person and not any(v.chapter == u.chapter for v in others):
        return _("meets only in person, and no one else from their chapter is taking part")
    reachable = [
        v
        for v in others
        if (not u.in_person or v.chapter == u.chapter)
        and (not v.in_person or v.chapter == u.chapter)
        and _key(u.user_id, v.user_id) not in barred
    ]
    if not reachable:
        # Past introductions and blocks are not told apart: a block is never revealed.
        return _("has already met, or cannot be introduced to, everyone else taking part")
    return _("everyone they could meet was already in a group")


def _key(a: int, b: int) -> tuple[str, str]:
    return (str(min(a, b)), str(max(a, b)))


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
    by_id = {c.user_id: c for c in people}
    barred = set(problem.history) | set(problem.avoid)
    unmatched = tuple(
        (int(u.member), _reason(by_id[int(u.member)], people, barred)) for u in result.unmatched
    )
    groups = tuple(tuple(int(m) for m in group) for group in result.groups)
    return Plan(groups=groups, unmatched=unmatched, cross=result.score.cross)


def _known(pairs: Iterable[tuple[int, int]], ids: set[int]) -> tuple[tuple[str, str], ...]:
    seen: set[tuple[int, int]] = set()
    kept: list[tuple[str, str]] = []
    for a, b in pairs:
        if a == b or a not in ids or b not in ids or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        kept.append(_key(a, b))
    return tuple(kept)
