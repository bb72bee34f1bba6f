"""The live room: the order of pitches on the day, and the Lean Coffee timebox."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.core.fields import max_length
from oneteam.events.models import Event
from oneteam.programme.models import EventProgramme, Session
from oneteam.programme.selectors import lean_coffee_topics, pitch_queue

TAKEAWAY_MAX = max_length(Session, "takeaway")


def _locked_programme(event: Event) -> EventProgramme:
    programme, _created = EventProgramme.objects.select_for_update().get_or_create(event=event)
    return programme


@transaction.atomic
def pitch_queue_move(*, session: Session, up: bool) -> list[Session]:
    """Move a pitch one place up or down the queue; returns the queue in its new order."""
    _locked_programme(session.event)
    queue: list[Session] = list(pitch_queue(event=session.event))
    index = next((i for i, s in enumerate(queue) if s.pk == session.pk), None)
    if index is None:
        raise ValidationError(_("This session is not in the pitch queue"))
    target = index - 1 if up else index + 1
    if 0 <= target < len(queue):
        queue[index], queue[target] = queue[target], queue[index]
    for position, queued in enumerate(queue, start=1):
        if queued.queue_position != position:
            queued.queue_position = position
            queued.save(update_fields=["queue_position"])
    return queue


@transaction.atomic
def pitch_queue_advance(*, event: Event, session: Session | None = None) -> EventProgramme:
    """Put a pitch on the projector: the given one, or the one after the current pitch."""
    programme = _locked_programme(event)
    if session is not None:
        if session.event_id != event.pk or session.status != Session.Status.PITCHED:
            raise ValidationError(_("Choose a pitched session of this event"))
        programme.current_pitch = session
    else:
        queue = list(pitch_queue(event=event))
        ids = [s.pk for s in queue]
        if programme.current_pitch_id in ids:
            following = ids.index(programme.current_pitch_id) + 1
            programme.current_pitch = queue[following] if following < len(queue) else None
        else:
            programme.current_pitch = queue[0] if queue else None
    programme.save(update_fields=["current_pitch"])
    return programme


@transaction.atomic
def topic_start_next(*, event: Event) -> EventProgramme:
    """Start the undiscussed topic with the most dots, with a fresh timebox."""
    programme = _locked_programme(event)
    if programme.current_topic_id is not None:
        raise ValidationError(_("Record a takeaway for the current topic first"))
    topic = lean_coffee_topics(event=event).first()
    if topic is None:
        raise ValidationError(_("Every topic has been discussed"))
    programme.current_topic = topic
    programme.current_topic_ends_at = timezone.now() + timedelta(minutes=programme.timebox_minutes)
    programme.save(update_fields=["current_topic", "current_topic_ends_at"])
    return programme


@transaction.atomic
def topic_extend(*, event: Event) -> EventProgramme:
    """The room voted thumbs-up: add the extension (counted from now if time had run out)."""
    programme = _locked_programme(event)
    if programme.current_topic_id is None or programme.current_topic_ends_at is None:
        raise ValidationError(_("No topic is being discussed"))
    base = max(programme.current_topic_ends_at, timezone.now())
    programme.current_topic_ends_at = base + timedelta(minutes=programme.extension_minutes)
    programme.save(update_fields=["current_topic_ends_at"])
    return programme


@transaction.atomic
def topic_finish(*, event: Event, takeaway: str) -> Session:
    """Close the current topic with the room's one-line takeaway."""
    programme = _locked_programme(event)
    topic = programme.current_topic
    if topic is None:
        raise ValidationError(_("No topic is being discussed"))
    takeaway = " ".join((takeaway or "").split())
    if not takeaway:
        raise ValidationError({"takeaway": _("Enter the takeaway in one line")})
    if len(takeaway) > TAKEAWAY_MAX:
        raise ValidationError(
            {"takeaway": _("Takeaway must be %(max)d characters or fewer") % {"max": TAKEAWAY_MAX}}
        )
    topic.takeaway = takeaway
    topic.discussed_at = timezone.now()
    topic.save(update_fields=["takeaway", "discussed_at"])
    programme.current_topic = None
    programme.current_topic_ends_at = None
    programme.save(update_fields=["current_topic", "current_topic_ends_at"])
    return topic
