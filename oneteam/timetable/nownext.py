"""What is on now and what is next: slot times against the clock, in the event's time zone.

Pure: it takes the slots and the moment, so tests pass any `now` and views pass
`timezone.now()`. Works on anything with `starts_at` and `ends_at` (aware datetimes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo


class Timed(Protocol):
    @property
    def starts_at(self) -> datetime: ...

    @property
    def ends_at(self) -> datetime: ...


Phase = Literal["empty", "before", "during", "after"]


@dataclass(frozen=True)
class NowNext[T: Timed]:
    phase: Phase  # "empty": no slots; "before" the first starts; "after" the last ends
    now: T | None  # the slot in progress, if any (None between slots)
    next: T | None  # the next slot to start
    later: list[T] = field(default_factory=list)  # the rest of next's day, after next
    # When `now` or `next` next changes (the board refetches itself then); None once finished.
    changes_at: datetime | None = None


def now_and_next[T: Timed](slots: Sequence[T], *, now: datetime, time_zone: str) -> NowNext[T]:
    """The slot in progress at `now` (starts_at <= now < ends_at), the first slot to start
    after `now`, and the slots after that on the same day in the event's time zone."""
    ordered = sorted(slots, key=lambda s: (s.starts_at, s.ends_at))
    if not ordered:
        return NowNext("empty", None, None)
    current = next((s for s in ordered if s.starts_at <= now < s.ends_at), None)
    upcoming = [s for s in ordered if s.starts_at > now]
    following = upcoming[0] if upcoming else None
    if now < ordered[0].starts_at:
        phase: Phase = "before"
    elif current is None and following is None:
        phase = "after"
    else:
        phase = "during"
    later: list[T] = []
    if following is not None:
        zone = ZoneInfo(time_zone)
        day = following.starts_at.astimezone(zone).date()
        later = [s for s in upcoming[1:] if s.starts_at.astimezone(zone).date() == day]
    boundaries = [b for b in (current and current.ends_at, following and following.starts_at) if b]
    return NowNext(phase, current, following, later, min(boundaries) if boundaries else None)
