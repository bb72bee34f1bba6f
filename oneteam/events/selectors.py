"""Reads about events and registrations that are more than a filter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oneteam.events.models import Event, Registration

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from oneteam.accounts.models import User


def lock_event(event: Event | int, *, with_chapter: bool = False) -> Event:
    """The event (or the event with this id) read afresh and locked until the transaction ends.

    Writers that count places, number versions or check overlaps take it first, so two at once
    queue instead of both acting on the same counts (a no-op on SQLite, whose writers are
    serialised anyway). Call inside transaction.atomic()."""
    events = Event.objects.select_for_update(of=("self",))
    if with_chapter:
        events = events.select_related("chapter")
    return events.get(pk=event if isinstance(event, int) else event.pk)


def upcoming_events(*, limit: int) -> QuerySet[Event]:
    """The next published events not yet over, soonest first, with their chapters."""
    return (
        Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("chapter")
        .order_by("starts_at")[:limit]
    )


def is_confirmed_attendee(*, event: Event, user: User | AnonymousUser) -> bool:
    """Whether the user holds a confirmed place at the event (not waitlisted, not cancelled)."""
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()


def registration_for(*, event: Event, user: User | AnonymousUser) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waitlist_position(*, registration: Registration) -> int | None:
    """1 for the next person to be promoted; None when not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def place_counts(*, event: Event) -> dict[str, int]:
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    confirmed = counts.get(Registration.Status.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
        "free": max(event.capacity - confirmed, 0),
    }


def event_registrations(
    *, event: Event, statuses: tuple[str, ...] | None = None
) -> QuerySet[Registration]:
    """Registrations with everything a list shows, in queue order (no N+1 queries)."""
    registrations = Registration.objects.filter(event=event).select_related(
        "user__profile", "discipline"
    )
    if statuses:
        registrations = registrations.filter(status__in=statuses)
    return registrations.order_by("queued_at", "pk")


def active_registrations(*, event: Event) -> QuerySet[Registration]:
    return event_registrations(
        event=event,
        statuses=(Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
    ).select_related("event__chapter")


@dataclass(frozen=True)
class DisciplineShare:
    name: str
    count: int
    percent: int


def discipline_mix(*, event: Event) -> list[DisciplineShare]:
    """Confirmed attendees by discipline, largest first: is the room policy *and* digital?"""
    rows = (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .values("discipline__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "discipline__name")
    )
    total = sum(row["n"] for row in rows)
    return [
        DisciplineShare(
            name=row["discipline__name"] or str(_("Not given")),
            count=row["n"],
            percent=round(100 * row["n"] / total),
        )
        for row in rows
    ]


def _matching(registrations: QuerySet[Registration], query: str) -> QuerySet[Registration]:
    """Registrations whose member's name or email address contains every word of the query,
    in any case ("sam walk", "walker@")."""
    for word in query.split():
        registrations = registrations.filter(
            Q(user__profile__display_name__icontains=word) | Q(user__email__icontains=word)
        )
    return registrations


def search_attendees(*, event: Event, query: str) -> QuerySet[Registration]:
    """Confirmed attendees whose name or email address matches the query, for check-in at the
    door."""
    registrations = event_registrations(event=event, statuses=(Registration.Status.CONFIRMED,))
    registrations = _matching(registrations, query)
    return registrations.order_by("user__profile__display_name", "pk")


def search_active_registrations(*, event: Event, query: str) -> QuerySet[Registration]:
    """The attendee list (confirmed and waitlisted) narrowed to names or emails matching the
    query; everyone when it is empty."""
    return _matching(active_registrations(event=event), query)
