from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from oneteam.live import channels
from oneteam.live.audiences import PUBLIC, audiences_for
from oneteam.live.broker import get_broker
from oneteam.live.sse import StreamOptions, event_stream, parse_last_event_id


def stream_options() -> StreamOptions:
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


def _may_open_anonymously(channel: channels.Channel) -> bool:
    try:
        return channels.may_open(channel, AnonymousUser())
    finally:
        _release_database()


# Checks under way, by event loop and channel: a crowd arriving at once shares one query.
_checking: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Future[bool]] = {}


async def open_to_anonymous(channel: channels.Channel) -> bool:
    """May anyone open this channel? From the 5-s cache, else one query shared by all asking."""
    if channel.name in channels.open_for_anyone:
        return True
    key = (asyncio.get_running_loop(), channel.name)
    check = _checking.get(key)
    if check is None:
        check = _checking[key] = asyncio.ensure_future(_check_anonymously(channel))
        check.add_done_callback(lambda _: _checking.pop(key, None))
    # Shielded: one viewer leaving must not cancel the answer the others are waiting for.
    return await asyncio.shield(check)


async def _check_anonymously(channel: channels.Channel) -> bool:
    is_open = await sync_to_async(_may_open_anonymously)(channel)
    if is_open:
        seconds = getattr(settings, "LIVE_CHANNEL_CHECK_SECONDS", 5.0)
        channels.open_for_anyone.remember(channel.name, seconds)
    return is_open


async def _audiences(channel: channels.Channel, viewer: Any) -> frozenset[str] | None:
    if viewer.is_authenticated:
        return await sync_to_async(_authorise)(channel, viewer)
    # The crowd of public boards: no query and no thread hop while the answer is fresh.
    if not await open_to_anonymous(channel):
        return None
    return frozenset({PUBLIC})


def _release_database() -> None:
    # A stream may stay open for minutes: it must not pin a database connection (CONN_MAX_AGE
    # would otherwise keep this request's worker thread holding one). Inside a transaction
    # (tests, ATOMIC_REQUESTS) closing is not ours to do.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


async def _without_database(stream: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    # Runs once the middleware has finished with the request: for a signed-in member it may
    # have saved the session, opening a connection again.
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
    audiences = await _audiences(parsed, viewer)
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
        options=stream_options(),
    )
    body = _without_database(events) if viewer.is_authenticated else events
    response = StreamingHttpResponse(body, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    # Tells nginx (and friends) to pass each frame on at once instead of buffering.
    response["X-Accel-Buffering"] = "no"
    return response
