"""Access rows for the community: members read and post, moderators moderate.

Alice (member), Olu (organiser), Mo (moderator) and Cara (chapter_moderator) have accepted the
code of conduct; Charlie (other_member) wrote the thread being looked at. Mo is a community-wide
moderator; Cara moderates the London chapter's spaces only, so the community-wide post looked at
here is not hers to moderate: she opens the moderation queue (her chapter's reports) and nothing
more.
"""

from oneteam.community import services
from oneteam.community.models import Post, Report, Space
from tests.access import LOGIN, route
from tests.community.helpers import accept_conduct, make_space, make_thread


def _space(world) -> Space:
    accept_conduct(world.member, world.organiser, world.moderator, world.chapter_moderator)
    return make_space()


def _thread(world):
    space = _space(world)
    found = space.threads.first()
    return found or make_thread(space, world.other_member, anonymous=True)


def _post(world) -> Post:
    return _thread(world).posts.get()


def _report(world) -> dict:
    report = Report.objects.create(reporter=world.member, post=_post(world), reason="Rude")
    return {"pk": report.pk}


def _private(world) -> dict:
    _space(world)
    space = services.space_create_private(owner=world.member, name="Data people")
    return {"slug": space.slug}


def _on_space(world) -> dict:
    return {"slug": _space(world).slug}


def _on_thread(world) -> dict:
    return {"pk": _thread(world).pk}


def _on_post(world) -> dict:
    return {"pk": _post(world).pk}


def _on_charlie(world) -> dict:
    return {"handle": world.other_member.profile.handle}


_SIGNED_IN = {"anonymous": LOGIN, "member": 200, "organiser": 200, "moderator": 200}
_SIGNED_IN_POST = {"anonymous": LOGIN, "member": 302, "organiser": 302, "moderator": 302}
_MODERATOR_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 404, "moderator": 200}
_MODERATOR_POST = {"anonymous": LOGIN, "member": 404, "organiser": 404, "moderator": 302}
# Cara's queue is her chapter's; a post or a member outside it is not hers to open or act on.
_CHAPTER_MODERATOR_SEES = {"chapter_moderator": 200}
_OUTSIDE_HER_CHAPTER = {"chapter_moderator": 404}
_REASON = {"data": lambda w: {"reason": "Breaks the code of conduct"}}

ROUTES = [
    route("community:home", **_SIGNED_IN),
    route("community:conduct", **_SIGNED_IN),
    route("community:space_create", **_SIGNED_IN),
    route("community:space", kwargs=_on_space, **_SIGNED_IN),
    route("community:thread_create", kwargs=_on_space, **_SIGNED_IN),
    # Alice owns the private space: to everyone else it does not exist.
    route(
        "community:space_invite",
        kwargs=_private,
        anonymous=LOGIN,
        member=200,
        organiser=404,
        moderator=404,
        chapter_moderator=404,
    ),
    route("community:thread", kwargs=_on_thread, **_SIGNED_IN),
    route(
        "community:reply",
        kwargs=_on_thread,
        method="post",
        data=lambda w: {"body": "Same here."},
        **_SIGNED_IN_POST,
    ),
    route(
        "community:react",
        kwargs=_on_post,
        method="post",
        data=lambda w: {"kind": "thanks"},
        **_SIGNED_IN_POST,
    ),
    route("community:report_post", kwargs=_on_post, **_SIGNED_IN),
    route("community:report_member", kwargs=_on_charlie, **_SIGNED_IN),
    route("community:block", kwargs=_on_charlie, method="post", **_SIGNED_IN_POST),
    route("community:blocks", **_SIGNED_IN),
    route("community:moderation", **_MODERATOR_PAGE, **_CHAPTER_MODERATOR_SEES),
    route("community:moderate_post", kwargs=_on_post, **_MODERATOR_PAGE, **_OUTSIDE_HER_CHAPTER),
    # Sanctions are for community-wide moderators only.
    route(
        "community:moderate_member", kwargs=_on_charlie, **_MODERATOR_PAGE, **_OUTSIDE_HER_CHAPTER
    ),
    route(
        "community:hide_post",
        kwargs=_on_post,
        method="post",
        data=lambda w: {"hide-reason": "Breaks the code of conduct"},
        **_MODERATOR_POST,
        **_OUTSIDE_HER_CHAPTER,
    ),
    route(
        "community:reveal",
        kwargs=_on_post,
        method="post",
        data=lambda w: {"reveal-reason": "Threats against a member"},
        **_MODERATOR_POST,
        **_OUTSIDE_HER_CHAPTER,
    ),
    # Cara may open the queue, so a refused dismissal goes back to it (302) with the refusal
    # shown there; the report stays open (tests/community/test_moderation.py).
    route(
        "community:dismiss_report",
        kwargs=_report,
        method="post",
        **_REASON,
        **_MODERATOR_POST,
        chapter_moderator=302,
    ),
]

ROUTES += [
    route("community:follow", kwargs=_on_thread, method="post", **_SIGNED_IN_POST),
    route("community:settings", **_SIGNED_IN),
]
ROUTES += [route("community:search", data=lambda w: {"q": "data sharing"}, **_SIGNED_IN)]


def _chapter_space(world) -> dict:
    _space(world)
    space, _created = Space.objects.get_or_create(
        slug="london-chat",
        defaults={"name": "London chat", "kind": "chapter", "chapter": world.chapter},
    )
    return {"slug": space.slug}


# Olu organises the chapter, so he manages its space; nobody else may change it.
ROUTES += [
    route(
        "community:space_settings",
        kwargs=_chapter_space,
        anonymous=LOGIN,
        member=404,
        organiser=200,
        moderator=404,
    ),
    route(
        "community:chapter_space_create",
        kwargs=lambda w: {"chapter_slug": w.chapter.slug},
        anonymous=LOGIN,
        member=404,
        organiser=200,
        moderator=404,
    ),
]

# Charlie wrote the (anonymous) post: only he may edit it; everyone may read its history.
ROUTES += [
    route(
        "community:post_edit",
        kwargs=_on_post,
        anonymous=LOGIN,
        member=404,
        organiser=404,
        moderator=404,
    ),
    route("community:post_history", kwargs=_on_post, **_SIGNED_IN),
]
