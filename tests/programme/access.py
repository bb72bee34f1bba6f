"""Access rows for the programme: members see sessions, attendees take part, organisers run it.

The World's member (Alice) has no place at the event, so she may look but not pitch.
"""

from oneteam.events.models import Registration
from oneteam.programme.models import Session
from tests.access import LOGIN, route


def _session(world) -> Session:
    """A pitch hosted by Charlie (a confirmed attendee), made on first use."""
    found = Session.objects.filter(event=world.event).first()
    if found:
        return found
    Registration.objects.create(
        event=world.event, user=world.other_member, status=Registration.Status.CONFIRMED
    )
    session = Session.objects.create(event=world.event, title="Joining up data")
    session.hosts.add(world.other_member)
    return session


def _event(world) -> dict:
    return {"event_slug": world.event.slug}


def _on_session(world) -> dict:
    return {"event_slug": world.event.slug, "pk": _session(world).pk}


_SIGNED_IN = {"anonymous": LOGIN, "member": 200, "organiser": 200, "moderator": 200}
_ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
_ORGANISER_POST = {"anonymous": LOGIN, "member": 404, "organiser": 302, "moderator": 404}

ROUTES = [
    route("programme:session_list", kwargs=_event, **_SIGNED_IN),
    route("programme:my_choices", kwargs=_event, **_SIGNED_IN),
    route("programme:projector", kwargs=_event, **_SIGNED_IN),
    route("programme:session_detail", kwargs=_on_session, **_SIGNED_IN),
    route(
        "programme:pitch_create",
        kwargs=_event,
        anonymous=LOGIN,
        member=403,
        organiser=200,
        moderator=403,
    ),
    route("programme:session_edit", kwargs=_on_session, **_ORGANISER_PAGE),
    route("programme:session_withdraw", kwargs=_on_session, **_ORGANISER_PAGE),
    # Not an attendee: refused with a message and sent back to the list (no-JS fallback).
    route(
        "programme:interest",
        kwargs=_on_session,
        method="post",
        data=lambda w: {"interested": "true"},
        anonymous=LOGIN,
        member=302,
        organiser=302,
        moderator=302,
    ),
    route("programme:settings", kwargs=_event, **_ORGANISER_PAGE),
    route("programme:merge", kwargs=_event, **_ORGANISER_PAGE),
    route("programme:pitching_station", kwargs=_event, **_ORGANISER_PAGE),
    route("programme:queue", kwargs=_event, **_ORGANISER_PAGE),
    route("programme:lean_coffee", kwargs=_event, **_ORGANISER_PAGE),
    route("programme:queue_advance", kwargs=_event, method="post", **_ORGANISER_POST),
    route(
        "programme:queue_move",
        kwargs=_on_session,
        method="post",
        data=lambda w: {"direction": "up"},
        **_ORGANISER_POST,
    ),
    route(
        "programme:lean_coffee_step",
        kwargs=_event,
        method="post",
        data=lambda w: {"step": "start"},
        **_ORGANISER_POST,
    ),
]
