"""The emails an event sends. Callers schedule them with transaction.on_commit, so nobody is
told about a place that a rolled-back transaction never gave them."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import segno
from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.core.mail import email_message
from oneteam.events import tokens
from oneteam.events.models import Event, Registration
from oneteam.events.selectors import waitlist_position


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def cancel_url(registration: Registration) -> str:
    return absolute(
        reverse("events:cancel_link", kwargs={"token": tokens.make_cancel_token(registration.pk)})
    )


def check_in_path(*, event: Event, registration: Registration) -> str:
    """The ticket's link: the attendee's ticket page, and check-in for the organisers."""
    token = tokens.make_check_in_token(registration.pk)
    return reverse("events:check_in_link", kwargs={"slug": event.slug, "token": token})


def check_in_url(registration: Registration) -> str:
    return absolute(check_in_path(event=registration.event, registration=registration))


def check_in_qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def check_in_qr_svg(url: str, *, title: str) -> str:
    """The same QR code as the email's attachment, as inline SVG for the ticket page."""
    return segno.make(url, error="m").svg_inline(scale=5, border=2, title=title)


def _message(subject: str, template: str, context: dict[str, Any], to: str) -> EmailMessage:
    event: Event = context["event"]
    context = {
        **context,
        "event_url": absolute(reverse("events:detail", kwargs={"slug": event.slug})),
        "calendar_url": absolute(reverse("events:calendar", kwargs={"slug": event.slug})),
        "site_name": "One Team",
    }
    with timezone.override(event.time_zone):
        body = render_to_string(template, context)
    return email_message(subject=subject, body=body, to=[to])


def _ticket(registration: Registration, subject: str) -> EmailMessage:
    url = check_in_url(registration)
    message = _message(
        subject,
        "events/email/ticket.txt",
        {
            "event": registration.event,
            "registration": registration,
            "check_in_url": url,
            "cancel_url": cancel_url(registration),
        },
        registration.user.email,
    )
    message.attach("ticket-qr-code.png", check_in_qr_png(url), "image/png")
    return message


def send_registration_received(registration: Registration) -> None:
    """A ticket for a confirmed place, or the waitlist place with its position."""
    event = registration.event
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("Your place at %(event)s") % {"event": event.title}
        _ticket(registration, subject).send()
        return
    subject = _("You are on the waitlist for %(event)s") % {"event": event.title}
    context = {
        "event": event,
        "registration": registration,
        "position": waitlist_position(registration=registration),
        "cancel_url": cancel_url(registration),
    }
    _message(subject, "events/email/waitlisted.txt", context, registration.user.email).send()


def send_promotion(registration: Registration) -> None:
    subject = _("A place has come up for you at %(event)s") % {"event": registration.event.title}
    _ticket(registration, subject).send()


def send_to_registrations(
    *,
    event: Event,
    registrations: Iterable[Registration],
    subject: str,
    template: str,
    context: dict[str, Any] | None = None,
) -> int:
    """One email per registration over one connection; returns how many were sent."""
    messages = [
        _message(
            subject,
            template,
            {
                **(context or {}),
                "event": event,
                "registration": registration,
                "cancel_url": cancel_url(registration),
            },
            registration.user.email,
        )
        for registration in registrations
    ]
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0
