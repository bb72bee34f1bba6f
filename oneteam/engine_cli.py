"""What the pure engines' command lines (`oneteam schedule`, `oneteam pair`) share: the
arguments both take, one problem line per stderr line and exit 2, and results written whole.

Django-free and importing nothing of the project, so the engines may use it and stay pure (the
guard tests of both engines allow exactly this module).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path


class UsageError(Exception):
    """The command line itself is wrong (printed as one problem line, exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def engine_parser(*, prog: str, description: str, score_help: str) -> argparse.ArgumentParser:
    """The arguments every engine command takes: FILE..., --score, --seed and --out."""
    parser = _Parser(prog=prog, description=description)
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="PROBLEM.json, or PROBLEM.json RESULT.json with --score",
    )
    parser.add_argument("--score", action="store_true", help=score_help)
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, help="write the result here instead of stdout")
    return parser


def file_problems(prog: str, *, score: bool, files: list[str], out: Path | None) -> list[str]:
    """The problem line when the files given do not fit the mode, else nothing."""
    if score and (len(files) != 2 or out is not None):
        return [f"{prog}: --score takes PROBLEM.json RESULT.json"]
    if not score and len(files) != 1:
        return [f"{prog}: give one PROBLEM.json (or --score PROBLEM RESULT)"]
    return []


def write_json(path: Path | None, data: dict[str, object]) -> None:
    """Print `data`, or write it to `path` through a temporary file so that a reader never
    sees half a result (and a failed write leaves nothing behind)."""
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


def one_line(message: str) -> str:
    """A problem line with any line break or other control character from the input escaped,
    so each problem stays on one line."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in message)


def fail(messages: list[str]) -> int:
    """Print one problem a line on stderr; the exit status for invalid input."""
    for line in messages:
        print(one_line(line), file=sys.stderr)
    return 2
