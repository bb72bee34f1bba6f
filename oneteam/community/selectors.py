"""Reads for the community. Every page that shows posts builds them through `post_views`, the
one place that decides what name a viewer sees: so no template ever reads a post's author."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.community.models import (
    Block,
    CodeOfConduct,
    ConductAcceptance,
    Post,
    Pseudonym,
    Reaction,
    Report,
    Space,
    Thread,
    ThreadFollow,
    ThreadRead,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneteam.accounts.models import User

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50


def current_code() -> CodeOfConduct | None:
    return CodeOfConduct.objects.order_by("-version").first()


def has_accepted_current_code(user: User) -> bool:
    code = current_code()
    if code is None:
        return True
    return ConductAcceptance.objects.filter(user=user, code=code).exists()


def visible_spaces(user: User | AnonymousUser) -> QuerySet[Space]:
    if not user.is_authenticated:
        return Space.objects.none()
    return (
        Space.objects.filter(~Q(kind=Space.Kind.PRIVATE) | Q(members__user=user))
        .select_related("chapter")
        .distinct()
        .order_by("kind", "name")
    )


def organised_chapters(user: User) -> QuerySet[Chapter]:
    """The chapters this member organises: they may add spaces to them."""
    return Chapter.objects.filter(
        memberships__user=user, memberships__role=ChapterMembership.Role.ORGANISER
    ).order_by("name")


def blocked_user_ids(user: User) -> set[int]:
    """Members this member blocked, and members who blocked them: neither sees the other."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in pairs for other in pair if other != user.pk}


def blocked_pairs() -> set[frozenset[int]]:
    """Every pair of members of whom one blocked the other. The pairing feature never pairs
    them; each pair is a frozenset of two user ids, whoever blocked whom."""
    return {frozenset(pair) for pair in Block.objects.values_list("blocker_id", "blocked_id")}


def is_blocked_between(a: User, b: User) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


@dataclass(frozen=True)
class ThreadCursor:
    """Keyset position in a space's listing: the last thread shown (newest activity first)."""

    last_posted_at: datetime
    pk: int

    def encode(self) -> str:
        return f"{self.last_posted_at.timestamp():.6f}_{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> ThreadCursor | None:
        if not raw:
            return None
        try:
            stamp, pk = raw.split("_", 1)
            return cls(datetime.fromtimestamp(float(stamp), tz=UTC), int(pk))
        except (ValueError, OverflowError, OSError):
            return None


@dataclass(frozen=True)
class ThreadPage:
    threads: Sequence[Thread]
    next_cursor: str | None


def space_threads(*, space: Space, viewer: User, cursor: ThreadCursor | None) -> ThreadPage:
    """A page of the space's threads, latest activity first, each with `last_read` (the
    viewer's read marker, None if never opened) and `is_unread`."""
    last_read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=viewer).values(
        "last_read_post_id"
    )[:1]
    threads = (
        Thread.objects.filter(space=space)
        .annotate(last_read=Subquery(last_read))
        .order_by("-last_posted_at", "-id")
    )
    if cursor is not None:
        threads = threads.filter(
            Q(last_posted_at__lt=cursor.last_posted_at)
            | Q(last_posted_at=cursor.last_posted_at, id__lt=cursor.pk)
        )
    found = list(threads[: THREADS_PER_PAGE + 1])
    page = found[:THREADS_PER_PAGE]
    for thread in page:
        # Read by the listing's template, beside the annotation it is worked out from.
        thread.is_unread = (  # type: ignore[attr-defined]
            thread.last_read is None or thread.last_read < thread.last_post_id
        )
    following = None
    if len(found) > THREADS_PER_PAGE:
        last = page[-1]
        following = ThreadCursor(last.last_posted_at, last.pk).encode()
    return ThreadPage(page, following)


@dataclass(frozen=True)
class PostView:
    """A post as one viewer may see it: the name is already decided."""

    post: Post
    name: str
    handle: str | None  # a profile to link to, or None when the author is not shown
    is_anonymous: bool
    is_mine: bool
    reactions: dict[str, int]
    my_reactions: frozenset[str]

    @property
    def pk(self) -> int:
        return self.post.pk

    @property
    def reaction_list(self) -> list[tuple[str, str, int, bool]]:
        return [
            (kind, str(label), self.reactions.get(kind, 0), kind in self.my_reactions)
            for kind, label in Reaction.Kind.choices
        ]


def pseudonym_label(number: int) -> str:
    return _("Anonymous %(number)d") % {"number": number}


