"""The personal agenda of an event, its change notices, and the member's private calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from oneteam.accounts.auth import signed_in_user
from oneteam.core.htmx import is_htmx, render_page_or_fragment
from oneteam.core.params import parse_id
from oneteam.events.models import Event
from oneteam.live.channels import event_channel
from oneteam.timetable import calendars
from oneteam.timetable.access import get_event_for_agenda
from oneteam.timetable.agenda import agenda_for
from oneteam.timetable.models import AgendaFeed
from oneteam.timetable.services import agenda as services


@require_safe
@login_required
def agenda(request: HttpRequest, event_slug: str) -> HttpResponse:
    return _render_agenda(request, get_event_for_agenda(request, event_slug))


def _render_agenda(request: HttpRequest, event: Event) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "event": event,
        "agenda": agenda_for(event=event, user=user),
        "channel": event_channel(event.slug),
        "has_feed": AgendaFeed.objects.filter(user=user).exists(),
    }
    # A publish refetches only the agenda itself, not the live wrapper around it.
    return render_page_or_fragment(
        request, "timetable/agenda.html", "timetable/agenda.html#agenda", context
    )


@require_POST
@login_required
def notice_dismiss(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Dismiss one notice (`notice` in the form) or all of them (no `notice`)."""
    event = get_event_for_agenda(request, event_slug)
    raw = request.POST.get("notice", "")
    notice_id = parse_id(raw) if raw else None
    if raw and notice_id is None:
        notice_id = 0  # never matches: a malformed id dismisses nothing rather than everything
    services.notice_dismiss(user=signed_in_user(request), event=event, notice_id=notice_id)
    if is_htmx(request):
        return _render_agenda(request, event)
    return redirect(reverse("timetable:agenda", kwargs={"event_slug": event.slug}) + "#notices")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feed(request: HttpRequest) -> HttpResponse:
    """Explain the feed and create, revoke or renew its address (one form, three buttons)."""
    user = signed_in_user(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            services.feed_create(user=user)
            messages.success(request, _("Your calendar feed is ready."))
        elif action == "regenerate":
            services.feed_regenerate(user=user)
            messages.success(
                request, _("Your calendar feed has a new address. The old one no longer works.")
            )
        elif action == "revoke":
            services.feed_revoke(user=user)
            messages.success(
                request, _("Your calendar feed is revoked: its address no longer works.")
            )
        return redirect("agenda:feed")
    feed = AgendaFeed.objects.filter(user=user).first()
    context: dict[str, object] = {"feed": feed}
    if feed is not None:
        path = reverse("agenda:feed_ics", kwargs={"token": feed.token})
        # The site's own address, as in every other calendar link: the host a request came in
        # by (behind a proxy, say) is not necessarily one a calendar app can reach.
        https = settings.SITE_URL + path
        context |= {"https_url": https, "webcal_url": "webcal://" + https.split("://", 1)[1]}
    response = render(request, "timetable/feed.html", context)
    # The page shows the secret address: keep it out of shared caches and the browser's cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _unlogged(response: HttpResponse) -> HttpResponse:
    # Django logs every 4xx with its path; the feed's path holds a (revoked or guessed) token,
    # which must stay out of the logs. Marking the response as logged skips that line.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in, the token in the address is the credential."""
    if request.method not in ("GET", "HEAD"):
        return _unlogged(HttpResponseNotAllowed(["GET", "HEAD"]))
    # One lookup on a unique index: no per-character comparison in Python to time.
    owner = AgendaFeed.objects.filter(token=token).select_related("user").first()
    if owner is None or not owner.user.is_active:
        return _unlogged(HttpResponseNotFound(b"", content_type="text/plain"))
    response = HttpResponse(
        calendars.agenda_calendar(user=owner.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
