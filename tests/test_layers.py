"""The apps stand in layers: each imports only the layers below it, so the tree has no import
circle between apps and a change low down is seen by what stands above it, never the reverse.
docs/architecture.md draws the same picture; this test keeps the picture true.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_import_rules import ROOT, imported_modules

# Lowest first. An app may import its own layer's modules and any layer below it.
LAYERS: list[set[str]] = [
    {
        "__init__",
        "env",
        "settings",
        "engine_cli",
    },  # configuration; the engines' shared command line
    {"scheduling", "pairing"},  # pure engines: no Django, reached only through their bridges
    {"core"},  # small helpers every app may use
    {"accounts"},
    {"chapters"},
    {"members"},
    {"events"},
    {"live"},
    {"programme"},
    {"timetable", "outcomes", "community", "introductions"},
    {"demo", "pages"},  # the demo data and the site's own pages read every app
    {"urls", "asgi", "wsgi", "cli", "__main__"},  # the doors
]

# Known arrows that point up, each with its reason. Remove a row when the arrow is gone.
ALLOWED_UPWARD = {
    # A chapter's page lists its events, and the chapter's event URLs (new event, calendar,
    # feed) live under /chapters/<slug>/ but are served by the events app.
    ("chapters/selectors.py", "events"),
    ("chapters/urls.py", "events"),
}


def _app_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else path.stem


def _layer_of(app: str) -> int:
    for index, layer in enumerate(LAYERS):
        if app in layer:
            return index
    raise AssertionError(f"{app} is in no layer: add it to LAYERS (and docs/architecture.md)")


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def test_every_app_has_a_layer() -> None:
    unplaced = sorted({_app_of(p) for p in _modules()} - set().union(*LAYERS))
    assert unplaced == []


def test_apps_import_only_their_own_layer_or_below() -> None:
    upward = set()
    for path in _modules():
        app = _app_of(path)
        for _line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] != "oneteam" or len(parts) < 2 or parts[1] == app:
                continue
            if _layer_of(parts[1]) > _layer_of(app):
                upward.add((str(path.relative_to(ROOT)), parts[1]))
    assert sorted(upward - ALLOWED_UPWARD) == []
    assert sorted(ALLOWED_UPWARD - upward) == [], "an allowed upward arrow is gone: drop its row"
