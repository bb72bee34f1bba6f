"""@mentions: `@ada-l` in a post links to Ada's profile and tells her (unless one blocked the
other). Rendering goes through the shared Markdown sanitiser first, so a mention can never
smuggle markup in."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from oneteam.core.markdown import render_markdown

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{0,39})\b")


def mentioned_handles(text: str) -> set[str]:
    return {match.group(1) for match in MENTION.finditer(text or "")}


def render_post(text: str) -> SafeString:
    html = str(render_markdown(text))

    def link(match: re.Match[str]) -> str:
        handle = match.group(1)
        url = reverse("members:profile", kwargs={"handle": handle})
        return f'<a class="govuk-link" href="{url}">@{handle}</a>'

    # Only text between tags is rewritten: never inside an attribute or a link's text.
    parts = re.split(r"(<[^>]+>)", html)
    inside_link = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if part.startswith("<a "):
                inside_link = True
            elif part == "</a>":
                inside_link = False
            continue
        if not inside_link and "@" in part:
            parts[index] = MENTION.sub(link, part)
    return mark_safe("".join(parts))  # noqa: S308 - built from sanitised HTML and slug handles
