from __future__ import annotations

from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from oneteam.live import channels
from oneteam.live.audiences import audiences_for
from oneteam.live.broker import get_broker
from oneteam.live.sse import StreamOptions, event_stream, parse_last_event_id


def _options() -> StreamOptions:
    return StreamOptions(
        heartbeat_seconds=getattr(settings, "LIVE_HEARTBEAT_SECONDS", 15.0),
        retry_ms=getattr(settings, "LIVE_RETRY_MS", 2000),
        max_seconds=getattr(settings, "LIVE_STREAM_MAX_SECONDS", 600.0),
    )


def _authorise(channel: channels.Channel, viewer: object) -> frozenset[str] | None:
    """Every query a stream needs, in one go: may the viewer open it, and what may it see."""
    try:
        if not channels.may_open(channel, viewer):
            return None
        return audiences_for(viewer)
    finally:
        _release_database()


def _release_database() -> None:
    # A stream may stay open for minutes: it must not pin a database connection (CONN_MAX_AGE
    # would otherwise keep this request's worker thread holding one). Inside a transaction
    # (tests, ATOMIC_REQUESTS) closing is not ours to do.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


async def _without_database(stream: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    # Runs once the middleware has finished with the request (it may have saved the session).
    await sync_to_async(_release_database)()
    async for frame in stream:
        yield frame


@require_safe
async def stream(request: HttpRequest, channel: str) -> StreamingHttpResponse:
    """GET /live/<channel>/stream: the channel's events this viewer may see, as SSE."""
    try:
        parsed = channels.parse(channel)
    except channels.ChannelError:
        raise Http404 from None
    viewer = await request.auser()
    audiences = await sync_to_async(_authorise)(parsed, viewer)
    if audiences is None:
        raise Http404
    last_id = parse_last_event_id(
        request.headers.get("Last-Event-ID"), request.GET.get("last_event_id")
    )
    events = event_stream(
        broker=get_broker(),
        channel=parsed.name,
        audiences=audiences,
        last_id=last_id,
        options=_options(),
    )
    response = StreamingHttpResponse(_without_database(events), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    # Tells nginx (and friends) to pass each frame on at once instead of buffering.
    response["X-Accel-Buffering"] = "no"
    return response
