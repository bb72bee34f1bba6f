"""Builders for community tests: only what a test needs."""

from __future__ import annotations

from oneteam.accounts.models import User
from oneteam.community import services
from oneteam.community.models import ConductAcceptance, Post, Space, Thread
from oneteam.community.selectors import current_code


def accept_conduct(*users: User) -> None:
    code = current_code()
    assert code is not None
    for user in users:
        ConductAcceptance.objects.get_or_create(user=user, code=code)


def make_space(
    slug: str = "general", *, allow_anonymous: bool = True, kind: str = Space.Kind.COMMUNITY
) -> Space:
    space, _created = Space.objects.get_or_create(
        slug=slug,
        defaults={"name": slug.title(), "kind": kind, "allow_anonymous": allow_anonymous},
    )
    return space


def make_thread(
    space: Space,
    author: User,
    *,
    title: str = "Getting data shared",
    anonymous: bool = False,
    chatham_house: bool = False,
    body: str = "How do you get a data sharing agreement signed?",
) -> Thread:
    accept_conduct(author)
    return services.thread_create(
        space=space,
        user=author,
        title=title,
        body=body,
        anonymous=anonymous,
        chatham_house=chatham_house,
    )


def reply(thread: Thread, author: User, body: str = "Me too.", *, anonymous: bool = False) -> Post:
    accept_conduct(author)
    return services.reply_create(thread=thread, user=author, body=body, anonymous=anonymous)
