"""Channel names and who may open them: a registry of prefixes, each with an access check.

A channel is ``<prefix>-<key>``, e.g. ``event-london-unconference``. The stream answers 404 for
a malformed name, an unknown prefix, or a check that says no, so a stranger cannot tell a
private channel from a missing one. Checks run once, before streaming, and may query the database.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_NAME = re.compile(r"^(?P<prefix>[a-z][a-z0-9]{0,19})-(?P<key>[a-z0-9](?:[a-z0-9_-]{0,99}))$")

# (key, viewer) -> may this viewer open the channel at all?
Check = Callable[[str, Any], bool]


class ChannelError(ValueError):
    """A channel name that is malformed or has no registered prefix."""


@dataclass(frozen=True)
class Channel:
    name: str
    prefix: str
    key: str


_CHECKS: dict[str, Check] = {}


def register(prefix: str, check: Check) -> None:
    _CHECKS[prefix] = check


def parse(name: str) -> Channel:
    match = _NAME.match(name) if isinstance(name, str) else None
    if match is None or match["prefix"] not in _CHECKS:
        raise ChannelError(f"not a live channel: {name!r}")
    return Channel(name, match["prefix"], match["key"])


def may_open(channel: Channel, viewer: Any) -> bool:
    return _CHECKS[channel.prefix](channel.key, viewer)


class OpenForAnyone:
    """Recently checked "anyone may open this channel" answers, kept for a few seconds.

    After a restart thousands of anonymous boards reconnect at once; each would otherwise cost a
    query (and a thread hop) to learn the same answer. Only yeses are kept, so a channel that
    closes (an event unpublished) turns away newcomers within `seconds`; open streams end at
    their lifetime and are checked again on reconnection.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}

    def __contains__(self, name: str) -> bool:
        with self._lock:
            return self._until.get(name, 0.0) > time.monotonic()

    def remember(self, name: str, seconds: float) -> None:
        with self._lock:
            if len(self._until) > 10_000:  # bounded: forget everything rather than grow
                self._until.clear()
            self._until[name] = time.monotonic() + seconds

    def clear(self) -> None:
        with self._lock:
            self._until.clear()


open_for_anyone = OpenForAnyone()


def event_channel(slug: str) -> str:
    return f"event-{slug}"


def _published_event(slug: str, viewer: Any) -> bool:
    from oneteam.events.models import Event

    # Anyone may follow a published event's public board; private payloads are filtered by
    # audience, not by who may connect.
    return Event.objects.filter(slug=slug, status=Event.Status.PUBLISHED).exists()


register("event", _published_event)
