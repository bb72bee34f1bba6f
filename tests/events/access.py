from datetime import timedelta

from oneteam.events import tokens
from oneteam.events.models import EventTask, Registration, Room, Slot
from tests.access import LOGIN, route

_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
_ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
_ORGANISER_POST = {"anonymous": LOGIN, "member": 404, "organiser": 302, "moderator": 404}
_SLUG = {"kwargs": lambda w: {"slug": w.event.slug}}


def _members_registration(world) -> Registration:
    return Registration.objects.create(
        event=world.event, user=world.member, status=Registration.Status.CONFIRMED
    )


def _room(world):
    room = Room.objects.create(event=world.event, name="Access matrix room", capacity=80)
    return {"slug": world.event.slug, "pk": room.pk}


def _slot(world):
    starts = world.event.starts_at + timedelta(hours=1)
    slot = Slot.objects.create(
        event=world.event, starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    return {"slug": world.event.slug, "pk": slot.pk}


def _task(world):
    task = EventTask.objects.create(event=world.event, title="Book the venue")
    return {"slug": world.event.slug, "pk": task.pk}


def _cancel_token(world):
    return {"token": tokens.make_cancel_token(_members_registration(world).pk)}


def _check_in_token(world):
    token = tokens.make_check_in_token(_members_registration(world).pk)
    return {"slug": world.event.slug, "token": token}


def _with_members_registration(world):
    _members_registration(world)
    return {"slug": world.event.slug}


ROUTES = [
    route("events:detail", **_SLUG, **_PUBLIC),
    route("events:calendar", **_SLUG, **_PUBLIC),
    route("events:cancel_link", kwargs=_cancel_token, **_PUBLIC),
    route("events:register", **_SLUG, anonymous=LOGIN, member=200, organiser=200, moderator=200),
    route(
        "events:cancel_own",
        method="post",
        kwargs=_with_members_registration,
        anonymous=LOGIN,
        member=302,
        organiser=404,
        moderator=404,
        chapter_moderator=404,
    ),
    route("events:edit", **_SLUG, **_ORGANISER_PAGE),
    route("events:publish", method="post", **_SLUG, **_ORGANISER_POST),
    route("events:cancel_event", **_SLUG, **_ORGANISER_PAGE),
    route("events:rooms", **_SLUG, **_ORGANISER_PAGE),
    route("events:room_edit", kwargs=_room, **_ORGANISER_PAGE),
    route("events:room_delete", method="post", kwargs=_room, **_ORGANISER_POST),
    route("events:slots", **_SLUG, **_ORGANISER_PAGE),
    route("events:slot_edit", kwargs=_slot, **_ORGANISER_PAGE),
    route("events:slot_delete", method="post", kwargs=_slot, **_ORGANISER_POST),
    route("events:attendees", **_SLUG, **_ORGANISER_PAGE),
    route("events:attendees_csv", **_SLUG, **_ORGANISER_PAGE),
    route("events:check_in", **_SLUG, **_ORGANISER_PAGE),
    # The ticket's link: its holder sees the ticket, the organisers check the attendee in.
    route("events:check_in_link", kwargs=_check_in_token, **_PUBLIC),
    route("events:message", **_SLUG, **_ORGANISER_PAGE),
    route("events:tasks", **_SLUG, **_ORGANISER_PAGE),
    route("events:task_edit", kwargs=_task, **_ORGANISER_PAGE),
    route("events:task_done", method="post", kwargs=_task, **_ORGANISER_POST),
]
