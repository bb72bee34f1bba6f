"""now_and_next: which slot is on and which is next, from slot times and the clock (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from oneteam.timetable.nownext import now_and_next


@dataclass(frozen=True)
class S:
    name: str
    starts_at: datetime
    ends_at: datetime


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    # London is on GMT in December: local times equal UTC here.
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def _slot(name: str, day: int, hour: int, minutes: int = 50) -> S:
    return S(name, _at(day, hour), _at(day, hour) + timedelta(minutes=minutes))


TEN, ELEVEN, LUNCH, ONE = (
    _slot(n, 12, h) for n, h in (("ten", 10), ("eleven", 11), ("lunch", 12), ("one", 13))
)
SUNDAY = _slot("sunday", 13, 10)
DAY = [ONE, TEN, LUNCH, ELEVEN, SUNDAY]  # any order


def _names(state) -> tuple:
    return (
        state.phase,
        state.now and state.now.name,
        state.next and state.next.name,
        [s.name for s in state.later],
        state.changes_at,
    )


def test_before_the_event_next_is_the_first_slot():
    state = now_and_next(DAY, now=_at(11, 18), time_zone="Europe/London")
    assert _names(state) == ("before", None, "ten", ["eleven", "lunch", "one"], _at(12, 10))


def test_during_a_slot_now_is_it_and_next_the_following_one():
    state = now_and_next(DAY, now=_at(12, 10, 30), time_zone="Europe/London")
    assert _names(state) == ("during", "ten", "eleven", ["lunch", "one"], _at(12, 10, 50))


def test_a_slot_starts_on_its_first_minute_and_is_over_at_its_end():
    assert now_and_next(DAY, now=_at(12, 11), time_zone="Europe/London").now == ELEVEN
    state = now_and_next(DAY, now=_at(12, 11, 50), time_zone="Europe/London")
    assert _names(state) == ("during", None, "lunch", ["one"], _at(12, 12))


def test_later_is_the_rest_of_the_next_slots_day_in_the_events_time_zone():
    # In Auckland (UTC+13 in December) the 10:00 UTC slot is at 23:00 on the 12th and the
    # 11:00 one already on the 13th: nothing else is on "later today".
    state = now_and_next(DAY, now=_at(11, 18), time_zone="Pacific/Auckland")
    assert _names(state) == ("before", None, "ten", [], _at(12, 10))


def test_between_the_days_slots_next_is_the_next_days_first():
    state = now_and_next(DAY, now=_at(12, 14), time_zone="Europe/London")
    assert _names(state) == ("during", None, "sunday", [], _at(13, 10))


def test_after_the_last_slot_the_event_has_finished():
    state = now_and_next(DAY, now=_at(13, 11), time_zone="Europe/London")
    assert _names(state) == ("after", None, None, [], None)


def test_no_slots_is_empty():
    assert _names(now_and_next([], now=_at(12, 10), time_zone="UTC")) == (
        "empty",
        None,
        None,
        [],
        None,
    )
