"""core holds what every app may import, so it imports no app itself."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "oneteam" / "core"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_core_imports_no_other_app():
    upward = sorted(
        (str(path.relative_to(CORE)), module)
        for path in CORE.rglob("*.py")
        for module in _imports(path)
        if module.startswith("oneteam.") and not module.startswith("oneteam.core")
    )

    assert upward == []
