"""Reads for the programme: session lists with counts, a member's choices, the pitch queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    prefetch_related_objects,
)

from oneteam.accounts.models import User
from oneteam.events.models import Event, Registration
from oneteam.members.models import Profile
from oneteam.programme.models import EventProgramme, Interest, Session

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import WithAnnotations


class SessionCounts(TypedDict):
    """What `open_sessions` adds to each session."""

    interest_count: int
    is_interested: bool


# A session as the session lists show it: with its interest count and the viewer's mark.
type SessionCard = WithAnnotations[Session, SessionCounts]


def programme_for(*, event: Event) -> EventProgramme:
    """The event's programme settings; an unsaved row with the defaults if none was made yet.

    Reads nothing when the event was fetched with select_related("programme")."""
    relation = Event.programme.related
    found: EventProgramme | None
    if relation.is_cached(event):
        cached = relation.get_cached_value(event)  # None when the event has no row
        found = cached if isinstance(cached, EventProgramme) else None
    else:
        found = EventProgramme.objects.filter(event=event).first()
    return found if found is not None else EventProgramme(event=event)


def hosts_prefetch(lookup: str = "hosts") -> Prefetch:
    """Sessions' hosts with their profiles, by display name, as every session list shows them.

    `lookup` is the path to the hosts from what is fetched: "hosts" from sessions,
    "session__hosts" from placements."""
    people = User.objects.select_related("profile").order_by("profile__display_name", "pk")
    return Prefetch(lookup, queryset=people)


def _with_hosts[S: Session](sessions: QuerySet[S]) -> QuerySet[S]:
    return sessions.prefetch_related(hosts_prefetch())


def open_sessions(
    *, event: Event, user: User | AnonymousUser | None = None
) -> QuerySet[SessionCard]:
    """Pitched (not withdrawn or merged) sessions with their interest count and hosts.

    With a signed-in user each session also says whether that user marked interest.
    """
    sessions = Session.objects.filter(event=event, status=Session.Status.PITCHED).annotate(
        interest_count=Count("interests", distinct=True)
    )
    if user is not None and user.is_authenticated:
        mine = Interest.objects.filter(session=OuterRef("pk"), user=user)
        sessions = sessions.annotate(is_interested=Exists(mine))
    else:
        sessions = sessions.annotate(is_interested=Value(False))
    return _with_hosts(sessions).order_by("created_at", "pk")


@dataclass(frozen=True)
class InterestTally:
    """One member's interest in one session, counted in one query."""

    # Everyone interested in the session.
    interest_count: int
    # The member's dots: pitched sessions of the event they marked.
    dots_used: int
    # Whether the member marked this session (0 or 1).
    mine: int


