"""Cheap proven lower bounds on the total cost.

- Unscheduled: sessions with no feasible cell, and any excess of sessions over cells, must stay
  out; each costs `unscheduled`.
- Otherwise every schedule either leaves a session out (cost >= `unscheduled`) or places all of
  them, and then:
  - clashes >= sum over attendees of max(0, k - |slots their sessions can use|) (pigeonhole);
  - overflow >= the best matching of demands to cell capacities ignoring slots and access,
    which pairs them sorted largest to largest (optimal for the convex max(0, d - c)).
  Clashes and overflow are separate terms, so their separate bounds add up.
- A stronger clash bound from pairs (`pair_clash_bound`): let y_ij = 1 when sessions i and j
  share a slot. An attendee group with k sessions in one slot loses k - 1 >= 2/K * C(k, 2)
  interests, K = min(group size, rooms), so clashes >= sum_ij W_ij y_ij with W_ij the sum of
  2 w_g / K_g over the groups wanting both. When every cell must be filled (sessions ==
  cells), each session shares its slot with exactly rooms - 1 others; sessions sharing a host
  never share a slot. The LP over y with those rows is solved by HiGHS, and the bound is then
  recomputed in plain Python from its row duals by weak duality (any duals give a valid
  bound), so it does not rest on the solver's tolerances. When cells are left over, the rows
  loosen to one: at least as many same-slot pairs as the most even spread gives, and the bound
  is the sum of that many cheapest W_ij.
"""

from __future__ import annotations

import math
import time

from .instance import Instance

# The pair LP has S(S-1)/2 columns: 0.03 s at 60 sessions, 0.15 s at 150 on the benchmark
# machine. Above this many sessions it is not tried.
PAIR_BOUND_MAX_SESSIONS = 300


def clash_bound(inst: Instance) -> int:
    R = inst.R
    slots_of = [{c // R for c in inst.cells[s]} for s in range(inst.S)]
    total = 0
    for g, members in enumerate(inst.group_sessions):
        usable: set[int] = set()
        for s in members:
            usable |= slots_of[s]
        total += inst.group_weight[g] * max(0, len(members) - len(usable))
    return total


def overflow_bound(inst: Instance) -> int:
    demands = sorted(inst.demand, reverse=True)
    caps = sorted((inst.capacity[r] for r in range(inst.R) for _ in range(inst.T)), reverse=True)
    return sum(max(0, d - c) for d, c in zip(demands, caps, strict=False))


def _pair_weights(inst: Instance) -> dict[tuple[int, int], float]:
    """W[i, j] (i < j): the clash weight a shared slot implies, from the groups wanting both."""
    weights: dict[tuple[int, int], float] = {}
    for g, members in enumerate(inst.group_sessions):
        n = len(members)
        if n < 2:
            continue
        w = 2.0 * inst.group_weight[g] / min(n, inst.R)
        for a in range(n):
            for b in range(a + 1, n):
                key = (members[a], members[b])  # group_sessions are sorted
                weights[key] = weights.get(key, 0.0) + w
    return weights


def pair_clash_bound(inst: Instance, deadline: float | None = None) -> int | None:
    """A proven lower bound on the clash count of any schedule that places every session,
    from the pair relaxation above; None when it does not apply or was not computed in time."""
    S, R, T = inst.S, inst.R, inst.T
    if S < 2 or R < 2 or S > inst.NC or S > PAIR_BOUND_MAX_SESSIONS:
        return None
    if any(not float(w).is_integer() for w in inst.group_weight):
        return None  # the rounding up below needs whole-number clash counts
    weights = _pair_weights(inst)
    host = inst.host_pair
    if S < inst.NC:
        q, rem = divmod(S, T)
        pairs_needed = rem * (q + 1) * q // 2 + (T - rem) * q * (q - 1) // 2
        usable = sorted(
            weights.get((i, j), 0.0)
            for i in range(S)
            for j in range(i + 1, S)
            if not host[i * S + j]
        )
        if len(usable) < pairs_needed:
            return None
        return math.ceil(sum(usable[:pairs_needed]) - 1e-6)
    duals = _pair_lp_duals(inst, weights, deadline)
    if duals is None:
        return None
    best = 0.0
    for sign in (1.0, -1.0):  # either sign is valid for equality rows; keep the better one
        u = [sign * x for x in duals]
        value = (R - 1) * sum(u)
        for i in range(S):
            for j in range(i + 1, S):
                if not host[i * S + j]:
                    value += min(0.0, weights.get((i, j), 0.0) - u[i] - u[j])
        best = max(best, value)
    return max(0, math.ceil(best - 1e-6))


def _pair_lp_duals(
    inst: Instance, weights: dict[tuple[int, int], float], deadline: float | None
) -> list[float] | None:
    """Row duals of: min W.y, sum_j y_ij = R - 1 for each i, 0 <= y <= 1 (0 for co-hosts)."""
    try:
        import highspy
        import numpy as np
    except ImportError:  # pragma: no cover - highspy is a dependency
        return None
    from .exact import _new_highs

    S, R = inst.S, inst.R
    cost, upper, index = [], [], []
    for i in range(S):
        for j in range(i + 1, S):
            cost.append(weights.get((i, j), 0.0))
            upper.append(0.0 if inst.host_pair[i * S + j] else 1.0)
            index += (i, j)
    n = len(cost)
    h = _new_highs(highspy)
    if deadline is not None:
        left = deadline - time.perf_counter()
        if left <= 0.01:
            return None
        h.setOptionValue("time_limit", left)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = S
    lp.col_cost_ = np.array(cost)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.array(upper)
    lp.row_lower_ = np.full(S, R - 1.0)
    lp.row_upper_ = np.full(S, R - 1.0)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * n + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(2 * n)
    h.passModel(lp)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    duals = list(h.getSolution().row_dual)
    return duals if len(duals) == S else None


def lower_bound(inst: Instance, deadline: float | None = None) -> tuple[float, str]:
    """A proven lower bound on the total cost, and how it was obtained."""
    placeable = [s for s in range(inst.S) if inst.cells[s]]
    forced_out = inst.S - len(placeable) + max(0, len(placeable) - inst.NC)
    if forced_out > 0:
        return inst.wu * forced_out, "forced unscheduled sessions"
    if inst.S == 0:
        return 0.0, "empty problem"
    clashes, source = clash_bound(inst), "pigeonhole clashes"
    if inst.wc > 0:
        pairs = pair_clash_bound(inst, deadline)
        if pairs is not None and pairs > clashes:
            clashes, source = pairs, "pair LP clashes (duality-checked)"
    placed_all = inst.wc * clashes + inst.wo * overflow_bound(inst)
    return min(placed_all, inst.wu), f"{source} + sorted-capacity overflow"
