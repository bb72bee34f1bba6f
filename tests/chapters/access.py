from oneteam.chapters.models import ChecklistItem
from tests.access import LOGIN, route

_PUBLIC = {"anonymous": 200, "member": 200, "organiser": 200, "moderator": 200}
_ORGANISER_PAGE = {"anonymous": LOGIN, "member": 404, "organiser": 200, "moderator": 404}
_SLUG = {"kwargs": lambda w: {"slug": w.chapter.slug}}


def _checklist_item(world):
    item = ChecklistItem.objects.create(chapter=world.chapter, title="Book the venue")
    return {"slug": world.chapter.slug, "pk": item.pk}


ROUTES = [
    route("chapters:list", **_PUBLIC),
    route("chapters:detail", **_SLUG, **_PUBLIC),
    route("chapters:calendar", **_SLUG, **_PUBLIC),
    route("chapters:feed", **_SLUG, **_PUBLIC),
    route(
        "chapters:follow",
        method="post",
        **_SLUG,
        anonymous=LOGIN,
        member=302,
        organiser=302,
        moderator=302,
    ),
    route(
        "chapters:unfollow",
        method="post",
        **_SLUG,
        anonymous=LOGIN,
        member=302,
        organiser=302,
        moderator=302,
    ),
    route("chapters:checklist", **_SLUG, **_ORGANISER_PAGE),
    route(
        "chapters:checklist_delete",
        method="post",
        kwargs=_checklist_item,
        anonymous=LOGIN,
        member=404,
        organiser=302,
        moderator=404,
    ),
    route("chapters:call", **_SLUG, **_ORGANISER_PAGE),
    route("chapters:event_create", **_SLUG, **_ORGANISER_PAGE),
]
