"""Reads for the organiser's preview of a version: its grid, what it means for people (its
cost in words), the sessions that most hurt and how it differs from the published grid."""

from __future__ import annotations

from dataclasses import dataclass, field

from oneteam.events.models import Event, Room, Slot
from oneteam.programme.models import Session
from oneteam.timetable import costs
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.selectors import (
    Grid,
    current_version,
    grid_for,
    version_diff,
    version_placements,
)

WORST_LIMIT = 5


@dataclass(frozen=True)
class Where:
    room: Room
    slot: Slot


@dataclass(frozen=True)
class Change:
    session: Session
    before: Where | None
    after: Where | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "dropped"
        return "moved"


@dataclass(frozen=True)
class Hurt:
    session: Session
    clashes: int
    overflow: int
    demand: int
    capacity: int
    clashes_with: list[tuple[Session, int]]


@dataclass(frozen=True)
class Left:
    session: Session
    reason: str


@dataclass
class Preview:
    version: ScheduleVersion
    grid: Grid
    published: ScheduleVersion | None
    changes: list[Change] | None  # None when there is nothing published to compare with
    worst: list[Hurt] = field(default_factory=list)
    unscheduled: list[Left] = field(default_factory=list)
    # The event's data no longer makes a valid problem (e.g. conflicting pins): no analysis.
    problem_errors: list[str] = field(default_factory=list)
    # Step-free needs this grid or the rooms do not meet, in words (`step_free_warnings`).
    step_free: list[str] = field(default_factory=list)
    # What the grid means for people, in sentences (never the engine's weighted numbers).
    for_people: list[str] = field(default_factory=list)
    # The scheduler proved that no grid does better for people.
    proven_best: bool = False
    # What publishing this version would change for people, against the published grid.
    against_published: list[str] = field(default_factory=list)

    @property
    def compare(self) -> bool:
        return self.published is not None and self.published.pk != self.version.pk


def version_preview(*, version: ScheduleVersion, worst: int = WORST_LIMIT) -> Preview:
    event = version.event
    grid = grid_for(version=version)
    published = current_version(event=event)
    rooms = {r.pk: r for r in grid.rooms}
    slots = {row.slot.pk: row.slot for row in grid.rows}
    moves = []
    if published is not None and published.pk != version.pk:
        moves = version_diff(old=published, new=version)
    hurts: list[adapter.SessionHurt] = []
    errors: list[str] = []
    step_free: list[str] = []
    against: list[str] = []
    placements = version_placements(version=version)
    cost = costs.breakdown_of_counts(version.cost)
    try:
        built = adapter.event_problem(event=event)
    except adapter.InvalidProblem as error:
        errors = error.refusals
    else:
        hurts = adapter.worst_sessions(built, placements, limit=worst)
        step_free = _step_free_lines(built, placements)
        previous = None
        if published is not None and published.pk != version.pk:
            previous = version_placements(version=published)
        cost = costs.breakdown(built=built, placements=placements, previous=previous)
        if previous is not None:
            now = costs.breakdown(built=built, placements=previous)
            against = costs.describe_change(now, cost)
    wanted = {m.session_id for m in moves} | {u["session"] for u in version.unscheduled}
    for hurt in hurts:
        wanted.add(adapter.pk_of(hurt.session))
        wanted.update(adapter.pk_of(other) for other, _n in hurt.clashes_with)
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=wanted)}
    sessions.update({pk: p.session for pk, p in grid.placements.items()})

    def where(cell: tuple[int, int] | None) -> Where | None:
        return None if cell is None else Where(rooms[cell[0]], slots[cell[1]])

    return Preview(
        version=version,
        grid=grid,
        published=published,
        changes=None
        if published is None or published.pk == version.pk
        else [
            Change(sessions[m.session_id], where(m.before), where(m.after))
            for m in moves
            if m.session_id in sessions
        ],
        worst=[
            Hurt(
                session=sessions[adapter.pk_of(h.session)],
                clashes=h.clashes,
                overflow=h.overflow,
                demand=h.demand,
                capacity=h.capacity,
                clashes_with=[
                    (sessions[adapter.pk_of(other)], n)
                    for other, n in h.clashes_with
                    if adapter.pk_of(other) in sessions
                ],
            )
            for h in hurts
        ],
        unscheduled=[
            Left(sessions[u["session"]], u.get("reason", ""))
            for u in version.unscheduled
            if u["session"] in sessions
        ],
        problem_errors=errors,
        step_free=step_free,
        for_people=costs.describe(cost),
        proven_best=costs.proven_best(version),
        against_published=against,
    )


def _step_free_lines(built: adapter.EventProblem, placements: adapter.PlacementMap) -> list[str]:
    """Sessions this grid puts in a room without step-free access though someone who wants
    them needs it (e.g. they registered after the build), then the rooms' shortfall."""
    broken = [
        v for v in adapter.broken_rules(built, placements) if v.rule == adapter.Rule.NOT_STEP_FREE
    ]
    return adapter.describe(broken, document=built.document) + adapter.step_free_shortfall(built)


def step_free_warnings(*, event: Event) -> list[str]:
    """Before a build: where the step-free rooms cannot take every session that needs one,
    naming the sessions and how many people need each (empty when they can, or when the
    event's data is refused anyway: the build says why)."""
    try:
        built = adapter.event_problem(event=event)
    except adapter.InvalidProblem:
        return []
    return adapter.step_free_shortfall(built)
