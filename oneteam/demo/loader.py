"""Loads the demo community in one transaction, deterministically, in well under a second.

The loader writes rows directly with bulk_create rather than through each app's services: it
seeds a state known to be valid (services check things like "pitching is open" that a seed
need not) and must stay fast enough for `make run` and the browser tests. Everything it makes
is reachable from the demo chapter or an address at DEMO_DOMAIN, so it is easy to recognise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.community.demo import load_community_demo
from oneteam.demo import data
from oneteam.events.models import Event, Registration, Room, Slot
from oneteam.members.models import Discipline, Profile
from oneteam.programme.models import EventProgramme, Interest, Session
from oneteam.timetable import problem as timetable_problem
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.versions import version_from_result, version_publish

EVENT_TIME_ZONE = ZoneInfo("Europe/London")
SATURDAY = 5


class DemoAlreadyLoaded(Exception):
    pass


@dataclass(frozen=True)
class DemoSummary:
    chapter: Chapter
    event: Event
    members: int
    rooms: int
    slots: int
    sessions: int
    interests: int


def demo_exists() -> bool:
    return (
        Chapter.objects.filter(slug=data.CHAPTER["slug"]).exists()
        or User.objects.filter(email__iendswith=f"@{data.DEMO_DOMAIN}").exists()
    )


def demo_event_day(today: date) -> date:
    """The first Saturday at least three weeks after `today`."""
    day = today + timedelta(days=21)
    return day + timedelta(days=(SATURDAY - day.weekday()) % 7)


def _at(day: date, hh_mm: str) -> datetime:
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=EVENT_TIME_ZONE)


def _people(rng: random.Random) -> list[data.DemoPerson]:
    """The known accounts first, then invented members in a seeded, repeatable order."""
    known = [data.MEMBER, data.ORGANISER, data.MODERATOR]
    people = list(known)
    firsts, surnames = list(data.FIRST_NAMES), list(data.SURNAMES)
    rng.shuffle(firsts)
    rng.shuffle(surnames)
    names = iter(zip(firsts, surnames, strict=True))
    for discipline, count in data.DISCIPLINE_COUNTS.items():
        count -= sum(1 for account in known if account.discipline == discipline)
        for _ in range(count):
            first, surname = next(names)
            people.append(
                data.DemoPerson(
                    email=f"{first}.{surname}@{data.DEMO_DOMAIN}".lower(),
                    name=f"{first} {surname}",
                    discipline=discipline,
                    organisation=rng.choice(data.ORGANISATIONS),
                    role=rng.choice(data.ROLES[discipline]),
                    pronouns=rng.choice(data.PRONOUNS) if rng.random() < 0.6 else "",
                    ask_me_about=", ".join(rng.sample(data.ASK_ME_ABOUT[discipline], 2)),
                    working_to_change=rng.choice(data.WORKING_TO_CHANGE),
                    public=rng.random() < 0.2,
                )
            )
    return people


def _create_users(people: list[data.DemoPerson]) -> list[User]:
    unusable = make_password(None)  # demo members sign in by emailed code, never a password
    users = User.objects.bulk_create(
        [
            User(
                email=person.email,
                password=unusable,
                is_moderator=person.email == data.MODERATOR.email,
            )
            for person in people
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    disciplines = Discipline.objects.in_bulk(field_name="slug")
    Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                handle=slugify(person.name),
                display_name=person.name,
                pronouns=person.pronouns,
                discipline=disciplines.get(person.discipline),
                organisation=person.organisation,
                role=person.role,
                ask_me_about=person.ask_me_about,
                working_to_change=person.working_to_change,
                visibility=Profile.Visibility.PUBLIC if person.public else "members",
                is_demo=True,
            )
            for user, person in zip(users, people, strict=True)
        ]
    )
    return users


def _create_event(chapter: Chapter, day: date) -> tuple[Event, list[Slot]]:
    event = Event.objects.create(
        chapter=chapter,
        format=Event.Format.UNCONFERENCE,
        starts_at=_at(day, data.SLOTS[0][0]),
        ends_at=_at(day, data.SLOTS[-1][1]),
        time_zone=str(EVENT_TIME_ZONE),
        status=Event.Status.PUBLISHED,
        is_demo=True,
        **data.EVENT,
    )
    Room.objects.bulk_create(
        [
            Room(event=event, name=name, capacity=capacity, step_free=step_free, notes=notes)
            for name, capacity, step_free, notes in data.ROOMS
        ]
    )
    slots = Slot.objects.bulk_create(
        [
            Slot(
                event=event,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                kind=kind,
                label=label,
            )
            for start, end, kind, label in data.SLOTS
        ]
    )
    return event, slots


def _register(event: Event, users: list[User], people: list[data.DemoPerson]) -> None:
    disciplines = Discipline.objects.in_bulk(field_name="slug")
    first_signup = event.starts_at - timedelta(days=20)
    registrations = []
    for index, (user, person) in enumerate(zip(users, people, strict=True)):
        signed_up = first_signup + timedelta(minutes=37 * index)
        registrations.append(
            Registration(
                event=event,
                user=user,
                status=Registration.Status.CONFIRMED,
                queued_at=signed_up,
                discipline=disciplines.get(person.discipline),
                organisation=person.organisation,
                code_of_conduct_accepted_at=signed_up,
            )
        )
    Registration.objects.bulk_create(registrations)


def _pitch_sessions(
    rng: random.Random,
    event: Event,
    slots: list[Slot],
    users: list[User],
    people: list[data.DemoPerson],
) -> tuple[int, int]:
    """Create the sessions with their hosts, then interests skewed towards a few favourites.
    The three known accounts neither host nor mark interest, so their journeys start clean."""
    generated = list(zip(users, people, strict=True))[3:]
    by_discipline: dict[str, list[User]] = {}
    for user, person in generated:
        by_discipline.setdefault(person.discipline, []).append(user)
    slot_by_label = {slot.label: slot for slot in slots}
    sessions = Session.objects.bulk_create(
        [
            Session(
                event=event,
                title=pitch.title,
                description=pitch.description,
                format=pitch.format,
                privacy=pitch.privacy,
                needs_step_free=pitch.needs_step_free,
                pitched_by=by_discipline[pitch.hosts[0][0]][pitch.hosts[0][1]],
            )
            for pitch in data.SESSIONS
        ]
    )
    hosts_of: dict[int, set[int]] = {}
    host_rows, unavailable_rows = [], []
    for session, pitch in zip(sessions, data.SESSIONS, strict=True):
        for discipline, index in pitch.hosts:
            host = by_discipline[discipline][index]
            hosts_of.setdefault(session.pk, set()).add(host.pk)
            host_rows.append(Session.hosts.through(session=session, user=host))
        for label in pitch.unavailable:
            unavailable_rows.append(
                Session.unavailable_slots.through(session=session, slot=slot_by_label[label])
            )
    Session.hosts.through.objects.bulk_create(host_rows)
    Session.unavailable_slots.through.objects.bulk_create(unavailable_rows)

    # A few sessions everyone wants and a long tail: weight = 1 / popularity rank.
    ranked = list(sessions)
    rng.shuffle(ranked)
    weights = {session.pk: 1 / (rank + 1) ** 0.9 for rank, session in enumerate(ranked)}
    interests = []
    for user, _person in generated:
        candidates = [s for s in sessions if user.pk not in hosts_of[s.pk]]
        for _ in range(rng.randint(2, 6)):
            chosen = rng.choices(candidates, weights=[weights[s.pk] for s in candidates])[0]
            candidates.remove(chosen)
            interests.append(Interest(session=chosen, user=user))
    Interest.objects.bulk_create(interests)
    return len(sessions), len(interests)


@transaction.atomic
def load_demo(*, today: date | None = None) -> DemoSummary:
    """Load the demo chapter, un-conference and members; raises DemoAlreadyLoaded if present.

    `today` fixes the calendar (the event is on the first Saturday three weeks later); the rest
    depends only on data.SEED, so two loads with the same `today` give the same rows."""
    if demo_exists():
        raise DemoAlreadyLoaded
    rng = random.Random(data.SEED)
    people = _people(rng)
    users = _create_users(people)
    chapter = Chapter.objects.create(is_demo=True, **data.CHAPTER)
    ChapterMembership.objects.bulk_create(
        [
            ChapterMembership(
                chapter=chapter,
                user=user,
                role=ChapterMembership.Role.ORGANISER
                if person.email == data.ORGANISER.email
                else ChapterMembership.Role.MEMBER,
            )
            for user, person in zip(users, people, strict=True)
            if person.email in {data.MEMBER.email, data.ORGANISER.email} or rng.random() < 0.8
        ]
    )
    event, slots = _create_event(chapter, demo_event_day(today or timezone.localdate()))
    _register(event, users, people)
    sessions, interests = _pitch_sessions(rng, event, slots, users, people)
    # The programme's settings as an organiser leaves them on the day: pitching and interest
    # open (publishing the grid no longer makes this row as a side effect).
    EventProgramme.objects.get_or_create(event=event)
    _publish_grid(event)
    load_community_demo(chapter=chapter, users=users)
    return DemoSummary(
        chapter=chapter,
        event=event,
        members=len(users),
        rooms=len(data.ROOMS),
        slots=len(slots),
        sessions=sessions,
        interests=interests,
    )


def _publish_grid(event: Event) -> None:
    """Build the demo's grid and publish it, so the board, the agenda and "what's on now" show
    a working timetable from the first visit (marking interest stays open, as it does on the day
    until the organisers close it). The build runs here rather than on the task queue, with a
    fixed seed and a fixed number of evaluations, so every load gives the same grid in a
    fraction of a second."""
    built = timetable_problem.event_problem(event=event)
    result = timetable_problem.solve(built, time_limit=5, seed=data.SEED, evals=20_000)
    version = version_from_result(event=event, result=result, origin=ScheduleVersion.Origin.BUILT)
    version_publish(version=version)
