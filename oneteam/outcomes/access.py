"""Look up and check access in one step: what the viewer may not see is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.events.models import Event
from oneteam.outcomes import rules
from oneteam.programme.models import Session


def get_event_for_viewer(request: HttpRequest, event_slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=event_slug)
    if not rules.can_view_outcomes(user=request.user, event=event):
        raise Http404
    return event


def get_event_for_organiser(request: HttpRequest, event_slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=event_slug)
    if not rules.is_organiser(user=request.user, event=event):
        raise Http404
    return event


def get_session_for_viewer(request: HttpRequest, event_slug: str, pk: int) -> Session:
    """A pitched session of a visible event, with its hosts (and their profiles) fetched."""
    sessions = (
        Session.objects.select_related("event__chapter")
        .prefetch_related("hosts__profile")
        .exclude(status=Session.Status.MERGED)
    )
    session = get_object_or_404(sessions, event__slug=event_slug, pk=pk)
    if not rules.can_view_outcomes(user=request.user, event=session.event):
        raise Http404
    return session
