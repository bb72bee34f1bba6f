"""Organiser pages of the grid: the workspace, builds with their progress, version previews,
publish, restore, opening and closing interest, and cancelling a session on the published grid.
Writes go through services/builds.py, services/versions.py and services/cancel.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.htmx import render_page_or_fragment
from oneteam.events.models import Event
from oneteam.live.channels import event_channel
from oneteam.programme.models import Session
from oneteam.programme.selectors import programme_for
from oneteam.programme.services import interest_open_set
from oneteam.timetable import costs, selectors
from oneteam.timetable.access import get_event_for_grid_organiser, get_version_for_organiser
from oneteam.timetable.models import ScheduleBuild, ScheduleVersion
from oneteam.timetable.preview import step_free_warnings, version_preview
from oneteam.timetable.services import builds, cancel
from oneteam.timetable.services.versions import version_publish, version_restore

TIME_LIMITS = (5, 10, 30, 60)


def _workspace(
    request: HttpRequest, event: Event, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    published = selectors.current_version(event=event)
    build = builds.builds_expire_stale(event=event, build=selectors.latest_build(event=event))
    context = {
        "event": event,
        "published": published,
        "versions": [
            (version, costs.summary(costs.breakdown_of_counts(version.cost)))
            for version in selectors.version_list(event=event)
        ],
        "build": build,
        "late_pitches": selectors.late_pitches(event=event, version=published),
        "interest_open": programme_for(event=event).interest_open,
        "time_limits": TIME_LIMITS,
        "default_time_limit": int(builds.DEFAULT_TIME_LIMIT),
        "errors": errors or [],
        "step_free": step_free_warnings(event=event),
    }
    return render(request, "timetable/organise.html", context, status=status)


@require_safe
@login_required
def organise(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_grid_organiser(request, event_slug)
    return _workspace(request, event)


@require_POST
@login_required
def build_start(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_grid_organiser(request, event_slug)
    mode = request.POST.get("mode", ScheduleBuild.Mode.BUILD)
    try:
        time_limit = float(request.POST.get("time_limit") or builds.DEFAULT_TIME_LIMIT)
    except ValueError:
        time_limit = -1.0  # refused by the service with its message
    try:
        build = builds.build_start(
            event=event, mode=mode, requested_by=signed_in_user(request), time_limit=time_limit
        )
    except ValidationError as error:
        return _workspace(request, event, errors=error.messages)
    return redirect("timetable:build", event_slug=event.slug, pk=build.pk)


@require_safe
@login_required
def build_detail(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    event = get_event_for_grid_organiser(request, event_slug)
    build = get_object_or_404(ScheduleBuild.objects.select_related("version"), event=event, pk=pk)
    build = builds.builds_expire_stale(event=event, build=build)
    context = {
        "event": event,
        "build": build,
        "for_people": costs.summary(costs.breakdown_of_counts(build.version.cost))
        if build.version is not None
        else "",
        "percent": builds.build_progress(build),
        "live_channel": event_channel(event.slug),
    }
    template = "timetable/build.html"
    return render_page_or_fragment(request, template, f"{template}#status", context)


def _version_page(
    request: HttpRequest, version: ScheduleVersion, *, errors: list[str] | None = None
) -> HttpResponse:
    context: dict[str, Any] = {
        "event": version.event,
        "version": version,
        "preview": version_preview(version=version),
        "errors": errors or [],
    }
    return render(request, "timetable/version.html", context)


@require_safe
@login_required
def version_detail(request: HttpRequest, event_slug: str, number: int) -> HttpResponse:
    version = get_version_for_organiser(request, event_slug, number)
    return _version_page(request, version)


@require_POST
@login_required
def publish(request: HttpRequest, event_slug: str, number: int) -> HttpResponse:
    version = get_version_for_organiser(request, event_slug, number)
    try:
        version = version_publish(version=version, by=signed_in_user(request))
    except ValidationError as error:
        return _version_page(request, version, errors=error.messages)
    messages.success(request, _("Version %(n)d is now the published grid.") % {"n": version.number})
    return redirect("timetable:version", event_slug=event_slug, number=version.number)


@require_POST
@login_required
def restore(request: HttpRequest, event_slug: str, number: int) -> HttpResponse:
    version = get_version_for_organiser(request, event_slug, number)
    try:
        restored = version_restore(version=version, by=signed_in_user(request))
    except ValidationError as error:
        return _version_page(request, version, errors=error.messages)
    messages.success(
        request,
        _("Version %(old)d is published again, as version %(new)d.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("timetable:version", event_slug=event_slug, number=restored.number)


@require_POST
@login_required
def interest(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Open or close marking interest. Publishing the grid leaves it as it is: late pitches
    gather interest and rooms are sized by it until the organiser closes it here."""
    event = get_event_for_grid_organiser(request, event_slug)
    wanted = request.POST.get("interest")
    if wanted not in ("open", "close"):
        return _workspace(
            request, event, errors=[_("Choose whether to open or close interest.")], status=400
        )
    interest_open_set(event=event, is_open=wanted == "open")
    if wanted == "open":
        messages.success(request, _("Interest is open: attendees can mark interest again."))
    else:
        messages.success(request, _("Interest is closed: attendees can no longer mark interest."))
    return redirect("timetable:organise", event_slug=event.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_cancel(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    """The host did not show: a page that says in words what cancelling does (GET), and the
    cancellation itself (POST), which publishes a grid without the session and tells people."""
    event = get_event_for_grid_organiser(request, event_slug)
    session = get_object_or_404(Session, event=event, pk=pk)
    session.event = event
    errors: list[str] = []
    if request.method == "POST":
        try:
            version = cancel.session_cancel(session=session, by=signed_in_user(request))
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” is cancelled. Version %(n)d, without it, is now the published "
                    "grid; its hosts and everyone who marked interest have been told."
                )
                % {"title": session.title, "n": version.number},
            )
            return redirect("timetable:version", event_slug=event.slug, number=version.number)
    plan = None
    try:
        plan = cancel.cancel_plan(session=session)
    except ValidationError as error:
        errors = errors or error.messages
    context = {"event": event, "session": session, "plan": plan, "errors": errors}
    return render(request, "timetable/cancel.html", context)
