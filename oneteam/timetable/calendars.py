"""The private iCalendar feed of a member's agenda: their placed sessions across events.

Calendar apps poll the feed and match entries by UID, so each session keeps one UID for life.
SEQUENCE and LAST-MODIFIED come from the published version in which the session took its
current room and slot: they grow when it moves and stay put when a publish leaves it alone, so
apps update what changed and nothing else.

Calendar apps handle removals poorly (many keep the old entry), so a session that was in a
published grid stays in the feed marked STATUS:CANCELLED, with a SEQUENCE above any it had,
when its event is cancelled or the session is withdrawn or merged, for as long as the event is
recent (`CANCELLED_FOR` after its end). Sessions merely dropped from the grid (they may come
back), events taken back to draft and long-past cancellations leave the feed.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar.enums import STATUS

from oneteam.accounts.models import User
from oneteam.core.text import multi_line, single_line
from oneteam.events.calendars import calendar_bytes, site_host, venue_location
from oneteam.events.models import Event
from oneteam.programme.models import Interest, Session
from oneteam.timetable.models import Placement, ScheduleVersion

# Asked of calendar apps that honour it; most poll on their own schedule regardless.
REFRESH = timedelta(hours=1)
# How long after its event's end a cancelled session stays in the feed, marked cancelled.
CANCELLED_FOR = timedelta(days=30)
GONE = (Session.Status.WITHDRAWN, Session.Status.MERGED)
_FEED_PATH = re.compile(r"/agenda/[^/\s\"?]+\.ics")


def redact_feed_tokens(text: str) -> str:
    """The feed's address with its token blanked out, for logs."""
    return _FEED_PATH.sub("/agenda/[token].ics", text)


