"""The emails outcomes sends: an action's reminder, with one-click "done" and "drop" links, and
what came out of the event for the people who could not come."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from oneteam.core.mail import email_message
from oneteam.events.emails import send_to_registrations
from oneteam.events.models import Event, Registration
from oneteam.outcomes import rules, selectors
from oneteam.outcomes.models import Action
from oneteam.outcomes.tokens import make_action_token


def action_link(action: Action, verb: str) -> str:
    token = make_action_token(action.pk, verb)
    path = reverse("outcomes:action_link", kwargs={"event_slug": action.event.slug, "token": token})
    return settings.SITE_URL + path


def reminder_message(action: Action) -> EmailMessage:
    event = action.event
    context = {
        "action": action,
        "event": event,
        "done_url": action_link(action, "done"),
        "drop_url": action_link(action, "drop"),
        "actions_url": settings.SITE_URL
        + reverse("outcomes:actions", kwargs={"event_slug": event.slug}),
    }
    body = render_to_string("outcomes/email/reminder.txt", context)
    subject = _("Did you do it? Your action from %(event)s") % {"event": event.title}
    return email_message(subject=subject, body=body, to=[action.owner.email])


def absentees(event: Event) -> QuerySet[Registration]:
    """People with a place who did not check in: they could not come."""
    return Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED, checked_in_at__isnull=True
    ).select_related("user", "event__chapter")


def send_outcomes_to_absentees(*, event: Event) -> int:
    """What came out of the event, for those who missed it. It names no one, whatever the
    sessions' privacy: it goes to people who were not in the room."""
    sessions = [
        {
            "title": session.title,
            "privacy": session.get_privacy_display(),
            "shows_notes": rules.shows_notes(session),
            "done": session.actions_done,  # type: ignore[attr-defined]
            "open": session.actions_open,  # type: ignore[attr-defined]
            "url": settings.SITE_URL
            + reverse("outcomes:notes", kwargs={"event_slug": event.slug, "pk": session.pk}),
        }
        for session in selectors.published_sessions(event=event)
    ]
    return send_to_registrations(
        event=event,
        registrations=absentees(event),
        subject=_("What came out of %(event)s") % {"event": event.title},
        template="outcomes/email/outcomes.txt",
        context={
            "sessions": sessions,
            "outcomes_url": settings.SITE_URL
            + reverse("outcomes:programme", kwargs={"event_slug": event.slug}),
        },
    )
