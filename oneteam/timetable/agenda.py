"""Reads for a member's personal agenda: their sessions in the published grid, clashes, notices.

"Their sessions" are those they marked interest in plus those they host. The agenda is read
from the current (published) version only: drafts never reach attendees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from oneteam.accounts.models import User
from oneteam.events.models import Event, Slot
from oneteam.programme.models import Interest, Session
from oneteam.programme.selectors import hosts_prefetch
from oneteam.timetable.models import Placement, ScheduleChange, ScheduleVersion
from oneteam.timetable.selectors import current_version


@dataclass
class AgendaItem:
    session: Session
    placement: Placement | None  # None while the session is not in the grid
    is_host: bool
    is_interested: bool


@dataclass
class Clash:
    """Two or more of the member's sessions in one slot: they can be in only one room."""

    slot: Slot
    items: list[AgendaItem]


@dataclass
class FreeSlot:
    """A session slot in which the member has nothing, with what is on then."""

    slot: Slot
    placements: list[Placement]


@dataclass
class Agenda:
    event: Event
    version: ScheduleVersion | None
    placed: list[AgendaItem] = field(default_factory=list)  # in time order
    unplaced: list[AgendaItem] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    free_slots: list[FreeSlot] = field(default_factory=list)
    notices: list[ScheduleChange] = field(default_factory=list)

    @property
    def clashing_session_ids(self) -> set[int]:
        return {item.session.pk for clash in self.clashes for item in clash.items}

    @property
    def hosts_a_clash(self) -> bool:
        return any(item.is_host for clash in self.clashes for item in clash.items)


def member_session_ids(*, user: User, event: Event) -> tuple[set[int], set[int]]:
    """(ids the member marked, ids the member hosts) among the event's pitched sessions, in two
    queries."""
    pitched = Session.objects.filter(event=event, status=Session.Status.PITCHED)
    marked = set(
        Interest.objects.filter(user=user, session__in=pitched).values_list("session_id", flat=True)
    )
    hosted = set(pitched.filter(hosts=user).values_list("pk", flat=True))
    return marked, hosted


def open_notices(*, user: User, event: Event) -> QuerySet[ScheduleChange]:
    """Change notices the member has not dismissed, newest first."""
    return ScheduleChange.objects.filter(
        user=user, version__event=event, dismissed_at__isnull=True
    ).select_related("session", "from_room", "from_slot", "to_room", "to_slot")


def agenda_for(*, event: Event, user: User) -> Agenda:
    """The member's agenda for one event, in a fixed number of queries whatever its size."""
    version = current_version(event=event)
    agenda = Agenda(
        event=event, version=version, notices=list(open_notices(user=user, event=event))
    )
    marked, hosted = member_session_ids(user=user, event=event)
    mine = marked | hosted

    def item(session: Session, placement: Placement | None) -> AgendaItem:
        return AgendaItem(session, placement, session.pk in hosted, session.pk in marked)

    placed_ids: set[int] = set()
    if version is not None:
        # Every placement of the grid, not just the member's: the free slots show the others.
        placements = list(
            Placement.objects.filter(version=version)
            .select_related("session", "room", "slot")
            .prefetch_related(hosts_prefetch("session__hosts"))
            .order_by("slot__starts_at", "room__name", "pk")
        )
        by_slot: dict[int, list[Placement]] = defaultdict(list)
        for placement in placements:
            by_slot[placement.slot_id].append(placement)
            if placement.session_id in mine:
                agenda.placed.append(item(placement.session, placement))
                placed_ids.add(placement.session_id)
        busy: dict[int, list[AgendaItem]] = defaultdict(list)
        for entry in agenda.placed:
            busy[entry.placement.slot_id].append(entry)  # type: ignore[union-attr]
        agenda.clashes = [
            Clash(entries[0].placement.slot, entries)  # type: ignore[union-attr]
            for entries in busy.values()
            if len(entries) > 1
        ]
        # Placements come in time order, and so do the slots they fill.
        agenda.free_slots = [
            FreeSlot(others[0].slot, others)
            for slot_id, others in by_slot.items()
            if slot_id not in busy
        ]
    rest = mine - placed_ids
    if rest:
        sessions = (
            Session.objects.filter(pk__in=rest)
            .prefetch_related(hosts_prefetch())
            .order_by("title", "pk")
        )
        agenda.unplaced = [item(session, None) for session in sessions]
    return agenda
