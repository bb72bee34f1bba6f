"""The Server-Sent Events stream: replay what the client missed, then live events and heartbeats.

Wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html):

    retry: 2731            first, a reconnection delay with jitter
    id: 12                 each event: its channel id, type and one line of JSON
    event: session-moved
    data: {"session": 4}

    : keepalive            a comment every LIVE_HEARTBEAT_SECONDS keeps proxies from timing out

A client too far behind gets ``event: reset`` (data ``{}``) and should reload the page.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

from django.conf import settings

from oneteam.live.audiences import may_see
from oneteam.live.brokers.base import RESET, Broker, SubscriptionLost

_ID = re.compile(r"^[0-9]{1,18}$")
HEARTBEAT = b": keepalive\n\n"


@dataclass(frozen=True)
class StreamOptions:
    heartbeat_seconds: float
    retry_ms: int
    # Streams end after a while (jittered) so that a member who lost a role stops receiving
    # its events; the client reconnects at once with Last-Event-ID and misses nothing.
    max_seconds: float


def stream_options() -> StreamOptions:
    """The options from the settings, read per stream (tests change them)."""
    return StreamOptions(
        heartbeat_seconds=settings.LIVE_HEARTBEAT_SECONDS,
        retry_ms=settings.LIVE_RETRY_MS,
        max_seconds=settings.LIVE_STREAM_MAX_SECONDS,
    )


def parse_last_event_id(header: str | None, query: str | None) -> int | None:
    """The header wins (EventSource sends it on reconnects); the query serves the first connect."""
    for raw in (header, query):
        if raw is not None and _ID.match(raw.strip()):
            return int(raw.strip())
    return None


def retry_frame(retry_ms: int) -> bytes:
    # Jitter spreads a crowd of clients over [retry, 2 x retry) after a restart.
    return f"retry: {random.randint(retry_ms, 2 * retry_ms - 1)}\n\n".encode()


def reset_frame(last_id: int) -> bytes:
    return f"id: {last_id}\nevent: {RESET}\ndata: {{}}\n\n".encode()


async def event_stream(
    *,
    broker: Broker,
    channel: str,
    audiences: frozenset[str],
    last_id: int | None,
    options: StreamOptions,
) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    ends_at = loop.time() + options.max_seconds * random.uniform(0.8, 1.0)
    async with broker.subscribe(channel) as subscription:
        # Subscribed first, replayed second: an event published in between arrives twice and
        # the cursor drops the copy, rather than falling between the two and being lost.
        if last_id is None:
            cursor, missed = await broker.alast_id(channel), []
        else:
            replay = await broker.replay(channel, after=last_id)
            if replay.reset:
                yield retry_frame(options.retry_ms) + reset_frame(replay.last_id)
                return
            cursor, missed = replay.last_id, replay.events
        # The first frame goes out once subscribed and positioned, so a client holding it
        # misses nothing published later, even with no Last-Event-ID.
        yield retry_frame(options.retry_ms)
        for event in missed:
            if may_see(audiences, event.audience):
                yield event.frame()
        subscription.start_ticks(min(options.heartbeat_seconds, options.max_seconds))
        while True:
            try:
                event = await subscription.next()
            except SubscriptionLost:
                return
            if event is None:  # a tick: the end of the stream's life, or a heartbeat
                if loop.time() >= ends_at:
                    return
                yield HEARTBEAT
                continue
            if event.id <= cursor:
                continue
            cursor = event.id
            if may_see(audiences, event.audience):
                yield event.frame()
