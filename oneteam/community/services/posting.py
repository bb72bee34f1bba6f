"""Posting: the code of conduct, spaces, threads, replies, edits, reactions and follows.

Each service checks what it is asked to do before it writes, so a refused request raises
`ValidationError` with a message for the member and leaves the database as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from oneteam.chapters.models import Chapter
from oneteam.chapters.rules import can_manage_chapter
from oneteam.community import rules, selectors
from oneteam.community.mentions import mentioned_handles
from oneteam.community.models import (
    POST_MAX_LENGTH,
    CodeOfConduct,
    ConductAcceptance,
    NotificationSettings,
    Post,
    PostRevision,
    Pseudonym,
    Reaction,
    Sanction,
    Space,
    SpaceMember,
    Thread,
    ThreadFollow,
    ThreadRead,
)
from oneteam.members.models import Profile

if TYPE_CHECKING:
    from oneteam.accounts.models import User

logger = logging.getLogger(__name__)

# Anonymous posts a member may make in an hour, across the community.
ANONYMOUS_POSTS_PER_HOUR = 10
REASON_MAX_LENGTH = 2000


class ConductNotAccepted(PermissionDenied):
    """The member must accept the current code of conduct before posting anything."""


# --- Code of conduct -------------------------------------------------------------------------


def conduct_publish(*, text: str, summary_of_changes: str = "") -> CodeOfConduct:
    with transaction.atomic():
        latest = CodeOfConduct.objects.select_for_update().aggregate(v=Max("version"))["v"]
        return CodeOfConduct.objects.create(
            version=(latest or 0) + 1, text=text, summary_of_changes=summary_of_changes
        )


def conduct_accept(*, user: User, code: CodeOfConduct) -> ConductAcceptance:
    current = selectors.current_code()
    if current is None or current.pk != code.pk:
        raise ValidationError(_("That version of the code of conduct has been replaced"))
    acceptance, _created = ConductAcceptance.objects.get_or_create(user=user, code=code)
    return acceptance


# --- Checks shared by every post ---------------------------------------------------------------


def _clean_text(text: str, *, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your %(what)s before posting") % {"what": what})
    if len(text) > POST_MAX_LENGTH:
        raise ValidationError(
            _("Your %(what)s is %(length)s characters long: the most is %(limit)s")
            % {"what": what, "length": f"{len(text):,}", "limit": f"{POST_MAX_LENGTH:,}"}
        )
    return text


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason"))
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason to %(limit)s characters") % {"limit": f"{REASON_MAX_LENGTH:,}"}
        )
    return reason


def check_may_post(*, user: User, space: Space) -> None:
    """Raise unless the member may post in the space now."""
    if not rules.can_see_space(user, space):
        raise ValidationError(_("You cannot post in that space"))
    if not selectors.has_accepted_current_code(user):
        raise ConductNotAccepted
    sanction = rules.sanction_in_force(user)
    if sanction is not None:
        if sanction.kind == Sanction.Kind.BAN:
            raise ValidationError(_("You have been banned from posting in the community"))
        raise ValidationError(
            _("You are suspended from posting until %(date)s")
            % {"date": timezone.localtime(sanction.until).strftime("%-d %B %Y, %H:%M")}
        )


def _check_anonymous_allowed(*, user: User, space: Space) -> None:
    if not space.allow_anonymous:
        raise ValidationError(_("This space does not allow anonymous posts"))
    since = timezone.now() - timedelta(hours=1)
    recent = (
        Post.objects.filter(created_at__gte=since, pseudonym_number__isnull=False)
        .filter(
            Exists(
                Pseudonym.objects.filter(
                    thread_id=OuterRef("thread_id"),
                    number=OuterRef("pseudonym_number"),
                    user=user,
                )
            )
        )
        .count()
    )
    if recent >= ANONYMOUS_POSTS_PER_HOUR:
        raise ValidationError(
            _(
                "You have posted anonymously %(count)d times in the last hour: "
                "wait a while, or post under your name"
            )
            % {"count": recent}
        )


def _pseudonym_number(*, thread: Thread, user: User) -> int:
    """The member's stable number in this thread, given on their first anonymous post.
    The caller holds the thread's row lock, so two new numbers cannot collide."""
    existing = Pseudonym.objects.filter(thread=thread, user=user).first()
    if existing is not None:
        return existing.number
    latest = Pseudonym.objects.filter(thread=thread).aggregate(n=Max("number"))["n"] or 0
    return Pseudonym.objects.create(thread=thread, user=user, number=latest + 1).number


