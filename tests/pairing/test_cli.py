from __future__ import annotations

import json
from pathlib import Path

import pytest

from oneteam.pairing import limits
from oneteam.pairing.cli import main

from .conftest import member, problem_data


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_main_example_writes_result_then_scores_it(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    problem = str(examples / "pairing-small.json")
    assert main([problem, "--seed", "3", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["format"] == "oneteam.pairing/1"
    assert result["score"] == {"matched": 9, "cross": 3, "same_chapter": 3, "groups": 4}
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pair: ")
    assert main(["--score", problem, str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"valid": True, "score": result["score"], "violations": []}


def test_main_prints_result_on_stdout_without_out(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(examples / "pairing-small.json")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["score"]["matched"] == 9


def test_main_invalid_problem_exits_2_one_line_each_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = problem_data(
        [member("a", "policy", "x"), member("a", "digital", "x"), member("b", "data", "y")],
        history=[["a", "zed"]],
        avoid=[["q", "b"]],
    )
    out = tmp_path / "result.json"
    assert main([str(write(tmp_path / "p.json", data)), "--out", str(out)]) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "p.json"]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        'members[1].id: duplicate member id "a"',
        'history[0][1]: no member with id "zed"',
        'avoid[0][0]: no member with id "q"',
    ]


def test_main_malformed_json_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main([str(bad), "--out", str(tmp_path / "r.json")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("problem: malformed JSON")
    assert not (tmp_path / "r.json").exists()


def test_main_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.json")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("problem: cannot read")


def test_main_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["--score", "only-one.json"]) == 2
    assert main(["a.json", "b.json"]) == 2
    assert main(["a.json", "--seed", "many"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 4


def test_main_score_broken_result_exits_1_with_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = problem_data(
        [member("a", "policy", "x", in_person=True), member("b", "digital", "y")],
        history=[["a", "b"]],
    )
    problem = write(tmp_path / "p.json", data)
    result = write(tmp_path / "r.json", {"groups": [["a", "b"]], "unmatched": []})
    assert main(["--score", str(problem), str(result)]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["valid"] is False
    assert report["score"] == {"matched": 2, "cross": 1, "same_chapter": 0, "groups": 1}
    assert captured.err.splitlines() == report["violations"]
    assert captured.err.splitlines() == ['groups[0]: "a" and "b" have met before']


def test_main_score_result_with_unknown_member_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = write(tmp_path / "p.json", problem_data([member("a", "policy", "x")]))
    result = write(tmp_path / "r.json", {"groups": [["a", "ghost"]]})
    assert main(["--score", str(problem), str(result)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        'result.groups[0][1]: no member with id "ghost"'
    ]


def test_main_refuses_file_over_size_limit_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    problem = write(tmp_path / "p.json", problem_data([member("a", "policy", "x")]))
    assert main([str(problem)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "the limit is 10 bytes" in line


def test_cli_process_via_console_script_writes_one_json_document(
    examples: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "oneteam.pairing", str(examples / "pairing-small.json")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    result, end = json.JSONDecoder().raw_decode(done.stdout)
    assert done.stdout[end:] == "\n"
    assert result["score"]["matched"] == 9
