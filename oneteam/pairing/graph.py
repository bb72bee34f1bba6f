"""Members as small integers, and who may be grouped with whom.

The graph of allowed pairs is the complement of a sparse one (past pairs and blocks), so it is
never built: `ok(i, j)` answers from the sparse side in constant time.
"""

from __future__ import annotations

from .model import Problem


class Graph:
    __slots__ = ("barred", "chap", "chapter_names", "disc", "forbidden", "ids", "inp", "n")

    def __init__(self, problem: Problem) -> None:
        members = problem.members
        self.n = n = len(members)
        self.ids = [m.id for m in members]
        index = {ident: i for i, ident in enumerate(self.ids)}
        disciplines: dict[str, int] = {}
        chapters: dict[str, int] = {}
        self.disc = [disciplines.setdefault(m.discipline, len(disciplines)) for m in members]
        self.chap = [chapters.setdefault(m.chapter, len(chapters)) for m in members]
        self.chapter_names = list(chapters)
        self.inp = [m.in_person for m in members]
        forbidden: set[int] = set()
        for pairs in (problem.history, problem.avoid):
            for a, b in pairs:
                i, j = index[a], index[b]
                forbidden.add(i * n + j if i < j else j * n + i)
        self.forbidden = forbidden
        barred = [0] * n
        for key in forbidden:
            i, j = divmod(key, n)
            barred[i] += 1
            barred[j] += 1
        self.barred = barred  # how many members each one may not meet (history or block)

    def ok(self, i: int, j: int) -> bool:
        """May members i and j be in one group (hard rules 2 and 3)?"""
        if i == j:
            return False
        if self.chap[i] != self.chap[j] and (self.inp[i] or self.inp[j]):
            return False
        return (i * self.n + j if i < j else j * self.n + i) not in self.forbidden

    def group_value(self, group: list[int] | tuple[int, ...]) -> tuple[int, int]:
        """(is cross-discipline, is all one chapter) for a group, as 0/1."""
        disc, chap = self.disc, self.chap
        first = group[0]
        cross = any(disc[m] != disc[first] for m in group)
        same = all(chap[m] == chap[first] for m in group)
        return int(cross), int(same)
