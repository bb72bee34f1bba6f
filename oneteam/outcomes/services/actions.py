"""Actions people commit to, closing them from a signed link, and their reminders."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.events.models import Event
from oneteam.outcomes.models import Action
from oneteam.outcomes.text import clean_text
from oneteam.programme.models import Session

logger = logging.getLogger(__name__)

# With no due date, the reminder goes this long after the event ends.
REMINDER_AFTER_EVENT = timedelta(weeks=4)


class ActionLinkError(Exception):
    """A done/drop link that cannot be used: its message says why, in people's words."""


@transaction.atomic
def action_create(
    *,
    event: Event,
    owner: User,
    text: str,
    due_on: date | None,
    is_public: bool,
    session: Session | None = None,
    today: date | None = None,
) -> Action:
    text = clean_text(text).strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Say what you will do.")
    if due_on is not None and due_on < (today or timezone.localdate()):
        errors["due_on"] = _(
            "The due date %(date)s has passed: choose today or a later date, or leave it empty."
        ) % {"date": due_on.strftime("%-d %B %Y")}
    if session is not None and session.event_id != event.pk:
        errors["session"] = _("Choose a session from this event.")
    if errors:
        raise ValidationError(errors)
    return Action.objects.create(
        event=event, owner=owner, text=text, due_on=due_on, is_public=is_public, session=session
    )


@transaction.atomic
def action_close(*, action_pk: int, status: str) -> Action:
    """Mark the action done or dropped (saying the state wanted, so a second click is safe)."""
    if status not in (Action.Status.DONE, Action.Status.DROPPED):
        raise ValueError(f"cannot close an action as {status!r}")
    action = Action.objects.select_for_update().select_related("event").filter(pk=action_pk).first()
    if action is None:
        raise ActionLinkError(_("This action no longer exists."))
    if action.status != status:
        action.status = status
        action.closed_at = timezone.now()
        action.save(update_fields=["status", "closed_at"])
    return action


def due_reminders(*, now: datetime) -> Q:
    """Open actions whose reminder is due and not yet sent."""
    today = timezone.localdate(now)
    return Q(status=Action.Status.OPEN, reminder_sent_at__isnull=True) & (
        Q(due_on__lte=today)
        | Q(due_on__isnull=True, event__ends_at__lte=now - REMINDER_AFTER_EVENT)
    )


def _claim(action_pk: int, now: datetime) -> bool:
    """Mark the reminder sent before sending it, in a transaction of its own: a worker that
    dies after this never sends it again, and two workers can never both claim it."""
    with transaction.atomic():
        return bool(
            Action.objects.filter(pk=action_pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
        )


def _release(action_pk: int, claimed_at: datetime) -> None:
    """The send failed (the mail server refused): let the next run try again."""
    with transaction.atomic():
        Action.objects.filter(pk=action_pk, reminder_sent_at=claimed_at).update(
            reminder_sent_at=None
        )


def send_due_reminders(*, now: datetime | None = None, limit: int = 500) -> int:
    """Send every due reminder once; returns how many were sent. Safe to run at any time, as
    often as wanted, from several workers at once: each action is claimed before its email."""
    from oneteam.outcomes.emails import reminder_message

    now = now or timezone.now()
    due = list(
        Action.objects.filter(due_reminders(now=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        if not _claim(pk, now):
            continue  # another worker has it
        action = Action.objects.select_related("event", "owner").get(pk=pk)
        try:
            reminder_message(action).send()
        except Exception:  # the mail server, not us: release so the next run retries
            logger.exception("Could not send the reminder for action %s", pk)
            _release(pk, now)
            continue
        sent += 1
    return sent
