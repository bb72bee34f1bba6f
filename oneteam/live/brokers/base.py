"""What every live broker is: the interface, the event it carries and the rules both backends share.

Writers reach a broker through `oneteam.live.broker` (`publish_on_commit`, `publish`); streams
(async, in the ASGI event loop) `subscribe` to a channel, then `replay` what a reconnecting
client missed. Backends: `brokers.memory.MemoryBroker` (one process, no Redis) and
`brokers.redis.RedisBroker` (every app process, through Redis); `brokers.factory.get_broker()`
picks one from the settings. Ids are per channel, start at 1 and never go back, so a client's
Last-Event-ID says exactly what it has seen.
"""

from __future__ import annotations

import asyncio
import enum
import json
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder

from oneteam.live import channels
from oneteam.live.audiences import PUBLIC, validate_audience

# "reset" is the broker's own word to a client: "you missed too much, reload the page".
RESET = "reset"
_EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")


class LiveEvent:
    """One published event. `data` is JSON text, serialised once however many streams send it."""

    __slots__ = ("_frame", "_message", "at", "audience", "channel", "data", "id", "type")

    def __init__(
        self, *, id: int, channel: str, type: str, data: str, audience: str, at: float
    ) -> None:
        self.id = id
        self.channel = channel
        self.type = type
        self.data = data
        self.audience = audience
        self.at = at
        self._frame: bytes | None = None
        self._message: dict[str, Any] | None = None

    def frame(self) -> bytes:
        """The Server-Sent Events frame; built once and shared by every stream that sends it."""
        if self._frame is None:
            self._frame = f"id: {self.id}\nevent: {self.type}\ndata: {self.data}\n\n".encode()
        return self._frame

    def message(self) -> dict[str, Any]:
        """The ASGI body message carrying `frame()`: one dict shared by every stream it goes to
        (servers read the message, they do not keep or change it)."""
        if self._message is None:
            self._message = {"type": "http.response.body", "body": self.frame(), "more_body": True}
        return self._message

    def to_json(self) -> str:
        return json.dumps(self.fields())

    def fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel,
            "type": self.type,
            "data": self.data,
            "audience": self.audience,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, text: str | bytes) -> LiveEvent:
        return cls(**json.loads(text))

    def __repr__(self) -> str:
        return f"<LiveEvent {self.channel}#{self.id} {self.type} to {self.audience}>"


@dataclass(frozen=True)
class Replay:
    """What a reconnecting client gets: the events it missed, or `reset` when they are gone."""

    events: list[LiveEvent]
    reset: bool
    last_id: int


def plan_replay(
    *, after: int, current: int, retained: Sequence[LiveEvent], now: float, ttl: float
) -> Replay:
    """The one rule for replay, shared by both backends.

    `retained` is the channel's log in id order, `current` its latest id. A client that has seen
    up to `after` gets every later event if the log still holds all of them and none is older
    than the TTL; otherwise a reset. An id from the future (the broker lost its state) resets.
    """
    if after > current:
        return Replay([], True, current)
    if after == current:
        return Replay([], False, current)
    missed = [event for event in retained if event.id > after and now - event.at <= ttl]
    if not missed or missed[0].id != after + 1:
        return Replay([], True, current)
    return Replay(missed, False, max(current, missed[-1].id))


class SubscriptionLost(Exception):
    """The stream fell too far behind, or the fan-out broke: the client must reconnect."""


class _Tick(enum.Enum):
    TICK = enum.auto()


_TICK = _Tick.TICK


class Inbox(Protocol):
    """What a hub hands events to: `Subscription` below, or the public streams' `Outbox`."""

    channel: str

    def deliver(self, event: LiveEvent) -> None: ...

    def lose(self) -> None: ...

    def close(self) -> None: ...


