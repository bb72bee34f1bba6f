"""The reminder an action's owner gets, with one-click "done" and "drop" links."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

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
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    return EmailMessage(subject=f"{prefix}{subject}", body=body, to=[action.owner.email])
