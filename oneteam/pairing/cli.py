"""`oneteam pair`: make a pairing round from a problem file, or score a result against one.

    oneteam pair PROBLEM.json [--seed N] [--out RESULT.json]
    oneteam pair --score PROBLEM.json RESULT.json

Exit status: 0 done; 1 `--score` found broken hard rules; 2 invalid input (one line per
problem on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from oneteam.engine_cli import UsageError, engine_parser, fail, file_problems, write_json

from .limits import read_json
from .model import ProblemError
from .score import score
from .solve import solve
from .validate import parse_problem


def _parser() -> argparse.ArgumentParser:
    return engine_parser(
        prog="oneteam pair",
        description="Make a pairing round from a problem file, or score a result.",
        score_help="check RESULT.json against PROBLEM.json and print its score",
    )


@contextmanager
def _progress() -> Iterator[Callable[[float, str], None]]:
    if sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("pairing"),
            BarColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            transient=True,
        ) as bar:
            task = bar.add_task("", total=1.0)

            def show(done: float, note: str) -> None:
                bar.update(task, completed=done, description=note)

            yield show
        return

    def plain(done: float, note: str) -> None:
        print(f"pair: {done:4.0%} {note}", file=sys.stderr, flush=True)

    yield plain


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        return fail([f"oneteam pair: {exc}"])
    wrong = file_problems("oneteam pair", score=args.score, files=args.files, out=args.out)
    if wrong:
        return fail(wrong)
    if args.score:
        return _score(args.files[0], args.files[1])
    try:
        problem = parse_problem(read_json(args.files[0], "problem"))
    except ProblemError as exc:
        return fail(exc.messages)
    with _progress() as progress:
        result = solve(problem, seed=args.seed, progress=progress)
    try:
        write_json(args.out, result.to_json())
    except OSError as exc:
        return fail([f"--out: cannot write {args.out}: {exc.strerror or exc}"])
    return 0


def _score(problem_path: str, result_path: str) -> int:
    try:
        problem = parse_problem(read_json(problem_path, "problem"))
        report = score(problem, read_json(result_path, "result"))
    except ProblemError as exc:
        return fail(exc.messages)
    write_json(None, report.to_json())
    for line in report.violations:
        print(line, file=sys.stderr)
    return 0 if report.valid else 1
