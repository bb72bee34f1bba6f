"""Look up and check access in one step: what the user may not see is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.events.models import Event
from oneteam.timetable import rules
from oneteam.timetable.models import ScheduleVersion


def _event(event_slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("chapter"), slug=event_slug)


def get_event_for_grid_organiser(request: HttpRequest, event_slug: str) -> Event:
    event = _event(event_slug)
    if not rules.can_organise_grid(user=request.user, event=event):
        raise Http404
    return event


def get_version_for_organiser(
    request: HttpRequest, event_slug: str, number: int
) -> ScheduleVersion:
    event = get_event_for_grid_organiser(request, event_slug)
    version = get_object_or_404(ScheduleVersion, event=event, number=number)
    version.event = event
    return version


def get_event_for_grid_viewer(request: HttpRequest, event_slug: str) -> Event:
    event = _event(event_slug)
    if not rules.can_view_published_grid(user=request.user, event=event):
        raise Http404
    return event


def get_event_for_agenda(request: HttpRequest, event_slug: str) -> Event:
    event = _event(event_slug)
    if not rules.can_have_agenda(user=request.user, event=event):
        raise Http404
    return event
