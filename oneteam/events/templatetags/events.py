from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from oneteam.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render member- or organiser-written Markdown, sanitised (see oneteam.core.markdown)."""
    return render_markdown(text or "")
