from __future__ import annotations

import ast
from pathlib import Path

import oneteam.pairing

PACKAGE = Path(oneteam.pairing.__file__).parent


def _imports() -> list[tuple[str, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path.name, node.module))
    return found


def test_pairing_package_modules_never_import_django_or_an_app() -> None:
    offenders = [
        f"{name}: {module}"
        for name, module in _imports()
        if module.split(".")[0] == "django"
        or (
            module.startswith("oneteam.")
            and not module.startswith("oneteam.pairing")
            and module != "oneteam.engine_cli"  # the engines' shared, Django-free command line
        )
    ]
    assert offenders == []


def test_pairing_import_guard_sees_the_package_imports() -> None:
    # The walk must actually find imports, or the guard above could never fail.
    assert ("solve.py", "heapq") in _imports()
