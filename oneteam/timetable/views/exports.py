"""The whole published programme for apps: schedule XML (Giggity, EventFahrplan, info-beamer),
schedule JSON (the c3voc format) and an iCalendar file of every session.

Open to whoever may see the published grid (the same lookup as the grid page), and only once a
grid is published: 404 before. Host names only where the grid page shows them.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from oneteam.events.models import Event
from oneteam.timetable import calendars, exports, rules
from oneteam.timetable.access import get_event_for_grid_viewer
from oneteam.timetable.selectors import Grid, current_version, grid_for


def _published_grid(request: HttpRequest, event_slug: str) -> tuple[Event, Grid]:
    event = get_event_for_grid_viewer(request, event_slug)
    version = current_version(event=event)
    if version is None:
        raise Http404
    version.event = event
    return event, grid_for(version=version)


def _download(body: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _programme(request: HttpRequest, event_slug: str) -> exports.Programme:
    event, grid = _published_grid(request, event_slug)
    return exports.programme_for(
        event=event, grid=grid, show_hosts=rules.can_see_hosts(user=request.user)
    )


@require_safe
def schedule_xml(request: HttpRequest, event_slug: str) -> HttpResponse:
    programme = _programme(request, event_slug)
    return _download(
        exports.schedule_xml(programme),
        content_type="application/xml; charset=utf-8",
        filename=f"{event_slug}-schedule.xml",
    )


@require_safe
def schedule_json(request: HttpRequest, event_slug: str) -> HttpResponse:
    programme = _programme(request, event_slug)
    body = json.dumps(exports.schedule_json(programme), ensure_ascii=False, indent=2)
    return _download(
        body.encode(), content_type="application/json", filename=f"{event_slug}-schedule.json"
    )


@require_safe
def schedule_ics(request: HttpRequest, event_slug: str) -> HttpResponse:
    event, grid = _published_grid(request, event_slug)
    body = calendars.programme_calendar(event=event, placements=list(grid.placements.values()))
    return _download(
        body, content_type="text/calendar; charset=utf-8", filename=f"{event_slug}.ics"
    )
