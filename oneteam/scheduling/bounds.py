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
  never share a slot. The bound is the Lagrangian dual of that LP (see `_lagrangian`):
  computed exactly in plain Python for the multipliers found, so it does not rest on any
  solver's tolerances. When cells are left over, the rows
  loosen to one: at least as many same-slot pairs as the most even spread gives, and the bound
  is the sum of that many cheapest W_ij.
"""

from __future__ import annotations

import math
import time

from .instance import Instance

# The pair bound loops over S(S-1)/2 pairs per step: 0.35 ms at 60 sessions, 1.5 ms at 150 on
# the benchmark machine. Above this many sessions it is not tried.
PAIR_BOUND_MAX_SESSIONS = 400
PAIR_BOUND_STEPS = 200


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
    # The rounding up below is sound because clash counts are whole numbers: group weights
    # count attendees (instance.compile_problem).
    weights = _pair_weights(inst)
    host = inst.host_pair
    if S < inst.NC:
        q, rem = divmod(S, T)
        pairs_needed = rem * (q + 1) * q // 2 + (T - rem) * q * (q - 1) // 2
        usable = sorted(
            weights.get((i, j), 0.0)
            for i in range(S)
            for j in range(i + 1, S)
            if i * S + j not in host
        )
        if len(usable) < pairs_needed:
            return None
        return math.ceil(sum(usable[:pairs_needed]) - 1e-6)
    return max(0, math.ceil(_lagrangian(inst, weights, deadline) - 1e-6))


def _lagrangian(
    inst: Instance, weights: dict[tuple[int, int], float], deadline: float | None
) -> float:
    """The best Lagrangian bound found by subgradient steps on the pair LP's rows.

    For any multipliers u, (R - 1) * sum(u) + sum over pairs of min(0, W_ij - u_i - u_j) is a
    lower bound on sum W_ij y_ij (weak duality), whatever u is, so stopping early only loosens
    it. Pure Python: importing numpy and HiGHS takes 0.3 s on a quiet machine and over 2 s on
    a loaded one, time the annealing needs. On the benchmark's 60- and 150-session instances it
    reaches the LP optimum (HiGHS: 70.57 and 91.56) to within 0.2 in 200 and 50 steps.
    """
    S, R = inst.S, inst.R
    host = inst.host_pair
    first: list[int] = []
    second: list[int] = []
    cost: list[float] = []
    by_session: list[list[float]] = [[] for _ in range(S)]
    for i in range(S):
        for j in range(i + 1, S):
            if i * S + j not in host:
                c = weights.get((i, j), 0.0)
                first.append(i)
                second.append(j)
                cost.append(c)
                by_session[i].append(c)
                by_session[j].append(c)
    mates = R - 1
    # Start: each session prices a slot-mate at its (R - 1)-th cheapest pair.
    u = [sorted(row)[mates - 1] if len(row) >= mates else 0.0 for row in by_session]
    best, step = 0.0, 1.0
    for it in range(PAIR_BOUND_STEPS):
        if deadline is not None and time.perf_counter() > deadline:
            break
        value = mates * sum(u)
        degree = [0] * S
        for i, j, c in zip(first, second, cost, strict=True):
            d = c - u[i] - u[j]
            if d < 0:
                value += d
                degree[i] += 1
                degree[j] += 1
        best = max(best, value)
        grad = [mates - k for k in degree]
        norm = sum(g * g for g in grad)
        if norm == 0:
            break  # every session has exactly R - 1 mates: the bound is the LP optimum
        # Polyak step towards a target a little above the best bound so far.
        t = step * (1.05 * best + 1.0 - value) / norm
        u = [x + t * g for x, g in zip(u, grad, strict=True)]
        if it % 20 == 19:
            step *= 0.7
    return best


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
            clashes, source = pairs, "pair LP clashes (Lagrangian)"
    placed_all = inst.wc * clashes + inst.wo * overflow_bound(inst)
    return min(placed_all, inst.wu), f"{source} + sorted-capacity overflow"
