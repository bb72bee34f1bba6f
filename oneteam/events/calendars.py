"""iCalendar (RFC 5545) and Atom renderings of events, for calendar apps and feed readers.

Stored text may predate the input rules (oneteam.core.text), so each value is made safe for
its format here: one-line values lose their line breaks and control characters, descriptions
keep their new lines only, and the Atom summary is the sanitised Markdown the event page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from icalendar.enums import STATUS

from oneteam.chapters.models import Chapter
from oneteam.core.markdown import render_markdown
from oneteam.core.text import multi_line, single_line, xml_safe
from oneteam.events.models import Event

PRODID = "-//One Team//Events//EN"


def _event_url(event: Event) -> str:
    return settings.SITE_URL + reverse("events:detail", kwargs={"slug": event.slug})


def venue_location(event: Event) -> str:
    """The venue's name and address on one line (shared with the timetable's agenda feed)."""
    address = single_line(" ".join(event.venue_address.split()))
    return ", ".join(part for part in (single_line(event.venue_name), address) if part)


def site_host() -> str:
    """The domain part of UIDs: stable per site, so calendar apps recognise updates."""
    return urlsplit(settings.SITE_URL).hostname or "oneteam.localhost"


def _vevent(event: Event) -> icalendar.Event:
    zone = ZoneInfo(event.time_zone)
    host = site_host()
    status = STATUS.CANCELLED if event.status == Event.Status.CANCELLED else STATUS.CONFIRMED
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{host}",
        stamp=timezone.now(),
        start=event.starts_at.astimezone(zone),
        end=event.ends_at.astimezone(zone),
        summary=single_line(event.title),
        description=f"{multi_line(event.description)}\n\n{_event_url(event)}".strip(),
        location=venue_location(event) or None,
        url=_event_url(event),
        status=status,
    )


def calendar_bytes(
    components: Iterable[icalendar.Event],
    *,
    name: str,
    refresh: timedelta | None = None,
    uid: str | None = None,
) -> bytes:
    """A whole calendar of the given VEVENTs, with the time zones they use."""
    calendar = icalendar.Calendar.new(
        name=single_line(name), prodid=PRODID, refresh_interval=refresh, uid=uid
    )
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()  # icalendar leaves to_ical() un-annotated
    return data


def icalendar_for(events: Iterable[Event], *, name: str) -> bytes:
    return calendar_bytes((_vevent(event) for event in events), name=name)


def atom_for(chapter: Chapter, events: Iterable[Event]) -> str:
    link = settings.SITE_URL + reverse("chapters:detail", kwargs={"slug": chapter.slug})
    feed = Atom1Feed(
        title=_("Upcoming events of %(chapter)s") % {"chapter": single_line(chapter.name)},
        link=link,
        description=xml_safe(single_line(chapter.description)),
        language=settings.LANGUAGE_CODE,
        feed_url=settings.SITE_URL + reverse("chapters:feed", kwargs={"slug": chapter.slug}),
    )
    for event in events:
        when = timezone.localtime(event.starts_at, ZoneInfo(event.time_zone))
        where = venue_location(event)
        summary = escape(f"{when:%A %d %B %Y, %H:%M} · {where}")
        feed.add_item(
            title=xml_safe(single_line(event.title)),
            link=_event_url(event),
            # HTML (the feed says type="html"), sanitised as on the event page.
            description=f"<p>{summary}</p>{render_markdown(xml_safe(multi_line(event.description)))}",
            unique_id=_event_url(event),
            pubdate=event.created_at,
            updateddate=event.created_at,
        )
    return feed.writeString("utf-8")
