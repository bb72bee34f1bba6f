"""Delta-evaluated search state, greedy construction and simulated annealing.

The clash cost only depends on which slot each session is in. For every session s and slot t the
state keeps `ins[s][t]`: the weight of s's attendees who already have another session in t.
Moving s from slot a to slot b then changes the clash count by exactly `ins[s][b] - ins[s][a]`,
so a move is scored in O(1) and a swap in O(common attendees); only accepted moves pay for
updating `ins`. Hosts are checked in O(1) too: `hn[s][t]` counts the sessions sharing a host
with s that sit in slot t.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from .instance import Instance

INF = float("inf")


class State:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        S, T, NC = inst.S, inst.T, inst.NC
        self.cell = [-1] * S
        self.slot = [-1] * S
        self.occ = [-1] * NC
        # Trailing extra column: index -1 (unscheduled) reads as "no clash".
        self.cnt = [[0] * (T + 1) for _ in inst.group_weight]
        self.ins = [[0] * (T + 1) for _ in range(S)]
        # pc[s][c]: placement cost (overflow, move); pc[s][-1] is the cost of leaving s out.
        self.pc = [self._place_row(s) for s in range(S)]
        # hn[s][t]: how many sessions sharing a host with s are in slot t (-1: left out).
        self.hn = [[0] * T + [len(inst.host_nbrs[s])] for s in range(S)]
        self.clash = 0
        self.place = sum(row[-1] for row in self.pc)
        self._common: dict[int, list[int]] | None = None

    def _place_row(self, s: int) -> list[float]:
        """inst.place_cost(s, c) for every cell c, then for -1 (built a room at a time)."""
        inst = self.inst
        d, wo, wm, prev = inst.demand[s], inst.wo, inst.wm, inst.prev_cell[s]
        by_room = [wo * max(0, d - cap) for cap in inst.capacity]
        if prev >= 0:
            by_room = [x + wm for x in by_room]
        row = by_room * inst.T
        if prev >= 0:
            row[prev] -= wm
        row.append(inst.place_cost(s, -1))
        return row

    @property
    def common(self) -> dict[int, list[int]]:
        """common[s * S + s2]: the groups that want both s and s2 (s != s2), for the pairs that
        some group wants (a dict, so memory follows those pairs, not the square of sessions).

        Built on first use (by the annealing), so the first valid schedule does not wait for it.
        """
        if self._common is None:
            S = self.inst.S
            common: dict[int, list[int]] = {}
            for g, members in enumerate(self.inst.group_sessions):
                for a in members:
                    for b in members:
                        if a != b:
                            common.setdefault(a * S + b, []).append(g)
            self._common = common
        return self._common

    @property
    def total(self) -> float:
        return self.inst.wc * self.clash + self.place

    def _relocate(self, s: int, ta: int, tb: int) -> None:
        ins, cnt, slot = self.ins, self.cnt, self.slot
        gw, gs = self.inst.group_weight, self.inst.group_sessions
        clash = 0
        for g in self.inst.session_groups[s]:
            w = gw[g]
            row = cnt[g]
            if ta >= 0:
                k = row[ta] - 1
                row[ta] = k
                if k == 0:
                    for s3 in gs[g]:
                        if s3 != s:
                            ins[s3][ta] -= w
                else:
                    clash -= w
                    if k == 1:
                        for s3 in gs[g]:
                            if s3 != s and slot[s3] == ta:
                                ins[s3][ta] -= w
                                break
            if tb >= 0:
                k = row[tb]
                row[tb] = k + 1
                if k == 0:
                    for s3 in gs[g]:
                        if s3 != s:
                            ins[s3][tb] += w
                else:
                    clash += w
                    if k == 1:
                        for s3 in gs[g]:
                            if s3 != s and slot[s3] == tb:
                                ins[s3][tb] += w
                                break
        self.clash += clash
        hn = self.hn
        for h in self.inst.host_nbrs[s]:
            row = hn[h]
            row[ta] -= 1
            row[tb] += 1

    def move(self, s: int, c: int) -> None:
        """Put s in cell c (-1: leave it out); c must be empty."""
        a = self.cell[s]
        if a == c:
            return
        R = self.inst.R
        ta, tb = (a // R if a >= 0 else -1), (c // R if c >= 0 else -1)
        if a >= 0:
            self.occ[a] = -1
        if c >= 0:
            self.occ[c] = s
        self.place += self.pc[s][c] - self.pc[s][a]
        self.cell[s] = c
        if ta != tb:
            self._relocate(s, ta, tb)
        self.slot[s] = tb

    def swap(self, s: int, s2: int) -> None:
        """Exchange the cells of s and s2 (s may be out; s2 must be placed)."""
        a, b = self.cell[s], self.cell[s2]
        ta, tb = self.slot[s], self.slot[s2]
        pc = self.pc
        self.place += pc[s][b] - pc[s][a] + pc[s2][a] - pc[s2][b]
        self.cell[s], self.cell[s2] = b, a
        self.occ[b] = s
        if a >= 0:
            self.occ[a] = s2
        if ta != tb:
            self._relocate(s, ta, tb)
            self.slot[s] = tb
            self._relocate(s2, tb, ta)
            self.slot[s2] = ta

    def host_ok(self, s: int, t: int) -> bool:
        return self.hn[s][t] == 0

    def load(self, cells: list[int]) -> None:
        for s, c in enumerate(cells):
            if self.cell[s] != c and self.cell[s] >= 0:
                self.move(s, -1)
        for s, c in enumerate(cells):
            if c >= 0:
                self.move(s, c)


def greedy(state: State, keep: list[int] | None = None) -> None:
    """Place every session still out in its cheapest feasible free cell.

    `keep` (a cell per session, -1 for none) is tried first for each session: a repair starts
    from the published schedule.
    """
    inst = state.inst
    R = inst.R
    order = sorted(
        range(inst.S),
        key=lambda s: (not inst.fixed[s], len(inst.cells[s]) >= inst.NC, -inst.demand[s], s),
    )
    if keep is not None:
        for s in order:
            c = keep[s]
            free = c >= 0 and state.cell[s] < 0 and inst.allowed[s][c] and state.occ[c] < 0
            if free and state.host_ok(s, c // R):
                state.move(s, c)
    ins, pc, occ, cap = state.ins, state.pc, state.occ, inst.capacity
    for s in order:
        if state.cell[s] >= 0:
            continue
        best, best_key = -1, (INF, 0)
        row, prow = ins[s], pc[s]
        hrow = state.hn[s]
        for c in inst.cells[s]:
            if occ[c] >= 0 or hrow[c // R]:
                continue
            key = (inst.wc * row[c // R] + prow[c], cap[c % R])
            if key < best_key:
                best, best_key = c, key
        if best >= 0 and best_key[0] < prow[-1]:
            state.move(s, best)


Progress = Callable[[float, float], None]


def anneal(
    state: State,
    rng: random.Random,
    iterations: int,
    t_start: float,
    t_end: float,
    deadline: float,
    on_best: Callable[[float], None] | None = None,
) -> tuple[list[int], float, int]:
    """Simulated annealing over moves to free cells and swaps; returns the best cells found."""
    inst = state.inst
    R, S, wc = inst.R, inst.S, inst.wc
    movable = [s for s in range(inst.S) if not inst.fixed[s] and inst.cells[s]]
    best_cells, best = state.cell[:], state.total
    if not movable or iterations <= 0:
        return best_cells, best, 0
    cells, allowed, fixed = inst.cells, inst.allowed, inst.fixed
    hn, nbp = state.hn, inst.host_pair
    cell, slot, occ, ins, pc = state.cell, state.slot, state.occ, state.ins, state.pc
    cnt, gw, common = state.cnt, inst.group_weight, state.common
    rand, exp = rng.random, math.exp
    nm = len(movable)
    ncells = [len(c) for c in cells]
    ratio = t_end / t_start
    current = state.total
    began = time.perf_counter()
    span = max(1e-6, deadline - began)
    done = 0
    # Proposals run in blocks of 512 between looks at the clock, so the inner loop keeps no
    # counter of its own: 5-7% faster than one loop with a counter, at identical trajectories.
    while done < iterations:
        # Cool by iterations (deterministic); once the clock is clearly ahead of them (the
        # budget will not be spent in time), cool by the clock instead.
        frac = done / iterations
        clock = (time.perf_counter() - began) / span
        if clock >= 1:
            break
        if clock > frac + 0.02:
            frac = clock
        temp = t_start * ratio**frac
        # Uphill steps beyond this are accepted with probability < e^-16: reject them
        # without drawing a random number or taking an exponential.
        cut = 16 * temp
        block = min(512, iterations - done)
        done += block
        for _ in range(block):
            # One random number picks both the session and (from its fraction) the target cell.
            r = rand() * nm
            i = int(r)
            s = movable[i]
            c = cells[s][int((r - i) * ncells[s])]
            a = cell[s]
            if c == a:
                continue
            ta = slot[s]
            tb = c // R
            s2 = occ[c]
            ps = pc[s]
            if s2 < 0:
                if ta != tb:
                    if hn[s][tb]:
                        continue
                    d = ps[c] - ps[a] + wc * (ins[s][tb] - ins[s][ta])
                else:
                    d = ps[c] - ps[a]
            else:
                if fixed[s2] or (a >= 0 and not allowed[s2][a]):
                    continue
                p2 = pc[s2]
                if ta != tb:
                    pair = s * S + s2
                    both = pair in nbp
                    if hn[s][tb] > both or hn[s2][ta] > both:
                        continue
                    Is = ins[s]
                    I2 = ins[s2]
                    k = Is[tb] - Is[ta] + I2[ta] - I2[tb]
                    shared = common.get(pair, ())
                    if ta >= 0:
                        for g in shared:
                            row = cnt[g]
                            k -= gw[g] * ((row[ta] < 2) + (row[tb] < 2))
                    else:
                        for g in shared:
                            k -= gw[g] * (cnt[g][tb] < 2)
                    d = ps[c] - ps[a] + p2[a] - p2[c] + wc * k
                else:
                    d = ps[c] - ps[a] + p2[a] - p2[c]
            if d > 0 and (d > cut or rand() >= exp(-d / temp)):
                continue
            if s2 < 0:
                state.move(s, c)
            else:
                state.swap(s, s2)
            current += d
            if current < best - 1e-9:
                best = current
                best_cells = cell[:]
                if on_best is not None:
                    on_best(best)
    return best_cells, best, done
