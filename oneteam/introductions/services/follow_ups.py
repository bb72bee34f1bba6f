"""The emails of introductions: the introduction itself, and "did you meet?" two weeks later.

Both are sent after the transaction that made them commits; a mail outage is logged and never
undoes a round. Each person gets their own email naming the others (never their addresses:
those are shown in the app only when both people chose to share them).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.core.mail import email_message
from oneteam.introductions.models import Introduced, Introduction
from oneteam.introductions.tokens import make_follow_up_token

logger = logging.getLogger(__name__)

FOLLOW_UP_AFTER = timedelta(days=14)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _messages(people: list[Introduced], template: str, subject: str) -> list[EmailMessage]:
    by_introduction: dict[int, list[Introduced]] = {}
    for person in people:
        by_introduction.setdefault(person.introduction_id, []).append(person)
    mine_url = _absolute(reverse("introductions:mine"))
    messages = []
    for person in people:
        if not person.user.is_active:
            continue
        others = [p for p in by_introduction[person.introduction_id] if p.pk != person.pk]
        context = {
            "person": person,
            "others": others,
            "prompts": person.introduction.prompts,
            "mine_url": mine_url,
            "follow_up_url": _absolute(
                reverse(
                    "introductions:follow_up",
                    kwargs={"token": make_follow_up_token(person.pk)},
                )
            ),
            "site_name": "One Team",
        }
        body = render_to_string(template, context)
        messages.append(email_message(subject=subject, body=body, to=[person.user.email]))
    return messages


def _send(messages: list[EmailMessage], what: str) -> int:
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send %s", what)
        return 0


def _people(**filters: object) -> list[Introduced]:
    return list(
        Introduced.objects.filter(**filters)
        .select_related("user__profile__discipline", "chapter", "introduction")
        .order_by("introduction_id", "pk")
    )


def send_introduction_emails(*, round_id: int) -> int:
    """One email per person introduced in the round; returns how many were sent."""
    people = _people(introduction__round_id=round_id)
    subject = _("Meet someone new from the One Team community")
    return _send(
        _messages(people, "introductions/email/introduced.txt", subject),
        f"introduction emails of round {round_id}",
    )


def schedule_follow_ups() -> None:
    """Ask the worker to send the follow-ups when they fall due (and any overdue)."""
    from oneteam.introductions.tasks import send_due_follow_ups

    if not send_due_follow_ups.get_backend().supports_defer:
        # The immediate backend (tests, scripts) cannot wait two weeks: nothing to schedule.
        logger.info("The tasks backend cannot run a task later; follow-ups not scheduled")
        return
    try:
        send_due_follow_ups.using(run_after=timezone.now() + FOLLOW_UP_AFTER).enqueue()
    except Exception:
        logger.exception("Could not schedule the introductions' follow-up emails")


def follow_ups_send_due(*, now: datetime | None = None) -> int:
    """Send "did you meet?" for every introduction at least FOLLOW_UP_AFTER old that has not
    had it, claiming each first so two workers never send one twice. Returns emails sent."""
    now = now or timezone.now()
    due = list(
        Introduction.objects.filter(
            follow_up_sent_at__isnull=True, created_at__lte=now - FOLLOW_UP_AFTER
        ).values_list("pk", flat=True)
    )
    claimed = [
        pk
        for pk in due
        if Introduction.objects.filter(pk=pk, follow_up_sent_at__isnull=True).update(
            follow_up_sent_at=now
        )
    ]
    if not claimed:
        return 0
    people = _people(introduction_id__in=claimed)
    subject = _("Did you meet? Tell us in one click")
    return _send(
        _messages(people, "introductions/email/follow_up.txt", subject), "follow-up emails"
    )
