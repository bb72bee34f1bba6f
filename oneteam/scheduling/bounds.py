"""Cheap proven lower bounds on the total cost.

- Unscheduled: sessions with no feasible cell, and any excess of sessions over cells, must stay
  out; each costs `unscheduled`.
- Otherwise every schedule either leaves a session out (cost >= `unscheduled`) or places all of
  them, and then:
  - clashes >= sum over attendees of max(0, k - |slots their sessions can use|) (pigeonhole);
  - overflow >= the best matching of demands to cell capacities ignoring slots and access,
    which pairs them sorted largest to largest (optimal for the convex max(0, d - c)).
  Clashes and overflow are separate terms, so their separate bounds add up.
"""

from __future__ import annotations

from .instance import Instance


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


def lower_bound(inst: Instance) -> tuple[float, str]:
    """A proven lower bound on the total cost, and how it was obtained."""
    placeable = [s for s in range(inst.S) if inst.cells[s]]
    forced_out = inst.S - len(placeable) + max(0, len(placeable) - inst.NC)
    if forced_out > 0:
        return inst.wu * forced_out, "forced unscheduled sessions"
    placed_all = inst.wc * clash_bound(inst) + inst.wo * overflow_bound(inst)
    if inst.S == 0:
        return 0.0, "empty problem"
    return min(placed_all, inst.wu), "pigeonhole clashes + sorted-capacity overflow"
