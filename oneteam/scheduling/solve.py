"""Solve or repair a problem within a time limit.

1. Greedy start (a repair starts from the published cells), rooms chosen exactly per slot:
   the first valid schedule, in milliseconds.
2. Small instances: exact set partitioning (HiGHS), which proves the optimum.
3. Otherwise simulated annealing over moves and swaps with O(1) delta evaluation (see `search`;
   compiled from C where `make install` built it, see `kernel`),
   one run per worker process (seeds seed, seed + 1, ...), then an exact room choice per slot.
4. Among the room choices of equal cost, the preferred rooms (`rooms.prefer_rooms`).

The annealing is iteration-based (a fixed number of evaluations per second of time limit), so a
run is deterministic for a seed and time limit unless the wall-clock cap cuts it short.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from .bounds import lower_bound
from .instance import Instance, compile_problem
from .kernel import compiled, run_anneal
from .model import Placement, Problem, Result, SolverInfo, Unscheduled
from .rooms import polish_rooms, prefer_rooms
from .score import evaluate
from .search import State, greedy

# Evaluations budgeted per second of time limit: a little above the speed on the benchmark
# machine when it is quiet (about 600k/s on 60 sessions, 550k/s on 150, in one process), so
# the clock, not the budget, ends a run there: at 400k/s a quiet 5-s run on 60 sessions was done
# after 3.3 s and a 20-s run on 150 after 15.4 s, leaving the rest of the time unused. Where the
# budget ends first the run is deterministic; where the clock does, the annealing cools by the
# clock instead (pass `evals` for a reproducible run).
EVALS_PER_SECOND = 650_000
# The same for the compiled loop (kernel.py), which does about 15M/s on 60 sessions and 12M/s
# on 150 in one process on the quiet benchmark machine. There MAX_EVALS_PER_SESSION ends most
# runs well before the clock does (24M evaluations on 60 sessions: about 1.6 s).
EVALS_PER_SECOND_C = 16_000_000
# Beyond this many evaluations per session, longer runs stopped paying off in the benchmark.
MAX_EVALS_PER_SESSION = 400_000
PARALLEL_MIN_SESSIONS = 30

ProgressCallback = Callable[[float, float, str], None]
"""progress(fraction_done, best_total_so_far, note)."""


def _reason(inst: Instance, state: State, s: int) -> str:
    if not inst.cells[s]:
        return "no room-slot meets its pins, availability and step-free needs"
    free = [c for c in inst.cells[s] if state.occ[c] < 0]
    kind = "step-free room" if inst.problem.sessions[s].needs_step_free else "room"
    if not free:
        return f"no {kind} free in an available slot"
    if not any(state.host_ok(s, c // inst.R) for c in free):
        return f"every free {kind} is in a slot where a co-host has a session"
    return "leaving it out was cheaper"


def _temperatures(inst: Instance) -> tuple[float, float]:
    """Start and end temperatures. Ending at 0.2 rather than 0.05 weight units was as good or
    better at equal budgets: 150 sessions, 1M evaluations, 8 seeds: mean 1211.4 vs 1217.8; 60
    sessions, 8 seeds: 414.0 vs 414.4 at 1.4M evaluations, 6 seeds: 416.2 vs 419.5 at 700k."""
    scale = min(inst.wc or 1, inst.wo or 1)
    return 2.0 * scale, 0.2 * scale


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    exact: bool = True,
    workers: int = 1,
    evals: int | None = None,
) -> Result:
    """Best schedule found within `time_limit` seconds (a repair when `problem.previous`).

    `workers` > 1 anneals with that many seeds at once, in separate processes (seed, seed+1,
    ...), and keeps the best; the result is still deterministic for a seed and time limit.
    `evals` fixes the annealing's evaluations per process (default: from the time limit); a run
    that ends by its budget rather than by the clock is reproducible on any machine.
    """
    start = time.perf_counter()
    # Leave room for the final room choice, result building and worker shutdown (which takes
    # longer on a loaded machine).
    deadline = start + max(0.05, time_limit - max(0.3, 0.07 * time_limit))
    report = progress or (lambda _f, _b, _n: None)
    inst = compile_problem(problem)
    state = State(inst)
    keep = inst.prev_cell if problem.previous else None
    greedy(state, keep)
    polish_rooms(state)
    first_valid = time.perf_counter() - start
    best_cells, best = state.cell[:], state.total
    report(0.0, best, "greedy start")
    # The pair bound's steps stop early on a short allowance (the annealing needs the time);
    # whatever they reach is still proven.
    bound_deadline = min(deadline, time.perf_counter() + min(0.25, 0.03 * time_limit))
    bound, bound_source = lower_bound(inst, bound_deadline)
    optimal = best <= bound + 1e-9
    name = "greedy"
    iterations = 0
    if not optimal and exact:
        from .exact import solve_exact

        found = solve_exact(inst, deadline=deadline, upper=best)
        if found is not None:
            cells, value, proven = found
            bound_source, name = "set partitioning (HiGHS)", "set-partitioning"
            bound = max(bound, proven)
            if value < best:
                state.load(cells)
                best_cells, best = state.cell[:], state.total
            optimal = best <= bound + 1e-9
            report(1.0 if optimal else 0.1, best, "exact model")
    if not optimal:
        fast = compiled()
        name = "greedy+annealing(c)" if fast else "greedy+annealing"
        speed = EVALS_PER_SECOND_C if fast else EVALS_PER_SECOND
        budget = min(int(time_limit * speed), MAX_EVALS_PER_SESSION * max(1, inst.S))
        if evals is not None:
            budget = evals
        t_hot, t_cold = _temperatures(inst)
        workers = max(1, min(workers, os.cpu_count() or 1))
        if workers > 1 and inst.S >= PARALLEL_MIN_SESSIONS and deadline - time.perf_counter() > 3:
            name += f" x{workers} processes"
            runs = _parallel(problem, state, best_cells, seed, budget, deadline, workers)
        else:
            runs = [run_anneal(state, seed, budget, t_hot, t_cold, deadline)]
        report(0.95, min(r[1] for r in runs), "annealing done")
        for cells, _value, done in runs:  # in seed order: ties go to the lowest seed
            iterations += done
            state.load(cells)
            polish_rooms(state)
            if state.total < best - 1e-9:
                best_cells, best = state.cell[:], state.total
        optimal = best <= bound + 1e-9
    state.load(best_cells)
    prefer_rooms(state)  # equal cost: step-free, then larger rooms (docs/scheduling.md)
    assignments = {
        inst.session_ids[s]: inst.placement(c) for s, c in enumerate(state.cell) if c >= 0
    }
    unscheduled = [
        Unscheduled(inst.session_ids[s], _reason(inst, state, s))
        for s in range(inst.S)
        if state.cell[s] < 0
    ]
    cost = evaluate(problem, assignments)
    info = SolverInfo(
        name=name,
        seconds=time.perf_counter() - start,
        optimal=optimal,
        lower_bound_source=bound_source,
        first_valid_seconds=first_valid,
        iterations=iterations,
        extra={"seed": seed, "time_limit": time_limit},
    )
    report(1.0, cost.total, "done")
    return Result(_ordered(problem, assignments), unscheduled, cost, bound, info)


def _anneal_job(
    problem: Problem, start: list[int], seed: int, budget: int, wall_deadline: float
) -> tuple[list[int], float, int]:
    """One annealing run in a worker process (deadline on the wall clock, shared by processes)."""
    inst = compile_problem(problem)
    state = State(inst)
    state.load(start)
    t_hot, t_cold = _temperatures(inst)
    deadline = time.perf_counter() + (wall_deadline - time.time())
    return run_anneal(state, seed, budget, t_hot, t_cold, deadline)


def _parallel(
    problem: Problem,
    state: State,
    start: list[int],
    seed: int,
    budget: int,
    deadline: float,
    workers: int,
) -> list[tuple[list[int], float, int]]:
    wall_deadline = time.time() + (deadline - time.perf_counter())
    context = multiprocessing.get_context("spawn")
    t_hot, t_cold = _temperatures(state.inst)
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context)
    try:
        # Workers stop a little earlier, so their results are waiting when this process is done.
        futures = [
            pool.submit(_anneal_job, problem, start, seed + k, budget, wall_deadline - 0.1)
            for k in range(1, workers)
        ]
        runs = [run_anneal(state, seed, budget, t_hot, t_cold, deadline)]
        for future in futures:
            try:
                runs.append(future.result(timeout=max(0.0, deadline - time.perf_counter()) + 0.25))
            except Exception:  # noqa: S112 - a late or lost worker only costs its candidate
                continue
    finally:
        # Do not wait for the worker interpreters to exit: on a loaded machine that alone can
        # take most of a second, past the time limit.
        pool.shutdown(wait=False, cancel_futures=True)
    return runs


def _ordered(problem: Problem, assignments: dict[str, Placement]) -> dict[str, Placement]:
    return {s.id: assignments[s.id] for s in problem.sessions if s.id in assignments}
