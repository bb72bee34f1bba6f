"""Adjusting a grid by hand: the grid of cards, a change's effect before saving, pins.

Every journey works with plain links and forms; adjust.js adds drag and drop and a keyboard
pick-up on top, asking the same views for the same fragments (with an HX-Request header).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, TypedDict, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.htmx import is_htmx, render_page_or_fragment
from oneteam.core.params import next_path
from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import costs
from oneteam.timetable.access import get_event_for_grid_organiser, get_version_for_organiser
from oneteam.timetable.forms import ChangeForm, PinForm
from oneteam.timetable.models import Placement, ScheduleBuild, ScheduleVersion, SessionPin
from oneteam.timetable.selectors import grid_for, schedulable_sessions
from oneteam.timetable.services.adjust import Effect, adjust_apply, adjust_preview
from oneteam.timetable.services.pins import pin_clear, pin_set, where

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _PinWhere(TypedDict):
    where: str


def _with_where(pin: SessionPin) -> WithAnnotations[SessionPin, _PinWhere]:
    """The pin, carrying how its place reads (“Hall at 10:00”) for the pages."""
    shown = cast("WithAnnotations[SessionPin, _PinWhere]", pin)  # given `where` on the next line
    shown.where = where(room=pin.room, slot=pin.slot)
    return shown


def in_event_time_zone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Times in messages, choices and pages are the event's local times (a slot without a label
    reads as its start time)."""

    @wraps(view)
    def wrapped(request: HttpRequest, event_slug: str, **kwargs: object) -> HttpResponse:
        zone = Event.objects.filter(slug=event_slug).values_list("time_zone", flat=True).first()
        with timezone.override(zone or timezone.get_current_timezone_name()):
            return view(request, event_slug, **kwargs)

    return wrapped


@dataclass
class Cell:
    room: Room
    slot: Slot
    placement: Placement | None
    pin: SessionPin | None

    @property
    def label(self) -> str:
        return where(room=self.room, slot=self.slot)

    @property
    def warning(self) -> str:
        """Said on a card whose session sits away from its pin (publishing would refuse it)."""
        pin = self.pin
        if pin is not None and (
            (pin.room_id is not None and pin.room_id != self.room.pk)
            or (pin.slot_id is not None and pin.slot_id != self.slot.pk)
        ):
            return _("Not where it is pinned")
        return ""


@dataclass
class Row:
    slot: Slot
    cells: list[Cell]

    @property
    def is_sessions(self) -> bool:
        return self.slot.kind == Slot.Kind.SESSIONS


def _board(version: ScheduleVersion) -> dict:
    """The grid as rows of cells that know their room and slot (for drop targets), the pins,
    and the schedulable sessions the version leaves out."""
    grid = grid_for(version=version)
    sessions = schedulable_sessions(event=version.event)
    pins = {
        p.session_id: _with_where(p)
        for p in SessionPin.objects.filter(session__in=sessions).select_related(
            "room", "slot__event"
        )
    }
    rows = [
        Row(
            row.slot,
            [
                Cell(room, row.slot, cell, pins.get(cell.session_id) if cell else None)
                for room, cell in zip(grid.rooms, row.cells, strict=True)
            ],
        )
        for row in grid.rows
    ]
    unplaced = [
        (s, pins.get(s.pk), _("Pinned but not in the grid") if s.pk in pins else "")
        for s in sessions.exclude(pk__in=grid.placements.keys()).prefetch_related("hosts__profile")
    ]
    return {"grid": grid, "rows": rows, "unplaced": unplaced, "pins": pins}


def _adjust_url(version: ScheduleVersion) -> str:
    return reverse(
        "timetable:adjust", kwargs={"event_slug": version.event.slug, "number": version.number}
    )


def _words() -> dict[str, str]:
    """What adjust.js announces, translated here; {name} is filled in by the script."""
    return {
        "pickedUp": _(
            "Picked up “{title}”. Arrow keys choose a room and time, Space drops it, "
            "Escape puts it back."
        ),
        "here": _("{where}, where it is now."),
        "taken": _("{where}, holds “{other}”: dropping swaps them."),
        "free": _("{where}, free."),
        "stays": _("“{title}” stays where it is."),
        "putBack": _("“{title}” put back."),
        "saveOrCancel": _("Save or cancel."),
        "cancelled": _("Change cancelled."),
        "saved": _("Saved."),
        "noPreview": _("The effect could not be shown. Use the “Move or swap” link instead."),
        "noSave": _("The change could not be saved. Try again."),
    }


def _context(version: ScheduleVersion) -> dict:
    return {
        "words": _words(),
        "event": version.event,
        "version": version,
        "adjust_url": _adjust_url(version),
        "cost_words": costs.describe(costs.version_breakdown(version=version)),
        **_board(version),
    }


@require_safe
@login_required
@in_event_time_zone
def adjust(request: HttpRequest, event_slug: str, number: int) -> HttpResponse:
    version = get_version_for_organiser(request, event_slug, number)
    template = "timetable/adjust.html"
    return render_page_or_fragment(request, template, f"{template}#board", _context(version))


def _session(version: ScheduleVersion, pk: int) -> Session:
    session = get_object_or_404(schedulable_sessions(event=version.event), pk=pk)
    session.event = version.event
    return session


