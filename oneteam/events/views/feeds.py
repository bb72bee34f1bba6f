"""Calendars and feeds: published events only, so drafts never leak through a subscription."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from oneteam.chapters.access import get_chapter
from oneteam.chapters.models import Chapter
from oneteam.events import calendars
from oneteam.events.access import get_visible_event
from oneteam.events.models import Event

_ICS = "text/calendar; charset=utf-8"


@require_safe
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """'Add to calendar': one event as an .ics file."""
    event = get_visible_event(request, slug)
    response = HttpResponse(calendars.icalendar_for([event], name=event.title), content_type=_ICS)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _listed_events(chapter: Chapter) -> QuerySet[Event]:
    return Event.objects.filter(
        chapter=chapter, status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED)
    ).order_by("starts_at")


@require_safe
def chapter_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """A subscribable calendar of the chapter's events (cancelled ones marked CANCELLED)."""
    chapter = get_chapter(slug)
    body = calendars.icalendar_for(_listed_events(chapter), name=f"One Team {chapter.name}")
    return HttpResponse(body, content_type=_ICS)


@require_safe
def chapter_feed(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = get_chapter(slug)
    upcoming = _listed_events(chapter).filter(
        status=Event.Status.PUBLISHED, ends_at__gte=timezone.now()
    )
    return HttpResponse(
        calendars.atom_for(chapter, upcoming), content_type="application/atom+xml; charset=utf-8"
    )
