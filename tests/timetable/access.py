"""Access rows for the grid: organisers build, adjust and publish; the published grid is public;
members have an agenda.

Helpers below make what a route needs on first use, in whichever world the matrix runs (the
suite's small one, or the demo community in the browser sweep), so every page renders with
content. Each route module appends its rows to ROUTES, grouped by view module.
"""

from __future__ import annotations

from datetime import timedelta

from oneteam import scheduling
from oneteam.events.models import Room, Slot
from oneteam.programme.models import Interest, Session
from oneteam.timetable import problem as adapter
from oneteam.timetable.models import ScheduleVersion
from oneteam.timetable.services.agenda import feed_create
from oneteam.timetable.services.versions import version_from_result, version_publish
from tests.access import LOGIN, route


def ensure_grid_inputs(world) -> None:
    """Rooms, slots and a pitched session for the world's event, unless it has them."""
    event = world.event
    if not Room.objects.filter(event=event).exists():
        Room.objects.create(event=event, name="Hall", capacity=40)
        Room.objects.create(event=event, name="Attic", capacity=12, step_free=False)
    if not adapter.schedulable_slots(event=event).exists():
        for hour in (1, 2):
            starts = event.starts_at + timedelta(hours=hour)
            Slot.objects.create(
                event=event, starts_at=starts, ends_at=starts + timedelta(minutes=50)
            )
    if not adapter.schedulable_sessions(event=event).exists():
        session = Session.objects.create(event=event, title="Joining up data")
        session.hosts.add(world.other_member)


def _solved_version(world, *, origin: str = ScheduleVersion.Origin.BUILT) -> ScheduleVersion:
    ensure_grid_inputs(world)
    built = adapter.event_problem(event=world.event)
    # A fixed, small budget: deterministic and fast, whatever the world's size.
    result = scheduling.solve(built.problem, time_limit=2, seed=0, exact=False, evals=20_000)
    return version_from_result(event=world.event, result=result, origin=origin)


def published_version(world) -> ScheduleVersion:
    """The event's current grid, built and published on first use."""
    current = ScheduleVersion.objects.filter(event=world.event, is_current=True).first()
    if current is not None:
        return current
    return version_publish(version=_solved_version(world))


def draft_version(world) -> ScheduleVersion:
    """A draft (unpublished) version beside the published one."""
    published_version(world)
    draft = ScheduleVersion.objects.filter(event=world.event, published_at__isnull=True).first()
    return draft if draft is not None else _solved_version(world)


def on_event(world) -> dict:
    return {"event_slug": world.event.slug}


def on_published_event(world) -> dict:
    published_version(world)
    return {"event_slug": world.event.slug}


def on_published_version(world) -> dict:
    return {"event_slug": world.event.slug, "number": published_version(world).number}


def on_draft_version(world) -> dict:
    return {"event_slug": world.event.slug, "number": draft_version(world).number}


def on_published_session(world) -> dict:
    """A session on the published grid (what "Cancel this session" is for)."""
    placed = published_version(world).placements.order_by("pk").first()
    return {"event_slug": world.event.slug, "pk": placed.session_id}


def on_agenda(world) -> dict:
    """The published grid, with the member's interest in a placed session (so it has a row)."""
    version = published_version(world)
    placed = version.placements.first()
    if placed is not None:
        Interest.objects.get_or_create(session_id=placed.session_id, user=world.member)
    return {"event_slug": world.event.slug}


def on_member_feed(world) -> dict:
    on_agenda(world)
    return {"token": feed_create(user=world.member).token}


def on_build(world) -> dict:
    """A finished build of the world's grid (its draft version)."""
    from oneteam.timetable.models import ScheduleBuild

    version = draft_version(world)
    build = ScheduleBuild.objects.filter(event=world.event).first()
    if build is None:
        build = ScheduleBuild.objects.create(
            event=world.event, status=ScheduleBuild.Status.DONE, progress=1.0, version=version
        )
    return {"event_slug": world.event.slug, "pk": build.pk}


def on_earlier_version(world) -> dict:
    """A version that was published and then replaced by a later one (what Restore is for)."""
    earlier = published_version(world)
    version_publish(version=_solved_version(world))
    return {"event_slug": world.event.slug, "number": earlier.number}


