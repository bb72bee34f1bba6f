"""`{% live_attrs channel %}`: the attributes live.js needs, with the channel's current last id.

Render it in the same request as the state it decorates: the id is the page's position in the
channel, and live.js asks for everything after it.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from oneteam.live.broker import last_event_id

register = template.Library()


@register.simple_tag
def live_attrs(channel: str) -> str:
    return format_html(
        'data-live-url="{}" data-live-last-event-id="{}"',
        reverse("live:stream", kwargs={"channel": channel}),
        last_event_id(channel),
    )
