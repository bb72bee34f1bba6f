"""One public stream, written straight to ASGI: frames, heartbeats, lifetime and shared reads.

The body of `oneteam.live.sse.event_stream` for audience ``public``, as `oneteam.live.public`
serves it. Costs, per stream: no thread, no timer (one ticker per event loop sends the
heartbeats and ends streams at their lifetime), one task waiting for the client to leave. Per
publish: one wake-up and one write per stream, with the frame and its ASGI message built once
and shared. A crowd reconnecting with the same Last-Event-ID shares one read of the broker.
"""

from __future__ import annotations

import asyncio
import random
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from oneteam.live.audiences import PUBLIC, may_see
from oneteam.live.brokers.base import Broker, LiveEvent, Replay
from oneteam.live.brokers.factory import get_broker
from oneteam.live.sse import HEARTBEAT, StreamOptions, reset_frame, retry_frame

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[Mapping[str, Any]], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

# What an anonymous viewer holds (`audiences_for(None)`), judged by the shared rule `may_see`.
_AUDIENCES = frozenset({PUBLIC})


class Outbox:
    """One public stream's pending frames; the broker's hub delivers to it (an `Inbox`).

    Events a public viewer may not see are dropped on delivery, before they wake anyone.
    """

    __slots__ = (
        "beat_at",
        "channel",
        "cursor",
        "done",
        "ends_at",
        "heartbeat_seconds",
        "limit",
        "pending",
        "waiter",
    )

    def __init__(
        self,
        channel: str,
        *,
        limit: int,
        heartbeat_seconds: float,
        starts_at: float,
        ends_at: float,
    ) -> None:
        self.channel = channel
        self.limit = limit
        self.heartbeat_seconds = heartbeat_seconds
        self.cursor = 0
        self.pending: list[LiveEvent | bytes] = []
        self.waiter: asyncio.Future[None] | None = None
        self.done = False
        self.beat_at = starts_at + heartbeat_seconds
        self.ends_at = ends_at

    def deliver(self, event: LiveEvent) -> None:
        if self.done or not may_see(_AUDIENCES, event.audience):
            return
        if len(self.pending) >= self.limit:
            # A stalled reader must not grow memory without bound; it reconnects and replays.
            self.end()
            return
        self.pending.append(event)
        self._wake()

    def heartbeat(self) -> None:
        self.pending.append(HEARTBEAT)
        self._wake()

    def end(self) -> None:
        self.done = True
        self._wake()

    lose = end

    def close(self) -> None:
        """Called by the broker when the subscription ends; nothing to release."""

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


