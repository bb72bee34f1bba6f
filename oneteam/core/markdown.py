"""Markdown written by members and organisers, rendered to HTML that is safe to show.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 then keeps only the tags and
attributes below, so a crafted link (``javascript:``) or attribute cannot reach the page.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# GOV.UK Frontend styles elements through classes; nh3 adds them after cleaning.
_GOVUK_CLASSES = {
    "a": {"class": "govuk-link"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "h2": {"class": "govuk-heading-m"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "blockquote": {"class": "govuk-inset-text"},
    "hr": {"class": "govuk-section-break govuk-section-break--m govuk-section-break--visible"},
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def _demote_headings(html: str) -> str:
    # The page owns its single h1; a "# Title" in a description becomes an h2.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML with GOV.UK classes. Empty text gives an empty string."""
    if not text or not text.strip():
        return mark_safe("")
    html = _demote_headings(_parser().render(text))
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        set_tag_attribute_values=_GOVUK_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has sanitised it
