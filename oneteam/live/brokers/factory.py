"""The process's broker: Redis when REDIS_URL is set, else in-process (settings LIVE_*)."""

from __future__ import annotations

import threading

from django.conf import settings

from oneteam.live.brokers.base import Broker
from oneteam.live.brokers.memory import MemoryBroker
from oneteam.live.brokers.redis import RedisBroker

_BROKER_LOCK = threading.Lock()
_broker: Broker | None = None


def get_broker() -> Broker:
    """The process's broker, built at first use from the settings."""
    global _broker
    broker = _broker
    if broker is None:
        # Locked: two threads must not each build one at first use, for a second in-process
        # broker would be a separate world whose publishes reach no stream.
        with _BROKER_LOCK:
            if _broker is None:
                _broker = _build_broker()
            broker = _broker
    return broker


def reset_broker() -> None:
    """Forget the process's broker, so the next `get_broker()` reads the settings again."""
    global _broker
    with _BROKER_LOCK:
        _broker = None


def _build_broker() -> Broker:
    replay_events: int = settings.LIVE_REPLAY_EVENTS
    replay_seconds: float = settings.LIVE_REPLAY_SECONDS
    queue_limit: int = settings.LIVE_QUEUE_LIMIT
    if settings.REDIS_URL:
        return RedisBroker(
            url=settings.REDIS_URL,
            prefix=settings.LIVE_REDIS_PREFIX,
            replay_events=replay_events,
            replay_seconds=replay_seconds,
            queue_limit=queue_limit,
        )
    return MemoryBroker(
        replay_events=replay_events, replay_seconds=replay_seconds, queue_limit=queue_limit
    )
