"""axe-core in the browser: WCAG 2.2 AA checks of the page as it is shown."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.conf import settings
from playwright.sync_api import Page, Route

AXE_SOURCE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
_SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script>", re.IGNORECASE | re.DOTALL)
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
    # A check straight after a click can land while the next page is still arriving.
    page.wait_for_load_state("load")
    page.wait_for_function("document.body !== null", polling=100)
    if not page.evaluate("document.body.classList.contains('js-enabled')"):
        return _violations_of_copy_without_scripts(page)
    return _run_axe(page)


def _run_axe(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(_RUN_AXE, WCAG_22_AA)


def _violations_of_copy_without_scripts(page: Page) -> list[dict[str, Any]]:
    """For a page shown without JavaScript (base.html marks the body when scripts run).

    axe-core is itself a script and would wait forever for timers there, so it checks a copy:
    the same markup and styles at the same address and size, in a tab where scripts may run
    but the page has none.
    """
    markup = _SCRIPT_ELEMENT.sub("", page.content())
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()

        def serve(route: Route) -> None:
            if route.request.resource_type == "document":
                route.fulfill(body=markup, content_type="text/html; charset=utf-8")
            else:
                route.continue_()

        copy.route("**/*", serve)
        copy.goto(page.url)
        return _run_axe(copy)
    finally:
        context.close()


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        lines.extend(f"    at {target}" for target in violation["targets"])
    return "\n".join(lines)