def on_draft_session(world) -> dict:
    """A session placed in the draft version (adjust pages)."""
    version = draft_version(world)
    placed = version.placements.order_by("pk").first()
    if placed is None:
        ensure_grid_inputs(world)
        session = adapter.schedulable_sessions(event=world.event).first()
    else:
        session = placed.session
    return {"event_slug": world.event.slug, "number": version.number, "pk": session.pk}


def on_pinnable_session(world) -> dict:
    ensure_grid_inputs(world)
    session = adapter.schedulable_sessions(event=world.event).first()
    return {"event_slug": world.event.slug, "pk": session.pk}


PUBLIC_PAGE = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
SIGNED_IN_PAGE = {"anonymous": LOGIN, "member": 200, "organiser": 200, "moderator": 200}
ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
ORGANISER_POST = {"anonymous": LOGIN, "member": 404, "organiser": 302, "moderator": 404}
SIGNED_IN_POST = {"anonymous": LOGIN, "member": 302, "organiser": 302, "moderator": 302}

ROUTES: list = [
    # organise (views/organise.py)
    route("timetable:organise", kwargs=on_published_event, **ORGANISER_PAGE),
    route("timetable:build", kwargs=on_build, **ORGANISER_PAGE),
    route("timetable:version", kwargs=on_draft_version, **ORGANISER_PAGE),
    # Only queues the job (the worker runs it), then shows the build's page.
    route(
        "timetable:build_start",
        kwargs=on_published_event,
        method="post",
        data=lambda w: {"mode": "build", "time_limit": "5"},
        **ORGANISER_POST,
    ),
    route("timetable:publish", kwargs=on_draft_version, method="post", **ORGANISER_POST),
    route(
        "timetable:interest",
        kwargs=on_published_event,
        method="post",
        data=lambda w: {"interest": "close"},
        **ORGANISER_POST,
    ),
    route("timetable:restore", kwargs=on_earlier_version, method="post", **ORGANISER_POST),
    # The confirmation page (its POST, the cancellation, is refused the same way: see
    # tests/timetable/test_cancel.py).
    route("timetable:session_cancel", kwargs=on_published_session, **ORGANISER_PAGE),
    # adjust (views/adjust.py)
    route("timetable:adjust", kwargs=on_draft_version, **ORGANISER_PAGE),
    route("timetable:adjust_change", kwargs=on_draft_session, **ORGANISER_PAGE),
    # Takes a session out of the draft, then back to the grid.
    route(
        "timetable:adjust_apply",
        kwargs=on_draft_session,
        method="post",
        data=lambda w: {"action": "unplace"},
        **ORGANISER_POST,
    ),
    route("timetable:adjust_reoptimise", kwargs=on_draft_version, method="post", **ORGANISER_POST),
    route(
        "timetable:pin",
        kwargs=on_pinnable_session,
        method="post",
        data=lambda w: {"pin": "clear", "next": "/"},
        **ORGANISER_POST,
    ),
    # board, now, grid (views/board.py)
    # Public for a published event, so a venue screen needs no sign-in.
    route("timetable:grid", kwargs=on_published_event, **PUBLIC_PAGE),
    route("timetable:board", kwargs=on_published_event, **PUBLIC_PAGE),
    route("timetable:now", kwargs=on_published_event, **PUBLIC_PAGE),
    # the whole programme for apps (views/exports.py): as public as the grid page
    route("timetable:schedule_xml", kwargs=on_published_event, **PUBLIC_PAGE),
    route("timetable:schedule_json", kwargs=on_published_event, **PUBLIC_PAGE),
    route("timetable:schedule_ics", kwargs=on_published_event, **PUBLIC_PAGE),
    # agenda and feed (views/agenda.py)
    route("timetable:agenda", kwargs=on_agenda, **SIGNED_IN_PAGE),
    route("timetable:agenda_notice_dismiss", kwargs=on_event, method="post", **SIGNED_IN_POST),
    route("agenda:feed", **SIGNED_IN_PAGE),
    # The token is the credential: whoever holds a live one reads the feed, signed in or not.
    route("agenda:feed_ics", kwargs=on_member_feed, **PUBLIC_PAGE),
]
