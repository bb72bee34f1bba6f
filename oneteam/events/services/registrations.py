"""Registration: a fair queue that never overbooks a room nor loses a registration.

Every change to who holds a place runs in one transaction that first locks the event row
(SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction already takes the
database's single write lock). While holding it we count places and promote from the waitlist,
so concurrent registrations and cancellations are applied one after another, in the order they
obtained the lock: that order is the queue order (``queued_at``, then ``pk``).

Emails go out after the commit, ``robust``: a mail server that is down is logged and must not
turn a stored registration into an error page.

Invariant (tested under concurrency): among the registrations that are not cancelled, in queue
order, the first ``capacity`` are confirmed and the rest are waitlisted — unless an organiser
lowered the capacity, which never takes a confirmed place away.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.events import emails
from oneteam.events.models import Event, Registration
from oneteam.events.selectors import lock_event
from oneteam.members.models import Discipline
from oneteam.members.services import profile_display_name_set

Status = Registration.Status


class RegistrationRefused(ValidationError):
    """Raised with a {field: message} dict so the form shows the message against the field."""


def _local(event: Event, moment: datetime) -> str:
    return date_format(timezone.localtime(moment, ZoneInfo(event.time_zone)), "DATETIME_FORMAT")


def _check_open(event: Event, now: datetime) -> None:
    if event.status == Event.Status.CANCELLED:
        raise RegistrationRefused({"status": _("This event has been cancelled.")})
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationRefused({"status": _("This event is not open for registration.")})
    if event.registration_opens_at and now < event.registration_opens_at:
        raise RegistrationRefused(
            {
                "registration_opens_at": _("Registration opens on %(when)s.")
                % {"when": _local(event, event.registration_opens_at)}
            }
        )
    if now >= event.registration_closes:
        raise RegistrationRefused(
            {
                "registration_closes_at": _("Registration closed on %(when)s.")
                % {"when": _local(event, event.registration_closes)}
            }
        )


def _place_counts(event: Event) -> tuple[int, int]:
    """(confirmed, waitlisted) in one query: it runs while the event is locked."""
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return counts["confirmed"], counts["waitlisted"]


def _fill_places(event: Event) -> list[Registration]:
    """Promote the oldest waitlisted registrations into free places; returns them."""
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    free = event.capacity - confirmed
    if free <= 0:
        return []
    promoted_pks = list(
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .order_by("queued_at", "pk")
        .values_list("pk", flat=True)[:free]
    )
    if not promoted_pks:
        return []
    Registration.objects.filter(pk__in=promoted_pks).update(status=Status.CONFIRMED)
    return list(Registration.objects.filter(pk__in=promoted_pks).select_related("user", "event"))


def _announce_promotions(promoted: list[Registration], *, except_pk: int | None = None) -> None:
    for registration in promoted:
        if registration.pk != except_pk:
            transaction.on_commit(partial(emails.send_promotion, registration), robust=True)


def registration_create(
    *,
    event: Event,
    user: User,
    accepts_code_of_conduct: bool,
    discipline: Discipline | None = None,
    organisation: str = "",
    access_needs: str = "",
    needs_step_free: bool = False,
    dietary_needs: str = "",
    display_name: str = "",
) -> Registration:
    """Register a member: a place if one is free and nobody waits, else the waitlist.

    Refused (RegistrationRefused, nothing stored) when the event is not published, outside the
    registration window, without consent to the code of conduct, or when already registered.
    A member who cancelled may register again and joins the back of the queue.
    `display_name`, given by a member whose profile has no name, is saved to their profile
    with the registration (and not at all if it is refused).
    """
    with transaction.atomic():
        event = lock_event(event)
        now = timezone.now()
        _check_open(event, now)
        if not accepts_code_of_conduct:
            raise RegistrationRefused(
                {"accepts_code_of_conduct": _("Agree to the code of conduct to register.")}
            )
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status != Status.CANCELLED:
            raise RegistrationRefused({"status": _("You are already registered for this event.")})
        if display_name.strip():
            try:
                profile_display_name_set(user=user, display_name=display_name)
            except ValidationError as refused:
                raise RegistrationRefused(refused.message_dict) from refused
        registration = registration or Registration(event=event, user=user)
        confirmed, waiting = _place_counts(event)
        # Straight to a place only when one is free and nobody is queueing for it.
        has_place = confirmed < event.capacity and waiting == 0
        registration.status = Status.CONFIRMED if has_place else Status.WAITLISTED
        registration.queued_at = now
        registration.discipline = discipline
        registration.organisation = organisation
        registration.access_needs = access_needs
        registration.needs_step_free = needs_step_free
        registration.dietary_needs = dietary_needs
        registration.code_of_conduct_accepted_at = now
        registration.cancelled_at = None
        registration.checked_in_at = None
        registration.save()
        if not has_place and confirmed < event.capacity:
            # Free places with people waiting (a capacity rise not yet filled): fill in order.
            _announce_promotions(_fill_places(event), except_pk=registration.pk)
            registration.refresh_from_db(fields=["status"])
        transaction.on_commit(lambda: emails.send_registration_received(registration), robust=True)
    return registration


def registration_cancel(*, registration: Registration) -> Registration:
    """Give up a place (or a waitlist place); the oldest waitlisted member takes a freed place.
    Cancelling twice is harmless."""
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if event.status == Event.Status.PUBLISHED:
            _announce_promotions(_fill_places(event))
    return registration


def places_fill(*, event: Event) -> list[Registration]:
    """After a capacity rise: promote from the waitlist into the new places, with emails."""
    with transaction.atomic():
        event = lock_event(event)
        promoted = _fill_places(event) if event.status == Event.Status.PUBLISHED else []
        _announce_promotions(promoted)
    return promoted


def registration_check_in(*, registration: Registration) -> Registration:
    """Mark a confirmed attendee as arrived; checking in twice keeps the first time."""
    if registration.status != Status.CONFIRMED:
        raise RegistrationRefused({"status": _("Only confirmed attendees can be checked in.")})
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now()
        )
        registration.refresh_from_db(fields=["checked_in_at"])
    return registration
