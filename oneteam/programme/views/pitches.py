"""Pitching, editing and withdrawing sessions; the session list and a session's page."""

from __future__ import annotations

from copy import copy
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.forms import add_service_errors
from oneteam.members.selectors import has_display_name
from oneteam.programme import rules, selectors, services
from oneteam.programme.access import (
    get_event_for_viewer,
    get_session_for_editor,
    get_session_for_viewer,
)
from oneteam.programme.forms import PitchForm
from oneteam.programme.models import Session
from oneteam.programme.views._helpers import is_htmx, pitched_message


@require_safe
@login_required
def session_list(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    if is_htmx(request) and request.GET.get("fragment") == "counts":
        # The page's poll: every session's count, swapped in place out of band.
        context = {"sessions": selectors.open_sessions(event=event), "counts_oob": True}
        return render(request, "programme/session_list.html#counts", context)
    programme = selectors.programme_for(event=event)
    user = signed_in_user(request)
    can_take_part = rules.can_take_part(user=user, event=event)
    is_organiser = rules.is_organiser(user=user, event=event)
    context = {
        "event": event,
        "programme": programme,
        "grid_published": selectors.grid_published(event=event),
        "sessions": selectors.open_sessions(event=event, user=user),
        "can_take_part": can_take_part,
        "can_pitch": rules.can_pitch(user=user, event=event),
        "is_organiser": is_organiser,
        "lean_coffee_tools": is_organiser and selectors.runs_lean_coffee(event=event),
        "dots_used": selectors.dots_used(event=event, user=user) if can_take_part else 0,
    }
    return render(request, "programme/session_list.html", context)


@require_safe
@login_required
def session_detail(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_viewer(request, event_slug, pk)
    if session.status == Session.Status.MERGED and session.merged_into_id:
        # Old links (printed cards, shared messages) lead to the session it was merged into.
        return redirect(
            "programme:session_detail", event_slug=event_slug, pk=session.merged_into_id
        )
    session = (
        selectors.open_sessions(event=session.event, user=request.user)
        .filter(pk=session.pk)
        .first()
        or session
    )
    context = {
        "event": session.event,
        "session": session,
        "programme": selectors.programme_for(event=session.event),
        "can_edit": rules.can_edit_session(user=request.user, session=session),
        "can_take_part": rules.can_take_part(user=request.user, event=session.event),
    }
    return render(request, "programme/session_detail.html", context)


def _pitch_details(form: PitchForm) -> services.PitchDetails:
    data = form.cleaned_data
    return services.PitchDetails(
        hosts=data["hosts"],
        guest_host_name=data.get("guest_host_name", ""),
        title=data["title"],
        description=data["description"],
        format=data["format"],
        language=data["language"],
        privacy=data.get("privacy"),
        needs_step_free=data["needs_step_free"],
        # Absent when the event has no session slots yet.
        unavailable_slots=data.get("unavailable_slots", []),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pitch_create(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    user = signed_in_user(request)
    if not rules.can_pitch(user=user, event=event):
        return render(request, "programme/not_attendee.html", {"event": event}, status=403)
    is_organiser = rules.is_organiser(user=user, event=event)
    programme = selectors.programme_for(event=event)
    if not programme.pitching_open and not is_organiser:
        return render(request, "programme/pitching_closed.html", {"event": event}, status=403)
    form = PitchForm(
        request.POST or None,
        event=event,
        hosts_optional=not is_organiser,
        for_organiser=is_organiser,
        # An attendee hosts what they pitch: others must be able to see who.
        ask_name=not is_organiser and not has_display_name(user),
    )
    if request.method == "POST" and form.is_valid():
        details = _pitch_details(form)
        if not is_organiser and user not in details.hosts:
            details = replace(details, hosts=[user, *details.hosts])
        try:
            session = services.session_pitch(
                event=event,
                pitched_by=user,
                details=details,
                pitcher_name=form.cleaned_data.get("display_name", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            selectors.with_hosts(session=session)
            messages.success(request, pitched_message(session=session, pitched_by=user))
            return redirect("programme:session_detail", event_slug=event.slug, pk=session.pk)
    context = {"event": event, "form": form, "is_organiser": is_organiser}
    return render(request, "programme/pitch_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_edit(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_editor(request, event_slug, pk)
    if session.status != Session.Status.PITCHED:
        return redirect("programme:session_detail", event_slug=event_slug, pk=session.pk)
    hosts = [*selectors.host_handles(session=session), session.guest_host_name]
    initial = {"hosts": ", ".join(host for host in hosts if host)}
    # The form writes what it validates onto its instance: give it a copy, so a refused change
    # leaves `session` (the page's heading, and what the service changes) as it was saved.
    form = PitchForm(
        request.POST or None,
        instance=copy(session),
        initial=initial,
        event=session.event,
        for_organiser=rules.is_organiser(user=request.user, event=session.event),
        kept_guests=session.guest_host_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, details=_pitch_details(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved"))
            return redirect("programme:session_detail", event_slug=event_slug, pk=session.pk)
    context = {"event": session.event, "form": form, "session": session}
    return render(request, "programme/pitch_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_withdraw(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_editor(request, event_slug, pk)
    if selectors.on_published_grid(session=session):
        # Withdrawn here, it would stay on the published grid and the board, and nobody who
        # planned for it would be told: cancelling on the grid does both.
        context = {"event": session.event, "session": session, "on_grid": True}
        return render(
            request,
            "programme/withdraw_confirm.html",
            context,
            status=409 if request.method == "POST" else 200,
        )
    error = None
    if request.method == "POST":
        try:
            services.session_withdraw(session=session)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("“%(title)s” is withdrawn") % {"title": session.title})
            return redirect(reverse("programme:session_list", kwargs={"event_slug": event_slug}))
    context = {"event": session.event, "session": session, "error": error}
    return render(request, "programme/withdraw_confirm.html", context, status=400 if error else 200)
