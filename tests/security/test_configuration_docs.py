"""Every environment variable the settings read is documented in docs/configuration.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETTINGS = REPO / "oneteam" / "settings.py"
DOCS = REPO / "docs" / "configuration.md"
# Readers that take the variable's name as their first argument.
_READERS = re.compile(r"^env_\w+$|^getenv$|^get$")
# Helpers that read a fixed variable without naming it at the call.
_IMPLIED = {"secret_key": "SECRET_KEY"}


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        owner = ast.unparse(call.func.value)
        if owner in {"os", "os.environ", "environ"}:
            return call.func.attr
    return None


def variables_read(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            found.add(node.slice.value)
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        if name in _IMPLIED:
            found.add(_IMPLIED[name])
        elif name and _READERS.match(name) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def documented_variables() -> set[str]:
    # A variable counts as documented when it heads a row of a table: | `NAME` | ...
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", DOCS.read_text(), flags=re.MULTILINE))


def test_variables_read_finds_each_way_of_reading_the_environment():
    source = (
        "A = env_str('ONE')\nB = env_int('TWO', 3)\nC = os.environ.get('THREE')\n"
        "D = os.environ['FOUR']\nE = os.getenv('FIVE')\nF = secret_key(VAR)\nG = other('NOPE')\n"
    )

    assert variables_read(source) == {"ONE", "TWO", "THREE", "FOUR", "FIVE", "SECRET_KEY"}


def test_every_variable_the_settings_read_is_documented():
    read = variables_read(SETTINGS.read_text())

    undocumented = sorted(read - documented_variables())

    assert {"SECRET_KEY", "SMTP_HOST", "OIDC_CLIENT_ID"} <= read
    assert undocumented == [], f"add these to docs/configuration.md: {undocumented}"


def test_every_documented_variable_is_still_read():
    stale = sorted(documented_variables() - variables_read(SETTINGS.read_text()))

    assert stale == [], f"docs/configuration.md documents variables nobody reads: {stale}"
