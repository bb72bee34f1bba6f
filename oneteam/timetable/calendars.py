"""The private iCalendar feed of a member's agenda: their placed sessions across events.

Calendar apps poll the feed and match entries by UID, so each session keeps one UID for life.
SEQUENCE and LAST-MODIFIED come from the published version in which the session took its
current room and slot: they grow when it moves and stay put when a publish leaves it alone, so
apps update what changed and nothing else. Sessions withdrawn, merged or dropped from the grid,
and events no longer published, simply leave the feed (apps then remove them).
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
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.events.calendars import calendar_bytes, site_host, venue_location
from oneteam.events.models import Event
from oneteam.programme.models import Interest, Session
from oneteam.timetable.models import Placement, ScheduleVersion

# Asked of calendar apps that honour it; most poll on their own schedule regardless.
REFRESH = timedelta(hours=1)
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


def _since(placements: list[Placement]) -> dict[int, tuple[int, datetime]]:
    """Session pk -> (sequence, changed at) for the given current placements: the published
    version from which the session has been where it is now, without a gap, in two queries.

    The sequence is the highest version number published up to then: version numbers follow
    creation, not publication, and a SEQUENCE must never go down."""
    if not placements:
        return {}
    versions = ScheduleVersion.objects.filter(
        event__in={p.session.event_id for p in placements}, published_at__isnull=False
    ).order_by("published_at", "pk")
    by_event: dict[int, list[tuple[int, int, datetime]]] = defaultdict(list)  # (pk, seq, at)
    highest: dict[int, int] = {}
    for version in versions:
        highest[version.event_id] = max(highest.get(version.event_id, 0), version.number)
        by_event[version.event_id].append(
            (version.pk, highest[version.event_id], version.published_at)
        )
    where = {
        (s, v): (r, t)
        for s, v, r, t in Placement.objects.filter(
            session__in=[p.session_id for p in placements], version__published_at__isnull=False
        ).values_list("session_id", "version_id", "room_id", "slot_id")
    }
    since: dict[int, tuple[int, datetime]] = {}
    for p in placements:
        history = by_event[p.session.event_id]
        now = next(i for i, (pk, _seq, _at) in enumerate(history) if pk == p.version_id)
        first = now
        while first > 0 and where.get((p.session_id, history[first - 1][0])) == (
            p.room_id,
            p.slot_id,
        ):
            first -= 1
        _pk, sequence, changed_at = history[first]
        since[p.session_id] = (sequence, changed_at)
    return since


def _vevent(placement: Placement, since: tuple[int, datetime]) -> icalendar.Event:
    session, event = placement.session, placement.session.event
    zone = ZoneInfo(event.time_zone)
    url = settings.SITE_URL + reverse(
        "programme:session_detail", kwargs={"event_slug": event.slug, "pk": session.pk}
    )
    number, changed_at = since
    location = ", ".join(part for part in (placement.room.name, venue_location(event)) if part)
    summary = f"{session.title} ({event.title})"
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
        description=f"{session.description}\n\n{url}".strip(),
        location=location,
        url=url,
        status="CONFIRMED",
    )


def agenda_placements(*, user: User) -> list[Placement]:
    """The member's sessions (marked or hosted) in the current grid of every published event."""
    marked = Interest.objects.filter(user=user).values("session_id")
    hosted = Session.hosts.through.objects.filter(user=user).values("session_id")
    return list(
        Placement.objects.filter(
            Q(session__in=marked) | Q(session__in=hosted),
            version__is_current=True,
            version__event__status=Event.Status.PUBLISHED,
            session__status=Session.Status.PITCHED,
        )
        .select_related("session__event", "room", "slot")
        .order_by("slot__starts_at", "pk")
    )


def agenda_calendar(*, user: User) -> bytes:
    """The feed's body, in three queries whatever its size."""
    placements = agenda_placements(user=user)
    since = _since(placements)
    return calendar_bytes(
        (_vevent(p, since[p.session_id]) for p in placements),
        name=_("One Team: my agenda"),
        refresh=REFRESH,
        uid=f"agenda-{user.pk}@{site_host()}",  # the same calendar on every poll
    )
