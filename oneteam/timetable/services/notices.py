"""Telling hosts and interested attendees that a session they care about moved, left the grid
or was cancelled."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oneteam.accounts.models import User
from oneteam.core.mail import email_message
from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import Interest, Session
from oneteam.timetable.models import ScheduleChange, ScheduleVersion
from oneteam.timetable.selectors import version_diff

logger = logging.getLogger(__name__)


def notify_moves(*, previous: ScheduleVersion, version: ScheduleVersion) -> list[ScheduleChange]:
    """Record a change notice (shown on the agenda) and email each person affected.

    A session counts when its room or slot changed, or when it left the grid; sessions new to
    the grid moved nobody. Hosts and everyone who marked an interest hear about it, once per
    session and version; each person gets one email listing all their changed sessions, sent
    after the publish commits (a mail outage is logged and never undoes the publish).
    """
    moves = [m for m in version_diff(old=previous, new=version) if m.before is not None]
    if not moves:
        return []
    session_ids = [m.session_id for m in moves]
    people: dict[int, set[int]] = defaultdict(set)  # session pk -> user pks
    for session_id, user_id in Session.hosts.through.objects.filter(
        session_id__in=session_ids
    ).values_list("session_id", "user_id"):
        people[session_id].add(user_id)
    for session_id, user_id in Interest.objects.filter(session_id__in=session_ids).values_list(
        "session_id", "user_id"
    ):
        people[session_id].add(user_id)
    changes = [
        ScheduleChange(
            user_id=user_id,
            version=version,
            session_id=move.session_id,
            from_room_id=move.before[0] if move.before else None,
            from_slot_id=move.before[1] if move.before else None,
            to_room_id=move.after[0] if move.after else None,
            to_slot_id=move.after[1] if move.after else None,
        )
        for move in moves
        for user_id in sorted(people[move.session_id])
    ]
    ScheduleChange.objects.bulk_create(changes, ignore_conflicts=True)
    version_id = version.pk
    transaction.on_commit(lambda: send_change_emails(version_id=version_id), robust=True)
    return changes


@dataclass(frozen=True)
class ChangeLine:
    title: str
    from_room: Room | None
    from_slot: Slot | None
    to_room: Room | None
    to_slot: Slot | None
    # Out of the grid because the session was cancelled (withdrawn), not just left out.
    cancelled: bool = False


def is_cancellation(notice: ScheduleChange) -> bool:
    """The notice is about a session that left the grid because it was cancelled."""
    return notice.to_slot_id is None and notice.session.status == Session.Status.WITHDRAWN


def _subject(event: Event, lines: list[ChangeLine]) -> str:
    if all(line.cancelled for line in lines):
        return ngettext(
            "A session you follow at %(event)s is cancelled",
            "Sessions you follow at %(event)s are cancelled",
            len(lines),
        ) % {"event": event.title}
    return _("Sessions you follow at %(event)s have moved") % {"event": event.title}


def _agenda_url(event: Event) -> str:
    return settings.SITE_URL + reverse("timetable:agenda", kwargs={"event_slug": event.slug})


def send_change_emails(*, version_id: int) -> int:
    """One email per person with a change notice on this version; returns how many were sent."""
    version = ScheduleVersion.objects.select_related("event").get(pk=version_id)
    event = version.event
    by_user: dict[int, list[ChangeLine]] = defaultdict(list)
    notices = (
        ScheduleChange.objects.filter(version=version, dismissed_at__isnull=True)
        .select_related("session", "from_room", "from_slot", "to_room", "to_slot")
        .order_by("user_id", "from_slot__starts_at", "session__title", "pk")
    )
    for notice in notices:
        by_user[notice.user_id].append(
            ChangeLine(
                notice.session.title,
                notice.from_room,
                notice.from_slot,
                notice.to_room,
                notice.to_slot,
                cancelled=is_cancellation(notice),
            )
        )
    users = User.objects.filter(pk__in=by_user, is_active=True).order_by("pk")
    context = {"event": event, "agenda_url": _agenda_url(event), "site_name": "One Team"}
    messages = []
    with timezone.override(event.time_zone):
        for user in users:
            subject = _subject(event, by_user[user.pk])
            body = render_to_string(
                "timetable/email/moves.txt", {**context, "changes": by_user[user.pk]}
            )
            messages.append(email_message(subject=subject, body=body, to=[user.email]))
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send schedule change emails for version %s", version_id)
        return 0
