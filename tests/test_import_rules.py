"""Who may import the engines: the scheduling engine only through its bridge,
`oneteam/timetable/problem.py`; the pairing engine only through `oneteam/introductions/engine.py`.

The engine (`oneteam/scheduling/`) is plain Python that knows nothing of the app (see
tests/scheduling/test_no_django.py); the app reaches it through one module, which turns rows
into the engine's problem and the engine's findings into words. A second door would bring back
engine ids and engine messages in the app's pages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import oneteam

ROOT = Path(oneteam.__file__).parent
ENGINE = "oneteam.scheduling"
BRIDGE = ROOT / "timetable" / "problem.py"
# `oneteam/cli.py` runs `oneteam schedule` without Django by importing the engine's CLI module
# by name: the one place outside the bridge that names the engine, on purpose (the command must
# not load the app).
NAMED_ENTRY_POINTS = {
    (ROOT / "cli.py", "oneteam.scheduling.cli"),
    (ROOT / "cli.py", "oneteam.pairing.cli"),
}
# The pairing engine (`oneteam/pairing/`, Django-free: tests/pairing/test_no_django.py) has its
# own bridge, by the same rule.
PAIRING_ENGINE = "oneteam.pairing"
PAIRING_BRIDGE = ROOT / "introductions" / "engine.py"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in the file, relative ones resolved; `from a import b`
    gives both `a` and `a.b` (b may be a module)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def names_engine(module: str, engine: str = ENGINE) -> bool:
    return module == engine or module.startswith(engine + ".")


def is_module_path(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def engine_offenders(engine: str, bridge: Path) -> list[str]:
    """Every import of `engine` outside the engine itself and its bridge."""
    home = ROOT / engine.split(".")[-1]
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.is_relative_to(home) or path == bridge:
            continue
        offenders += [
            f"{path.relative_to(ROOT.parent)}:{line}: imports {module}"
            for line, module in imported_modules(path)
            if names_engine(module, engine)
        ]
        # A module named in a string (importlib) is an import too.
        offenders += [
            f"{path.relative_to(ROOT.parent)}:{node.lineno}: names {node.value!r}"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and names_engine(node.value, engine)
            and is_module_path(node.value)
            and (path, node.value) not in NAMED_ENTRY_POINTS
        ]
    return offenders


def test_only_the_bridge_imports_the_scheduling_engine() -> None:
    assert engine_offenders(ENGINE, BRIDGE) == []


def test_only_the_introductions_bridge_imports_the_pairing_engine() -> None:
    assert engine_offenders(PAIRING_ENGINE, PAIRING_BRIDGE) == []


def test_views_reach_the_pairing_bridge_only_through_services_and_selectors() -> None:
    views = [p for p in ROOT.rglob("*.py") if p.name == "views.py" or p.parent.name == "views"]
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}: imports {module}"
        for path in sorted(views)
        for line, module in imported_modules(path)
        if module == module_name(PAIRING_BRIDGE)
    ]
    assert offenders == []


def test_the_pairing_bridge_does_import_the_engine() -> None:
    assert any(names_engine(m, PAIRING_ENGINE) for _line, m in imported_modules(PAIRING_BRIDGE))


def test_views_reach_the_bridge_only_through_services_and_selectors() -> None:
    views = [p for p in ROOT.rglob("*.py") if p.name == "views.py" or p.parent.name == "views"]
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}: imports {module}"
        for path in sorted(views)
        for line, module in imported_modules(path)
        if module == module_name(BRIDGE)
    ]
    assert views
    assert offenders == []


def test_the_bridge_does_import_the_engine() -> None:
    """The rule above would pass vacuously if the bridge moved: it must be where we say."""
    assert any(names_engine(module) for _line, module in imported_modules(BRIDGE))


def test_imported_modules_resolves_relative_imports() -> None:
    engine_module = ROOT / "scheduling" / "score.py"
    assert (engine_module.is_file(), module_name(engine_module)) == (
        True,
        "oneteam.scheduling.score",
    )
    assert "oneteam.scheduling.model" in {m for _line, m in imported_modules(engine_module)}
