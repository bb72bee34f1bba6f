"""axe-core in the browser: WCAG 2.2 AA checks of the page as it is shown."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from playwright.sync_api import Page

AXE_SOURCE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((node) => node.target.join(" ")),
  }));
}"""


@cache
def _axe_source() -> str:
    if not AXE_SOURCE.exists():
        raise FileNotFoundError(f"{AXE_SOURCE} is missing: run `npm ci` (make install does)")
    return AXE_SOURCE.read_text()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The page's WCAG 2.2 AA violations, as found by axe-core.

    The script is evaluated through the DevTools protocol, which our Content Security Policy
    does not govern, so the page is checked under its real policy.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(_RUN_AXE, WCAG_22_AA)


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        lines.extend(f"    at {target}" for target in violation["targets"])
    return "\n".join(lines)
