"""Building the grid as a background job: start, run (in the worker), progress and staleness.

`build_start` runs in the web request: it checks the event makes a valid problem, records a
queued `ScheduleBuild` and enqueues `tasks.run_build` once the transaction commits. The worker
(`oneteam db_worker`) calls `build_run`, which solves, stores the result as a new draft version
through the version services, and records progress and the outcome on the build row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, overload

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.events.models import Event
from oneteam.live import audiences
from oneteam.live.broker import publish_on_commit
from oneteam.live.channels import event_channel
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleBuild, ScheduleVersion
from oneteam.timetable.selectors import current_version, version_placements
from oneteam.timetable.services.versions import _lock_event, version_from_result

if TYPE_CHECKING:
    from oneteam.accounts.models import User

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 10.0
MAX_TIME_LIMIT = 120.0
# A build queued or running for longer than this is taken to be lost (the worker died or was
# never started): it no longer blocks a new build and is shown as failed.
STALE_FACTOR = 5
STALE_GRACE_SECONDS = 60
# The worker writes progress to the build row at most this often.
PROGRESS_EVERY_SECONDS = 0.5
LIVE_EVENT = "schedule-build"

_ACTIVE = (ScheduleBuild.Status.QUEUED, ScheduleBuild.Status.RUNNING)


def build_deadline(build: ScheduleBuild) -> datetime:
    return build.created_at + timedelta(
        seconds=STALE_FACTOR * build.time_limit + STALE_GRACE_SECONDS
    )


def build_is_stale(build: ScheduleBuild, *, now: datetime | None = None) -> bool:
    return build.is_active and (now or timezone.now()) > build_deadline(build)


def build_progress(build: ScheduleBuild, *, now: datetime | None = None) -> int:
    """Percentage to show: what the engine reported, or the share of the time limit used
    (the engine reports at its milestones only), never 100 until the build is done."""
    if build.status == ScheduleBuild.Status.DONE:
        return 100
    fraction = build.progress
    if build.status == ScheduleBuild.Status.RUNNING and build.started_at and build.time_limit:
        elapsed = ((now or timezone.now()) - build.started_at).total_seconds()
        fraction = max(fraction, elapsed / build.time_limit)
    return max(0, min(99, int(fraction * 100)))


def _expire_stale(event: Event) -> int:
    """Mark the event's lost builds failed, in one update; returns how many there were."""
    now = timezone.now()
    stale = [
        build.pk
        for build in ScheduleBuild.objects.filter(event=event, status__in=_ACTIVE).only(
            "pk", "status", "created_at", "time_limit"
        )
        if build_is_stale(build, now=now)
    ]
    if not stale:
        return 0
    # Still active: a worker that finishes in the meantime keeps its outcome.
    return ScheduleBuild.objects.filter(pk__in=stale, status__in=_ACTIVE).update(
        status=ScheduleBuild.Status.FAILED,
        error=_("The build stopped responding (is the worker running?). Start again."),
        finished_at=now,
    )


@overload
def builds_expire_stale(*, event: Event, build: ScheduleBuild) -> ScheduleBuild: ...
@overload
def builds_expire_stale(*, event: Event, build: ScheduleBuild | None) -> ScheduleBuild | None: ...
def builds_expire_stale(*, event: Event, build: ScheduleBuild | None) -> ScheduleBuild | None:
    """Mark lost builds failed when an organiser's page shows `build` (the one it is about to
    show): otherwise a dead worker's build would look under way until the next build starts.

    Costs nothing unless `build` itself has passed its deadline; returns it as it now is."""
    if build is None or not build_is_stale(build):
        return build
    with transaction.atomic():
        _expire_stale(event)
    build.refresh_from_db(fields=["status", "error", "finished_at"])
    return build


def _check_event(event: Event, previous: dict[int, tuple[int, int]] | None) -> None:
    missing = []
    if not adapter.event_rooms(event=event).exists():
        missing.append(_("The event has no rooms: add rooms before building the grid."))
    if not adapter.schedulable_slots(event=event).exists():
        missing.append(_("The event has no session slots: add slots before building the grid."))
    if not adapter.schedulable_sessions(event=event).exists():
        missing.append(_("No sessions have been pitched yet, so there is nothing to place."))
    if missing:
        raise ValidationError(missing)
    # Raises `InvalidProblem` (a ValidationError, in the organiser's words) for conflicting pins.
    adapter.event_problem(event=event, previous=previous)


