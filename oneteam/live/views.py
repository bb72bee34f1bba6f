from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from oneteam.live import channels
from oneteam.live.audiences import PUBLIC, audiences_for
from oneteam.live.brokers.factory import get_broker
from oneteam.live.opening import open_to_anonymous, release_database
from oneteam.live.sse import event_stream, parse_last_event_id, stream_options


def _authorise(channel: channels.Channel, viewer: object) -> frozenset[str] | None:
    """Every query a stream needs, in one go: may the viewer open it, and what may it see."""
    try:
        if not channels.may_open(channel, viewer):
            return None
        return audiences_for(viewer)
    finally:
        release_database()


async def _audiences(channel: channels.Channel, viewer: Any) -> frozenset[str] | None:
    if viewer.is_authenticated:
        return await sync_to_async(_authorise)(channel, viewer)
    # The crowd of public boards: no query and no thread hop while the answer is fresh.
    if not await open_to_anonymous(channel):
        return None
    return frozenset({PUBLIC})


async def _without_database(stream: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    # Runs once the middleware has finished with the request: for a signed-in member it may
    # have saved the session, opening a connection again.
    await sync_to_async(release_database)()
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
