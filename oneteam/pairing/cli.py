"""`oneteam pair`: make a pairing round from a problem file, or score a result against one.

    oneteam pair PROBLEM.json [--seed N] [--out RESULT.json]
    oneteam pair --score PROBLEM.json RESULT.json

Exit status: 0 done; 1 `--score` found broken hard rules; 2 invalid input (one line per
problem on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .limits import read_json
from .model import ProblemError
from .score import score
from .solve import solve
from .validate import parse_problem


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(
        prog="oneteam pair",
        description="Make a pairing round from a problem file, or score a result.",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="PROBLEM.json, or PROBLEM.json RESULT.json with --score",
    )
    parser.add_argument(
        "--score",
        action="store_true",
        help="check RESULT.json against PROBLEM.json and print its score",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, help="write the result here instead of stdout")
    return parser


def _write(path: Path | None, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if path is None:
        sys.stdout.write(text)
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def _fail(messages: list[str]) -> int:
    for line in messages:
        print(line, file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except _UsageError as exc:
        return _fail([f"oneteam pair: {exc}"])
    if args.score:
        if len(args.files) != 2 or args.out is not None:
            return _fail(["oneteam pair: --score takes PROBLEM.json RESULT.json"])
        return _score(args.files[0], args.files[1])
    if len(args.files) != 1:
        return _fail(["oneteam pair: give one PROBLEM.json (or --score PROBLEM RESULT)"])
    try:
        problem = parse_problem(read_json(args.files[0], "problem"))
    except ProblemError as exc:
        return _fail(exc.messages)
    with _progress() as progress:
        result = solve(problem, seed=args.seed, progress=progress)
    try:
        _write(args.out, result.to_json())
    except OSError as exc:
        return _fail([f"--out: cannot write {args.out}: {exc.strerror or exc}"])
    return 0


def _score(problem_path: str, result_path: str) -> int:
    try:
        problem = parse_problem(read_json(problem_path, "problem"))
        report = score(problem, read_json(result_path, "result"))
    except ProblemError as exc:
        return _fail(exc.messages)
    _write(None, report.to_json())
    for line in report.violations:
        print(line, file=sys.stderr)
    return 0 if report.valid else 1
