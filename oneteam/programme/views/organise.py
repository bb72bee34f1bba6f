"""Organiser pages: programme settings, merging duplicates, the pitch queue and projector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.forms import add_service_errors
from oneteam.core.params import parse_id
from oneteam.events.models import Event
from oneteam.programme import selectors, services
from oneteam.programme.access import get_event_for_organiser, get_event_for_viewer
from oneteam.programme.forms import MergeForm, PitchStationForm, ProgrammeSettingsForm
from oneteam.programme.models import Session
from oneteam.programme.views._helpers import is_htmx, pitched_message


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def programme_settings(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    form = ProgrammeSettingsForm(
        request.POST or None, instance=selectors.programme_for(event=event)
    )
    if request.method == "POST" and form.is_valid():
        services.programme_update(event=event, **form.cleaned_data)
        messages.success(request, _("Programme settings saved"))
        return redirect("programme:settings", event_slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "lean_coffee_tools": selectors.runs_lean_coffee(event=event),
    }
    return render(request, "programme/settings.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def merge(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    form = MergeForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            kept = services.session_merge(
                duplicate=form.cleaned_data["duplicate"], into=form.cleaned_data["into"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(duplicate)s” is merged into “%(kept)s”")
                % {"duplicate": form.cleaned_data["duplicate"].title, "kept": kept.title},
            )
            return redirect("programme:session_detail", event_slug=event.slug, pk=kept.pk)
    context = {
        "event": event,
        "form": form,
        "sessions": selectors.open_sessions(event=event),
    }
    return render(request, "programme/merge.html", context)


def _station_key(event: Event) -> str:
    return f"pitching-station-{event.pk}"


# The running list shows this many of the pitches entered at the station, newest first.
STATION_LIST_LENGTH = 200


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pitching_station(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Entering pitches from the floor, one after another: a title and a host, Enter, next.

    Each save comes back to an empty form (the title field focused) under a banner naming what
    was saved; the pitches entered here, in this browser session, are listed below."""
    event = get_event_for_organiser(request, event_slug)
    user = signed_in_user(request)
    entered: list[int] = request.session.get(_station_key(event), [])
    form = PitchStationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        details = services.PitchDetails(
            hosts=form.cleaned_data["hosts"],
            guest_host_name=form.cleaned_data["guest_host_name"],
            title=form.cleaned_data["title"],
            format=Session.Format.LEAN_COFFEE
            if event.format == Event.Format.LEAN_COFFEE
            else Session.Format.DISCUSSION,
        )
        try:
            session = services.session_pitch(event=event, pitched_by=user, details=details)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[_station_key(event)] = [session.pk, *entered][:STATION_LIST_LENGTH]
            url = reverse("programme:pitching_station", kwargs={"event_slug": event.slug})
            return redirect(f"{url}?saved={session.pk}")
    sessions = selectors.sessions_in_order(event=event, pks=entered)
    saved = request.GET.get("saved", "")
    just_saved = next((s for s in sessions if str(s.pk) == saved), None)
    context = {
        "event": event,
        "form": form,
        "sessions": sessions,
        "saved_message": just_saved and pitched_message(session=just_saved, pitched_by=user),
        "just_saved": just_saved,
    }
    return render(request, "programme/pitching_station.html", context)


@require_safe
@login_required
def queue(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    context = {
        "event": event,
        "programme": selectors.programme_for(event=event),
        "queue": selectors.pitch_queue(event=event),
    }
    return render(request, "programme/queue.html", context)


@require_POST
@login_required
def queue_move(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    session = get_object_or_404(Session, event=event, pk=pk)
    try:
        services.pitch_queue_move(session=session, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(f"{_queue_url(event_slug)}#pitch-{pk}")


@require_POST
@login_required
def queue_advance(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    chosen = request.POST.get("session")
    session = None
    if chosen:
        pk = parse_id(chosen)
        if pk is None:
            raise Http404
        session = get_object_or_404(Session, event=event, pk=pk)
    try:
        services.pitch_queue_advance(event=event, session=session)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(_queue_url(event_slug))


def _queue_url(event_slug: str) -> str:
    return reverse("programme:queue", kwargs={"event_slug": event_slug})


@require_safe
@login_required
def projector(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Big type for the wall: the pitch now on stage and the one after it."""
    event = get_event_for_viewer(request, event_slug)
    current, upcoming = selectors.current_and_next_pitch(event=event)
    context = {"event": event, "current": current, "upcoming": upcoming}
    template = "programme/projector.html"
    return render(request, f"{template}#stage" if is_htmx(request) else template, context)
