"""The demo community's conversations: a community-wide space that allows anonymous posts and
a space for the demo chapter, with named, anonymous and Chatham House threads.

Rows are made directly rather than through the services, so loading the demo sends nobody an
email; pseudonyms are numbered as the services number them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from oneteam.community.models import (
    ConductAcceptance,
    Post,
    Pseudonym,
    Reaction,
    Space,
    Thread,
    ThreadFollow,
)
from oneteam.community.selectors import current_code

if TYPE_CHECKING:
    from oneteam.accounts.models import User
    from oneteam.chapters.models import Chapter

# (title, chatham house, posts as (author index or None for anonymous, anonymous author, body))
# (title, Chatham House, [(named author index or None, anonymous author index or None, body)])
THREADS: list[tuple[str, bool, list[tuple[int | None, int | None, str]]]] = [
    (
        "How do you get a data sharing agreement signed?",
        False,
        [
            (0, None, "Six months and counting. Who has got one through legal quickly?"),
            (3, None, "Start with the **information governance** lead, not legal. Ask early."),
            (None, 5, "Ours stalled because nobody owned the risk. Still no owner."),
            (1, None, "We used a template from another department: happy to share it."),
        ],
    ),
    (
        "It can be a lonely business",
        False,
        [
            (None, 2, "I am the only person in my directorate pushing for user research."),
            (4, None, "Same here. Come to the next un-conference: you will find your people."),
            (None, 2, "Thank you. That helps more than you know."),
        ],
    ),
    (
        "What would you change about spending reviews?",
        True,
        [
            (1, None, "This thread follows the Chatham House Rule: say what you really think."),
            (6, None, "Multi-year funding for anything we call a service."),
            (7, None, "Stop asking for benefits cases before discovery."),
        ],
    ),
]


def load_community_demo(*, chapter: Chapter, users: list[User]) -> list[Space]:
    """The demo's spaces and threads; every demo member has accepted the code of conduct."""
    code = current_code()
    if code is not None:
        ConductAcceptance.objects.bulk_create(
            [ConductAcceptance(user=user, code=code) for user in users]
        )
    lounge = Space.objects.create(
        slug="reformers-lounge",
        name="Reformers\N{RIGHT SINGLE QUOTATION MARK} lounge",
        description="Ideas and frustrations from inside government. Anonymous posts allowed.",
        kind=Space.Kind.COMMUNITY,
        allow_anonymous=True,
    )
    local = Space.objects.create(
        slug=f"{chapter.slug}-chat",
        name=f"{chapter.name} chat",
        description=f"For members of {chapter.name}.",
        kind=Space.Kind.CHAPTER,
        chapter=chapter,
    )
    start = timezone.now() - timedelta(days=3)
    for number, (title, chatham, posts) in enumerate(THREADS):
        space = local if chatham else lounge
        thread = Thread.objects.create(
            space=space, title=title, chatham_house=chatham, last_posted_at=start
        )
        numbers: dict[int, int] = {}
        last = None
        for index, (named, anonymous, body) in enumerate(posts):
            if named is None and anonymous is not None:
                author = users[anonymous % len(users)]
                if author.pk not in numbers:
                    numbers[author.pk] = len(numbers) + 1
                    Pseudonym.objects.create(thread=thread, user=author, number=numbers[author.pk])
                last = Post.objects.create(
                    thread=thread,
                    pseudonym_number=numbers[author.pk],
                    body=body,
                    is_opening=index == 0,
                )
            else:
                author = users[(named or 0) % len(users)]
                last = Post.objects.create(
                    thread=thread, author=author, body=body, is_opening=index == 0
                )
                ThreadFollow.objects.get_or_create(thread=thread, user=author)
            Reaction.objects.get_or_create(
                post=last, user=users[(number + index + 8) % len(users)], kind="got_your_back"
            )
        if last is not None:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=len(posts) - 1, last_post_id=last.pk, last_posted_at=last.created_at
            )
    return [lounge, local]
