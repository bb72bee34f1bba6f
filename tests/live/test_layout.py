"""The live app's modules import one way, and read their settings only from settings.py."""

from __future__ import annotations

import ast
from pathlib import Path

LIVE = Path(__file__).resolve().parents[2] / "oneteam" / "live"


def _live_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("oneteam.live")}


def test_brokers_do_not_import_the_publishing_module():
    back = {
        path.name: _live_imports(path) & {"oneteam.live.broker"}
        for path in (LIVE / "brokers").glob("*.py")
    }

    assert {name: found for name, found in back.items() if found} == {}


def test_base_broker_imports_neither_backend():
    imported = _live_imports(LIVE / "brokers" / "base.py")

    assert {name for name in imported if name.startswith("oneteam.live.brokers")} == set()


def test_public_door_does_not_import_the_django_view():
    doors = {path.name: _live_imports(path) for path in LIVE.glob("public*.py")}

    assert sorted(doors) == ["public.py", "public_routing.py", "public_stream.py"]
    assert {name: found & {"oneteam.live.views"} for name, found in doors.items()} == {
        "public.py": set(),
        "public_routing.py": set(),
        "public_stream.py": set(),
    }


def test_live_reads_settings_directly_without_hidden_defaults():
    hidden = sorted(
        str(path.relative_to(LIVE))
        for path in LIVE.rglob("*.py")
        if "getattr(settings" in path.read_text()
    )

    assert hidden == []