class _Ticker:
    """One per event loop: heartbeats and lifetimes for all its public streams, in one task.

    A timer per stream costs a heap entry and a callback each; one pass over the streams every
    second (or a fifteenth of the heartbeat) costs a few microseconds per stream.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.outboxes: set[Outbox] = set()
        self.period = 1.0
        self.task: asyncio.Task[None] | None = None

    def add(self, outbox: Outbox, period: float) -> None:
        self.outboxes.add(outbox)
        self.period = min(self.period, period)
        if self.task is None or self.task.done():
            self.task = self.loop.create_task(self._run())

    def discard(self, outbox: Outbox) -> None:
        self.outboxes.discard(outbox)

    async def _run(self) -> None:
        while self.outboxes:
            await asyncio.sleep(self.period)
            now = self.loop.time()
            for outbox in tuple(self.outboxes):
                if now >= outbox.ends_at:
                    outbox.end()
                elif now >= outbox.beat_at:
                    outbox.beat_at = now + outbox.heartbeat_seconds
                    outbox.heartbeat()


_tickers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Ticker] = (
    weakref.WeakKeyDictionary()
)


def _ticker() -> _Ticker:
    loop = asyncio.get_running_loop()
    ticker = _tickers.get(loop)
    if ticker is None:
        ticker = _tickers[loop] = _Ticker(loop)
    return ticker


async def stream(
    channel: str, last_id: int | None, receive: Receive, send: Send, options: StreamOptions
) -> None:
    """The body of `oneteam.live.sse.event_stream`, for audience public, written straight."""
    loop = asyncio.get_running_loop()
    now = loop.time()
    broker = get_broker()
    outbox = Outbox(
        channel,
        limit=broker.queue_limit,
        heartbeat_seconds=options.heartbeat_seconds,
        starts_at=now,
        ends_at=now + options.max_seconds * random.uniform(0.8, 1.0),
    )
    leaving = loop.create_task(_until_disconnect(receive))
    leaving.add_done_callback(lambda _: outbox.end())
    try:
        async with broker.subscribe(channel, outbox):
            # Subscribed first, replayed second (see event_stream): the cursor drops copies.
            reads = _shared_reads()
            subscribed = reads.ticket()
            if last_id is None:
                outbox.cursor = await reads.last_id(broker, channel, subscribed)
                missed: list[LiveEvent] = []
            else:
                replay = await reads.replay(broker, channel, last_id, subscribed)
                if replay.reset:
                    frame = retry_frame(options.retry_ms) + reset_frame(replay.last_id)
                    await _send_body(send, frame)
                    return
                outbox.cursor, missed = replay.last_id, replay.events
            first = [retry_frame(options.retry_ms)]
            first += [event.frame() for event in missed if may_see(_AUDIENCES, event.audience)]
            await _send_body(send, b"".join(first))
            ticker = _ticker()
            ticker.add(outbox, max(0.005, min(options.heartbeat_seconds, options.max_seconds) / 15))
            try:
                await _write(outbox, send, loop)
            finally:
                ticker.discard(outbox)
    finally:
        leaving.cancel()


class _SharedReads:
    """One event loop's reads of the broker, shared by the streams that ask at the same time.

    After a restart the whole crowd reconnects holding the same Last-Event-ID: one replay from
    Redis serves them all instead of one round trip each. A stream may share only a read that
    starts after it subscribed, or an event published between that read and its subscription
    would reach it by neither way (the rule of `event_stream`: subscribe first, read second).
    Tickets order the two: a read takes its ticket when it starts, just before it is sent.
    """

    def __init__(self) -> None:
        self._tickets = 0
        self._reads: dict[tuple[str, int | None], _Read] = {}

    def ticket(self) -> int:
        self._tickets += 1
        return self._tickets

    async def last_id(self, broker: Broker, channel: str, subscribed: int) -> int:
        # Reads of every kind share one table of futures, so _read gives Any back.
        last: int = await self._read((channel, None), subscribed, lambda: broker.alast_id(channel))
        return last

    async def replay(self, broker: Broker, channel: str, after: int, subscribed: int) -> Replay:
        replay: Replay = await self._read(
            (channel, after), subscribed, lambda: broker.replay(channel, after=after)
        )
        return replay

    async def _read(
        self,
        key: tuple[str, int | None],
        subscribed: int,
        read: Callable[[], Awaitable[Any]],
    ) -> Any:
        shared = self._reads.get(key)
        if shared is None or not shared.may_serve(subscribed):
            shared = self._reads[key] = _Read()
            shared.future = asyncio.ensure_future(self._start(shared, read))
            entry = shared

            def forget(_: asyncio.Future[Any]) -> None:
                self._forget(key, entry)

            shared.future.add_done_callback(forget)
        # Shielded: one stream leaving must not cancel the read the others are waiting for.
        return await asyncio.shield(shared.future)

    async def _start(self, entry: _Read, read: Callable[[], Awaitable[Any]]) -> Any:
        entry.started = self.ticket()
        return await read()

    def _forget(self, key: tuple[str, int | None], entry: _Read) -> None:
        if self._reads.get(key) is entry:
            del self._reads[key]


class _Read:
    __slots__ = ("future", "started")

    def __init__(self) -> None:
        self.started: int | None = None
        self.future: asyncio.Future[Any]

    def may_serve(self, subscribed: int) -> bool:
        if self.future.done():
            return False
        return self.started is None or self.started > subscribed


_reads: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _SharedReads] = (
    weakref.WeakKeyDictionary()
)


def _shared_reads() -> _SharedReads:
    loop = asyncio.get_running_loop()
    reads = _reads.get(loop)
    if reads is None:
        reads = _reads[loop] = _SharedReads()
    return reads


async def _write(outbox: Outbox, send: Send, loop: asyncio.AbstractEventLoop) -> None:
    while True:
        if outbox.done:
            return
        if not outbox.pending:
            outbox.waiter = loop.create_future()
            await outbox.waiter
            outbox.waiter = None
            continue
        items, outbox.pending = outbox.pending, []
        frames: list[bytes] = []
        message = None
        for item in items:
            if isinstance(item, bytes):
                frames.append(item)
            elif item.id > outbox.cursor:
                outbox.cursor = item.id
                frames.append(item.frame())
                message = item.message()
        if len(frames) == 1 and message is not None:
            await send(message)  # the common case: one event, one message shared by all
        elif frames:
            await _send_body(send, b"".join(frames))


async def _send_body(send: Send, body: bytes) -> None:
    await send({"type": "http.response.body", "body": body, "more_body": True})


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
