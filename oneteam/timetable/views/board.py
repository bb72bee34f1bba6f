"""The published grid for everyone: the printable page, the venue's big screen and the phone's
"what's on now". Read-only; all three work without JavaScript and refetch their fragment when a
new grid is published (live event "schedule-published" on the event's public channel)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from oneteam.core.htmx import render_page_or_fragment
from oneteam.events.models import Event
from oneteam.live.channels import event_channel
from oneteam.programme import rules as programme_rules
from oneteam.timetable import rules
from oneteam.timetable.access import get_event_for_grid_viewer
from oneteam.timetable.nownext import now_and_next
from oneteam.timetable.selectors import Grid, GridRow, current_version, grid_for


def clock() -> datetime:
    """The moment "now" is measured against; tests replace it to stand at a given time."""
    return timezone.now()


def _context(request: HttpRequest, event: Event) -> dict[str, Any]:
    version = current_version(event=event)
    grid = grid_for(version=version) if version is not None else None
    return {
        "event": event,
        "version": version,
        "grid": grid,
        "show_hosts": rules.can_see_hosts(user=request.user),
        # Session pages are for signed-in members; a venue screen or a printout links nowhere.
        "link_sessions": request.user.is_authenticated
        and programme_rules.can_view_programme(user=request.user, event=event),
        # The stream is open only while the event is published (organisers may preview a draft).
        "live_channel": event_channel(event.slug) if event.status == Event.Status.PUBLISHED else "",
    }


@require_safe
def grid(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The published grid as a table: rooms as columns, slots as rows; prints for the walls."""
    event = get_event_for_grid_viewer(request, event_slug)
    return render(request, "timetable/grid.html", _context(request, event))


def _with_now_next(context: dict[str, Any]) -> dict[str, Any]:
    grid: Grid | None = context["grid"]
    event: Event = context["event"]
    moment = clock()
    rows: list[GridRow] = grid.rows if grid is not None else []
    by_slot = {row.slot.pk: row for row in rows}
    state = now_and_next([row.slot for row in rows], now=moment, time_zone=event.time_zone)
    context.update(
        moment=moment,
        state=state,
        now_row=by_slot.get(state.now.pk) if state.now else None,
        next_row=by_slot.get(state.next.pk) if state.next else None,
        later_rows=[by_slot[slot.pk] for slot in state.later],
    )
    return context


@require_safe
def board(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The venue's big screen: the whole day's grid with "now" and "next" marked."""
    event = get_event_for_grid_viewer(request, event_slug)
    context = _with_now_next(_context(request, event))
    context["link_sessions"] = False  # a screen on a wall: nothing to click
    return render_page_or_fragment(
        request, "timetable/board.html", "timetable/board.html#board", context
    )


@require_safe
def now(request: HttpRequest, event_slug: str) -> HttpResponse:
    """A phone's "what's on now": this slot's sessions, the next slot, then later today."""
    event = get_event_for_grid_viewer(request, event_slug)
    context = _with_now_next(_context(request, event))
    return render_page_or_fragment(
        request, "timetable/now.html", "timetable/now.html#whats_on", context
    )