def _check_mentions(*, user: User, body: str) -> None:
    """Members who blocked each other cannot mention each other."""
    handles = mentioned_handles(body)
    if not handles:
        return
    blocked = selectors.blocked_user_ids(user)
    refused = sorted(
        Profile.objects.filter(handle__in=handles, user_id__in=blocked).values_list(
            "handle", flat=True
        )
    )
    if refused:
        raise ValidationError(
            _("You cannot mention %(handles)s") % {"handles": ", ".join(f"@{h}" for h in refused)}
        )


def _new_post(*, thread: Thread, user: User, body: str, anonymous: bool, opening: bool) -> Post:
    if anonymous:
        number = _pseudonym_number(thread=thread, user=user)
        return Post.objects.create(
            thread=thread, author=None, pseudonym_number=number, body=body, is_opening=opening
        )
    return Post.objects.create(thread=thread, author=user, body=body, is_opening=opening)


# --- Spaces, threads and replies ---------------------------------------------------------------


def space_create_private(*, owner: User, name: str, description: str = "") -> Space:
    with transaction.atomic():
        space = Space.objects.create(
            slug=_free_slug(name), name=name, description=description, kind=Space.Kind.PRIVATE
        )
        SpaceMember.objects.create(space=space, user=owner, invited_by=owner, is_owner=True)
    return space


def _free_slug(name: str) -> str:
    base = slugify(name)[:40].strip("-") or "space"
    slug, number = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def space_create_chapter(
    *, chapter: Chapter, by: User, name: str, description: str = "", allow_anonymous: bool = False
) -> Space:
    """A chapter's own space, made by its organisers (or site staff)."""
    if not can_manage_chapter(by, chapter):
        raise ValidationError(_("Only the chapter's organisers can add a space to it"))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Name the space"))
    return Space.objects.create(
        slug=_free_slug(name),
        name=name,
        description=description,
        kind=Space.Kind.CHAPTER,
        chapter=chapter,
        allow_anonymous=allow_anonymous,
    )


def space_update(
    *, space: Space, by: User, name: str, description: str, allow_anonymous: bool
) -> Space:
    """Rename a space, or decide whether it allows anonymous posts (posts made stay as they are)."""
    if not rules.can_manage_space(by, space):
        raise ValidationError(_("Only the space's organisers can change it"))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Name the space"))
    space.name, space.description, space.allow_anonymous = name, description, allow_anonymous
    space.save(update_fields=["name", "description", "allow_anonymous"])
    return space


def space_invite(*, space: Space, by: User, user: User) -> SpaceMember:
    if space.kind != Space.Kind.PRIVATE:
        raise ValidationError(_("Everyone can already see this space"))
    if not rules.can_manage_space(by, space):
        raise ValidationError(_("Only the space's owner can invite people"))
    if selectors.is_blocked_between(by, user):
        raise ValidationError(_("You cannot invite this member"))
    member, created = SpaceMember.objects.get_or_create(
        space=space, user=user, defaults={"invited_by": by}
    )
    if not created:
        raise ValidationError(_("%(name)s is already in this space") % {"name": user})
    return member


def thread_create(
    *,
    space: Space,
    user: User,
    title: str,
    body: str,
    anonymous: bool = False,
    chatham_house: bool = False,
) -> Thread:
    check_may_post(user=user, space=space)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the thread a title"))
    if len(title) > 150:
        raise ValidationError(_("Keep the title to 150 characters"))
    body = _clean_text(body, what=_("post"))
    _check_mentions(user=user, body=body)
    if anonymous:
        _check_anonymous_allowed(user=user, space=space)
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space, title=title, chatham_house=chatham_house, last_posted_at=timezone.now()
        )
        post = _new_post(thread=thread, user=user, body=body, anonymous=anonymous, opening=True)
        Thread.objects.filter(pk=thread.pk).update(last_post_id=post.pk)
        thread.last_post_id = post.pk
        _after_posting(post=post, user=user, anonymous=anonymous)
    return thread


