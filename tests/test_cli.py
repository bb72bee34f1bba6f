"""The `oneteam` console script: manage.py for Django commands, and standalone algorithms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ONETEAM = Path(sys.executable).with_name("oneteam")
EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "examples"


def run_oneteam(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(ONETEAM), *args],
        cwd=cwd,
        env=env if env is not None else os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_oneteam_schedule_runs_without_django_settings_or_database(tmp_path):
    if not EXAMPLES.is_dir():
        pytest.skip(f"spec examples not found at {EXAMPLES}")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    # A var dir that does not exist proves no database or secret key file is touched.
    env["ONETEAM_VAR_DIR"] = str(tmp_path / "absent")
    out = tmp_path / "result.json"
    result = run_oneteam(
        "schedule",
        str(EXAMPLES / "schedule-tiny.json"),
        "--time-limit",
        "2",
        "--out",
        str(out),
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["format"] == "oneteam.schedule/1"
    assert not (tmp_path / "absent").exists()


def test_oneteam_pair_runs_without_django_settings_or_database(tmp_path) -> None:
    if not EXAMPLES.is_dir():
        pytest.skip(f"spec examples not found at {EXAMPLES}")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env["ONETEAM_VAR_DIR"] = str(tmp_path / "absent")
    out = tmp_path / "result.json"
    problem = str(EXAMPLES / "pairing-small.json")
    result = run_oneteam("pair", problem, "--out", str(out), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["score"]["matched"] == 9
    scored = run_oneteam("pair", "--score", problem, str(out), cwd=tmp_path, env=env)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["valid"] is True
    assert not (tmp_path / "absent").exists()


def test_oneteam_is_manage_py_for_django_commands(tmp_path):
    env = os.environ.copy()
    env["ONETEAM_VAR_DIR"] = str(tmp_path / "var")
    result = run_oneteam("check", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_oneteam_unknown_command_fails_with_message(tmp_path):
    env = os.environ.copy()
    env["ONETEAM_VAR_DIR"] = str(tmp_path / "var")
    result = run_oneteam("no-such-command", cwd=tmp_path, env=env)
    assert result.returncode != 0
    assert "Unknown command: 'no-such-command'" in result.stderr