def post_views(
    *, posts: list[Post], viewer: User, moderator: bool, blocked: set[int] | None = None
) -> list[PostView]:
    """Name each post for the viewer, in three queries whatever the number of posts.

    Anonymous posts show their pseudonym to everyone (moderators too: lifting it is a reveal).
    Replies in a Chatham House thread show no name to anyone but moderators.
    Posts by members blocked either way are left out (anonymous ones cannot be: that would
    tell the viewer who wrote them).
    """
    if blocked:
        posts = [post for post in posts if post.author_id not in blocked]
    ids = [post.pk for post in posts]
    thread_ids = {post.thread_id for post in posts}
    mine_by_thread = dict(
        Pseudonym.objects.filter(user=viewer, thread_id__in=thread_ids).values_list(
            "thread_id", "number"
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for post_id, kind, total in (
        Reaction.objects.filter(post_id__in=ids)
        .values_list("post_id", "kind")
        .annotate(total=Count("id"))
        .order_by()
    ):
        counts.setdefault(post_id, {})[kind] = total
    mine: dict[int, set[str]] = {}
    for post_id, kind in Reaction.objects.filter(post_id__in=ids, user=viewer).values_list(
        "post_id", "kind"
    ):
        mine.setdefault(post_id, set()).add(kind)
    views = []
    for post in posts:
        if post.pseudonym_number is not None:
            name = pseudonym_label(post.pseudonym_number)
            handle = None
            is_mine = mine_by_thread.get(post.thread_id) == post.pseudonym_number
        else:
            is_mine = post.author_id == viewer.pk
            chatham = post.thread.chatham_house and not post.is_opening
            if chatham and not moderator:
                name, handle = _("A participant"), None
            else:
                profile = getattr(post.author, "profile", None) if post.author else None
                name = profile.display_name if profile else _("A former member")
                handle = profile.handle if profile else None
        views.append(
            PostView(
                post=post,
                name=name,
                handle=handle,
                is_anonymous=post.is_anonymous,
                is_mine=is_mine,
                reactions=counts.get(post.pk, {}),
                my_reactions=frozenset(mine.get(post.pk, set())),
            )
        )
    return views


def posts_qs() -> QuerySet[Post]:
    return Post.objects.select_related("thread", "author__profile")


@dataclass(frozen=True)
class PostPage:
    posts: list[PostView]
    next_after: int | None
    last_read: int  # the viewer's read marker before this visit: later posts are new to them
    following: bool


def thread_posts(*, thread: Thread, viewer: User, moderator: bool, after: int | None) -> PostPage:
    """One page of a thread, oldest first, by keyset on the post id (ids grow with time)."""
    posts = posts_qs().filter(thread=thread).order_by("id")
    if after is not None:
        posts = posts.filter(id__gt=after)
    found = list(posts[: POSTS_PER_PAGE + 1])
    page = found[:POSTS_PER_PAGE]
    for post in page:
        post.thread = thread  # one thread for all: no repeated loads
    views = post_views(
        posts=page, viewer=viewer, moderator=moderator, blocked=blocked_user_ids(viewer)
    )
    next_after = page[-1].pk if len(found) > POSTS_PER_PAGE else None
    read = ThreadRead.objects.filter(thread=thread, user=viewer).values_list(
        "last_read_post_id", flat=True
    )
    following = ThreadFollow.objects.filter(thread=thread, user=viewer).exists()
    return PostPage(views, next_after, next(iter(read), 0), following)


def open_reports(*, moderator: User) -> list[Report]:
    """Reports still to deal with, about what this moderator moderates, oldest first."""
    from oneteam.community.rules import moderated_chapter_ids

    chapters = moderated_chapter_ids(moderator)
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "post__thread__space", "post__author__profile", "reported_user__profile"
    )
    if None not in chapters:
        reports = reports.filter(
            post__thread__space__chapter_id__in=[c for c in chapters if c is not None]
        )
    return list(reports.order_by("created_at", "id"))


SEARCH_RESULTS = 50


def search_posts(*, viewer: User, query: str) -> list[PostView]:
    """Posts with every word of the query, newest first, among those the viewer may see: in
    spaces open to them, not hidden, not by a member blocked either way. Named as on the
    thread page (anonymous posts by pseudonym), so search can never reveal an author."""
    from oneteam.community.search import matching_post_ids

    matching = matching_post_ids(query)
    if matching is None:
        return []
    blocked = blocked_user_ids(viewer)
    posts = (
        posts_qs()
        .select_related("thread__space")
        .filter(id__in=matching, is_hidden=False, thread__space__in=visible_spaces(viewer))
        .exclude(author_id__in=blocked)
        .order_by("-id")[:SEARCH_RESULTS]
    )
    return post_views(posts=list(posts), viewer=viewer, moderator=False)
