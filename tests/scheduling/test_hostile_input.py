"""`oneteam schedule` on hostile files: exit status 0 or 2, never a traceback; on 2, one problem
line per breach on stderr and nothing written (limits: oneteam/scheduling/limits.py)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneteam.scheduling import limits
from oneteam.scheduling.cli import main

from .conftest import problem_data

# "where: what", where names the item (or the file, or the option).
PROBLEM_LINE = re.compile(r"^\S[^\n]*?: \S[^\n]*$")


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def run_cli(text: str, *extra: str, result_text: str | None = None) -> tuple[int, list[str]]:
    """Run the CLI in-process on a problem given as JSON text; check the contract on the way out.

    Returns the exit status and the stderr lines that are not progress lines.
    """
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        problem = here / "problem.json"
        problem.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = here / "out.json"
        if result_text is None:
            argv = [str(problem), "--time-limit", "0.3", "--workers", "1", "--out", str(out)]
        else:
            result = here / "result.json"
            result.write_text(result_text, encoding="utf-8", errors="surrogatepass")
            argv = ["--score", str(problem), str(result)]
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main([*argv, *extra])
        lines = [
            line for line in stderr.getvalue().splitlines() if not line.startswith("schedule:")
        ]
        written = sorted(p.name for p in here.iterdir())
        assert "Traceback" not in stderr.getvalue()
        if code == 2:
            assert lines, "exit status 2 without a problem line"
            assert all(PROBLEM_LINE.match(line) for line in lines), lines
            assert stdout.getvalue() == ""
            assert "out.json" not in written
        elif result_text is None:
            assert code == 0, (code, lines)
            assert _strict(out.read_text(encoding="utf-8"))["format"] == "oneteam.schedule/1"
        else:
            assert code in (0, 1), (code, lines)
            assert _strict(stdout.getvalue())["valid"] is (code == 0)
        assert [n for n in written if n.startswith(".")] == [], "a temporary file was left behind"
    return code, lines


def doc(**overrides: Any) -> str:
    return json.dumps(problem_data(**overrides))


# --- each case that crashed or ran away before ----------------------------------------------


def test_schedule_deeply_nested_document_is_one_line() -> None:
    code, lines = run_cli("[" * 100_000 + "]" * 100_000)
    assert code == 2
    assert len(lines) == 1
    assert "nests deeper than the limit of 16 levels" in lines[0]


def test_schedule_nesting_past_the_limit_names_the_item() -> None:
    nested = json.loads("[" * 20 + "]" * 20)
    code, lines = run_cli(doc(weights={"clash": nested}))
    assert code == 2
    assert lines == ["weights.clash" + "[0]" * 14 + ": nests deeper than the limit of 16 levels"]


def test_schedule_5000_digit_number_is_refused() -> None:
    code, lines = run_cli(doc().replace('"capacity": 3', '"capacity": ' + "9" * 5000))
    assert code == 2
    assert len(lines) == 1
    assert lines[0].startswith("rooms[0].capacity: number 999999999999…(5000 characters)")


def test_schedule_infinite_weight_is_refused_not_written_as_nan() -> None:
    code, lines = run_cli(doc(weights={"clash": 1}).replace('"clash": 1', '"clash": 1e999'))
    assert code == 2
    assert lines == [
        "weights.clash: number 1e999 is out of range (finite numbers up to 1e+15 only)"
    ]


def test_schedule_nan_and_infinity_literals_are_refused() -> None:
    text = doc(weights={"clash": 1, "move": 2})
    code, lines = run_cli(text.replace('"clash": 1', '"clash": NaN').replace("2}", "-Infinity}"))
    assert code == 2
    assert [line.split(":")[0] for line in lines] == ["weights.clash", "weights.move"]


def test_schedule_infinite_time_limit_is_refused() -> None:
    code, lines = run_cli(doc(), "--time-limit", "inf")
    assert code == 2
    assert lines == ["--time-limit: must be more than 0 and at most 3600 seconds, got inf"]


def test_schedule_100k_sessions_are_refused_in_well_under_a_second() -> None:
    sessions = [{"id": f"s{i}", "hosts": [f"h{i}"]} for i in range(100_000)]
    text = doc(sessions=sessions, interests={})
    began = time.perf_counter()
    code, lines = run_cli(text)
    assert time.perf_counter() - began < 2.0  # (a loaded test machine: 0.3 s when quiet)
    assert code == 2
    assert lines == ["sessions: 100,000 sessions, more than the limit of 1,000"]


def test_schedule_60k_hosts_on_one_session_are_refused_fast() -> None:
    hosts = [f"h{i}" for i in range(60_000)]
    text = doc(sessions=[{"id": "s1", "hosts": hosts}], interests={})
    began = time.perf_counter()
    code, lines = run_cli(text)
    assert time.perf_counter() - began < 2.0  # (a loaded test machine: 0.3 s when quiet)
    assert code == 2
    assert lines == ["sessions[0].hosts: 60,000 hosts, more than the limit of 20"]


def test_schedule_3000_sessions_pinned_to_one_slot_are_refused() -> None:
    rooms = [{"id": f"r{i}", "capacity": 5} for i in range(3_000)]
    sessions = [{"id": f"s{i}", "pinned": {"slot": "t1"}} for i in range(3_000)]
    code, lines = run_cli(doc(rooms=rooms, sessions=sessions, interests={}))
    assert code == 2
    assert lines == [
        "rooms: 3,000 rooms, more than the limit of 30",
        "sessions: 3,000 sessions, more than the limit of 1,000",
    ]


def test_schedule_more_pins_on_a_slot_than_rooms_is_one_line_and_fast() -> None:
    rooms = [{"id": f"r{i}", "capacity": 5} for i in range(limits.MAX_ROOMS)]
    sessions = [{"id": f"s{i}", "pinned": {"slot": "t1"}} for i in range(limits.MAX_SESSIONS)]
    began = time.perf_counter()
    code, lines = run_cli(doc(rooms=rooms, sessions=sessions, interests={}))
    assert time.perf_counter() - began < 2.0  # (a loaded test machine: 0.3 s when quiet)
    assert code == 2
    assert lines == [
        'sessions[30].pinned.slot: 1,000 sessions are pinned to slot "t1", which has only 30 rooms'
    ]


def test_schedule_lone_surrogate_id_is_refused() -> None:
    text = doc().replace('"id": "s1"', '"id": "s\\ud800"').replace('["s1", "s2"]', '["s2"]')
    code, lines = run_cli(text)
    assert code == 2
    assert lines == ["sessions[0].id: not valid Unicode text (a lone surrogate escape)"]


def test_schedule_line_break_in_an_attendee_id_stays_on_one_line() -> None:
    code, lines = run_cli(doc(interests={"a\nb": ["nope"]}))
    assert code == 2
    assert lines == ['interests.a\\nb[0]: no session with id "nope"']


def test_schedule_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    with mock.patch.object(limits, "MAX_FILE_BYTES", 100):
        code, lines = run_cli(doc())
    assert code == 2
    assert len(lines) == 1
    assert lines[0].endswith("is larger than the limit of 100 bytes")


def test_score_result_with_nan_is_refused() -> None:
    result = '{"format": "oneteam.schedule/1", "assignments": {}, "lower_bound": NaN}'
    code, lines = run_cli(doc(), result_text=result)
    assert code == 2
    assert lines == ["lower_bound: number NaN is out of range (finite numbers up to 1e+15 only)"]


# --- random hostile documents ---------------------------------------------------------------

SMALL_LIMITS = {
    "MAX_SESSIONS": 4,
    "MAX_ROOMS": 3,
    "MAX_SLOTS": 3,
    "MAX_ROOM_SLOTS": 6,
    "MAX_SESSION_ROOM_SLOTS": 20,
    "MAX_HOSTS_PER_SESSION": 2,
    "MAX_SESSIONS_PER_HOST": 2,
    "MAX_ATTENDEES": 4,
    "MAX_INTERESTS_PER_ATTENDEE": 3,
    "MAX_INTERESTS": 8,
    "MAX_DEPTH": 6,
    "MAX_STRING_LENGTH": 12,
    "MAX_WEIGHT": 50,
    "MAX_CAPACITY": 50,
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=16)
)
any_json = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
ids = st.sampled_from(["r1", "r2", "t1", "t2", "s1", "s2", "s3", "a", "", "x" * 20])
numbers = st.integers(min_value=-5, max_value=200) | st.floats(allow_nan=True) | any_json


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(value, any_json)


rooms = st.lists(
    _maybe(
        st.fixed_dictionaries({"id": ids, "capacity": numbers}, optional={"step_free": any_json})
    ),
    max_size=5,
)
slots = st.lists(_maybe(st.fixed_dictionaries({"id": ids})), max_size=5)
pins = st.fixed_dictionaries({}, optional={"room": _maybe(ids), "slot": _maybe(ids)})
sessions = st.lists(
    _maybe(
        st.fixed_dictionaries(
            {"id": ids},
            optional={
                "hosts": _maybe(st.lists(_maybe(ids), max_size=4)),
                "needs_step_free": any_json,
                "unavailable_slots": _maybe(st.lists(_maybe(ids), max_size=4)),
                "pinned": _maybe(pins),
            },
        )
    ),
    max_size=6,
)
problems = st.fixed_dictionaries(
    {"rooms": _maybe(rooms), "slots": _maybe(slots), "sessions": _maybe(sessions)},
    optional={
        "format": any_json,
        "interests": _maybe(st.dictionaries(ids, _maybe(st.lists(_maybe(ids), max_size=5)))),
        "previous": _maybe(
            st.dictionaries(ids, _maybe(st.fixed_dictionaries({"room": ids, "slot": ids})))
        ),
        "weights": _maybe(
            st.dictionaries(st.sampled_from(["clash", "overflow", "move", "unscheduled"]), numbers)
        ),
    },
)
hostile_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@hostile_settings
@given(any_json)
def test_schedule_random_json_exits_0_or_2_with_problem_lines(data: Any) -> None:
    run_cli(json.dumps(data))


@hostile_settings
@given(problems)
def test_schedule_problem_shaped_hostile_documents_exit_0_or_2(data: Any) -> None:
    run_cli(json.dumps(data))


@hostile_settings
@given(problems)
def test_schedule_counts_past_small_limits_exit_2_with_problem_lines(data: Any) -> None:
    with mock.patch.multiple(limits, **SMALL_LIMITS):
        run_cli(json.dumps(data))


@hostile_settings
@given(
    st.sampled_from(['"capacity": 3', '"capacity": 1', "[", '"t1"']),
    st.sampled_from(["1e999", "NaN", "-Infinity", "9" * 5000, "[" * 3000, "{", "\\ud800", "\x00"]),
)
def test_schedule_hostile_tokens_in_a_valid_document_exit_0_or_2(place: str, token: str) -> None:
    run_cli(doc().replace(place, token, 1))


@hostile_settings
@given(any_json)
def test_score_hostile_result_exits_0_1_or_2(data: Any) -> None:
    run_cli(doc(), result_text=json.dumps(data))


def test_pin_check_depth_allows_a_path_through_every_session_then_restores() -> None:
    before = sys.getrecursionlimit()
    with limits.pin_check_depth():
        assert sys.getrecursionlimit() >= limits.MAX_SESSIONS + 1_000
    assert sys.getrecursionlimit() == before
