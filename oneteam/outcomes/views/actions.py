"""Committing to actions, and closing one from the signed link in its reminder."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oneteam.accounts.auth import signed_in_user
from oneteam.core.forms import add_service_errors
from oneteam.outcomes import rules, selectors, services
from oneteam.outcomes.access import get_event_for_viewer
from oneteam.outcomes.forms import ActionForm
from oneteam.outcomes.models import Action
from oneteam.outcomes.tokens import read_action_token
from oneteam.programme.models import Session


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def actions(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    can_take_part = rules.can_take_part(user=request.user, event=event)
    sessions = Session.objects.filter(event=event, status=Session.Status.PITCHED)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        sessions=sessions,
        initial={"session": request.GET.get("session")},
    )
    status = 200
    if request.method == "POST":
        if not can_take_part:
            messages.error(
                request,
                _("Only people registered for %(event)s can commit to its actions.")
                % {"event": event.title},
            )
            return redirect("outcomes:actions", event_slug=event_slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_create(
                    event=event,
                    owner=signed_in_user(request),
                    text=data["text"],
                    due_on=data["due_on"],
                    is_public=data["is_public"],
                    session=data["session"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your action is saved. We will remind you."))
                return redirect("outcomes:actions", event_slug=event_slug)
        status = 400
    context: dict[str, Any] = {
        "event": event,
        "form": form,
        "can_take_part": can_take_part,
        "my_actions": selectors.my_actions(event=event, user=signed_in_user(request)),
    }
    return render(request, "outcomes/actions.html", context, status=status)


_VERB_STATUS = {"done": Action.Status.DONE, "drop": Action.Status.DROPPED}


@require_http_methods(["GET", "HEAD", "POST"])
def action_link(request: HttpRequest, event_slug: str, token: str) -> HttpResponse:
    """The link in a reminder. GET only asks to confirm (mail scanners follow links); POST
    changes. The signature is the access check, so no sign-in is needed."""
    try:
        pk, verb = read_action_token(token)
    except signing.SignatureExpired:
        return _link_problem(request, _("This link has expired. Sign in to update your action."))
    except signing.BadSignature:
        return _link_problem(request, _("This link is not valid. Check you copied all of it."))
    action = Action.objects.select_related("event").filter(pk=pk, event__slug=event_slug).first()
    if action is None:
        return _link_problem(request, _("This action no longer exists."))
    status = _VERB_STATUS[verb]
    if request.method == "POST":
        try:
            action = services.action_close(action_pk=action.pk, status=status)
        except services.ActionLinkError as error:
            return _link_problem(request, str(error))
        context = {"action": action, "event": action.event, "verb": verb, "changed": True}
        return render(request, "outcomes/action_link.html", context)
    context = {"action": action, "event": action.event, "verb": verb, "changed": False}
    return render(request, "outcomes/action_link.html", context)


def _link_problem(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "outcomes/link_problem.html", {"message": message}, status=400)
