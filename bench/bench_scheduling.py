"""Scheduler benchmark: `python bench/bench_scheduling.py [--quick]` (run by `make bench`).

Instances are generated deterministically:

Skewed popularity (Zipf-like), attendees clustered around one or two favourite topics, some
hosts with two sessions, a few sessions that need a step-free room or miss a slot, one pin.
Each run happens in its own subprocess so that its peak memory (max RSS) is its own. Methods:
`oneteam` (this project's solver, at the time limits of the targets) and, where it installs,
`conference-scheduler` (PyPI 3.0.1: its simulated annealing on its own objective, room
overflow, with our hosts, availability, step-free needs and pins as its unavailability rules),
scored by our cost. "Best known" costs come from long runs (`--long`), stored beside this
script in scheduling_best_known.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BEST_KNOWN = Path(__file__).with_name("scheduling_best_known.json")
DOCS = ROOT / "docs" / "benchmarks.md"

SIZES: dict[str, tuple[int, int, int, int]] = {
    "small": (24, 4, 7, 150),
    "medium": (60, 6, 10, 500),
    "large": (150, 10, 15, 2000),
}


def generate(sessions: int, rooms: int, slots: int, attendees: int, seed: int) -> dict[str, Any]:
    rng = random.Random(f"{sessions}/{rooms}/{slots}/{attendees}/{seed}")
    n_topics = max(3, sessions // 6)
    topic_pop = [1.0 / (k + 1) ** 0.7 for k in range(n_topics)]
    topic_of = [rng.randrange(n_topics) for _ in range(sessions)]
    ranks = list(range(sessions))
    rng.shuffle(ranks)
    popularity = [1.0 / (r + 1) ** 0.8 + 0.02 for r in ranks]
    people = [f"a{i}" for i in range(attendees)]
    # Hosts are attendees; about one host in eight runs two sessions.
    hosts: list[str] = []
    pool = rng.sample(people, min(attendees, sessions))
    for i in range(sessions):
        if i > 0 and rng.random() < 0.12:
            hosts.append(hosts[rng.randrange(i)])
        else:
            hosts.append(pool[i % len(pool)])
    # Total seats per slot ~ 1.1 x attendees, one big hall then shrinking rooms.
    shares = [0.75**k for k in range(rooms)]
    seats = 1.1 * attendees
    room_list = []
    for k in range(rooms):
        cap = max(8, round(seats * shares[k] / sum(shares)))
        room_list.append(
            {"id": f"r{k}", "name": f"Room {k}", "capacity": cap, "step_free": k % 3 != 2}
        )
    slot_list = [{"id": f"t{t}", "label": f"{9 + t // 2}:{30 * (t % 2):02d}"} for t in range(slots)]
    session_list: list[dict[str, Any]] = []
    for i in range(sessions):
        item: dict[str, Any] = {"id": f"s{i}", "title": f"Session {i}", "hosts": [hosts[i]]}
        if rng.random() < 0.1:
            item["needs_step_free"] = True
        if rng.random() < 0.1:
            item["unavailable_slots"] = [f"t{t}" for t in rng.sample(range(slots), 2)]
        session_list.append(item)
    # Opening plenary pinned to the hall in the first slot.
    opening = max(range(sessions), key=lambda s: popularity[s])
    session_list[opening]["pinned"] = {"room": "r0", "slot": "t0"}
    session_list[opening].pop("unavailable_slots", None)
    interests: dict[str, list[str]] = {}
    by_topic: list[list[int]] = [[] for _ in range(n_topics)]
    for s, t in enumerate(topic_of):
        by_topic[t].append(s)
    for person in people:
        favourites = set(rng.choices(range(n_topics), weights=topic_pop, k=rng.choice((1, 2))))
        k = min(sessions, max(1, round(rng.gauss(6, 2))))
        weights = [popularity[s] * (8.0 if topic_of[s] in favourites else 1.0) for s in ranks]
        chosen: set[int] = set()
        while len(chosen) < k:
            chosen.add(rng.choices(range(sessions), weights=weights, k=1)[0])
        interests[person] = [f"s{s}" for s in sorted(chosen)]
    return {
        "format": "oneteam.schedule-problem/1",
        "rooms": room_list,
        "slots": slot_list,
        "sessions": session_list,
        "interests": interests,
    }


def add_late_pitches(
    problem: dict[str, Any], published: dict[str, dict[str, str]], pitches: int, seed: int
) -> dict[str, Any]:
    """The published grid plus `pitches` late sessions and one small new room for them."""
    rng = random.Random(f"late/{seed}")
    data = {**problem, "sessions": list(problem["sessions"]), "rooms": list(problem["rooms"])}
    data["interests"] = {a: list(s) for a, s in problem["interests"].items()}
    data["rooms"].append({"id": "pod", "name": "Pod", "capacity": 20, "step_free": True})
    people = sorted(data["interests"])
    for k in range(pitches):
        sid = f"late{k}"
        data["sessions"].append(
            {"id": sid, "title": f"Late pitch {k}", "hosts": [rng.choice(people)]}
        )
        for person in rng.sample(people, max(3, len(people) // 12)):
            data["interests"][person].append(sid)
    data["previous"] = published
    return data


# --- instances -------------------------------------------------------------------------------

TIME_LIMITS = {"small": 5.0, "medium": 5.0, "large": 20.0, "repair": 2.0}
TARGETS = {  # (seconds, allowed gap to best known)
    "small": (5.0, None),
    "medium": (5.0, 0.01),
    "large": (20.0, 0.02),
    "repair": (2.0, 0.02),
}


PUBLISHED = Path(__file__).with_name("scheduling_repair_published.json")


def published_grid(problem: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The published schedule of the repair case, stored beside this script so that the repair
    instance does not change when the solver does. It was made once (commit edd2c34) by greedy +
    300k annealing steps (seed 0, no clock) on the 60-session instance."""
    grid: dict[str, dict[str, str]] = json.loads(PUBLISHED.read_text())
    sessions = {s["id"] for s in problem["sessions"]}
    assert set(grid) <= sessions, "published grid does not match the 60-session instance"
    return grid


