"""The Redis backend: ids, replay log and cross-process fan-out for every app process.

Keys (under LIVE_REDIS_PREFIX, default ``oneteam:live``):

- ``<prefix>:seq:<channel>``: INCR counter, the channel's last id. Never expires, so ids never
  repeat (a client holding id 57 must not mistake a new 57 for the one it saw).
- ``<prefix>:log:<channel>``: sorted set of events scored by id, trimmed to the last N and
  expiring LIVE_REPLAY_SECONDS after the last publish.
- ``<prefix>:events``: the one pub/sub topic; every process subscribes once per event loop and
  hands each event to its local streams of that channel.

One Lua script numbers, logs and publishes an event atomically, so every process receives a
channel's events in id order and the log never lacks an id that was announced.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis
import redis.asyncio
from redis.backoff import NoBackoff
from redis.retry import Retry

from oneteam.live.brokers.base import (
    Broker,
    Hub,
    Inbox,
    LiveEvent,
    Replay,
    Subscription,
    plan_replay,
)

log = logging.getLogger(__name__)

_PUBLISH = """
local id = redis.call('INCR', KEYS[1])
local payload = '{"id":' .. id .. ',' .. ARGV[1]
redis.call('ZADD', KEYS[2], id, payload)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[2]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], payload)
return id
"""
_READY_SECONDS = 5.0
_POOL_SIZE = 32


class _LoopFanout:
    """One event loop's subscription to the topic and its local streams."""

    def __init__(self, broker: RedisBroker) -> None:
        self.hub = Hub()
        # No silent reconnects: a reconnect could skip messages, so a broken connection ends
        # every local stream instead, and each client reconnects and replays from the log.
        # A blocking pool: after a restart thousands of streams replay at once, and they should
        # queue for a connection rather than fail with "too many connections".
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            broker.url,
            max_connections=_POOL_SIZE,
            timeout=_READY_SECONDS,
            retry=Retry(NoBackoff(), 0),
            socket_keepalive=True,
        )
        self.client = redis.asyncio.Redis(connection_pool=pool)
        self.ready = asyncio.Event()
        self.task = asyncio.create_task(self._listen(broker.topic))

    async def _listen(self, topic: str) -> None:
        pubsub = self.client.pubsub()
        try:
            await pubsub.subscribe(topic)
            async for message in pubsub.listen():
                if message["type"] == "subscribe":
                    self.ready.set()
                elif message["type"] == "message":
                    self.hub.dispatch(LiveEvent.from_json(message["data"]))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live: lost the Redis subscription; streams will reconnect")
        finally:
            self.hub.lose_all()
            await pubsub.aclose()
            await self.client.aclose(close_connection_pool=True)


class RedisBroker(Broker):
    def __init__(
        self,
        *,
        url: str,
        prefix: str,
        replay_events: int,
        replay_seconds: float,
        queue_limit: int,
    ) -> None:
        super().__init__(
            replay_events=replay_events, replay_seconds=replay_seconds, queue_limit=queue_limit
        )
        self.url = url
        self.prefix = prefix
        self.topic = f"{prefix}:events"
        self._client = redis.Redis.from_url(url)  # thread-safe pool for sync publishers
        self._script = self._client.register_script(_PUBLISH)
        self._fanouts: dict[asyncio.AbstractEventLoop, _LoopFanout] = {}

    def _keys(self, channel: str) -> tuple[str, str]:
        return f"{self.prefix}:seq:{channel}", f"{self.prefix}:log:{channel}"

    def _append(
        self, channel: str, event_type: str, data: str, audience: str, at: float
    ) -> LiveEvent:
        fields: dict[str, str | float] = {
            "channel": channel,
            "type": event_type,
            "data": data,
            "audience": audience,
        }
        fields["at"] = at
        # The script prepends the id: '{"id":<n>,' + the rest of this object.
        rest = json.dumps(fields)[1:]
        event_id = int(
            self._script(
                keys=self._keys(channel),
                args=[rest, self.replay_events, int(self.replay_seconds), self.topic],
            )
        )
        return LiveEvent(
            id=event_id, channel=channel, type=event_type, data=data, audience=audience, at=at
        )

    def last_id(self, channel: str) -> int:
        return int(self._client.get(self._keys(channel)[0]) or 0)

    async def alast_id(self, channel: str) -> int:
        return int(await self._fanout().client.get(self._keys(channel)[0]) or 0)

    async def replay(self, channel: str, *, after: int) -> Replay:
        seq_key, log_key = self._keys(channel)
        async with self._fanout().client.pipeline(transaction=True) as pipe:
            pipe.get(seq_key)
            pipe.zrangebyscore(log_key, f"({after}", "+inf")
            current, payloads = await pipe.execute()
        retained = [LiveEvent.from_json(payload) for payload in payloads]
        return plan_replay(
            after=after,
            current=int(current or 0),
            retained=retained,
            now=time.time(),
            ttl=self.replay_seconds,
        )

    def _fanout(self) -> _LoopFanout:
        loop = asyncio.get_running_loop()
        fanout = self._fanouts.get(loop)
        if fanout is None or fanout.task.done():
            fanout = self._fanouts[loop] = _LoopFanout(self)
        return fanout

    @asynccontextmanager
    async def subscribe(self, channel: str, inbox: Inbox | None = None) -> AsyncIterator[Any]:
        fanout = self._fanout()
        subscription = inbox or Subscription(channel, limit=self.queue_limit)
        fanout.hub.add(subscription)
        try:
            # Only once Redis confirms the subscription is nothing published later missed.
            if not fanout.ready.is_set():
                await _until_ready(fanout)
            yield subscription
        finally:
            subscription.close()
            fanout.hub.remove(subscription)
            if not len(fanout.hub):
                # The last stream of this loop has gone: drop the Redis connection with it.
                fanout.task.cancel()
                if self._fanouts.get(fanout.task.get_loop()) is fanout:
                    del self._fanouts[fanout.task.get_loop()]


async def _until_ready(fanout: _LoopFanout) -> None:
    ready = asyncio.ensure_future(fanout.ready.wait())
    try:
        await asyncio.wait(
            {ready, fanout.task}, timeout=_READY_SECONDS, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        ready.cancel()
    if not fanout.ready.is_set():
        raise ConnectionError("live: the Redis subscription did not start")
