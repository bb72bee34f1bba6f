"""Look up an event (or a registration) and check access in one step: 404 for what the user
may not see, so a draft's existence is not revealed to people outside its chapter."""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.events import tokens
from oneteam.events.models import Event, Registration
from oneteam.events.rules import can_manage_event, can_view_event


def get_visible_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=slug)
    if not can_view_event(request.user, event):
        raise Http404
    return event


def get_event_for_organiser(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=slug)
    if not can_manage_event(request.user, event):
        raise Http404
    return event


def get_registration_from_cancel_token(token: str) -> Registration:
    """The registration a cancel link names; the signature is the access check."""
    try:
        pk = tokens.read_cancel_token(token)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(Registration.objects.select_related("event", "user"), pk=pk)


def get_registration_from_ticket_token(slug: str, token: str) -> Registration:
    """The registration a ticket's link (its QR code) names, within the event the link names;
    like the cancel link, the signature is the access check."""
    try:
        pk = tokens.read_check_in_token(token)
    except signing.BadSignature:
        raise Http404 from None
    return get_object_or_404(
        Registration.objects.select_related("user__profile", "event__chapter"),
        pk=pk,
        event__slug=slug,
    )