def instance(name: str) -> dict[str, Any]:
    if name == "repair":
        base = generate(*SIZES["medium"], seed=1)
        return add_late_pitches(base, published_grid(base), pitches=3, seed=1)
    return generate(*SIZES[name], seed=1)


# --- one run (in a subprocess) ---------------------------------------------------------------


def run_oneteam(
    data: dict[str, Any], time_limit: float, seed: int, evals: int | None = None
) -> dict[str, Any]:
    """Two processes against the clock; or, given `evals`, one process with that fixed budget
    (reproducible on any machine, however loaded)."""
    from oneteam.scheduling import parse_problem, solve

    problem = parse_problem(data)
    start = time.perf_counter()
    workers = 1 if evals else 2
    result = solve(problem, time_limit=time_limit, seed=seed, workers=workers, evals=evals)
    return {
        "iterations": result.solver.iterations,
        "cost": result.cost.to_json(),
        "first_valid": result.solver.first_valid_seconds,
        "seconds": time.perf_counter() - start,
        "lower_bound": result.lower_bound,
        "bound_source": result.solver.lower_bound_source,
        "optimal": result.solver.optimal,
        "result": result.to_json(),
    }


def run_conference_scheduler(data: dict[str, Any], time_limit: float, seed: int) -> dict[str, Any]:
    from datetime import datetime, timedelta

    import numpy as np
    from conference_scheduler import scheduler
    from conference_scheduler.heuristics import simulated_annealing
    from conference_scheduler.lp_problem import objective_functions as of
    from conference_scheduler.resources import Event, Slot

    from oneteam.scheduling import parse_problem, score

    np.random.seed(seed)
    problem = parse_problem(data)
    start = time.perf_counter()
    demand = problem.demand()
    rooms, slots = problem.rooms, problem.slots
    cells = [(r, t) for t, _ in enumerate(slots) for r in rooms]
    day = datetime(2026, 6, 1, 9, 0)
    cs_slots = [
        Slot(
            venue=r.id,
            starts_at=day + timedelta(hours=t),
            duration=60,
            capacity=r.capacity,
            session=f"t{t}",
        )
        for r, t in cells
    ]
    events = [Event(s.id, 60, demand[s.id]) for s in problem.sessions]
    by_id = {e.name: e for e in events}
    for s, event in zip(problem.sessions, events, strict=True):
        blocked = []
        for (r, t), slot in zip(cells, cs_slots, strict=True):
            tid = slots[t].id
            if (
                tid in s.unavailable_slots
                or (s.needs_step_free and not r.step_free)
                or s.pinned_room not in (None, r.id)
                or s.pinned_slot not in (None, tid)
            ):
                blocked.append(slot)
        others = [
            by_id[o.id] for o in problem.sessions if o is not s and set(o.hosts) & set(s.hosts)
        ]
        event.add_unavailability(*blocked, *others)
    first_valid = None
    found = scheduler.heuristic(
        events=events,
        slots=cs_slots,
        objective_function=of.efficiency_capacity_demand_difference,
        algorithm=simulated_annealing,
        objective_function_algorithm_kwargs={"max_iterations": 2000},
        initial_solution_algorithm_kwargs={"max_iterations": 20000},
    )
    seconds = time.perf_counter() - start
    assignments = {}
    for e, c in found:
        r, t = cells[c]
        assignments[events[e].name] = {"room": r.id, "slot": slots[t].id}
    report = score(problem, {"assignments": assignments})
    return {
        "cost": report.cost.to_json(),
        "first_valid": first_valid,
        "seconds": seconds,
        "lower_bound": None,
        "optimal": False,
        "violations": len(report.violations),
    }


