"""Public boards' streams, served by a small ASGI app ahead of Django.

The crowd watching a public board is anonymous, and after a restart thousands of its streams
reconnect at once. Through Django each costs a request cycle (sync-only middleware, a worker
thread held for the life of the stream) and each publish goes through Django's streaming
wrappers. So a GET of ``/live/<channel>/stream`` that carries no session cookie is answered
here, with the same answer as `oneteam.live.views.stream` gives an anonymous viewer: the same
headers, frames, replay, heartbeats and lifetime, audience ``public`` only.

Anything this app is not sure of goes to Django, which answers as it always has: a session
cookie (a member may hold more audiences), another method, a host not in ALLOWED_HOSTS, a
plain-HTTP request that must be redirected to HTTPS, and a malformed, unknown or closed channel
(Django's 404 page). `tests/live/test_public.py` holds the two to the same answers.

The work is in two modules: `public_routing` (which requests are served here, and the headers)
and `public_stream` (the stream itself: its costs are described there).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from oneteam.live import channels
from oneteam.live.opening import open_to_anonymous
from oneteam.live.public_routing import anonymous_request, channel_in, stream_headers
from oneteam.live.public_stream import Asgi, Receive, Scope, Send, stream
from oneteam.live.sse import parse_last_event_id, stream_options

log = logging.getLogger(__name__)

_END = {"type": "http.response.body", "body": b"", "more_body": False}

# Channels this route recently found closed (or unknown), kept as briefly as the open ones
# (`channels.open_for_anyone`, the same bounded expiring set). Without it each request for one
# costs two checks: this route's, then Django's. Kept here only, never in Django's view, so a
# stale answer can only send a request to Django, which checks again and answers rightly.
closed_to_anyone = channels.OpenForAnyone()


class PublicStreams:
    """`PublicStreams(django_app)`: the public streams here, every other request to Django."""

    def __init__(self, django: Asgi) -> None:
        self.django = django

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].endswith("/stream")
            and await serve_public_stream(scope, receive, send)
        ):
            return
        await self.django(scope, receive, send)


async def serve_public_stream(scope: Scope, receive: Receive, send: Send) -> bool:
    """Stream the channel if this is an anonymous request for an open one; else False."""
    try:
        checked = await _servable(scope)
    except Exception:
        # Before the response starts, a failure (the database down, say) is Django's to answer:
        # its error handling, logging and 500 page, as for any request this route is unsure of.
        log.exception("live: public route could not check %s; handed to Django", scope["path"])
        return False
    if checked is None:
        return False
    channel, last_id, headers = checked
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    try:
        await stream(channel.name, last_id, receive, send, stream_options())
    except Exception:  # the response has started: end it, and the client reconnects
        log.exception("live: public stream of %s failed", channel.name)
    await send(_END)
    return True


async def _servable(
    scope: Scope,
) -> tuple[channels.Channel, int | None, list[tuple[bytes, bytes]]] | None:
    """The channel, Last-Event-ID and headers, if this route may serve the request; else None."""
    request = anonymous_request(scope)
    if request is None:
        return None
    name = channel_in(request.path_info)
    if name is None:
        return None
    try:
        channel = channels.parse(name)
    except channels.ChannelError:
        return None
    if channel.name in closed_to_anyone:
        return None
    if not await open_to_anonymous(channel):
        closed_to_anyone.remember(channel.name, settings.LIVE_CHANNEL_CHECK_SECONDS)
        return None
    last_id = parse_last_event_id(
        request.headers.get("Last-Event-ID"), request.GET.get("last_event_id")
    )
    # Only the stream's state is returned: the request would otherwise be held for minutes.
    return channel, last_id, stream_headers(request)


def _forget_closed(**kwargs: Any) -> None:
    closed_to_anyone.clear()  # the setting that says how long to keep them may have changed


setting_changed.connect(_forget_closed)