class Subscription:
    """One stream's inbox. Lives on one event loop; `deliver` is only called on that loop."""

    __slots__ = ("_interval", "_limit", "_queue", "_timer", "channel", "lost")

    def __init__(self, channel: str, *, limit: int) -> None:
        self.channel = channel
        self.lost = False
        self._limit = limit
        self._queue: asyncio.Queue[LiveEvent | _Tick | None] = asyncio.Queue()
        self._timer: asyncio.TimerHandle | None = None
        self._interval = 0.0

    def start_ticks(self, interval: float) -> None:
        """A tick every `interval` seconds, whatever else arrives, for heartbeats.

        One timer per stream on its own phase, never re-armed by events: re-arming a timeout
        for each event cost about a fifth of the CPU of a delivery, and separate phases keep
        thousands of heartbeats from going out in one burst.
        """
        self._interval = interval
        self._timer = asyncio.get_running_loop().call_later(interval, self._tick)

    def _tick(self) -> None:
        self._queue.put_nowait(_TICK)
        self._timer = asyncio.get_running_loop().call_later(self._interval, self._tick)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def deliver(self, event: LiveEvent) -> None:
        if self.lost:
            return
        if self._queue.qsize() >= self._limit:
            # A stalled reader must not grow memory without bound; it reconnects and replays.
            self.lose()
            return
        self._queue.put_nowait(event)

    def lose(self) -> None:
        if not self.lost:
            self.lost = True
            self._queue.put_nowait(None)

    async def get(self, timeout: float) -> LiveEvent | None:
        """The next event, or None when `timeout` passes first (time for a heartbeat)."""
        try:
            event = await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None
        if event is None:
            raise SubscriptionLost(self.channel)
        if event is _TICK:  # a tick is a heartbeat's cue too
            return None
        return event

    async def next(self) -> LiveEvent | None:
        """The next event, or None for a tick (see `start_ticks`)."""
        item = await self._queue.get()
        if item is _TICK:
            return None
        if item is None:
            raise SubscriptionLost(self.channel)
        return item


class Hub:
    """The subscriptions held by one event loop, by channel."""

    def __init__(self) -> None:
        self._by_channel: dict[str, set[Inbox]] = {}

    def add(self, subscription: Inbox) -> None:
        self._by_channel.setdefault(subscription.channel, set()).add(subscription)

    def remove(self, subscription: Inbox) -> None:
        subscribers = self._by_channel.get(subscription.channel)
        if subscribers is not None:
            subscribers.discard(subscription)
            if not subscribers:
                del self._by_channel[subscription.channel]

    def wants(self, channel: str) -> bool:
        return channel in self._by_channel

    def dispatch(self, event: LiveEvent) -> None:
        for subscription in tuple(self._by_channel.get(event.channel, ())):
            subscription.deliver(event)

    def lose_all(self) -> None:
        for subscribers in tuple(self._by_channel.values()):
            for subscription in tuple(subscribers):
                subscription.lose()

    def __len__(self) -> int:
        return sum(len(subscribers) for subscribers in self._by_channel.values())


class Broker(ABC):
    def __init__(self, *, replay_events: int, replay_seconds: float, queue_limit: int) -> None:
        self.replay_events = replay_events
        self.replay_seconds = replay_seconds
        self.queue_limit = queue_limit

    def publish(
        self, channel: str, event_type: str, data: Any, *, audience: str = PUBLIC
    ) -> LiveEvent:
        """Number the event, log it for replay and send it to every stream on the channel."""
        channel, event_type, text, audience = checked_event(channel, event_type, data, audience)
        return self._append(channel, event_type, text, audience, time.time())

    @abstractmethod
    def _append(
        self, channel: str, event_type: str, data: str, audience: str, at: float
    ) -> LiveEvent: ...

    @abstractmethod
    def last_id(self, channel: str) -> int:
        """The channel's latest id (0 before its first event): pages embed it for live.js."""

    @abstractmethod
    async def alast_id(self, channel: str) -> int: ...

    @abstractmethod
    async def replay(self, channel: str, *, after: int) -> Replay: ...

    @abstractmethod
    def subscribe(self, channel: str, inbox: Inbox | None = None) -> Any:
        """`async with broker.subscribe(channel) as subscription:` receives every later event.

        Once entered, nothing published afterwards is missed, so a stream subscribes first and
        replays second, skipping ids it has already sent. `inbox` replaces the default
        `Subscription` queue (the public streams write from their own outbox).
        """


def checked_event(
    channel: str, event_type: str, data: Any, audience: str
) -> tuple[str, str, str, str]:
    """The event's fields as published, payload as JSON text; ValueError if any is wrong."""
    channels.parse(channel)
    if not isinstance(event_type, str) or not _EVENT_TYPE.match(event_type) or event_type == RESET:
        raise ValueError(f"bad live event type {event_type!r}")
    validate_audience(audience)
    # Compact JSON has no newlines, so the payload is always one `data:` line.
    text = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
    return channel, event_type, text, audience
