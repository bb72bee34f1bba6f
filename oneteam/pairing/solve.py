"""Find a pairing round: as many members placed as possible, then as many cross-discipline
groups, then as many same-chapter groups (the spec's score, compared in that order).

Small rounds (up to EXACT_LIMIT members) are solved exactly. Larger ones, in five steps:

1. **In-person members first**, chapter by chapter: they can only meet their own chapter, so
   they choose before anyone else takes their chapter's members.
2. **Largest discipline first** for everyone else: always pair a member of the discipline with
   the most people still waiting with someone of another discipline, from their own chapter when
   there is one. Pairing the largest group away keeps every pair cross-discipline for as long as
   the bound min(n/2, n - largest) allows; when two disciplines together hold nearly everyone,
   the partner comes from the other of the two.
3. **Augmenting paths** for whoever is left: first the short ones (u joins v, and v's old
   partner w joins another waiting member x), then Edmonds' search with blossoms from each
   member still waiting (budgeted: O(n^2) checks at worst), which makes the number of pairs
   maximum when it completes. Then a trio for a member that still cannot be placed (joining a
   pair, or {v,v'},{w,w'} -> {u,v,w},{v',w'}, or u takes v and v's partner joins a pair); two
   trios whose members may meet are split into three pairs (a trio only where it is needed).
4. **Exchanges** between two pairs ({a,b},{c,d} -> {a,c},{b,d}) that add a cross-discipline or a
   same-chapter group without losing one, sampled and budgeted.

The allowed-pairs graph is the complement of the sparse history, so candidates are sampled
from buckets (by chapter and discipline) and checked in constant time, never enumerated.
"""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Callable, Sequence

from .blossom import BudgetSpent, augment_from
from .exact import EXACT_LIMIT, solve_exact
from .graph import Graph
from .model import Problem, Result, Score, Unmatched

ProgressCallback = Callable[[float, str], None]

_TRIES = 6  # random picks from a bucket before scanning it
_AUGMENT_BUDGET = 200_000  # partner checks per member left waiting
_BLOSSOM_BUDGET = 5_000_000  # partner checks for the full searches, in all
_EXCHANGE_TRIES = 24  # sampled exchanges per pair that could improve


def _quiet(done: float, note: str) -> None:
    return None


class _Pool:
    """Members still waiting, bucketed by discipline and by (chapter, discipline).

    Removal is O(1) (swap with the last), so a random pick is O(1) too.
    """

    def __init__(self, graph: Graph, members: list[int]) -> None:
        self.graph = graph
        self.by_disc: dict[int, list[int]] = {}
        self.by_cd: dict[int, dict[int, list[int]]] = {}
        self.at_disc: dict[int, int] = {}
        self.at_cd: dict[int, int] = {}
        for i in members:
            self.add(i)
        self.heap = [(-len(lst), d) for d, lst in self.by_disc.items()]
        heapq.heapify(self.heap)
        self.size = len(members)

    def add(self, i: int) -> None:
        d, c = self.graph.disc[i], self.graph.chap[i]
        lst = self.by_disc.setdefault(d, [])
        self.at_disc[i] = len(lst)
        lst.append(i)
        cell = self.by_cd.setdefault(c, {}).setdefault(d, [])
        self.at_cd[i] = len(cell)
        cell.append(i)

    def remove(self, i: int) -> None:
        d, c = self.graph.disc[i], self.graph.chap[i]
        for lst, at in ((self.by_disc[d], self.at_disc), (self.by_cd[c][d], self.at_cd)):
            k = at.pop(i)
            last = lst.pop()
            if last != i:
                lst[k] = last
                at[last] = k
        self.size -= 1
        heapq.heappush(self.heap, (-len(self.by_disc[d]), d))

    def count(self, d: int) -> int:
        lst = self.by_disc.get(d)
        return len(lst) if lst else 0

    def top_two(self) -> tuple[int, int]:
        """The two disciplines with the most members waiting (-1 when there is none)."""
        heap = self.heap
        found: list[int] = []
        while heap and len(found) < 2:
            neg, d = heapq.heappop(heap)
            if -neg == self.count(d) and -neg > 0 and d not in found:
                found.append(d)
        for d in found:
            heapq.heappush(heap, (-self.count(d), d))
        padded = [*found, -1, -1]
        return padded[0], padded[1]


