"""Organiser tools: attendee list and CSV, check-in at the door, messaging, the task list."""

from __future__ import annotations

import csv
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.models import User
from oneteam.chapters.models import ChapterMembership
from oneteam.core.params import parse_id
from oneteam.core.text import spreadsheet_cell
from oneteam.events import emails, selectors
from oneteam.events.access import get_event_for_organiser, get_registration_from_ticket_token
from oneteam.events.forms import AttendeeSearchForm, CheckInSearchForm, MessageForm, TaskForm
from oneteam.events.models import Event, EventTask, Registration
from oneteam.events.rules import can_manage_event
from oneteam.events.services.organising import task_save
from oneteam.events.services.registrations import RegistrationRefused, registration_check_in


@require_safe
@login_required
def attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    form = AttendeeSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {
        "event": event,
        "form": form,
        "query": query,
        "registrations": selectors.search_active_registrations(event=event, query=query),
        "mix": selectors.discipline_mix(event=event),
        "counts": selectors.place_counts(event=event),
    }
    return render(request, "events/attendees.html", context)


def _iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


@require_safe
@login_required
def attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Organisation"),
            _("Discipline"),
            _("Status"),
            _("Registered"),
            _("Checked in"),
            _("Access needs"),
            _("Dietary needs"),
            _("Email"),
        ]
    )
    for registration in selectors.active_registrations(event=event):
        writer.writerow(
            spreadsheet_cell(value)
            for value in (
                registration.user,
                registration.organisation,
                registration.discipline,
                registration.get_status_display(),
                _iso(registration.queued_at),
                _iso(registration.checked_in_at),
                registration.access_needs,
                registration.dietary_needs,
                registration.user.email,
            )
        )
    return response


@login_required
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Search by name or email (GET) and check someone in (POST with the registration)."""
    event = get_event_for_organiser(request, slug)
    if request.method == "POST":
        registration_pk = parse_id(request.POST.get("registration"))
        if registration_pk is None:
            raise Http404
        registration = get_object_or_404(Registration, event=event, pk=registration_pk)
        _check_in(request, registration)
        return redirect(f"{request.path}?{urlencode({'q': request.POST.get('q', '')})}")
    form = CheckInSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "event": event,
        "form": form,
        "query": query,
        "results": selectors.search_attendees(event=event, query=query) if query else [],
        "counts": selectors.place_counts(event=event),
        "checked_in": Registration.objects.filter(event=event, checked_in_at__isnull=False).count(),
    }
    return render(request, "events/check_in.html", context)


def _check_in(request: HttpRequest, registration: Registration) -> None:
    name = registration.user
    try:
        registration_check_in(registration=registration)
    except RegistrationRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("%(name)s is checked in.") % {"name": name})


def check_in_link(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The ticket's link and QR code, which the ticket email tells the attendee to show.

    For the event's organisers it is the check-in page: GET shows who it is, POST checks them
    in. Anyone else holding the signed link (the attendee, first of all, signed in or not)
    sees the ticket itself; only organisers check people in."""
    registration = get_registration_from_ticket_token(slug, token)
    if can_manage_event(request.user, registration.event):
        if request.method == "POST":
            _check_in(request, registration)
            return redirect("events:check_in", slug=registration.event.slug)
        return render(request, "events/check_in_link.html", {"registration": registration})
    if request.method not in ("GET", "HEAD"):
        if not request.user.is_authenticated:  # an organiser signed out: sign in, then check in
            return redirect_to_login(request.get_full_path())
        raise Http404
    url = emails.check_in_url(registration)
    context = {
        "registration": registration,
        "event": registration.event,
        # segno writes the SVG and escapes the title; nothing a visitor sent goes into it.
        "qr_svg": mark_safe(  # noqa: S308
            emails.check_in_qr_svg(url, title=_("QR code of this ticket"))
        ),
        "is_own": registration.user_id == request.user.pk,
    }
    return render(request, "events/ticket.html", context)


@login_required
def message_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = emails.send_to_registrations(
            event=event,
            registrations=selectors.active_registrations(event=event),
            subject=form.cleaned_data["subject"],
            template="events/email/message.txt",
            context={"body": form.cleaned_data["body"]},
        )
        messages.success(request, _("Message sent to %(count)d people.") % {"count": sent})
        return redirect("events:attendees", slug=event.slug)
    counts = selectors.place_counts(event=event)
    return render(request, "events/message.html", {"event": event, "form": form, "counts": counts})


def _organisers(event: Event) -> QuerySet[User]:
    return User.objects.filter(
        chapter_memberships__chapter=event.chapter,
        chapter_memberships__role=ChapterMembership.Role.ORGANISER,
    ).select_related("profile")


@login_required
def tasks(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    form = TaskForm(
        request.POST or None, owners=_organisers(event), instance=EventTask(event=event)
    )
    if request.method == "POST" and form.is_valid():
        task_save(event=event, **form.cleaned_data)
        messages.success(request, _("Task added."))
        return redirect("events:tasks", slug=event.slug)
    task_list = event.tasks.select_related("owner__profile")
    context = {
        "event": event,
        "tasks": task_list,
        "form": form,
        # A task is overdue from the day after its due date, in the event's time zone.
        "today": timezone.localdate(timezone=ZoneInfo(event.time_zone)),
    }
    return render(request, "events/tasks.html", context)


@login_required
def task_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    task = get_object_or_404(EventTask, event=event, pk=pk)
    form = TaskForm(
        request.POST or None, owners=_organisers(event), instance=EventTask.objects.get(pk=pk)
    )
    if request.method == "POST" and form.is_valid():
        task_save(event=event, task=task, **form.cleaned_data)
        messages.success(request, _("Task saved."))
        return redirect("events:tasks", slug=event.slug)
    return render(request, "events/task_edit.html", {"event": event, "task": task, "form": form})


@require_POST
@login_required
def task_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    task = get_object_or_404(EventTask, event=event, pk=pk)
    task_save(event=event, task=task, status=EventTask.Status.DONE)
    messages.success(request, _("“%(task)s” is done.") % {"task": task.title})
    return redirect("events:tasks", slug=event.slug)