def child(method: str, name: str, time_limit: float, seed: int, evals: int | None) -> None:
    data = instance(name)
    if method == "oneteam":
        out = run_oneteam(data, time_limit, seed, evals)
    else:
        out = run_conference_scheduler(data, time_limit, seed)
    out.pop("result", None)
    peak = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    out["peak_mb"] = peak / 1024  # the largest single process (workers included)
    print(json.dumps(out))


def spawn(
    method: str,
    name: str,
    time_limit: float,
    seed: int,
    timeout: float,
    python: str = "",
    evals: int | None = None,
) -> dict[str, Any]:
    cmd = [python or sys.executable, __file__, "--child", method, name, str(time_limit), str(seed)]
    cmd += [str(evals or 0)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"no answer within {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": tail[:200]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table -------------------------------------------------------------------------------

NAMES = ["small", "medium", "large", "repair"]
# Long runs: a fixed number of evaluations, one process, no clock (the time limit is only a
# safety net), so that a best-known cost can be reproduced exactly on a loaded machine.
LONG_EVALS = {"small": 10_000_000, "medium": 30_000_000, "large": 60_000_000, "repair": 15_000_000}
CS_TIMEOUTS = {"small": 300.0, "medium": 420.0, "large": 240.0}


def load_best() -> dict[str, Any]:
    if BEST_KNOWN.exists():
        return json.loads(BEST_KNOWN.read_text())
    return {}


def note_best(best: dict[str, Any], name: str, run: dict[str, Any], how: str) -> None:
    """Keep the lowest cost seen for `name`, and a log of the long runs behind it."""
    if "cost" not in run:
        return
    total = run["cost"]["total"]
    entry = best.setdefault(name, {"total": total, "how": how})
    if total < entry["total"]:
        entry["total"], entry["how"] = total, how
    if how.startswith("oneteam solve,"):
        entry.setdefault("runs", []).append({"total": total, "how": how})


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "?"


def long_runs(seeds: list[int]) -> None:
    """Update the best-known costs with long runs (one at a time, one process each)."""
    best = load_best()
    for seed in seeds:
        for name in NAMES:
            evals = LONG_EVALS[name]
            run = spawn("oneteam", name, 7200, seed, timeout=7300, evals=evals)
            print(
                f"long run {name} seed {seed} {evals:,} evaluations: {run.get('cost')}", flush=True
            )
            how = (
                f"oneteam solve, {evals // 1_000_000}M evaluations in one process, no clock, "
                f"seed {seed}, commit {commit()}"
            )
            note_best(best, name, run, how)
            BEST_KNOWN.write_text(json.dumps(best, indent=2) + "\n")


def fmt(value: Any, spec: str = "") -> str:
    if value is None:
        return "—"
    return format(value, spec)


def table(rows: list[tuple[str, str, dict[str, Any]]], best: dict[str, Any]) -> list[str]:
    lines = [
        "| instance | method | cost (clash/overflow/moves/unsched.) | first valid | final "
        "| lower bound | vs best known | peak RSS | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for method, name, run in rows:
        label = {
            "small": "24/4/7/150",
            "medium": "60/6/10/500",
            "large": "150/10/15/2000",
            "repair": "repair: 60 + 3 late",
        }[name]
        if "error" in run:
            lines.append(f"| {label} | {method} | {run['error']} | | | | | | |")
            continue
        c = run["cost"]
        known = best.get(name, {}).get("total")
        gap = (c["total"] - known) / known if known else None
        seconds, allowed = TARGETS[name]
        checks = []
        if method.startswith("oneteam"):
            checks.append("first<0.5s " + ("✔" if (run["first_valid"] or 9) < 0.5 else "✘"))
            checks.append(f"≤{seconds:g}s " + ("✔" if run["seconds"] <= seconds + 0.1 else "✘"))
            if allowed is not None and gap is not None:
                checks.append(f"≤{allowed:.0%} " + ("✔" if gap <= allowed + 1e-9 else "✘"))
            if name == "large":
                checks.append("<1GB " + ("✔" if run["peak_mb"] < 1024 else "✘"))
        bound = run.get("lower_bound")
        bound_text = fmt(bound)
        if bound is not None and c["total"]:
            bound_text += f" (gap {(c['total'] - bound) / c['total']:.0%})"
        lines.append(
            f"| {label} | {method} | **{c['total']}** ({c['clashes']}/{c['overflow']}/"
            f"{c['moves']}/{c['unscheduled']}) | {fmt(run.get('first_valid'), '.3f')} s "
            f"| {run['seconds']:.2f} s | {bound_text} | "
            f"{'—' if gap is None else f'{gap:+.1%}'} | {run['peak_mb']:.0f} MB | "
            f"{' '.join(checks)} |"
        )
    return lines


def summary(rows: list[tuple[str, str, dict[str, Any]]], best: dict[str, Any]) -> list[str]:
    """Per instance: oneteam's costs over its seeds, and in how many runs every target held."""
    lines = []
    for name in NAMES:
        runs = [r for m, n, r in rows if n == name and m.startswith("oneteam") and "cost" in r]
        if not runs:
            continue
        costs = sorted(r["cost"]["total"] for r in runs)
        known = best.get(name, {}).get("total")
        seconds, allowed = TARGETS[name]
        met = 0
        for r in runs:
            ok = (r["first_valid"] or 9) < 0.5 and r["seconds"] <= seconds + 0.1
            if allowed is not None and known:
                ok = ok and (r["cost"]["total"] - known) / known <= allowed + 1e-9
            met += ok
        median = costs[len(costs) // 2]
        gap = f" ({(median - known) / known:+.1%} vs best known {known})" if known else ""
        lines.append(
            f"- {name}: costs {costs}, median {median}{gap}; every target met in "
            f"{met} of {len(runs)} runs"
        )
    return lines


ENGINE_NOTES = [
    "The annealing loop in C (issue 5, oneteam/scheduling/_kernel.c, loaded with ctypes by",
    "kernel.py; `make install` compiles it with the system `cc`, and without it the solver runs",
    "the Python loop and is named `greedy+annealing` instead of `greedy+annealing(c)`). Same",
    "moves, swaps, delta rules, acceptance and cooling as `search.anneal`; its own seeded",
    "generator (splitmix64), so a run is deterministic for a seed and budget, but not the same",
    "run as the Python loop's. Evaluations per CPU-second, one process, load about 1:",
    "",
    "| instance | Python loop | C kernel | ratio |",
    "| --- | --- | --- | --- |",
    "| 60 sessions | 577k-595k | 14.9M-15.4M | about 26x |",
    "| 150 sessions | 355k-472k | 12.1M-12.4M | about 26-34x |",
    "| repair (63 sessions) | — | 25.9M | |",
    "",
    "The budget is now 16M evaluations per second of time limit with the kernel (650k without),",
    "still capped at 400k per session, so the cap ends every benchmark run before the clock: 24M",
    "per process on 60 sessions (about 1.6 CPU-s), 60M on 150 (about 5 CPU-s), 25M on the repair",
    "(1 s). Tests check the kernel's results against an independent recount and the hard rules",
    "on random problems (repairs included); in CI a test fails if the kernel is not built. One",
    "process, 8 seeds, before the final room choice: 60 sessions at 24M: 411 five times, 412,",
    "414, 414 (mean 411.9; the Python loop at 1.6M, 24 seeds: mean 415.8); at 40M: 411 five",
    "times, 413, 414, 415 (mean 412.1, no better). 150 sessions, 4 seeds: 60M 1185, 1182, 1184,",
    "1192 (mean 1185.8); 120M 1185, 1181,",
    "1177, 1179 (mean 1180.5; seed 2 is the new best known 1177). So raising the cap on 150",
    "sessions (120M is about 10 of the 20 s) is a measured lever not taken yet: the target is",
    "met without it. Under load two runs of the same seed can still differ: as in the Python",
    "loop, a stall of more than 2% of the time limit lets the",
    "clock take over the cooling for a block, which changes the trajectory (3 CPU hogs on 2",
    "cores: 60 sessions, seed 1, one process: 414, 414 quiet; 413, 411, 411 loaded).",
    "",
    "Before and after, same machine, 2026-11-25 (2 processes per run, full benchmark):",
    "",
    "| engine | 60 sessions: ≤1% in 5 s | 150 sessions: ≤2% in 20 s | repair: ≤2% in 2 s | small |",
    "| --- | --- | --- | --- | --- |",
    "| Python loop, earlier runs for issue 5, load 1-2 | 9 of 12 (411-420, median 414) "
    "| 12 of 12 vs 1184 (1184-1200) | 12 of 12 | 12 of 12 |",
    "| Python loop (fallback), 16:01, load 1.4-2.7, 3 seeds | 3 of 3 (412, 413, 413) "
    "| 2 of 3 vs 1177 (1188, 1197, 1210) | 3 of 3 | 3 of 3 |",
    "| C kernel, 15:57, 16:00, 16:05, load 1.1-3.4, 3 + 6 + 3 seeds | 12 of 12 (411 x10, 412, 414) "
    "| 12 of 12 (1181-1194, median 1184) | 12 of 12 (521 x12) | 12 of 12 |",
    "",
    "60-session runs now end in 1.9-2.9 s, 150-session runs in 6.3-10.8 s, the repair in about",
    "1 s (wall time, two processes, the second one's start-up included); first valid schedules",
    "are unchanged (under 0.05 s). The C kernel found 1181 on 150 sessions in 20-s benchmark",
    "runs and 1177 in a 120M-evaluation run (the best known now).",
    "Loaded (two busy loops of ours beside the runs, load average up to 6 on 2 cores; 2",
    "processes per run, the clock ending most runs): 60 sessions 411 in 6 of 6 runs (35M-48M",
    "evaluations, 4.1-4.7 s); 150 sessions 1193, 1181, 1184 (73M-104M, 18.9-19.1 s).",
    "",
    "Engine changes for issue 5 before the kernel, each compared at equal evaluation budgets",
    "(one process, no clock, 8-24 seeds, median and mean; CPU-seconds, since wall time was",
    "inflated by the load):",
    "",
    "- Evaluation budget 650k per second of time limit (was 400k). At 400k a quiet 5-s run on",
    "  60 sessions had spent its 2M evaluations after 3.3 s and a 20-s run on 150 sessions its",
    "  8M after 15.4 s, leaving the rest unused; one process now does about 600k/s (60) and",
    "  550k/s (150) when the machine is quiet, so the clock ends the run. More evaluations is",
    "  the one thing measured to help: 60 sessions, 1.6M evaluations, 24 seeds: mean 415.8,",
    "  median 416; 3.2M, 8 seeds: mean 413.9, median 413.",
    "- Annealing proposals in blocks of 512 between clock checks, with no per-proposal",
    "  counter: 5-7% more evaluations per CPU-second, identical trajectories (same cost and",
    "  count for the same seed and budget).",
    "- Proven lower bound from a pair relaxation (bounds.pair_clash_bound): y_ij = 1 when",
    "  sessions i and j share a slot; a group of k interests in one slot loses k - 1 >=",
    "  2/K C(k, 2); when sessions fill every cell each session has exactly rooms - 1",
    "  slot-mates, and co-hosts never share a slot. The bound is the Lagrangian dual of that LP,",
    "  evaluated exactly in plain Python for the multipliers found by 200 subgradient steps",
    "  (at most 0.25 s), so it does not rest on a solver's tolerances; HiGHS confirms it",
    "  reaches the LP optimum (70.57 and 91.56 clashes). 60 sessions 45 -> 109, 150 sessions",
    "  112 -> 204; the 24-session and repair instances leave cells empty, where the rows only",
    "  loosen to a pair count and the bound stays the old one. A bound test checks it never",
    "  exceeds the exact optimum on random full and nearly full grids. Not used: the same LP",
    "  with a row per group and session (clashes >= the star of each session) gives 173 on 60",
    "  sessions but takes HiGHS 6 s, and 395 on 150 sessions in 266 s.",
    "- The bound is pure Python: importing numpy and HiGHS before the annealing took 0.3 s on",
    "  a quiet machine and 2.3-2.6 s at load 10.",
    "- Tried, not kept (all within noise or no effect): an exact re-split of two slots (every",
    "  split of their 12 sessions, or 12 of the 20 on 150 sessions, scored with numpy, rooms by",
    "  the Hungarian method) as a late phase: it found no improvement on any annealed schedule,",
    "  even after only 100k evaluations, so the annealing's end states are already optimal for",
    "  every pair of slots; restarts from the best with reheating to 0.8 (60 sessions, 1.6M,",
    "  24 seeds: mean 416.2 and 415.9 for two splits vs 415.8); picking the session of a",
    "  proposal as the more clashing of two (24 seeds: 414.2 vs 415.8, then 24 other seeds:",
    "  414.9 vs 413.8), of three (415.0), or also the target slot so (414.6); two processes",
    "  that both continue from the better half-way state (12 pairs: 412.8 vs 412.9); two",
    "  restarts of 1M vs one run of 2M on 150 sessions (8 seeds: mean 1206.9 vs 1208.4);",
    "  start temperature 1.5 (1209.5) or end 0.3 (1208.1) at 2M on 150 sessions.",
    "- Long runs (`--long 2`, 60M evaluations on 150 sessions): seed 2 reached 1185 (new best",
    "  known), seed 1 only 1198: on 150 sessions the spread between seeds stays wide even at",
    "  15x the budget of a 20-s run.",
    "",
    "Earlier engine work (before issue 5): O(1) move deltas, host checks from per-slot host",
    "counts and one random number per proposal (60 sessions 237k/s -> 328k/s at the time),",
    "cooling 2.0 -> 0.2 weight units (tuned at equal budgets), first valid schedule in about",
    "0.04-0.065 CPU-s on 150 sessions, the repair case's published grid stored in",
    "bench/scheduling_repair_published.json so that the instance does not change with the solver.",
]


def write_docs(lines: list[str], best: dict[str, Any], notes: list[str]) -> None:
    begin, end = "<!-- scheduler:begin -->", "<!-- scheduler:end -->"
    known = "\n".join(f"- {name}: **{b['total']}** — {b['how']}" for name, b in best.items())
    body = "\n".join(
        [
            begin,
            "## Scheduler",
            "",
            "Generated by `python bench/bench_scheduling.py` (`make bench`); instances, methods",
            "and targets are described in that script. Machine: 2 cores, shared; one run at a",
            "time; each `oneteam (seed k)` run anneals seeds k and k+1 in two processes",
            "(`workers=2`), within the time limit (with the C kernel the evaluation budget ends",
            "the run first). Sizes are sessions/rooms/slots/attendees. Cost is",
            "the spec's total; lower bounds are proven (see the solver's `lower_bound_source`).",
            "",
            *lines,
            "",
            "Best known costs (bench/scheduling_best_known.json: the lowest cost any run of any",
            "method has reached; `--long N` adds fixed-budget runs, each logged there):",
            "",
            known,
            "",
            *notes,
            "",
            *ENGINE_NOTES,
            end,
        ]
    )
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1-second runs, no docs, no peers")
    parser.add_argument(
        "--long",
        type=int,
        default=0,
        metavar="SEEDS",
        help="update the best-known costs with long runs of this many seeds",
    )
    parser.add_argument(
        "--cs-python",
        default="",
        help="interpreter that has conference-scheduler (default: this one)",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument(
        "--repeats", type=int, default=3, help="oneteam runs per instance, seeds 0.. (default 3)"
    )
    args = parser.parse_args()
    if args.long:
        long_runs(list(range(1, args.long + 1)))
        return 0
    best = load_best()
    rows: list[tuple[str, str, dict[str, Any]]] = []
    notes: list[str] = []
    cs_python = args.cs_python or sys.executable
    probe = [cs_python, "-c", "import conference_scheduler"]
    has_cs = subprocess.run(probe, capture_output=True, check=False).returncode == 0
    load_start = os.getloadavg()
    for name in NAMES:
        limit = 1.0 if args.quick else TIME_LIMITS[name]
        for seed in range(max(1, args.repeats)):
            run = spawn("oneteam", name, limit, seed, timeout=limit * 4 + 60)
            rows.append((f"oneteam (seed {seed})", name, run))
            print(table([rows[-1]], best)[-1], flush=True)
        if has_cs and not args.quick and name in CS_TIMEOUTS:
            run = spawn("conference-scheduler", name, limit, 0, CS_TIMEOUTS[name], cs_python)
            rows.append(("conference-scheduler", name, run))
            print(table([rows[-1]], best)[-1], flush=True)
    load = os.getloadavg()
    notes.append(
        f"Load average at the start of this run: {load_start[0]:.1f} (1 min), "
        f"{load_start[1]:.1f} (5 min); at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min), "
        f"on {os.cpu_count()} cores — other work on the machine slows every figure above."
    )
    if not has_cs:
        notes.append("conference-scheduler is not installed in this interpreter, so it is not run.")
    for method, name, run in rows:
        if not args.quick and not run.get("violations"):
            note_best(best, name, run, f"{method}, benchmark run")
    if not args.quick:
        BEST_KNOWN.write_text(json.dumps(best, indent=2) + "\n")
    lines = table(rows, best)
    lines += ["", *summary(rows, best)]
    print("\n".join(lines))
    if not args.quick and not args.no_docs:
        write_docs(lines, best, notes)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(
            sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]) or None
        )
    else:
        sys.exit(main())
