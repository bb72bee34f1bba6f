"""Publishing live events: what writers call, whichever backend the process uses.

Writers call `publish_on_commit(...)` inside their service's transaction (or `publish(...)`
outside one). Both are plain sync calls, safe from any thread. The broker behind them (numbering,
replay log, fan-out to streams) is in `oneteam.live.brokers`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction

from oneteam.live.audiences import PUBLIC
from oneteam.live.brokers.base import LiveEvent, checked_event
from oneteam.live.brokers.factory import get_broker


def publish(channel: str, event_type: str, data: Any, *, audience: str = PUBLIC) -> LiveEvent:
    """Publish now. Inside a transaction, prefer `publish_on_commit`.

    A sync call (a Redis round trip with REDIS_URL): from async code, use
    `await sync_to_async(publish)(...)` rather than block the event loop.
    """
    return get_broker().publish(channel, event_type, data, audience=audience)


def publish_on_commit(
    channel: str, event_type: str, data: Any, *, audience: str = PUBLIC, using: str | None = None
) -> None:
    """Publish once the current transaction commits, and never if it rolls back.

    Arguments are checked now, so a bad channel or audience fails in the writer's stack trace.
    A broker failure after commit is logged, not raised (robust=True): the change is saved and
    the page shows it on reload; live updates are an enhancement.
    """
    checked_event(channel, event_type, data, audience)
    transaction.on_commit(
        functools.partial(publish, channel, event_type, data, audience=audience),
        using=using,
        robust=True,
    )


def last_event_id(channel: str) -> int:
    """The channel's latest id (0 before its first event): pages embed it for live.js."""
    return get_broker().last_id(channel)
