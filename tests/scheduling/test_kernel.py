"""The compiled annealing loop (oneteam/scheduling/_kernel.c via kernel.py): it keeps every hard
rule, its running cost matches an independent recount, it is deterministic for a seed and budget,
it stops at its deadline, and the solver falls back to the Python loop when it is not built."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneteam.scheduling import evaluate, kernel, parse_problem, solve, violations
from oneteam.scheduling.instance import compile_problem
from oneteam.scheduling.search import State, greedy

from .test_properties import _valid, problems

needs_kernel = pytest.mark.skipif(
    not kernel.compiled(), reason="the C kernel is not built (make install compiles it)"
)


def _grid(sessions: int = 14) -> dict:
    """A full-ish grid with co-hosts, a step-free need, an unavailable slot and a pin."""
    return {
        "rooms": [
            {"id": "r0", "capacity": 20},
            {"id": "r1", "capacity": 12, "step_free": False},
            {"id": "r2", "capacity": 8},
        ],
        "slots": [{"id": f"t{t}"} for t in range(5)],
        "sessions": [
            {
                "id": f"s{i}",
                "hosts": [f"h{i % 9}"],
                "needs_step_free": i % 5 == 0,
                "unavailable_slots": ["t1"] if i % 4 == 1 else [],
                **({"pinned": {"room": "r0", "slot": "t0"}} if i == 3 else {}),
            }
            for i in range(sessions)
        ],
        "interests": {
            f"a{k}": [f"s{(k * 7 + j * j * 3) % sessions}" for j in range(3 + k % 5)]
            for k in range(40)
        },
    }


def _check(problem, inst, cells: list[int], best: float) -> None:
    placed = {inst.session_ids[s]: inst.placement(c) for s, c in enumerate(cells) if c >= 0}
    assert violations(problem, placed) == []
    assert best == pytest.approx(evaluate(problem, placed).total, abs=1e-6)


def test_kernel_is_built_in_ci() -> None:
    """CI runs `make install` first, so a broken build must not fall back silently there."""
    if os.environ.get("CI") != "true":
        pytest.skip("only enforced with CI=true")
    assert kernel.compiled(), f"{kernel.LIBRARY} missing or not loadable"


@needs_kernel
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.booleans(), st.integers(0, 2**64 - 1))
def test_kernel_keeps_hard_rules_and_its_cost_is_a_true_recount(data, empty, seed) -> None:
    """From greedy, or from nothing placed (many improving moves, and swaps with left-out
    sessions); hot, so uphill steps are taken too. Repairs are among the problems drawn."""
    problem = _valid(data)
    if problem is None:
        return
    inst = compile_problem(problem)
    state = State(inst)
    if not empty:
        greedy(state, inst.prev_cell if problem.previous else None)
    before = state.cell[:]
    cells, best, done = kernel.anneal_c(
        kernel.load(), state, seed, 4000, 20.0, 0.5, time.perf_counter() + 60
    )
    assert state.cell == before  # the kernel works on copies
    assert best <= state.total + 1e-9
    assert done in (0, 4000)
    _check(problem, inst, cells, best)


@needs_kernel
@pytest.mark.parametrize("repair", [False, True])
def test_kernel_on_a_fuller_grid_matches_the_recount(repair: bool) -> None:
    data = _grid()
    if repair:
        data["previous"] = {"s0": {"room": "r2", "slot": "t4"}, "s5": {"room": "r0", "slot": "t2"}}
    problem = parse_problem(data)
    inst = compile_problem(problem)
    for seed in range(5):
        state = State(inst)
        cells, best, done = kernel.anneal_c(
            kernel.load(), state, seed, 50_000, 10.0, 0.2, time.perf_counter() + 60
        )
        assert done == 50_000
        assert best < state.total  # it did improve on nothing placed
        _check(problem, inst, cells, best)


@needs_kernel
def test_same_seed_and_budget_give_the_same_result() -> None:
    problem = parse_problem(_grid())
    runs = [solve(problem, time_limit=30, seed=4, exact=False, evals=200_000) for _ in range(2)]
    assert runs[0].solver.name == "greedy+annealing(c)"
    assert runs[0].assignments == runs[1].assignments
    assert runs[0].cost == runs[1].cost
    assert runs[0].solver.iterations == runs[1].solver.iterations == 200_000
    inst = compile_problem(problem)
    a, b = (
        kernel.anneal_c(kernel.load(), State(inst), 9, 30_000, 10.0, 0.2, time.perf_counter() + 60)
        for _ in range(2)
    )
    assert a == b
    other = kernel.anneal_c(
        kernel.load(), State(inst), 10, 30_000, 10.0, 0.2, time.perf_counter() + 60
    )
    assert other[0] != a[0]  # the seed does steer the run


@needs_kernel
def test_kernel_stops_at_its_deadline() -> None:
    inst = compile_problem(parse_problem(_grid()))
    start = time.perf_counter()
    done = kernel.anneal_c(kernel.load(), State(inst), 1, 10**15, 10.0, 0.2, start + 0.2)[2]
    assert 0 < done < 10**15
    assert time.perf_counter() - start < 1.0
    past = kernel.anneal_c(kernel.load(), State(inst), 1, 10**6, 10.0, 0.2, start - 1)
    assert past[2] == 0


def _build(tmp_path: Path, sha: str) -> Path:
    """`_kernel.c` compiled as the Makefile does, but with `sha` as its embedded source hash."""
    cc = shutil.which("cc")
    if cc is None:
        pytest.skip("no C compiler")
    library = tmp_path / f"libkernel-{sha}.so"
    define = f'-DKERNEL_SOURCE_SHA="{sha}"'
    command = [cc, "-O2", "-shared", "-fPIC", define, "-o", str(library), str(kernel.SOURCE), "-lm"]
    subprocess.run(command, check=True)
    return library


@pytest.fixture
def library_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Point the loader at another library file (the cached load is dropped both ways)."""

    def point(library: Path) -> None:
        monkeypatch.setattr(kernel, "LIBRARY", library)
        kernel.load.cache_clear()

    yield point
    kernel.load.cache_clear()


def test_a_library_built_from_another_source_is_refused(tmp_path, library_at) -> None:
    """A library whose embedded hash is not that of the `_kernel.c` beside it (built before the
    source changed) is not loaded, since its signature may differ; the same source with the
    right hash is."""
    library_at(_build(tmp_path, "0123456789abcdef"))
    assert not kernel.compiled()
    library_at(_build(tmp_path, kernel.source_sha()))
    assert kernel.compiled()


@pytest.fixture(params=["missing", "not a library", "stale"])
def no_kernel(request, library_at, tmp_path) -> None:
    """As on a machine without a C compiler (no file), with a broken file, or with a library
    built from another _kernel.c (its embedded source hash differs)."""
    if request.param == "stale":
        library = _build(tmp_path, "f" * 16)
    else:
        library = tmp_path / "libkernel.so"
        if request.param == "not a library":
            library.write_bytes(b"not an ELF file")
    library_at(library)


def test_without_the_library_the_solver_falls_back_to_python(no_kernel) -> None:
    assert not kernel.compiled()
    problem = parse_problem(_grid())
    result = solve(problem, time_limit=30, seed=2, exact=False, evals=20_000)
    assert result.solver.name == "greedy+annealing"
    assert result.solver.iterations == 20_000
    assert violations(problem, result.assignments) == []
    assert result.cost == evaluate(problem, result.assignments)
    again = solve(problem, time_limit=30, seed=2, exact=False, evals=20_000)
    assert again.assignments == result.assignments
