"""Marking interest: an htmx fragment when JavaScript runs, a plain form post when it does not."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.params import next_path
from oneteam.programme import rules, selectors, services
from oneteam.programme.access import get_event_for_viewer, get_session_for_viewer
from oneteam.programme.models import Session
from oneteam.programme.views._helpers import is_htmx


@require_POST
@login_required
def interest(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    session = get_session_for_viewer(request, event_slug, pk)
    # The request names the state wanted, not "toggle": a retried post cannot flip it back.
    wanted = request.POST.get("interested") == "true"
    state, error = None, None
    try:
        state = services.interest_set(
            session=session, user=signed_in_user(request), interested=wanted
        )
    except ValidationError as refused:
        error = refused.messages[0]
    if is_htmx(request):
        return _interest_card(request, session, state, error)
    if error:
        messages.error(request, error)
    elif wanted:
        messages.success(request, _("You are interested in “%(title)s”") % {"title": session.title})
    else:
        messages.success(
            request, _("You are no longer interested in “%(title)s”") % {"title": session.title}
        )
    back = next_path(request) or reverse(
        "programme:session_list", kwargs={"event_slug": event_slug}
    )
    return redirect(f"{back}#session-{pk}")


def _interest_card(
    request: HttpRequest, session: Session, state: services.InterestState | None, error: str | None
) -> HttpResponse:
    """The session's card and the member's dots, swapped in by htmx."""
    event = session.event
    card: Session
    if state is not None:
        # The service counted as it wrote: only the hosts are left to read. The card is given
        # the two values open_sessions would have annotated, so it is typed as one of its rows.
        counted = cast("selectors.SessionCard", selectors.with_hosts(session=session))
        counted.interest_count, counted.is_interested = state.interest_count, state.interested
        card = counted
        programme, dots_used, can_take_part = state.programme, state.dots_used, True
    else:
        user = signed_in_user(request)
        found = selectors.open_sessions(event=event, user=user).filter(pk=session.pk).first()
        card = found or session
        programme = selectors.programme_for(event=event)
        dots_used = selectors.dots_used(event=event, user=user)
        # Only attendees get past the service; for anyone else the refusal is shown.
        can_take_part = rules.can_take_part(user=user, event=event)
    context = {
        "event": event,
        "session": card,
        "programme": programme,
        "can_take_part": can_take_part,
        "dots_used": dots_used,
        "error": error,
        "oob": True,
        "back_url": next_path(request),
    }
    return render(request, "programme/session_list.html#interest_response", context)


@require_safe
@login_required
def my_choices(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    user = signed_in_user(request)
    context = {
        "event": event,
        "programme": selectors.programme_for(event=event),
        "grid_published": selectors.grid_published(event=event),
        "sessions": selectors.chosen_sessions(event=event, user=user),
        "hosting": selectors.hosted_sessions(event=event, user=user),
        "dots_used": selectors.dots_used(event=event, user=user),
        "can_take_part": rules.can_take_part(user=user, event=event),
    }
    return render(request, "programme/my_choices.html", context)
