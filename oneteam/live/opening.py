"""Opening a stream: the checks both doors share, Django's view (`views.py`) and the public
route ahead of Django (`public.py`), so neither door imports the other."""

from __future__ import annotations

import asyncio

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connections

from oneteam.live import channels


def release_database() -> None:
    """Close this thread's database connections, unless inside a transaction.

    A stream may stay open for minutes: it must not pin a database connection (CONN_MAX_AGE
    would otherwise keep this request's worker thread holding one). Inside a transaction
    (tests, ATOMIC_REQUESTS) closing is not ours to do.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _may_open_anonymously(channel: channels.Channel) -> bool:
    try:
        return channels.may_open(channel, AnonymousUser())
    finally:
        release_database()


# Checks under way, by event loop and channel: a crowd arriving at once shares one query.
_checking: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Future[bool]] = {}


async def open_to_anonymous(channel: channels.Channel) -> bool:
    """May anyone open this channel? From the short-lived cache, else one query shared by all
    asking (the answer is kept for LIVE_CHANNEL_CHECK_SECONDS)."""
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
        channels.open_for_anyone.remember(channel.name, settings.LIVE_CHANNEL_CHECK_SECONDS)
    return is_open
