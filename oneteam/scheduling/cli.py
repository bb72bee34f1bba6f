"""`oneteam schedule`: solve a schedule problem, or score a result against one.

    oneteam schedule PROBLEM.json [--time-limit SECONDS] [--seed N] [--out RESULT.json]
    oneteam schedule --score PROBLEM.json RESULT.json

Exit status: 0 done; 1 `--score` found broken hard rules; 2 invalid input (one line per
problem on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from oneteam.engine_cli import UsageError, engine_parser, fail, file_problems, write_json

from .limits import (
    check_problem,
    check_result,
    check_seed,
    check_time_limit,
    load_json,
    pin_check_depth,
)
from .model import Problem, ProblemError
from .score import score
from .solve import solve
from .validate import parse_problem


def _parser() -> argparse.ArgumentParser:
    parser = engine_parser(
        prog="oneteam schedule",
        description="Build a session schedule from a problem file, or score a result.",
        score_help="check RESULT.json against PROBLEM.json and print its cost",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="bound on the whole run (default 10)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="annealing processes, one seed each (default: 2, or 1 on one core)",
    )
    return parser


@contextmanager
def _progress() -> Iterator[Callable[[float, float, str], None]]:
    if sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("scheduling"),
            BarColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            transient=True,
            console=None,
        ) as bar:
            task = bar.add_task("", total=1.0)

            def show(done: float, best: float, note: str) -> None:
                bar.update(task, completed=done, description=f"best {best:g} · {note}")

            yield show
        return
    last: list[str] = []

    def plain(done: float, best: float, note: str) -> None:
        if last and last[0] == note:
            return
        last[:] = [note]
        print(f"schedule: {done:4.0%} best {best:g} ({note})", file=sys.stderr, flush=True)

    yield plain


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        return fail([f"oneteam schedule: {exc}"])
    wrong = file_problems("oneteam schedule", score=args.score, files=args.files, out=args.out)
    if wrong:
        return fail(wrong)
    if args.score:
        return _score(args.files[0], args.files[1])
    bad = [line for line in (check_time_limit(args.time_limit), check_seed(args.seed)) if line]
    if bad:
        return fail(bad)
    try:
        problem = _load_problem(args.files[0])
    except ProblemError as exc:
        return fail(exc.messages)
    with _progress() as progress:
        result = solve(
            problem,
            time_limit=args.time_limit,
            seed=args.seed,
            progress=progress,
            workers=args.workers,
        )
    try:
        write_json(args.out, result.to_json())
    except OSError as exc:
        return fail([f"--out: cannot write {args.out}: {exc}"])
    return 0


def _load_problem(path: str) -> Problem:
    """Read, check the limits of (before building anything from it) and parse a problem."""
    data = load_json(path, "problem")
    check_problem(data)
    with pin_check_depth():
        return parse_problem(data)


def _score(problem_path: str, result_path: str) -> int:
    try:
        problem = _load_problem(problem_path)
    except ProblemError as exc:
        return fail(exc.messages)
    try:
        data = load_json(result_path, "result")
        check_result(data)
        report = score(problem, data)
    except ProblemError as exc:
        return fail(exc.messages)
    write_json(None, report.to_json())
    for line in report.violations:
        print(line, file=sys.stderr)
    return 0 if report.valid else 1
