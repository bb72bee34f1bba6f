"""The Lean Coffee runner: topics in dot order, a timebox, extensions and takeaways."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from oneteam.core.forms import add_service_errors
from oneteam.events.models import Event
from oneteam.programme import selectors, services
from oneteam.programme.access import get_event_for_organiser
from oneteam.programme.forms import TakeawayForm
from oneteam.programme.views._helpers import is_htmx


def _context(event: Event, form: TakeawayForm | None = None) -> dict[str, object]:
    programme = selectors.programme_for(event=event)
    seconds_left = None
    if programme.current_topic_ends_at is not None:
        seconds_left = int((programme.current_topic_ends_at - timezone.now()).total_seconds())
    return {
        "event": event,
        "programme": programme,
        "current": programme.current_topic,
        "seconds_left": seconds_left,
        "minutes_left": max(0, -(-seconds_left // 60)) if seconds_left is not None else None,
        "topics": selectors.lean_coffee_topics(event=event),
        "discussed": selectors.discussed_topics(event=event),
        "form": form or TakeawayForm(),
    }


@require_safe
@login_required
def lean_coffee(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, event_slug)
    template = "programme/lean_coffee.html"
    return render(request, f"{template}#timer" if is_htmx(request) else template, _context(event))


@require_POST
@login_required
def lean_coffee_step(request: HttpRequest, event_slug: str) -> HttpResponse:
    """One door for the runner's buttons: start the next topic, extend, or finish."""
    event = get_event_for_organiser(request, event_slug)
    step = request.POST.get("step")
    form = TakeawayForm(request.POST if step == "finish" else None)
    try:
        if step == "start":
            services.topic_start_next(event=event)
        elif step == "extend":
            services.topic_extend(event=event)
        elif step == "finish":
            if not form.is_valid():
                return render(request, "programme/lean_coffee.html", _context(event, form))
            services.topic_finish(event=event, takeaway=form.cleaned_data["takeaway"])
        else:
            return HttpResponse(status=400)
    except ValidationError as error:
        if step == "finish":
            add_service_errors(form, error)
            return render(request, "programme/lean_coffee.html", _context(event, form))
        messages.error(request, error.messages[0])
    return redirect("programme:lean_coffee", event_slug=event.slug)
