"""The event page everyone sees, and registering for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.accounts.models import User
from oneteam.events import emails, rules, selectors
from oneteam.events.access import get_registration_from_cancel_token, get_visible_event
from oneteam.events.forms import RegistrationForm
from oneteam.events.models import Registration
from oneteam.events.services.registrations import (
    RegistrationRefused,
    registration_cancel,
    registration_create,
)
from oneteam.members.selectors import has_display_name


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_visible_event(request, slug)
    registration = selectors.registration_for(event=event, user=request.user)
    context = {
        "event": event,
        "registration": registration,
        "ticket_url": emails.check_in_path(event=event, registration=registration)
        if registration and registration.status == Registration.Status.CONFIRMED
        else "",
        "waitlist_position": registration
        and selectors.waitlist_position(registration=registration),
        "counts": selectors.place_counts(event=event),
        "registration_open": rules.registration_is_open(event),
        "can_manage": rules.can_manage_event(request.user, event),
        "rooms": event.rooms.all(),
        "slots": event.slots.all(),
    }
    return render(request, "events/detail.html", context)


def _initial_from_profile(user: User) -> dict[str, object]:
    profile = getattr(user, "profile", None)
    if profile is None:
        return {}
    return {"discipline": profile.discipline_id, "organisation": profile.organisation}


@login_required
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_visible_event(request, slug)
    user = signed_in_user(request)
    existing = selectors.registration_for(event=event, user=user)
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        return redirect("events:detail", slug=event.slug)
    form = RegistrationForm(
        request.POST or None,
        initial=_initial_from_profile(user),
        ask_name=not has_display_name(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_create(event=event, user=user, **form.cleaned_data)
        except RegistrationRefused as refused:
            for field, errors in refused.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, _("You have a place. We have emailed your ticket."))
            else:
                messages.success(
                    request, _("The event is full: you are on the waitlist. We have emailed you.")
                )
            return redirect("events:detail", slug=event.slug)
    context = {"event": event, "form": form, "registration_open": rules.registration_is_open(event)}
    return render(request, "events/register.html", context)


@require_POST
@login_required
def registration_cancel_own(request: HttpRequest, slug: str) -> HttpResponse:
    """One click on the event page gives up the signed-in member's place."""
    event = get_visible_event(request, slug)
    registration = selectors.registration_for(event=event, user=request.user)
    if registration is None:
        raise Http404
    registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", slug=event.slug)


@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    """From the email: GET shows one button (GET must change nothing), POST cancels."""
    registration = get_registration_from_cancel_token(token)
    if request.method == "POST":
        registration = registration_cancel(registration=registration)
        return render(request, "events/cancel_link.html", {"registration": registration})
    return render(request, "events/cancel_link.html", {"registration": registration})
