from __future__ import annotations

import json
from pathlib import Path

from oneteam.scheduling.cli import main

from .conftest import problem_data


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_main_tiny_example_writes_result_and_scores_it(examples, tmp_path, capsys) -> None:
    out = tmp_path / "result.json"
    # A generous limit: the exact model proves the optimum and stops the run early, even on a
    # loaded machine where importing HiGHS alone can take seconds.
    tiny = str(examples / "schedule-tiny.json")
    assert main([tiny, "--time-limit", "30", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["format"] == "oneteam.schedule/1"
    assert result["cost"]["total"] == 3
    assert result["lower_bound"] == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "schedule:" in captured.err
    assert main(["--score", str(examples / "schedule-tiny.json"), str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"valid": True, "cost": result["cost"], "violations": []}


def test_main_repair_example_prints_result_on_stdout(examples, capsys) -> None:
    assert main([str(examples / "schedule-repair.json"), "--seed", "3"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["cost"]["total"] == 5
    assert result["cost"]["moves"] == 0


def test_main_invalid_example_exits_2_and_writes_nothing(examples, tmp_path, capsys) -> None:
    out = tmp_path / "result.json"
    assert main([str(examples / "schedule-invalid.json"), "--out", str(out)]) == 2
    assert not out.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 5
    assert lines[2] == 'sessions[0].pinned.room: no room with id "r9"'


def test_main_malformed_json_exits_2(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "result.json"
    assert main([str(bad), "--out", str(out)]) == 2
    assert not out.exists()
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("problem: malformed JSON")


def test_main_missing_file_exits_2(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_main_score_broken_result_exits_1_with_violations(tmp_path, capsys) -> None:
    problem = write(tmp_path / "p.json", problem_data())
    result = write(
        tmp_path / "r.json",
        {
            "assignments": {
                "s1": {"room": "big", "slot": "t1"},
                "s3": {"room": "small", "slot": "t1"},
            }
        },
    )
    assert main(["--score", str(problem), str(result)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["valid"] is False
    assert 'host "h1" has 2 sessions in slot "t1"' in captured.err


def test_main_score_result_with_unknown_room_exits_2(tmp_path, capsys) -> None:
    problem = write(tmp_path / "p.json", problem_data())
    result = write(tmp_path / "r.json", {"assignments": {"s1": {"room": "r9", "slot": "t1"}}})
    assert main(["--score", str(problem), str(result)]) == 2
    assert capsys.readouterr().err.strip() == 'result.assignments.s1.room: no room with id "r9"'


def test_main_usage_errors_exit_2(tmp_path, capsys) -> None:
    assert main([]) == 2
    assert main(["--score", "only-one.json"]) == 2
    assert main(["p.json", "--time-limit", "0"]) == 2
    assert capsys.readouterr().out == ""


def test_cli_process_stdout_is_exactly_one_json_document(examples) -> None:
    """In a fresh process (HiGHS prints its banner at most once per process, on fd 1), with the
    exact model in use, stdout carries the result and nothing else. (The repair example: the
    tiny one's greedy start is proven optimal by the pair bound before HiGHS is needed.)"""
    import subprocess
    import sys

    repair = str(examples / "schedule-repair.json")
    done = subprocess.run(
        [sys.executable, "-m", "oneteam.scheduling", repair, "--time-limit", "30"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    result, end = json.JSONDecoder().raw_decode(done.stdout)
    assert done.stdout[end:] == "\n"
    assert result["solver"]["name"] == "set-partitioning"
    assert result["solver"]["optimal"] is True
    assert "HiGHS" not in done.stderr
