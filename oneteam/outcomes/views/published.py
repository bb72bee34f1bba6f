"""After the event: the published programme with its outcomes, exports, feedback."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.forms import add_service_errors
from oneteam.outcomes import exports, rules, selectors, services
from oneteam.outcomes.access import get_event_for_organiser, get_event_for_viewer
from oneteam.outcomes.emails import absentees, send_outcomes_to_absentees
from oneteam.outcomes.forms import FeedbackForm


@require_safe
def programme(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Every session with its notes or summary and its actions, in a fixed number of queries."""
    event = get_event_for_viewer(request, event_slug)
    organiser = rules.is_organiser(user=request.user, event=event)
    sessions = list(selectors.published_sessions(event=event))
    rows = [
        {
            "session": session,
            "record": exports.session_record(session),
            "host_names": selectors.host_names(
                session=session, user=request.user, organiser=organiser
            ),
            "shows_notes": rules.shows_notes(session),
        }
        for session in sessions
    ]
    context: dict[str, Any] = {
        "event": event,
        "rows": rows,
        "is_organiser": organiser,
        "can_take_part": rules.can_take_part(user=request.user, event=event),
    }
    return render(request, "outcomes/programme.html", context)


@require_safe
def export_json(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    response = JsonResponse(exports.event_record(event), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-outcomes.json"'
    return response


@require_safe
def export_csv(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    response = HttpResponse(exports.event_csv(event), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-outcomes.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feedback(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_viewer(request, event_slug)
    user = signed_in_user(request)
    if not rules.can_take_part(user=user, event=event):
        context = {
            "event": event,
            "message": _("Only people registered for %(event)s can give feedback on it.")
            % {"event": event.title},
        }
        return render(request, "outcomes/feedback_refused.html", context, status=403)
    existing = selectors.feedback_for(event=event, user=user)
    initial: dict[str, object] = {"editing": existing is not None}
    if existing is not None:
        initial.update(rating=existing.rating, text=existing.text)
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.feedback_save(
                    event=event,
                    user=user,
                    rating=data["rating"],
                    text=data["text"],
                    editing=data["editing"],
                )
            except services.FeedbackExists as clash:
                kept = existing = clash.existing
                form = FeedbackForm(
                    initial={"rating": kept.rating, "text": kept.text, "editing": True}
                )
                messages.error(
                    request,
                    _(
                        "You have already given feedback on this event, so nothing was changed. "
                        "Here is what you said: change it below if you want to."
                    ),
                )
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your feedback is saved."))
                return redirect("outcomes:feedback", event_slug=event_slug)
    context = {"event": event, "form": form, "existing": existing}
    return render(request, "outcomes/feedback.html", context, status=status)


@require_safe
@login_required
def feedback_results(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    context = {"event": event, "results": selectors.feedback_results(event=event)}
    return render(request, "outcomes/feedback_results.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def share(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Organisers send the outcomes to the people who could not come (GET asks first)."""
    event = get_event_for_organiser(request, event_slug)
    if request.method == "POST":
        sent = send_outcomes_to_absentees(event=event)
        messages.success(
            request, _("The outcomes were sent to %(count)d people.") % {"count": sent}
        )
        return redirect("outcomes:programme", event_slug=event_slug)
    context = {"event": event, "recipients": absentees(event).count()}
    return render(request, "outcomes/share.html", context)
