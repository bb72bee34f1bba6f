from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the repository (or beside the directory that holds its checkouts).
EXAMPLES = next(
    (d / "shared" / "spec" / "examples" for d in ROOT.parents[:2] if (d / "shared").is_dir()),
    ROOT.parent / "shared" / "spec" / "examples",
)


@pytest.fixture
def examples() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"spec examples not found at {EXAMPLES} (shared/ sits beside the repo)")
    return EXAMPLES


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def member(ident: str, discipline: str, chapter: str, in_person: bool = False) -> dict[str, Any]:
    return {"id": ident, "discipline": discipline, "chapter": chapter, "in_person": in_person}


def problem_data(
    members: list[dict[str, Any]],
    history: list[list[str]] | None = None,
    avoid: list[list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "format": "oneteam.pairing-problem/1",
        "members": members,
        "history": history or [],
        "avoid": avoid or [],
    }
