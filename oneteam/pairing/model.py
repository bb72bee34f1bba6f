"""Typed data for the pairing problem and result (spec: shared/spec/pairing.md, v1).

Plain data only: reading and checking live in `validate` (with the size limits in `limits`),
the search in `solve`, the independent recount in `score`.
"""

from __future__ import annotations

from dataclasses import dataclass

PROBLEM_FORMAT = "oneteam.pairing-problem/1"
RESULT_FORMAT = "oneteam.pairing/1"


class ProblemError(Exception):
    """Invalid input: `messages` holds one line per problem found."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    discipline: str
    chapter: str
    in_person: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    members: tuple[Member, ...]
    history: tuple[tuple[str, str], ...] = ()  # pairs that already met
    avoid: tuple[tuple[str, str], ...] = ()  # pairs that must never be grouped

    def cross_bound(self) -> int:
        """min(floor(n/2), n - size of the largest discipline): at most this many groups can
        mix disciplines, whatever the history, blocks and chapters."""
        n = len(self.members)
        if n == 0:
            return 0
        sizes: dict[str, int] = {}
        for m in self.members:
            sizes[m.discipline] = sizes.get(m.discipline, 0) + 1
        return min(n // 2, n - max(sizes.values()))


@dataclass(frozen=True, slots=True)
class Score:
    matched: int
    cross: int
    same_chapter: int
    groups: int

    def key(self) -> tuple[int, int, int]:
        """Higher is better, compared in this order (the spec's score)."""
        return (self.matched, self.cross, self.same_chapter)

    def to_json(self) -> dict[str, int]:
        return {
            "matched": self.matched,
            "cross": self.cross,
            "same_chapter": self.same_chapter,
            "groups": self.groups,
        }


@dataclass(frozen=True, slots=True)
class Unmatched:
    member: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"member": self.member, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Result:
    groups: tuple[tuple[str, ...], ...]
    unmatched: tuple[Unmatched, ...]
    score: Score
    cross_bound: int
    seed: int
    method: str
    optimal: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "format": RESULT_FORMAT,
            "groups": [list(g) for g in self.groups],
            "unmatched": [u.to_json() for u in self.unmatched],
            "score": self.score.to_json(),
            "bounds": {"cross": self.cross_bound},
            "solver": {"name": self.method, "seed": self.seed, "optimal": self.optimal},
        }
