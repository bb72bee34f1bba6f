from __future__ import annotations

import ast
from pathlib import Path

import oneteam.scheduling

PACKAGE = Path(oneteam.scheduling.__file__).parent


def test_scheduling_package_modules_never_import_django() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_scheduling_package_modules_never_import_the_app() -> None:
    """The engine knows nothing of the app: no `oneteam.*` module outside the package, written
    out or relative (`from .. import events`)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        depth = len(path.relative_to(PACKAGE).parts)  # 1 for a module beside __init__.py
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level > depth:
                base = "." * node.level + (f"{node.module}." if node.module else "")
                names = [base + alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            offenders += [f"{path.name}: {n}" for n in names if _outside_the_engine(n)]
    assert offenders == []


def _outside_the_engine(name: str) -> bool:
    if name.startswith("."):  # relative, above the package
        return True
    return name.split(".")[0] == "oneteam" and not (
        name == "oneteam.scheduling"
        or name.startswith("oneteam.scheduling.")
        or name.startswith(f"{ENGINE_CLI}.")  # the engines' shared, Django-free command line
    )


ENGINE_CLI = "oneteam.engine_cli"


def test_the_engines_shared_command_line_imports_nothing_of_django_or_the_app() -> None:
    path = PACKAGE.parent / "engine_cli.py"
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "argparse" in imported  # the walk sees its imports, so the check below can fail
    assert imported & {"django", "oneteam"} == set()