def reply_create(*, thread: Thread, user: User, body: str, anonymous: bool = False) -> Post:
    check_may_post(user=user, space=thread.space)
    body = _clean_text(body, what=_("reply"))
    _check_mentions(user=user, body=body)
    if anonymous:
        _check_anonymous_allowed(user=user, space=thread.space)
    with transaction.atomic():
        # The thread's row lock orders replies and pseudonym numbers within the thread.
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        post = _new_post(thread=locked, user=user, body=body, anonymous=anonymous, opening=False)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1,
            last_posted_at=post.created_at,
            last_post_id=post.pk,
        )
        _after_posting(post=post, user=user, anonymous=anonymous)
    return post


def _after_posting(*, post: Post, user: User, anonymous: bool) -> None:
    """Under their own name the author follows the thread and has read up to their post (not
    when anonymous: a follow or read marker stored with the post would be a trace), and
    followers and mentioned members are told once the post is committed."""
    if not anonymous:
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread_id=post.thread_id, user=user)], ignore_conflicts=True
        )
        thread_mark_read(thread_id=post.thread_id, user=user, post_id=post.pk)
    transaction.on_commit(lambda: _enqueue_notify(post.pk))


def _enqueue_notify(post_id: int) -> None:
    from oneteam.community.tasks import notify_new_post

    try:
        notify_new_post.enqueue(post_id)
    except Exception:  # the queue is down: the post stands, the emails are lost, and we log it
        logger.exception("Could not enqueue notifications for post %s", post_id)


# --- Following, reading and notification settings -----------------------------------------------


def follow_set(*, thread: Thread, user: User, following: bool) -> bool:
    """Follow or stop following (a set, not a toggle); returns whether anything changed."""
    if not rules.can_see_space(user, thread.space):
        raise ValidationError(_("You cannot follow that thread"))
    if following:
        if ThreadFollow.objects.filter(thread=thread, user=user).exists():
            return False
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread=thread, user=user)], ignore_conflicts=True
        )
        return True
    deleted, _counts = ThreadFollow.objects.filter(thread=thread, user=user).delete()
    return deleted > 0


def thread_mark_read(*, thread_id: int, user: User, post_id: int) -> None:
    """Move the member's read marker forward to `post_id` (never back)."""
    updated = ThreadRead.objects.filter(
        thread_id=thread_id, user=user, last_read_post_id__lt=post_id
    ).update(last_read_post_id=post_id)
    if not updated:
        ThreadRead.objects.bulk_create(
            [ThreadRead(thread_id=thread_id, user=user, last_read_post_id=post_id)],
            ignore_conflicts=True,
        )


def notification_settings_set(
    *, user: User, email_replies: bool, daily_digest: bool
) -> NotificationSettings:
    found, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_replies": email_replies, "daily_digest": daily_digest}
    )
    return found


def post_edit(*, post: Post, user: User, body: str) -> Post:
    """The author rewords their post; the earlier wording is kept as a revision."""
    if not is_author_of(post=post, user=user):
        raise ValidationError(_("You can only edit your own posts"))
    check_may_post(user=user, space=post.thread.space)
    if post.is_hidden:
        raise ValidationError(_("A moderator hid this post, so it cannot be edited"))
    body = _clean_text(body, what=_("post"))
    _check_mentions(user=user, body=body)
    if body == post.body:
        return post
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body)
        post.body, post.edited_at = body, timezone.now()
        post.save(update_fields=["body", "edited_at"])
    return post


def is_author_of(*, post: Post, user: User) -> bool:
    if post.pseudonym_number is None:
        return post.author_id == user.pk
    return Pseudonym.objects.filter(
        thread_id=post.thread_id, number=post.pseudonym_number, user=user
    ).exists()


# --- Reactions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReactionState:
    post: Post
    kind: str
    reacted: bool
    changed: bool


def reaction_set(*, post: Post, user: User, kind: str, reacted: bool) -> ReactionState:
    """Set (not toggle) the member's reaction: repeating a request changes nothing and says so."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Choose thanks, me too or got your back"))
    check_may_post(user=user, space=post.thread.space)
    if post.is_hidden:
        raise ValidationError(_("This post was hidden by a moderator"))
    mine = Reaction.objects.filter(post=post, user=user, kind=kind)
    if reacted:
        changed = not mine.exists()
        if changed:
            # A racing duplicate hits the unique constraint and is ignored, not an error.
            Reaction.objects.bulk_create(
                [Reaction(post=post, user=user, kind=kind)], ignore_conflicts=True
            )
    else:
        deleted, _counts = mine.delete()
        changed = deleted > 0
    return ReactionState(post=post, kind=kind, reacted=reacted, changed=changed)