class _Search:
    def __init__(self, graph: Graph, seed: int, progress: ProgressCallback) -> None:
        self.g = graph
        self.rng = random.Random(seed)
        self.progress = progress
        n = graph.n
        self.group_of = [-1] * n
        self.groups: list[list[int] | None] = []
        self.by_chapter: dict[int, list[int]] = {}
        self.cross = 0  # cross-discipline groups, kept up to date by make and dissolve
        # partner checks for augmenting and trios, in all: enough for many waiting members,
        # bounded so that a round where nobody more can be placed does not search for long
        self.budget = min(_AUGMENT_BUDGET * 20, max(_AUGMENT_BUDGET, 300 * n))
        for i in range(n):
            self.by_chapter.setdefault(graph.chap[i], []).append(i)

    # groups -------------------------------------------------------------------------------
    def make(self, members: list[int]) -> None:
        gid = len(self.groups)
        self.groups.append(members)
        for m in members:
            self.group_of[m] = gid
        self.cross += self.g.group_value(members)[0]

    def dissolve(self, gid: int) -> list[int]:
        members = self.groups[gid]
        assert members is not None
        self.groups[gid] = None
        for m in members:
            self.group_of[m] = -1
        self.cross -= self.g.group_value(members)[0]
        return members

    def mate(self, i: int) -> int:
        """i's partner when i is in a pair, else -1."""
        gid = self.group_of[i]
        if gid < 0:
            return -1
        group = self.groups[gid]
        if group is None or len(group) != 2:
            return -1
        return group[1] if group[0] == i else group[0]

    # 1-2: greedy ------------------------------------------------------------------------------
    def pick(self, u: int, bucket: list[int] | None) -> int:
        if not bucket:
            return -1
        ok, rng = self.g.ok, self.rng
        for _ in range(_TRIES):
            v = bucket[rng.randrange(len(bucket))]
            if ok(u, v):
                return v
        for v in bucket:
            if ok(u, v):
                return v
        return -1

    def partner(self, pool: _Pool, u: int, chapter_only: bool) -> int:
        g = self.g
        du, cu = g.disc[u], g.chap[u]
        first, second = pool.top_two()
        other = second if first == du else first
        # Two disciplines holding nearly everyone: take the partner from the other of the two.
        tight = other >= 0 and 2 * pool.count(other) > pool.size - 1
        local = pool.by_cd.get(cu, {})
        order = sorted(
            (d for d, lst in local.items() if lst and d != du and (not tight or d == other)),
            key=lambda d: -pool.count(d),
        )
        for d in order:
            v = self.pick(u, local[d])
            if v >= 0:
                return v
        if not chapter_only:
            for d in [other] if other >= 0 and other != du else []:
                v = self.pick(u, pool.by_disc.get(d))
                if v >= 0:
                    return v
            if tight:  # then any other discipline, from the chapter first
                for d, lst in local.items():
                    if d != du and d != other:
                        v = self.pick(u, lst)
                        if v >= 0:
                            return v
            for d, lst in pool.by_disc.items():
                if d != du and d != other:
                    v = self.pick(u, lst)
                    if v >= 0:
                        return v
        v = self.pick(u, local.get(du))
        if v >= 0 or chapter_only:
            return v
        return self.pick(u, pool.by_disc.get(du))

    def greedy(self) -> list[int]:
        g, rng = self.g, self.rng
        pool = _Pool(g, list(range(g.n)))
        stuck: list[int] = []
        size = {d: pool.count(d) for d in pool.by_disc}
        in_person = [i for i in range(g.n) if g.inp[i]]
        rng.shuffle(in_person)
        in_person.sort(key=lambda i: -size[g.disc[i]])
        for u in in_person:
            if self.group_of[u] >= 0:
                continue
            pool.remove(u)
            v = self.partner(pool, u, chapter_only=True)
            if v < 0:
                stuck.append(u)
                continue
            pool.remove(v)
            self.make([u, v])
        self.progress(0.3, "in-person members paired")
        while pool.size > 0:
            d, _second = pool.top_two()
            lst = pool.by_disc[d]
            u = lst[rng.randrange(len(lst))]
            pool.remove(u)
            v = self.partner(pool, u, chapter_only=False)
            if v < 0:
                stuck.append(u)
                continue
            pool.remove(v)
            self.make([u, v])
        self.progress(0.5, f"greedy pairing done, {len(stuck)} waiting")
        return stuck

    # 3: augmenting paths and trios ----------------------------------------------------------
    def candidates(self, u: int) -> list[int]:
        g = self.g
        pool = list(self.by_chapter[g.chap[u]]) if g.inp[u] else list(range(g.n))
        self.rng.shuffle(pool)
        return pool

    def gain(self, old: list[list[int]], new: list[list[int]]) -> int:
        """Change in 3*cross + same_chapter from replacing groups `old` by `new`."""
        total = 0
        for groups, sign in ((new, 1), (old, -1)):
            for group in groups:
                cross, same = self.g.group_value(group)
                total += sign * (3 * cross + same)
        return total

    def augment(self, waiting: list[int]) -> None:
        ok = self.g.ok
        for u in waiting:
            if self.group_of[u] >= 0 or self.budget <= 0:
                continue
            free = [x for x in waiting if x != u and self.group_of[x] < 0]
            self.budget -= len(free)
            direct = [x for x in free if ok(u, x)]
            if direct:
                x = max(direct, key=lambda x: self.gain([], [[u, x]]))
                self.make([u, x])
                continue
            if not free:
                continue
            checks = 0
            for v in self.candidates(u):
                checks += 1
                if checks > _AUGMENT_BUDGET:
                    break
                w = self.mate(v)
                if w < 0 or not ok(u, v):
                    continue
                checks += len(free)
                x = next((x for x in free if ok(w, x)), -1)
                if x >= 0:
                    self.dissolve(self.group_of[v])
                    self.make([u, v])
                    self.make([w, x])
                    break
            self.budget -= checks
        self.blossom(waiting)

    def blossom(self, waiting: list[int]) -> None:
        """Full augmenting-path searches for whoever the short paths could not place."""
        left = [u for u in waiting if self.group_of[u] < 0]
        if len(left) < 2:  # an augmenting path joins two members who are both waiting
            return
        g = self.g
        match = [self.mate(i) if self.group_of[i] >= 0 else -1 for i in range(g.n)]
        budget = [min(_BLOSSOM_BUDGET, max(_BLOSSOM_BUDGET // 5, 500 * g.n))]
        everyone = range(g.n)

        def near(v: int) -> Sequence[int]:
            return self.by_chapter[g.chap[v]] if g.inp[v] else everyone

        changed = False
        for u in left:
            if match[u] != -1 or not any(g.ok(u, v) for v in near(u)):
                continue
            try:
                changed |= augment_from(u, match, g.ok, near, budget)
            except BudgetSpent:
                break
        if not changed:
            return
        for gid, grp in enumerate(self.groups):
            if grp is not None:
                self.dissolve(gid)
        for i, j in enumerate(match):
            if i < j:
                self.make([i, j])

    def trios(self, waiting: list[int]) -> None:
        ok = self.g.ok
        for u in waiting:
            if self.group_of[u] >= 0 or self.budget <= 0:
                continue
            best, best_gain, checks, found = -1, -(10**9), 0, 0
            for v in self.candidates(u):
                checks += 1
                if checks > _AUGMENT_BUDGET or found >= 32:
                    break
                w = self.mate(v)
                if w < 0 or not ok(u, v) or not ok(u, w):
                    continue
                found += 1
                gain = self.gain([[v, w]], [[v, w, u]])
                if gain > best_gain:
                    best, best_gain = v, gain
            self.budget -= checks
            if best >= 0:
                members = self.dissolve(self.group_of[best])
                self.make([*members, u])
            else:
                self.trio_by_exchange(u)
        self.split_trios()

    def trio_by_exchange(self, u: int) -> None:
        """No pair takes u as a third: try {v,v'},{w,w'} -> {u,v,w},{v',w'}."""
        ok = self.g.ok
        near = [v for v in self.candidates(u) if self.mate(v) >= 0 and ok(u, v)]
        checks = len(near)
        if not near:
            self.budget -= checks
            return
        pairs = [grp for grp in self.groups if grp is not None and len(grp) == 2]
        for v in near:  # u takes v; v's partner joins another pair as its third
            v2 = self.mate(v)
            for grp in pairs:
                checks += 1
                if checks > _AUGMENT_BUDGET:
                    self.budget -= checks
                    return
                if v not in grp and ok(v2, grp[0]) and ok(v2, grp[1]):
                    self.dissolve(self.group_of[v])
                    self.dissolve(self.group_of[grp[0]])
                    self.make([u, v])
                    self.make([*grp, v2])
                    self.budget -= checks
                    return
        for x, v in enumerate(near):
            for w in near[x + 1 :]:
                checks += 1
                if checks > _AUGMENT_BUDGET:
                    self.budget -= checks
                    return
                v2, w2 = self.mate(v), self.mate(w)
                if w != v2 and ok(v, w) and ok(v2, w2):
                    self.dissolve(self.group_of[v])
                    self.dissolve(self.group_of[w])
                    self.make([u, v, w])
                    self.make([v2, w2])
                    self.budget -= checks
                    return
        self.budget -= checks

    def split_trios(self) -> None:
        """Two trios with a member each who may meet become three pairs."""
        ok = self.g.ok
        changed = True
        while changed:
            changed = False
            trios = [gid for gid, grp in enumerate(self.groups) if grp and len(grp) == 3]
            for a, first in enumerate(trios):
                for second in trios[a + 1 :]:
                    t1, t2 = self.groups[first], self.groups[second]
                    assert t1 is not None and t2 is not None
                    hit = next(((x, y) for x in t1 for y in t2 if ok(x, y)), None)
                    if hit is None:
                        continue
                    x, y = hit
                    self.dissolve(first)
                    self.dissolve(second)
                    self.make([m for m in t1 if m != x])
                    self.make([m for m in t2 if m != y])
                    self.make([x, y])
                    changed = True
                    break
                if changed:
                    break

    # 4: exchanges -----------------------------------------------------------------------------
    def exchange(self, a: int, c: int) -> bool:
        """Try {a,b},{c,d} -> {a,c},{b,d} or {a,d},{b,c}; apply the better one if it gains."""
        ok = self.g.ok
        b, d = self.mate(a), self.mate(c)
        if b < 0 or d < 0 or c in (a, b):
            return False
        old = [[a, b], [c, d]]
        best, best_gain = None, 0
        for new in ([[a, c], [b, d]], [[a, d], [b, c]]):
            if ok(new[0][0], new[0][1]) and ok(new[1][0], new[1][1]):
                gain = self.gain(old, new)
                if gain > best_gain:
                    best, best_gain = new, gain
        if best is None:
            return False
        self.dissolve(self.group_of[a])
        self.dissolve(self.group_of[c])
        self.make(best[0])
        self.make(best[1])
        return True

    def improve(self, cross_bound: int, deadline: float) -> None:
        g, rng = self.g, self.rng
        n = g.n
        everyone = list(range(n))
        # Cross-discipline first: each same-discipline pair looks for a pair to swap with.
        for gid in range(len(self.groups)):
            if self.cross >= cross_bound or time.monotonic() > deadline:
                break
            grp = self.groups[gid]
            if grp is None or len(grp) != 2 or g.disc[grp[0]] != g.disc[grp[1]]:
                continue
            a = grp[0]
            for _ in range(_EXCHANGE_TRIES):
                c = everyone[rng.randrange(n)]
                if g.disc[c] != g.disc[a] and self.exchange(a, c):
                    break
        self.progress(0.8, "cross-discipline exchanges done")
        # Then same chapter, never at the cost of a cross-discipline group.
        for gid in range(len(self.groups)):
            if time.monotonic() > deadline:
                break
            grp = self.groups[gid]
            if grp is None or len(grp) != 2 or g.chap[grp[0]] == g.chap[grp[1]]:
                continue
            for a in grp:
                local = self.by_chapter[g.chap[a]]
                done = False
                for _ in range(min(_EXCHANGE_TRIES, len(local))):
                    if self.exchange(a, local[rng.randrange(len(local))]):
                        done = True
                        break
                if done:
                    break
        self.progress(0.95, "same-chapter exchanges done")

    def run(self, cross_bound: int, deadline: float) -> None:
        waiting = self.greedy()
        self.augment(waiting)
        self.trios(waiting)
        self.progress(0.6, "augmenting paths and trios done")
        self.improve(cross_bound, deadline)


def _reason(graph: Graph, u: int, by_chapter: dict[int, list[int]], remote: int) -> str:
    """Why u is left out; `remote` counts in-person members outside u's chapter."""
    who = graph.ids[u]
    busy = "every possible partner is already in a group"
    if graph.inp[u]:
        local = [v for v in by_chapter[graph.chap[u]] if v != u]
        chapter = graph.chapter_names[graph.chap[u]]
        if not local:
            return f"{who} meets only in person, and no one else from {chapter} is taking part"
    else:
        if graph.n - 1 - graph.barred[u] - remote > 0:
            return busy  # someone u may meet exists, without looking for them
        local = [v for v in range(graph.n) if v != u]
    if not local:
        return "no one else is taking part"
    if not any(graph.ok(u, v) for v in local):
        return f"every possible partner already met {who} or must not be grouped with them"
    return busy


def solve(
    problem: Problem,
    *,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    exact_limit: int = EXACT_LIMIT,
    time_limit: float = 30.0,
) -> Result:
    """A pairing round for `problem`; deterministic for a given seed (within the time limit)."""
    report = progress or _quiet
    started = time.monotonic()
    graph = Graph(problem)
    bound = problem.cross_bound()
    report(0.05, f"{graph.n} members read")
    if graph.n <= min(exact_limit, EXACT_LIMIT):
        groups = [list(grp) for grp in solve_exact(graph)]
        method, exact = "exact", True
    else:
        search = _Search(graph, seed, report)
        search.run(bound, started + time_limit)
        groups = [grp for grp in search.groups if grp is not None]
        method, exact = "greedy-augment-exchange", False
    by_chapter: dict[int, list[int]] = {}
    for i in range(graph.n):
        by_chapter.setdefault(graph.chap[i], []).append(i)
    in_person = sum(graph.inp)
    local_in_person = {c: sum(graph.inp[i] for i in grp) for c, grp in by_chapter.items()}
    placed = {m for grp in groups for m in grp}
    waiting = {i for i in range(graph.n) if i not in placed}
    values = [graph.group_value(grp) for grp in groups]
    score = Score(
        matched=len(placed),
        cross=sum(v[0] for v in values),
        same_chapter=sum(v[1] for v in values),
        groups=len(groups),
    )
    trios = sum(1 for grp in groups if len(grp) == 3)
    proven = (
        score.matched == graph.n
        and trios == graph.n % 2
        and score.cross == bound
        and score.same_chapter == len(groups)
    )
    ordered = sorted((sorted(grp) for grp in groups), key=lambda grp: grp[0])
    report(1.0, f"{score.matched} of {graph.n} placed, {score.cross} cross-discipline groups")
    return Result(
        groups=tuple(tuple(graph.ids[m] for m in grp) for grp in ordered),
        unmatched=tuple(
            Unmatched(
                graph.ids[u],
                _reason(graph, u, by_chapter, in_person - local_in_person[graph.chap[u]]),
            )
            for u in sorted(waiting)
        ),
        score=score,
        cross_bound=bound,
        seed=seed,
        method=method,
        optimal=exact or proven,
    )
