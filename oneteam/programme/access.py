"""Look up and check access in one step: what the user may not see is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from oneteam.events.models import Event
from oneteam.programme import rules
from oneteam.programme.models import Session


def get_event_for_viewer(request: HttpRequest, event_slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=event_slug)
    if not rules.can_view_programme(user=request.user, event=event):
        raise Http404
    return event


def get_event_for_organiser(request: HttpRequest, event_slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("chapter"), slug=event_slug)
    if not rules.is_organiser(user=request.user, event=event):
        raise Http404
    return event


def get_session_for_viewer(request: HttpRequest, event_slug: str, pk: int) -> Session:
    # One query: the session with its event, the chapter the rules ask about and the
    # programme settings (which `selectors.programme_for` then takes from the event).
    sessions = Session.objects.select_related("event__chapter", "event__programme")
    session = get_object_or_404(sessions, event__slug=event_slug, pk=pk)
    if not rules.can_view_programme(user=request.user, event=session.event):
        raise Http404
    return session


def get_session_for_editor(request: HttpRequest, event_slug: str, pk: int) -> Session:
    """A session its host or an organiser may change; others get a 404."""
    session = get_session_for_viewer(request, event_slug, pk)
    if not rules.can_edit_session(user=request.user, session=session):
        raise Http404
    return session