def build_start(
    *,
    event: Event,
    mode: str,
    requested_by: User | None,
    time_limit: float | None = None,
) -> ScheduleBuild:
    """Queue a build (or a repair of the published grid) of the event's grid.

    Refuses when a build is already under way, when there is nothing to build, when a repair
    has no published grid to start from, or when the event's data is not a valid problem.
    """
    if mode not in ScheduleBuild.Mode.values:
        raise ValidationError(_("Unknown kind of build."))
    limit = DEFAULT_TIME_LIMIT if time_limit is None else float(time_limit)
    if not 0 < limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            _("The time limit must be between 0 and %(max)d seconds.") % {"max": MAX_TIME_LIMIT}
        )
    with transaction.atomic():
        _lock_event(event)
        _expire_stale(event)
        if ScheduleBuild.objects.filter(event=event, status__in=_ACTIVE).exists():
            raise ValidationError(
                _("A build of this grid is already under way: wait for it to finish.")
            )
        previous = None
        if mode == ScheduleBuild.Mode.REPAIR:
            published = current_version(event=event)
            if published is None:
                raise ValidationError(
                    _("There is no published grid to repair: build and publish one first.")
                )
            previous = version_placements(version=published)
        _check_event(event, previous)
        build = ScheduleBuild.objects.create(
            event=event, mode=mode, time_limit=limit, requested_by=requested_by
        )
        transaction.on_commit(lambda: _enqueue(build.pk))
    return build


def _enqueue(build_id: int) -> None:
    from oneteam.timetable.tasks import run_build

    try:
        result = run_build.enqueue(build_id)
    except Exception as error:  # the queue is down: say so on the build rather than hang
        logger.exception("Could not enqueue schedule build %s", build_id)
        ScheduleBuild.objects.filter(pk=build_id, status__in=_ACTIVE).update(
            status=ScheduleBuild.Status.FAILED,
            error=_("The build could not be queued: %(error)s") % {"error": error},
            finished_at=timezone.now(),
        )
        return
    ScheduleBuild.objects.filter(pk=build_id, task_id="").update(task_id=str(result.id)[:64])


def _publish(build: ScheduleBuild, **data: object) -> None:
    # Organisers only: a build's costs and failures are not public facts.
    publish_on_commit(
        event_channel(build.event.slug),
        LIVE_EVENT,
        {"build": build.pk, **data},
        audience=audiences.organisers(build.event.chapter_id),
    )


class _Progress:
    """The engine's progress callback: writes to the build row and the live channel, throttled."""

    def __init__(self, build: ScheduleBuild, clock: Callable[[], float] = time.monotonic) -> None:
        self.build = build
        self.clock = clock
        self.last: float | None = None

    def __call__(self, fraction: float, best: float, note: str) -> None:
        now = self.clock()
        if self.last is not None and now - self.last < PROGRESS_EVERY_SECONDS and fraction < 1.0:
            return
        self.last = now
        ScheduleBuild.objects.filter(pk=self.build.pk).update(
            progress=max(0.0, min(1.0, fraction)), best_total=best, note=note[:200]
        )
        _publish(self.build, status="running", progress=int(fraction * 100), best=best)


def build_run(*, build_id: int) -> ScheduleBuild | None:
    """Run one queued build to the end (called by the worker). Never raises for a failed build:
    the failure is recorded on the row, and anything already stored is kept."""
    claimed = ScheduleBuild.objects.filter(pk=build_id, status=ScheduleBuild.Status.QUEUED).update(
        status=ScheduleBuild.Status.RUNNING, started_at=timezone.now()
    )
    build = (
        ScheduleBuild.objects.select_related("event", "requested_by").filter(pk=build_id).first()
    )
    if build is None or not claimed:
        # Gone, or already run (or given up as stale): nothing to do.
        return build
    event = build.event
    _publish(build, status="running", progress=0)
    try:
        based_on: ScheduleVersion | None = None
        previous = None
        origin = ScheduleVersion.Origin.BUILT
        if build.mode == ScheduleBuild.Mode.REPAIR:
            based_on = current_version(event=event)
            if based_on is None:
                raise ValidationError(_("There is no published grid to repair any more."))
            previous = version_placements(version=based_on)
            origin = ScheduleVersion.Origin.REPAIRED
        built = adapter.event_problem(event=event, previous=previous)
        result = adapter.solve(
            built,
            time_limit=build.time_limit,
            seed=build.pk,
            progress=_Progress(build),
            workers=1,
        )
        version = version_from_result(
            event=event,
            result=result,
            origin=origin,
            created_by=build.requested_by,
            based_on=based_on,
        )
    except Exception as error:
        logger.exception("Schedule build %s failed", build.pk)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        build.status = ScheduleBuild.Status.FAILED
        build.error = message or error.__class__.__name__
        build.finished_at = timezone.now()
        build.save(update_fields=["status", "error", "finished_at"])
        _publish(build, status="failed")
        return build
    build.status = ScheduleBuild.Status.DONE
    build.version = version
    build.progress = 1.0
    build.best_total = version.cost.get("total")
    build.note = ""
    build.finished_at = timezone.now()
    build.save(update_fields=["status", "version", "progress", "best_total", "note", "finished_at"])
    _publish(build, status="done", version=version.number)
    return build
