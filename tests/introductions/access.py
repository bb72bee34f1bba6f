"""Access rows for introductions: every member has their own introductions and choices; the
follow-up link is its own credential; rounds are for the organisers of their scope.

Helpers make what a route needs in whichever world the matrix runs (the suite's own, or the
demo community of the browser sweep), so every page renders with content.
"""

from __future__ import annotations

from oneteam.chapters.models import ChapterMembership
from oneteam.introductions.models import Introduced, Introduction, OptIn, Round
from oneteam.introductions.tokens import make_follow_up_token
from tests.access import LOGIN, route

_MEMBERS = {"anonymous": LOGIN, "member": 200, "organiser": 200, "moderator": 200}
_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
_ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
# Only the member it introduces acts on an introduction: to anyone else it does not exist.
_OWN_POST = {
    "anonymous": LOGIN,
    "member": 302,
    "organiser": 404,
    "moderator": 404,
    "chapter_moderator": 404,
}


def introduction(world) -> Introduction:
    """The world's member introduced to the other member, in a finished round of the chapter."""
    existing = Introduction.objects.filter(people__user=world.member).first()
    if existing is not None:
        return existing
    round_ = Round.objects.create(chapter=world.chapter, status=Round.Status.DONE, taking_part=2)
    made = Introduction.objects.create(round=round_, prompts=["What are you working on?"] * 3)
    for user in (world.member, world.other_member):
        Introduced.objects.create(introduction=made, user=user, chapter=world.chapter)
    return made


def _intro_pk(world) -> dict[str, int]:
    return {"pk": introduction(world).pk}


def _follow_up_token(world) -> dict[str, str]:
    place = Introduced.objects.get(introduction=introduction(world), user=world.member)
    return {"token": make_follow_up_token(place.pk)}


def _round_pk(world) -> dict[str, int]:
    return {"pk": introduction(world).round_id}


def _two_opted_in(world) -> dict[str, str]:
    """Two members opted in to the chapter's rounds, so a round can open."""
    for user in (world.member, world.other_member):
        ChapterMembership.objects.get_or_create(chapter=world.chapter, user=user)
        OptIn.objects.get_or_create(user=user, chapter=world.chapter)
    return {"scope": world.chapter.slug}


ROUTES = [
    route("introductions:mine", **_MEMBERS),
    route("introductions:preferences", **_MEMBERS),
    route(
        "introductions:opt_out",
        method="post",
        data=lambda w: {"scope": "community"},
        anonymous=LOGIN,
        member=302,
        organiser=302,
        moderator=302,
    ),
    route("introductions:share_email", method="post", kwargs=_intro_pk, **_OWN_POST),
    route(
        "introductions:answer",
        method="post",
        kwargs=_intro_pk,
        data=lambda w: {"outcome": "met"},
        **_OWN_POST,
    ),
    route("introductions:follow_up", kwargs=_follow_up_token, **_PUBLIC),
    route("introductions:rounds", **_ORGANISER_PAGE),
    route(
        "introductions:round_open",
        method="post",
        data=_two_opted_in,
        anonymous=LOGIN,
        member=404,
        organiser=302,
        moderator=404,
    ),
    route("introductions:round", kwargs=_round_pk, **_ORGANISER_PAGE),
]
