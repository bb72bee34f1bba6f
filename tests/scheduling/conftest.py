from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "examples"


@pytest.fixture
def examples() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"spec examples not found at {EXAMPLES} (shared/ sits beside the repo)")
    return EXAMPLES


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def problem_data(**overrides: Any) -> dict[str, Any]:
    """A small valid problem: 2 rooms, 2 slots, 3 sessions."""
    data: dict[str, Any] = {
        "format": "oneteam.schedule-problem/1",
        "rooms": [
            {"id": "big", "capacity": 3, "step_free": True},
            {"id": "small", "capacity": 1, "step_free": False},
        ],
        "slots": [{"id": "t1"}, {"id": "t2"}],
        "sessions": [
            {"id": "s1", "hosts": ["h1"]},
            {"id": "s2", "hosts": ["h2"]},
            {"id": "s3", "hosts": ["h1"]},
        ],
        "interests": {"a": ["s1", "s2"], "b": ["s2", "s3"]},
    }
    data.update(overrides)
    return data