def interest_tally(*, session: Session, user: User) -> InterestTally:
    """The session's count, the member's dots and their mark on it: what a tap changes.

    Every tap reads this, so it is one hand-written statement: the ORM spent about 1.8 ms of
    CPU building the equivalent filtered aggregate, over ten times the query itself. The
    test compares it with `interest_count` and `dots_used`, which say the same in the ORM.
    """
    # The table names come from the models, so a renamed table cannot leave this behind.
    interests = connection.ops.quote_name(Interest._meta.db_table)
    sessions = connection.ops.quote_name(Session._meta.db_table)
    sql = f"""
        SELECT
          SUM(CASE WHEN i.session_id = %s THEN 1 ELSE 0 END),
          SUM(CASE WHEN i.user_id = %s AND s.status = %s THEN 1 ELSE 0 END),
          SUM(CASE WHEN i.session_id = %s AND i.user_id = %s THEN 1 ELSE 0 END)
        FROM {interests} i JOIN {sessions} s ON s.id = i.session_id
        WHERE i.session_id = %s OR (i.user_id = %s AND s.event_id = %s)
    """  # noqa: S608 - only quoted table names are interpolated; values are parameters
    me, pitched = user.pk, Session.Status.PITCHED.value
    params: list[int | str] = [
        session.pk,
        me,
        pitched,
        session.pk,
        me,
        session.pk,
        me,
        session.event_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = cursor.fetchone()
    # SUM over no rows is NULL.
    return InterestTally(*(count or 0 for count in counts))


def with_hosts(*, session: Session) -> Session:
    """Fetch the session's hosts in the order the session list shows them (one query)."""
    prefetch_related_objects([session], hosts_prefetch())
    return session


def interest_count(*, session: Session) -> int:
    return Interest.objects.filter(session=session).count()


def dots_used(*, event: Event, user: User) -> int:
    """How many sessions of the event the user has marked (withdrawn ones do not count)."""
    return Interest.objects.filter(
        user=user, session__event=event, session__status=Session.Status.PITCHED
    ).count()


def chosen_sessions(*, event: Event, user: User) -> QuerySet[SessionCard]:
    """The sessions the user marked, for "my choices" and, once published, their agenda."""
    return open_sessions(event=event, user=user).filter(is_interested=True)


def hosted_sessions(*, event: Event, user: User) -> QuerySet[Session]:
    return Session.objects.filter(event=event, hosts=user).exclude(status=Session.Status.MERGED)


def pitch_queue(*, event: Event) -> QuerySet[SessionCard]:
    """Pitches in the order they will be pitched live: queued ones first, then the newest last."""
    return open_sessions(event=event).order_by(
        F("queue_position").asc(nulls_last=True), "created_at", "pk"
    )


def current_and_next_pitch(*, event: Event) -> tuple[Session | None, Session | None]:
    """The pitch on stage (if any) and the one after it in the queue."""
    current_id = programme_for(event=event).current_pitch_id
    queue = list(pitch_queue(event=event))
    ids = [session.pk for session in queue]
    if current_id not in ids:
        return None, (queue[0] if queue else None)
    following = ids.index(current_id) + 1
    return queue[following - 1], (queue[following] if following < len(queue) else None)


def grid_published(*, event: Event) -> bool:
    """Whether the event's timetable has a published grid (the timetable app keeps it: asked
    through the event's relation, so the programme imports nothing of the timetable)."""
    return event.schedule_versions.filter(is_current=True).exists()


def on_published_grid(*, session: Session) -> bool:
    """Whether the published timetable places the session (asked through the session's relation,
    so the programme imports nothing of the timetable)."""
    return session.placements.filter(version__is_current=True).exists()


def runs_lean_coffee(*, event: Event) -> bool:
    """Whether the Lean Coffee tools belong on this event's pages: a Lean Coffee event, or an
    un-conference or meetup with a Lean Coffee topic pitched for one of its sessions."""
    if event.format == Event.Format.LEAN_COFFEE:
        return True
    return Session.objects.filter(
        event=event, status=Session.Status.PITCHED, format=Session.Format.LEAN_COFFEE
    ).exists()


def lean_coffee_topics(*, event: Event) -> QuerySet[SessionCard]:
    """Topics not yet discussed, most dots first (ties: proposed first)."""
    return (
        open_sessions(event=event)
        .filter(discussed_at__isnull=True)
        .order_by("-interest_count", "created_at", "pk")
    )


def discussed_topics(*, event: Event) -> QuerySet[Session]:
    return open_sessions(event=event).filter(discussed_at__isnull=False).order_by("discussed_at")


def host_handles(*, session: Session) -> list[str]:
    return list(
        Profile.objects.filter(user__hosted_sessions=session)
        .order_by("display_name")
        .values_list("handle", flat=True)
    )


def _confirmed_attendees(event: Event) -> QuerySet[User]:
    return User.objects.filter(
        registrations__event=event, registrations__status=Registration.Status.CONFIRMED
    ).select_related("profile")


@dataclass(frozen=True)
class HostLookup:
    """What each entry of a host field (an email, a profile address or a name) stands for."""

    # Entry -> the confirmed attendee it names.
    found: dict[str, User]
    # Entries naming more than one confirmed attendee (two people with the same name).
    ambiguous: list[str]
    # Entries naming no confirmed attendee.
    unknown: list[str]


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def hosts_lookup(*, event: Event, entries: list[str]) -> HostLookup:
    """Find the confirmed attendees that host-field entries name, in one query.

    An entry with an "@" inside is an email address (any case); otherwise it is a profile
    address (with or without a leading "@") or a display name (any case, any spacing), and a
    name two attendees share is ambiguous rather than a guess. The event's attendees (a few
    hundred) are matched here rather than in SQL, whose case folding stops at ASCII."""
    if not entries:
        return HostLookup(found={}, ambiguous=[], unknown=[])
    people = list(_confirmed_attendees(event))
    found: dict[str, User] = {}
    ambiguous: list[str] = []
    unknown: list[str] = []
    for entry in entries:
        if "@" in entry.lstrip("@"):
            matches = [p for p in people if p.email.lower() == entry.lower()]
        else:
            handle = entry.lstrip("@").lower()
            matches = [p for p in people if _handle(p) == handle] or [
                p for p in people if _name_key(_display_name(p)) == _name_key(entry)
            ]
        if len(matches) == 1:
            found[entry] = matches[0]
        elif matches:
            ambiguous.append(entry)
        else:
            unknown.append(entry)
    return HostLookup(found=found, ambiguous=ambiguous, unknown=unknown)


def _handle(user: User) -> str:
    profile = getattr(user, "profile", None)
    return profile.handle if profile is not None else ""


def _display_name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else ""


def host_suggestions(*, event: Event) -> list[tuple[str, str]]:
    """(what to type, what it shows) for each named confirmed attendee, for the organisers'
    host field: the name, or the email address when two attendees share the name."""
    people = [p for p in _confirmed_attendees(event) if _display_name(p).strip()]
    counts: dict[str, int] = {}
    for person in people:
        key = _name_key(_display_name(person))
        counts[key] = counts.get(key, 0) + 1
    suggestions = []
    for person in sorted(people, key=lambda p: (_name_key(_display_name(p)), p.pk)):
        name = " ".join(_display_name(person).split())
        unique = counts[_name_key(name)] == 1
        suggestions.append((name if unique else person.email, person.email if unique else name))
    return suggestions


def sessions_in_order(*, event: Event, pks: list[int]) -> list[Session]:
    """The event's sessions with these ids, hosts fetched, in the order of `pks`."""
    sessions = {s.pk: s for s in _with_hosts(Session.objects.filter(event=event, pk__in=pks))}
    return [sessions[pk] for pk in pks if pk in sessions]
