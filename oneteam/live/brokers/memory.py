"""The in-process backend: one process, no Redis (development, tests, a single server)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from oneteam.live.brokers.base import (
    Broker,
    Hub,
    Inbox,
    LiveEvent,
    Replay,
    Subscription,
    plan_replay,
)


class MemoryBroker(Broker):
    """One process, no Redis: a lock-guarded log per channel; loops are woken thread-safely."""

    def __init__(self, *, replay_events: int, replay_seconds: float, queue_limit: int) -> None:
        super().__init__(
            replay_events=replay_events, replay_seconds=replay_seconds, queue_limit=queue_limit
        )
        # Sync views publish from worker threads while streams read on the event loop.
        self._lock = threading.Lock()
        self._seq: dict[str, int] = {}
        self._logs: dict[str, deque[LiveEvent]] = {}
        self._hubs: dict[asyncio.AbstractEventLoop, Hub] = {}

    def _append(
        self, channel: str, event_type: str, data: str, audience: str, at: float
    ) -> LiveEvent:
        with self._lock:
            event_id = self._seq.get(channel, 0) + 1
            self._seq[channel] = event_id
            event = LiveEvent(
                id=event_id, channel=channel, type=event_type, data=data, audience=audience, at=at
            )
            log = self._logs.get(channel)
            if log is None:
                log = self._logs[channel] = deque(maxlen=self.replay_events)
            log.append(event)
            # Scheduling under the lock keeps each loop's callbacks in id order.
            for loop, hub in tuple(self._hubs.items()):
                if hub.wants(channel):
                    try:
                        loop.call_soon_threadsafe(hub.dispatch, event)
                    except RuntimeError:  # that loop has closed
                        del self._hubs[loop]
        return event

    def last_id(self, channel: str) -> int:
        with self._lock:
            return self._seq.get(channel, 0)

    async def alast_id(self, channel: str) -> int:
        return self.last_id(channel)

    async def replay(self, channel: str, *, after: int) -> Replay:
        with self._lock:
            current = self._seq.get(channel, 0)
            retained = tuple(self._logs.get(channel, ()))
        now = time.time()
        return plan_replay(
            after=after, current=current, retained=retained, now=now, ttl=self.replay_seconds
        )

    @asynccontextmanager
    async def subscribe(self, channel: str, inbox: Inbox | None = None) -> AsyncIterator[Any]:
        loop = asyncio.get_running_loop()
        subscription = inbox or Subscription(channel, limit=self.queue_limit)
        with self._lock:
            hub = self._hubs.get(loop)
            if hub is None:
                hub = self._hubs[loop] = Hub()
            hub.add(subscription)
        try:
            yield subscription
        finally:
            subscription.close()
            with self._lock:
                hub.remove(subscription)
                if not len(hub) and self._hubs.get(loop) is hub:
                    del self._hubs[loop]
