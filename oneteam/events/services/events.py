"""Writes to events and their rooms and time slots."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oneteam.chapters.models import Chapter
from oneteam.core.saving import save_validated
from oneteam.events import emails
from oneteam.events.models import Event, Room, Slot
from oneteam.events.selectors import active_registrations, lock_event
from oneteam.events.services.organising import tasks_seed_from_checklist
from oneteam.events.services.registrations import places_fill

# Changing these after publication changes people's plans: registrants are told.
_NOTIFIED_FIELDS = {
    "starts_at": gettext_lazy("The start time has changed."),
    "ends_at": gettext_lazy("The end time has changed."),
    "time_zone": gettext_lazy("The time zone has changed."),
    "venue_name": gettext_lazy("The venue has changed."),
    "venue_address": gettext_lazy("The venue address has changed."),
    "venue_access": gettext_lazy("The travel and access information has changed."),
}


def _unique_slug(chapter: Chapter, title: str, event: Event) -> str:
    base = slugify(f"{chapter.slug} {title} {event.starts_at:%Y-%m-%d}")[:70] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=event.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def event_create(*, chapter: Chapter, title: str, **fields: object) -> Event:
    """A new draft event, its task list seeded from the chapter's checklist."""
    event = Event(chapter=chapter, title=title, status=Event.Status.DRAFT, **fields)
    event.slug = _unique_slug(chapter, title, event)
    event.full_clean()
    event.save()
    tasks_seed_from_checklist(event=event)
    return event


def event_update(*, event: Event, **fields: object) -> Event:
    """Change an event. Registrants hear about changed times and places; a larger capacity
    promotes people from the waitlist."""
    with transaction.atomic():
        current = lock_event(event)
        changed = [name for name, value in fields.items() if getattr(current, name) != value]
        save_validated(current, fields)
        notices = [str(_NOTIFIED_FIELDS[name]) for name in changed if name in _NOTIFIED_FIELDS]
        if notices and current.status == Event.Status.PUBLISHED:
            transaction.on_commit(lambda: _notify_change(current, notices), robust=True)
        if "capacity" in changed:
            places_fill(event=current)
    return current


def _notify_change(event: Event, changes: list[str]) -> None:
    emails.send_to_registrations(
        event=event,
        registrations=active_registrations(event=event),
        subject=_("%(event)s has changed") % {"event": event.title},
        template="events/email/changed.txt",
        context={"changes": changes},
    )


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    event = lock_event(event)
    if event.status == Event.Status.DRAFT:
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status"])
    return event


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel the event and tell everyone registered. Their registrations are kept."""
    event = lock_event(event, with_chapter=True)
    if event.status == Event.Status.CANCELLED:
        return event
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    if was_published:
        transaction.on_commit(
            lambda: emails.send_to_registrations(
                event=event,
                registrations=active_registrations(event=event),
                subject=_("%(event)s is cancelled") % {"event": event.title},
                template="events/email/cancelled.txt",
            ),
            robust=True,
        )
    return event


@transaction.atomic
def room_save(*, event: Event, room: Room | None = None, **fields: object) -> Room:
    return save_validated(room or Room(event=event), fields)


@transaction.atomic
def room_delete(*, room: Room) -> None:
    room.delete()


@transaction.atomic
def slot_save(*, event: Event, slot: Slot | None = None, **fields: object) -> Slot:
    # Lock the event so two organisers adding slots at once cannot create an overlap.
    lock_event(event)
    return save_validated(slot or Slot(event=event), fields)


@transaction.atomic
def slot_delete(*, slot: Slot) -> None:
    slot.delete()
