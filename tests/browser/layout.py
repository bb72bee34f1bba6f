"""Layout checks that axe-core does not make: content wider than a phone's screen."""

from __future__ import annotations

from playwright.sync_api import Page

# The elements sticking out past the right edge of the viewport, outermost first, so a failure
# names the culprit rather than only saying "the page scrolls sideways".
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && !culprits.some((outer) => outer.contains(el))) {
      culprits.push(el);
    }
  }
  return culprits.map(
    (el) => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`
  );
}"""


_NEXT_FRAME = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def horizontal_overflow(page: Page) -> list[str]:
    """What makes the page scroll sideways at its current viewport width (empty when nothing)."""
    # Components react to a resize on a media-query event (the navigation folds into a menu
    # button): let them settle for a frame before measuring. Without JavaScript nothing reacts,
    # and no frame callback would ever run; base.html marks the body when scripts run.
    if page.evaluate("document.body.classList.contains('js-enabled')"):
        page.evaluate(_NEXT_FRAME)
    overflowing = page.evaluate(_OVERFLOWING)
    if not overflowing and page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    ):
        return ["the page is wider than the viewport"]
    return overflowing


# Each run of letters and digits inside `selector` that the browser laid out over two lines or
# more, as "word (in: its text)". Breaking after a hyphen or a dash is fine; inside a word it is
# not ("Whe|re", "Roo|m").
_BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(`${match[0]} (in: ${node.textContent.trim()})`);
      }
    }
  }
  return broken;
}"""


def broken_words(page: Page, selector: str) -> list[str]:
    """Words inside `selector` split across lines mid-word (empty when none is)."""
    return page.evaluate(_BROKEN_WORDS, selector)
