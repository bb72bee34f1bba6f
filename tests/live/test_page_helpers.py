"""What a page needs to go live: the stream's attributes with its position, and the script."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template import Context, Template


def test_live_attrs_carry_the_stream_url_and_the_channels_last_id(memory_app_broker):
    memory_app_broker.publish("event-london", "moved", {})
    memory_app_broker.publish("event-london", "moved", {})

    html = Template("{% load live %}<div {% live_attrs 'event-london' %}>").render(Context())

    assert html == ('<div data-live-url="/live/event-london/stream" data-live-last-event-id="2">')


def test_live_js_is_a_static_file():
    assert finders.find("live/live.js") is not None
