"""Template filters for community posts."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from oneteam.community.mentions import render_post

register = template.Library()


@register.filter(name="post_body")
def post_body(text: str) -> SafeString:
    return render_post(text)
