"""Access rows for outcomes: published outcomes are public; writing needs a place at the event.

The World's member (Alice) has no place at the event; rows that need her registered (to show
the page she would use) register her themselves.
"""

from oneteam.events.models import PrivacyMode, Registration
from oneteam.outcomes.models import Action
from oneteam.outcomes.tokens import make_action_token
from oneteam.programme.models import Session
from tests.access import LOGIN, route


def _session(world) -> Session:
    """A session hosted by Charlie (a confirmed attendee), made on first use."""
    found = Session.objects.filter(event=world.event, title="Joining up data").first()
    if found:
        return found
    Registration.objects.get_or_create(
        event=world.event, user=world.other_member, status=Registration.Status.CONFIRMED
    )
    session = Session.objects.create(event=world.event, title="Joining up data")
    session.hosts.add(world.other_member)
    return session


def _register_member(world) -> None:
    Registration.objects.get_or_create(
        event=world.event, user=world.member, status=Registration.Status.CONFIRMED
    )


def _event(world) -> dict:
    return {"event_slug": world.event.slug}


def _event_as_attendee(world) -> dict:
    _register_member(world)
    return _event(world)


def _on_session(world) -> dict:
    return {"event_slug": world.event.slug, "pk": _session(world).pk}


def _on_session_as_attendee(world) -> dict:
    _register_member(world)
    return _on_session(world)


def _off_the_record_hosted_by_member(world) -> dict:
    _register_member(world)
    session = Session.objects.create(
        event=world.event, title="Hard lessons", privacy=PrivacyMode.OFF_THE_RECORD
    )
    session.hosts.add(world.member)
    return {"event_slug": world.event.slug, "pk": session.pk}


def _action_link(world) -> dict:
    action = Action.objects.create(
        event=world.event, owner=world.other_member, text="write up the notes"
    )
    return {"event_slug": world.event.slug, "token": make_action_token(action.pk, "done")}


_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
_ATTENDEE_PAGE = {
    "anonymous": LOGIN,
    "member": 200,
    "organiser": 403,
    "moderator": 403,
    "chapter_moderator": 403,
}

ROUTES = [
    route("outcomes:chapter_feed", kwargs=lambda w: {"chapter_slug": w.chapter.slug}, **_PUBLIC),
    route("outcomes:programme", kwargs=_event, **_PUBLIC),
    route("outcomes:export_json", kwargs=_event, **_PUBLIC),
    route("outcomes:export_csv", kwargs=_event, **_PUBLIC),
    route("outcomes:feedback", kwargs=_event_as_attendee, **_ATTENDEE_PAGE),
    route(
        "outcomes:feedback_results",
        kwargs=_event,
        anonymous=LOGIN,
        member=404,
        organiser=200,
        moderator=404,
    ),
    route(
        "outcomes:share",
        kwargs=_event,
        anonymous=LOGIN,
        member=404,
        organiser=200,
        moderator=404,
    ),
    route(
        "outcomes:actions",
        kwargs=_event_as_attendee,
        anonymous=LOGIN,
        member=200,
        organiser=200,
        moderator=200,
    ),
    # The signature is the access check: anyone holding the link sees the confirmation.
    route("outcomes:action_link", kwargs=_action_link, **_PUBLIC),
    route("outcomes:notes", kwargs=_on_session, **_PUBLIC),
    route("outcomes:notes_edit", kwargs=_on_session_as_attendee, **_ATTENDEE_PAGE),
    route("outcomes:history", kwargs=_on_session, **_PUBLIC),
    route("outcomes:summary", kwargs=_off_the_record_hosted_by_member, **_ATTENDEE_PAGE),
    route(
        "outcomes:privacy",
        kwargs=_on_session,
        anonymous=LOGIN,
        member=403,
        organiser=200,
        moderator=403,
    ),
]