def _change_context(
    version: ScheduleVersion, session: Session, form: ChangeForm, effect: Effect | None
) -> dict:
    placement = Placement.objects.filter(version=version, session=session).select_related(
        "room", "slot"
    )
    pin = SessionPin.objects.filter(session=session).select_related("room", "slot__event").first()
    initial = {}
    if pin is not None:
        pin = _with_where(pin)
        initial = {"room": pin.room_id, "slot": pin.slot_id}
    return {
        "event": version.event,
        "version": version,
        "session": session,
        "placement": placement.first(),
        "pin": pin,
        "form": form,
        "pin_form": PinForm(session=session, prefix="pin", initial=initial),
        "effect": effect,
        "adjust_url": _adjust_url(version),
        "change_url": reverse(
            "timetable:adjust_change",
            kwargs={"event_slug": version.event.slug, "number": version.number, "pk": session.pk},
        ),
    }


@require_safe
@login_required
@in_event_time_zone
def adjust_change(request: HttpRequest, event_slug: str, number: int, pk: int) -> HttpResponse:
    """Choose where a session goes; with a choice made, the page shows its effect (a preview
    changes nothing, so it is a GET) and a button that saves it."""
    version = get_version_for_organiser(request, event_slug, number)
    session = _session(version, pk)
    chosen = "action" in request.GET
    form = ChangeForm(request.GET if chosen else None, session=session)
    effect = adjust_preview(version=version, change=form.change()) if form.is_valid() else None
    context = _change_context(version, session, form, effect)
    return render_page_or_fragment(
        request, "timetable/adjust_change.html", "timetable/_adjust_effect.html", context
    )


@require_POST
@login_required
@in_event_time_zone
def adjust_save(request: HttpRequest, event_slug: str, number: int, pk: int) -> HttpResponse:
    version = get_version_for_organiser(request, event_slug, number)
    session = _session(version, pk)
    form = ChangeForm(request.POST, session=session)
    effect = None
    if form.is_valid():
        change = form.change()
        effect = adjust_preview(version=version, change=change)
        try:
            saved = adjust_apply(version=version, change=change, by=signed_in_user(request))
        except ValidationError as error:
            # Refused (perhaps someone changed the grid since the preview): show why.
            effect.refusals = error.messages
        else:
            message = _("Saved: %(change)s. %(for_people)s.") % {
                "change": change.describe(),
                "for_people": "; ".join(effect.for_people),
            }
            if saved.pk != version.pk:
                message += " " + _(
                    "Version %(published)d is published, so the change is in a new draft, "
                    "version %(draft)d."
                ) % {"published": version.number, "draft": saved.number}
            if is_htmx(request) and saved.pk == version.pk:
                context = _context(saved)
                context["announcement"] = message
                response = render(request, "timetable/adjust.html#board", context)
                response["X-Adjust-Url"] = context["adjust_url"]
                return response
            messages.success(request, message)
            if is_htmx(request):
                # A new draft has a page of its own: adjust.js goes there.
                response = HttpResponse(status=204)
                response["X-Adjust-Url"] = _adjust_url(saved)
                return response
            return redirect(_adjust_url(saved))
    context = _change_context(version, session, form, effect)
    if is_htmx(request):
        response = render(request, "timetable/_adjust_effect.html", context)
        response["X-Adjust-Refused"] = "true"
        return response
    return render(request, "timetable/adjust_change.html", context)


@require_POST
@login_required
@in_event_time_zone
def adjust_reoptimise(request: HttpRequest, event_slug: str, number: int) -> HttpResponse:
    """Build the grid again around the pins, as a background job (H1's build service)."""
    from oneteam.timetable.services.builds import build_start

    version = get_version_for_organiser(request, event_slug, number)
    try:
        build_start(
            event=version.event, mode=ScheduleBuild.Mode.BUILD, requested_by=signed_in_user(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_adjust_url(version))
    messages.success(
        request, _("The grid is being built again around the pins. It takes a few seconds.")
    )
    return redirect("timetable:organise", event_slug=event_slug)


@require_POST
@login_required
@in_event_time_zone
def pin(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    """Set (room and/or time) or clear a session's pin, then go back to the page it came from."""
    event = get_event_for_grid_organiser(request, event_slug)
    session = get_object_or_404(schedulable_sessions(event=event), pk=pk)
    session.event = event
    back = next_path(request) or reverse("timetable:organise", kwargs={"event_slug": event_slug})
    if request.POST.get("pin") == "clear":
        pin_clear(session=session)
        messages.success(request, _("“%(title)s” is no longer pinned.") % {"title": session.title})
        return redirect(back)
    form = PinForm(request.POST, session=session, prefix="pin")
    if not form.is_valid():
        messages.error(
            request,
            _("Choose a room, a time or both to pin “%(title)s” to.") % {"title": session.title},
        )
        return redirect(back)
    room, slot = form.cleaned_data["room"], form.cleaned_data["slot"]
    try:
        pin_set(session=session, room=room, slot=slot, by=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” is pinned to %(where)s. Every new build keeps it there.")
            % {"title": session.title, "where": where(room=room, slot=slot)},
        )
    return redirect(back)
