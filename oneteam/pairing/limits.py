"""Size limits on pairing input, checked before anything large is built.

Each breach is one line naming the limit. The limits sit far above any real community (the
benchmark runs 100,000 members with 800,000 past pairs), and low enough that a hostile or broken
file is refused quickly instead of exhausting memory.
"""

from __future__ import annotations

import json
import math
import os
import re

from .model import ProblemError

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_MEMBERS = 200_000
MAX_HISTORY = 2_000_000
MAX_AVOID = 500_000
MAX_GROUPS = MAX_MEMBERS
MAX_TEXT = 200  # characters in an id, discipline, chapter
MAX_DEPTH = 8  # the formats need 3 (document, list, pair or member)
MAX_NUMBER_DIGITS = 30

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def read_text(path: str, what: str) -> str:
    """The file's text, refused before reading when it is larger than MAX_FILE_BYTES."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ProblemError([f"{what}: cannot read {path}: {exc.strerror or exc}"]) from exc
    if size > MAX_FILE_BYTES:
        raise ProblemError(
            [f"{what}: {path} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"]
        )
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError([f"{what}: cannot read {path}: {exc}"]) from exc


def check_depth(text: str, what: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the JSON parser builds anything."""
    depth = 0
    for match in _TOKENS.finditer(text):
        lexeme = match.group()
        if lexeme in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ProblemError([f"{what}: nested deeper than {MAX_DEPTH} levels"])
        elif lexeme in "]}":
            depth -= 1


def _constant(name: str) -> object:
    raise ValueError(f"{name} is not a finite number")


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"number {text[:20]}... is longer than {MAX_NUMBER_DIGITS} characters")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"number {text[:20]}... is longer than {MAX_NUMBER_DIGITS} characters")
    return int(text)


def parse_json(text: str, what: str) -> object:
    """Decode JSON with the depth and number limits (NaN, Infinity and huge numbers refused)."""
    check_depth(text, what)
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except ValueError as exc:  # JSONDecodeError is a ValueError
        raise ProblemError([f"{what}: malformed JSON: {exc}"]) from exc
    except RecursionError as exc:
        raise ProblemError([f"{what}: nested deeper than {MAX_DEPTH} levels"]) from exc


def read_json(path: str, what: str) -> object:
    return parse_json(read_text(path, what), what)


def check_problem_sizes(data: object) -> list[str]:
    """Count limits on a decoded problem, before any index is built."""
    if not isinstance(data, dict):
        return []
    errors: list[str] = []
    for key, limit in (("members", MAX_MEMBERS), ("history", MAX_HISTORY), ("avoid", MAX_AVOID)):
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            errors.append(f"{key}: {len(value):,} entries; the limit is {limit:,}")
    return errors


def check_result_sizes(data: object) -> list[str]:
    if not isinstance(data, dict):
        return []
    errors: list[str] = []
    for key in ("groups", "unmatched"):
        value = data.get(key)
        if isinstance(value, list) and len(value) > MAX_GROUPS:
            errors.append(f"result.{key}: {len(value):,} entries; the limit is {MAX_GROUPS:,}")
    return errors


def text_error(value: str) -> str | None:
    if len(value) > MAX_TEXT:
        return f"{len(value)} characters; the limit is {MAX_TEXT}"
    return None
