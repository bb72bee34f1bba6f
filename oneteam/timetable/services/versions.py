"""Schedule versions: create from the engine's result, recount, copy, publish and restore.

Every write path (the organiser's pages, the background build, the CLI) goes through these
functions, so a version's stored cost is always the engine's own recount of its placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.events.models import Event
from oneteam.events.selectors import lock_event
from oneteam.live.broker import publish_on_commit
from oneteam.live.channels import event_channel
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import Placement, ScheduleVersion, SessionPin
from oneteam.timetable.selectors import current_version, version_placements

if TYPE_CHECKING:
    from oneteam.accounts.models import User

PlacementMap = adapter.PlacementMap
"""Session pk -> (room pk, slot pk)."""


def _lock_event(event: Event) -> Event:
    # Serialises version numbering and publishing per event (a no-op lock on SQLite, whose
    # writers are serialised anyway).
    return lock_event(event)


def _published_placements(
    event: Event, *, excluding: ScheduleVersion | None = None
) -> PlacementMap:
    current = current_version(event=event)
    if current is None or (excluding is not None and current.pk == excluding.pk):
        return {}
    return version_placements(version=current)


def version_recost(*, version: ScheduleVersion, reasons: dict[int, str] | None = None) -> None:
    """Recount the version's cost against the event's data now (moves against the published
    grid, unless this version is the published one) and list what it leaves out."""
    event = version.event
    placements = version_placements(version=version)
    previous = _published_placements(event, excluding=version)
    built = adapter.event_problem(event=event, previous=previous or None)
    version.cost = adapter.cost_of(built, placements)
    reasons = reasons or {}
    version.unscheduled = [
        {"session": pk, "reason": reasons.get(pk, "")} for pk in adapter.unplaced(built, placements)
    ]
    version.save(update_fields=["cost", "unscheduled"])


@transaction.atomic
def version_create(
    *,
    event: Event,
    placements: PlacementMap,
    origin: str,
    created_by: User | None = None,
    based_on: ScheduleVersion | None = None,
    lower_bound: float | None = None,
    solver: dict | None = None,
    reasons: dict[int, str] | None = None,
) -> ScheduleVersion:
    """A new draft version holding `placements`, numbered after the event's last version."""
    _lock_event(event)
    last = ScheduleVersion.objects.filter(event=event).aggregate(n=Max("number"))["n"] or 0
    version = ScheduleVersion.objects.create(
        event=event,
        number=last + 1,
        origin=origin,
        created_by=created_by,
        based_on=based_on,
        lower_bound=lower_bound,
        solver=solver or {},
    )
    Placement.objects.bulk_create(
        Placement(version=version, session_id=s, room_id=r, slot_id=t)
        for s, (r, t) in placements.items()
    )
    version_recost(version=version, reasons=reasons)
    return version


def version_from_result(
    *,
    event: Event,
    result: adapter.Result,
    origin: str,
    created_by: User | None = None,
    based_on: ScheduleVersion | None = None,
) -> ScheduleVersion:
    reasons = {adapter.pk_of(u.session): u.reason for u in result.unscheduled}
    return version_create(
        event=event,
        placements=adapter.placements_of(result),
        origin=origin,
        created_by=created_by,
        based_on=based_on,
        lower_bound=result.lower_bound,
        solver=result.solver.to_json(),
        reasons=reasons,
    )


def version_copy(
    *, version: ScheduleVersion, origin: str, created_by: User | None = None
) -> ScheduleVersion:
    """A new draft with the same placements (to adjust a published grid, or to restore one)."""
    return version_create(
        event=version.event,
        placements=version_placements(version=version),
        origin=origin,
        created_by=created_by,
        based_on=version,
    )


def publish_refusals(*, version: ScheduleVersion) -> list[str]:
    """Why this version may not be published now (empty when it may), naming the sessions."""
    event = version.event
    placements = version_placements(version=version)
    try:
        built = adapter.event_problem(event=event)
    except adapter.InvalidProblem as error:
        return error.refusals
    refusals: list[str] = []
    pinned = SessionPin.objects.filter(session__in=adapter.schedulable_sessions(event=event))
    for pin in pinned.select_related("session"):
        if pin.session_id not in placements:
            refusals.append(
                _("“%(title)s” is pinned but not placed in this version: place it or unpin it.")
                % {"title": pin.session.title}
            )
    refusals += adapter.describe(adapter.broken_rules(built, placements), document=built.document)
    return refusals


@transaction.atomic
def version_publish(*, version: ScheduleVersion, by: User | None = None) -> ScheduleVersion:
    """Make `version` the current grid; attendees see it at once (live) and are told of moves."""
    from oneteam.timetable.services.notices import notify_moves

    _lock_event(version.event)
    # Locked as `adjust_apply` locks it, so a change saved meanwhile cannot slip past the checks.
    version = ScheduleVersion.objects.select_for_update().select_related("event").get(pk=version.pk)
    refusals = publish_refusals(version=version)
    if refusals:
        raise ValidationError(refusals)
    previous = current_version(event=version.event)
    if previous is not None and previous.pk == version.pk:
        return version
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    version.is_current = True
    if version.published_at is None:
        version.published_at = timezone.now()
    version.save(update_fields=["is_current", "published_at"])
    # Moves are counted against the grid attendees saw last; now it is this one.
    version_recost(version=version)
    if previous is not None:
        notify_moves(previous=previous, version=version)
    publish_on_commit(
        event_channel(version.event.slug), "schedule-published", {"version": version.number}
    )
    return version


@transaction.atomic
def version_restore(*, version: ScheduleVersion, by: User | None = None) -> ScheduleVersion:
    """Publish an earlier version again, as a new version so the history stays linear."""
    _lock_event(version.event)
    # Whether it is current is the database's answer now, not the caller's copy's.
    version = ScheduleVersion.objects.select_related("event").get(pk=version.pk)
    if version.is_current:
        raise ValidationError(
            _("Version %(n)d is already the published grid.") % {"n": version.number}
        )
    if version.published_at is None:
        raise ValidationError(
            _("Only a grid that was published can be restored: publish this draft.")
        )
    restored = version_copy(version=version, origin=ScheduleVersion.Origin.RESTORED, created_by=by)
    return version_publish(version=restored, by=by)


@transaction.atomic
def version_replace_placements(
    *, version: ScheduleVersion, placements: PlacementMap
) -> ScheduleVersion:
    """Replace a draft's grid wholesale (adjustments build on this). Published ones are frozen."""
    version = ScheduleVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(
            _("Version %(n)d has been published and cannot change: adjust a copy of it.")
            % {"n": version.number}
        )
    Placement.objects.filter(version=version).delete()
    Placement.objects.bulk_create(
        Placement(version=version, session_id=s, room_id=r, slot_id=t)
        for s, (r, t) in placements.items()
    )
    version_recost(version=version)
    return version