class RedactFeedTokens(logging.Filter):
    """Blanks feed tokens out of a log record (a server's access log line, say); keeps it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_feed_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_feed_tokens(a) if isinstance(a, str) else a for a in record.args
            )
        return True


# Event pk -> its published versions in publication order, as (version pk, sequence, published
# at); the sequence is the highest version number published up to then: version numbers follow
# creation, not publication, and a SEQUENCE must never go down.
History = dict[int, list[tuple[int, int, datetime]]]


def _history(event_ids: set[int]) -> History:
    """The publication history of the given events, in one query."""
    history: History = defaultdict(list)
    if not event_ids:
        return history
    versions = ScheduleVersion.objects.filter(
        event__in=event_ids, published_at__isnull=False
    ).order_by("published_at", "pk")
    highest: dict[int, int] = {}
    for version in versions:
        if version.published_at is None:  # the filter excludes these; this tells the type checker
            continue
        highest[version.event_id] = max(highest.get(version.event_id, 0), version.number)
        history[version.event_id].append(
            (version.pk, highest[version.event_id], version.published_at)
        )
    return history


def _position(history: History, placement: Placement) -> int:
    return next(
        i
        for i, (pk, _seq, _at) in enumerate(history[placement.session.event_id])
        if pk == placement.version_id
    )


def _since(placements: list[Placement], history: History) -> dict[int, tuple[int, datetime]]:
    """Session pk -> (sequence, changed at) for the given current placements: the published
    version from which the session has been where it is now, without a gap, in one query."""
    if not placements:
        return {}
    where = {
        (s, v): (r, t)
        for s, v, r, t in Placement.objects.filter(
            session__in=[p.session_id for p in placements], version__published_at__isnull=False
        ).values_list("session_id", "version_id", "room_id", "slot_id")
    }
    since: dict[int, tuple[int, datetime]] = {}
    for p in placements:
        versions = history[p.session.event_id]
        first = _position(history, p)
        while first > 0 and where.get((p.session_id, versions[first - 1][0])) == (
            p.room_id,
            p.slot_id,
        ):
            first -= 1
        _pk, sequence, changed_at = versions[first]
        since[p.session_id] = (sequence, changed_at)
    return since


def _cancelled_since(placement: Placement, history: History) -> tuple[int, datetime]:
    """(sequence, changed at) of a cancelled entry, from the session's last published placement.

    One above the highest sequence published up to then, so above any the entry ever had, and
    stable across later publishes (a fresh value on every poll would look like an update). The
    change is dated by the publish that dropped the session, if any, else by its last one: the
    cancellation itself is not timestamped."""
    versions = history[placement.session.event_id]
    at = _position(history, placement)
    _pk, sequence, _at = versions[at]
    _pk, _seq, changed_at = versions[min(at + 1, len(versions) - 1)]
    return sequence + 1, changed_at


def _is_live(placement: Placement) -> bool:
    return (
        placement.session.event.status == Event.Status.PUBLISHED
        and placement.session.status == Session.Status.PITCHED
    )


def _vevent(
    placement: Placement, since: tuple[int, datetime], *, cancelled: bool = False
) -> icalendar.Event:
    session, event = placement.session, placement.session.event
    zone = ZoneInfo(event.time_zone)
    url = settings.SITE_URL + reverse(
        "programme:session_detail", kwargs={"event_slug": event.slug, "pk": session.pk}
    )
    number, changed_at = since
    # Stored text may predate the input rules: calendar lines take no raw line breaks.
    room = single_line(placement.room.name)
    location = ", ".join(part for part in (room, venue_location(event)) if part)
    summary = single_line(f"{session.title} ({event.title})")
    return icalendar.Event.new(
        uid=f"session-{session.pk}@{site_host()}",
        # DTSTAMP is when this entry last changed, not when the feed was fetched: a fresh stamp
        # on every poll would look like an update to some apps.
        stamp=changed_at,
        last_modified=changed_at,
        sequence=number,
        start=placement.slot.starts_at.astimezone(zone),
        end=placement.slot.ends_at.astimezone(zone),
        summary=summary,
        description=f"{multi_line(session.description)}\n\n{url}".strip(),
        location=location,
        url=url,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )


def agenda_placements(*, user: User) -> list[Placement]:
    """The member's sessions (marked or hosted) in the current grid of every published event,
    and, among recent events, the last published placement of those since cancelled: sessions
    of a cancelled event, and sessions withdrawn or merged. In time order."""
    marked = Interest.objects.filter(user=user).values("session_id")
    hosted = Session.hosts.through.objects.filter(user=user).values("session_id")
    live = Q(
        version__is_current=True,
        version__event__status=Event.Status.PUBLISHED,
        session__status=Session.Status.PITCHED,
    )
    recent = Q(
        version__published_at__isnull=False,
        version__event__ends_at__gte=timezone.now() - CANCELLED_FOR,
    )
    cancelled = recent & (
        Q(version__is_current=True, version__event__status=Event.Status.CANCELLED)
        | Q(version__event__status=Event.Status.PUBLISHED, session__status__in=GONE)
    )
    return list(
        Placement.objects.filter(Q(session__in=marked) | Q(session__in=hosted), live | cancelled)
        .select_related("session__event", "room", "slot")
        .order_by("slot__starts_at", "pk")
    )


def agenda_calendar(*, user: User) -> bytes:
    """The feed's body, in three queries whatever its size."""
    placements = agenda_placements(user=user)
    history = _history({p.session.event_id for p in placements})
    live = [p for p in placements if _is_live(p)]
    # A withdrawn session may sit in several published grids: the last one is what apps hold.
    last: dict[int, Placement] = {}
    for p in placements:
        if not _is_live(p) and (
            p.session_id not in last
            or _position(history, p) > _position(history, last[p.session_id])
        ):
            last[p.session_id] = p
    since = _since(live, history)
    entries = [
        _vevent(p, since[p.session_id])
        if _is_live(p)
        else _vevent(p, _cancelled_since(p, history), cancelled=True)
        for p in placements
        if _is_live(p) or last[p.session_id] is p
    ]
    return calendar_bytes(
        entries,
        name=_("One Team: my agenda"),
        refresh=REFRESH,
        uid=f"agenda-{user.pk}@{site_host()}",  # the same calendar on every poll
    )


def programme_calendar(*, event: Event, placements: list[Placement]) -> bytes:
    """Every session of an event's published grid (its pitched ones, placed as `placements`
    from the current version), for a calendar app; entries as in the agenda feed, so a moved
    session updates rather than duplicates. Two queries beyond the placements."""
    live = [p for p in placements if p.session.status == Session.Status.PITCHED]
    for placement in live:  # all of one event: naming it costs no query per entry
        placement.session.event = event
    history = _history({event.pk})
    since = _since(live, history)
    live.sort(key=lambda p: (p.slot.starts_at, p.room.name, p.session_id))
    return calendar_bytes(
        [_vevent(p, since[p.session_id]) for p in live],
        name=_("%(event)s: the programme") % {"event": event.title},
        refresh=REFRESH,
        uid=f"programme-{event.pk}@{site_host()}",
    )
