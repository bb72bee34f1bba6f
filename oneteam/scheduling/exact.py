"""Exact set partitioning for small instances (HiGHS MIP).

The cost splits by slot: clashes and overflow of a slot depend only on which sessions share it
and which room each gets. So a column is one feasible set of sessions for one slot, costed with
its clashes plus its exact room assignment; the model picks at most one column per slot and
covers every session once (or pays for leaving it out). Its LP relaxation is tight in practice,
and HiGHS proves the optimum of small instances in well under a second. The number of columns
grows like C(S, R) per slot, so larger instances are left to the local search.
"""

from __future__ import annotations

import math
import time
from math import comb
from types import ModuleType
from typing import TYPE_CHECKING

from .instance import Instance
from .rooms import BIG, assign

if TYPE_CHECKING:
    from highspy._core import _Highs

MAX_COLUMNS = 40_000


def _count_columns(inst: Instance) -> int:
    return inst.T * sum(comb(inst.S, k) for k in range(1, inst.R + 1))


def _new_highs(highspy: ModuleType) -> _Highs:
    """A silent HiGHS instance, built without printing anything.

    highspy's `Highs()` (1.16) registers its callbacks in the constructor, and HiGHS prints its
    banner on stdout the first time callbacks are set while `output_flag` is still on — before a
    caller can call `silent()`. The compiled base class `highspy._Highs` (listed in highspy's
    `__all__`) has the same solver methods without that step, so its output can be switched off
    first and nothing reaches stdout, which would corrupt a result the CLI prints there.
    """
    base: type[_Highs] | None = getattr(highspy, "_Highs", None)
    h: _Highs = base() if base is not None else highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def solve_exact(
    inst: Instance, *, deadline: float, upper: float, max_columns: int = MAX_COLUMNS
) -> tuple[list[int], float, float] | None:
    """(cells, cost, proven lower bound), or None when too big or out of time."""
    if inst.S == 0 or _count_columns(inst) > max_columns:
        return None
    try:
        import highspy
        import numpy as np
    except ImportError:  # pragma: no cover - highspy is a dependency
        return None
    try:
        columns = _Columns(inst, deadline).build()
    except TimeoutError:
        return None
    R = inst.R
    n_cols = len(columns) + inst.S
    costs = np.array([c[2] for c in columns] + [inst.place_cost(s, -1) for s in range(inst.S)])
    starts: list[int] = [0]
    index: list[int] = []
    for t, members, _cost, _rooms in columns:
        index.extend(members)
        index.append(inst.S + t)
        starts.append(len(index))
    for s in range(inst.S):
        index.append(s)
        starts.append(len(index))
    h = _new_highs(highspy)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", max(0.01, deadline - time.perf_counter()))
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = inst.S + inst.T
    lp.col_cost_ = costs
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.array([1.0] * inst.S + [0.0] * inst.T)
    lp.row_upper_ = np.ones(inst.S + inst.T)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(len(index))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    values = list(h.getSolution().col_value)
    if status == highspy.HighsModelStatus.kOptimal:
        bound = info.objective_function_value
    else:
        bound = info.mip_dual_bound
        if not np.isfinite(bound):
            return None
    cells = [-1] * inst.S
    if len(values) == n_cols and info.primal_solution_status == 2:
        for j, (t, members, _cost, rooms) in enumerate(columns):
            if values[j] > 0.5:
                for s, r in zip(members, rooms, strict=True):
                    cells[s] = t * R + r
        value = float(sum(costs[j] for j in range(n_cols) if values[j] > 0.5))
    else:
        value = float("inf")
    # With whole-number weights every cost is whole: round the bound up past solver noise.
    weights = (inst.wc, inst.wo, inst.wm, inst.wu)
    if all(float(w).is_integer() for w in weights):
        bound = math.ceil(bound - 1e-6)
    else:
        bound -= 1e-6 * max(1.0, abs(bound))
    return cells, value, max(0.0, bound)


class _Columns:
    """Every feasible (slot, set of sessions) with its exact cost, by depth-first enumeration."""

    def __init__(self, inst: Instance, deadline: float) -> None:
        self.inst, self.deadline, self.R = inst, deadline, inst.R
        R = inst.R
        self.pc = [
            [inst.place_cost(s, c) if inst.allowed[s][c] else BIG for c in range(inst.NC)]
            for s in range(inst.S)
        ]
        # Sessions whose room costs in slot t are equal share a signature: cache room choices.
        row_sig: dict[tuple[float, ...], int] = {}
        self.sig = [
            [
                row_sig.setdefault(tuple(self.pc[s][t * R : (t + 1) * R]), len(row_sig))
                for t in range(inst.T)
            ]
            for s in range(inst.S)
        ]
        self.room_cache: dict[tuple[int, ...], tuple[float, list[int]]] = {}
        self.nbrs = [set(n) for n in inst.host_nbrs]
        self.columns: list[tuple[int, tuple[int, ...], float, list[int]]] = []
        self.counts: dict[int, int] = {}
        self.chosen: list[int] = []

    def build(self) -> list[tuple[int, tuple[int, ...], float, list[int]]]:
        inst, R = self.inst, self.R
        for t in range(inst.T):
            eligible = [s for s in range(inst.S) if any(inst.allowed[s][t * R : (t + 1) * R])]
            self._extend(t, eligible, 0, 0)
        return self.columns

    def _room_cost(self, t: int, members: list[int]) -> tuple[float, list[int]]:
        sig, R = self.sig, self.R
        order = sorted(members, key=lambda s: sig[s][t])
        key = tuple(sig[s][t] for s in order)
        found = self.room_cache.get(key)
        if found is None:
            cost = [self.pc[s][t * R : (t + 1) * R] for s in order]
            rooms = assign(cost)
            found = (sum(cost[i][r] for i, r in enumerate(rooms)), rooms)
            self.room_cache[key] = found
        value, rooms = found
        by_session = dict(zip(order, rooms, strict=True))
        return value, [by_session[s] for s in members]

    def _extend(self, t: int, eligible: list[int], start: int, clash: float) -> None:
        inst, counts, chosen = self.inst, self.counts, self.chosen
        gw, sg = inst.group_weight, inst.session_groups
        for i in range(start, len(eligible)):
            s = eligible[i]
            if any(o in self.nbrs[s] for o in chosen):
                continue
            added = 0
            for g in sg[s]:
                k = counts.get(g, 0)
                if k:
                    added += gw[g]
                counts[g] = k + 1
            chosen.append(s)
            value, rooms = self._room_cost(t, chosen)
            if value < BIG:
                total = inst.wc * (clash + added) + value
                self.columns.append((t, tuple(chosen), total, rooms))
            if len(chosen) < self.R:
                self._extend(t, eligible, i + 1, clash + added)
            chosen.pop()
            for g in sg[s]:
                counts[g] -= 1
        if time.perf_counter() > self.deadline:
            raise TimeoutError
