"""Telling members about new posts: one email per reply to followers and mentioned members, and
an opt-in daily digest. Run by the tasks worker (see tasks.py), never in the request.

Names in these emails come from `selectors.post_views` as seen by the recipient, and never as a
moderator: an email cannot name the author of an anonymous post or of a Chatham House reply.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.community import emails, rules, selectors
from oneteam.community.mentions import mentioned_handles
from oneteam.community.models import NotificationSettings, Post, Pseudonym

if TYPE_CHECKING:
    from collections.abc import Iterable


def _author_id(post: Post) -> int | None:
    if post.pseudonym_number is None:
        return post.author_id
    return (
        Pseudonym.objects.filter(thread_id=post.thread_id, number=post.pseudonym_number)
        .values_list("user_id", flat=True)
        .first()
    )


def _wants_emails(users: Iterable[User]) -> list[User]:
    users = list(users)
    off = set(
        NotificationSettings.objects.filter(user__in=users, email_replies=False).values_list(
            "user_id", flat=True
        )
    )
    return [user for user in users if user.pk not in off and user.is_active]


def post_notify(*, post_id: int) -> int:
    """Email followers of the thread and members mentioned in the post. Returns how many."""
    post = selectors.posts_qs().select_related("thread__space").filter(pk=post_id).first()
    if post is None or post.is_hidden:
        return 0
    author_id = _author_id(post)
    space = post.thread.space
    followers = User.objects.filter(thread_follows__thread_id=post.thread_id)
    mentioned = User.objects.filter(profile__handle__in=mentioned_handles(post.body))
    mentioned_ids = set(mentioned.values_list("pk", flat=True))
    candidates = (
        User.objects.filter(Q(pk__in=followers) | Q(pk__in=mentioned_ids))
        .exclude(pk=author_id or 0)
        .select_related("profile")
    )
    sent = 0
    for recipient in _wants_emails(candidates):
        if not rules.can_see_space(recipient, space):
            continue
        view = selectors.post_views(
            posts=[post],
            viewer=recipient,
            moderator=False,
            blocked=selectors.blocked_user_ids(recipient),
        )
        if not view:
            continue  # written by a member this one blocked, or who blocked them
        is_mention = recipient.pk in mentioned_ids
        subject = (
            _("%(name)s mentioned you in “%(title)s”")
            if is_mention
            else _("New reply from %(name)s in “%(title)s”")
        ) % {"name": view[0].name, "title": post.thread.title}
        emails.send_on_commit(
            to=recipient,
            subject=subject,
            template="new_post",
            context={
                "view": view[0],
                "thread": post.thread,
                "url": reverse("community:thread", kwargs={"pk": post.thread_id})
                + f"#post-{post.pk}",
            },
        )
        sent += 1
    return sent


def digests_send(*, now: datetime | None = None) -> int:
    """One email to each member who asked for the digest, listing the last day's new posts in
    the threads they follow (none if there are none). Returns how many were sent."""
    now = now or timezone.now()
    since = now - timedelta(days=1)
    sent = 0
    subscribers = User.objects.filter(
        community_settings__daily_digest=True, is_active=True
    ).select_related("profile")
    for member in subscribers:
        posts = list(
            selectors.posts_qs()
            .filter(
                thread__follows__user=member,
                created_at__gte=since,
                created_at__lt=now,
                is_hidden=False,
            )
            .select_related("thread__space")
            .order_by("thread_id", "id")[:200]
        )
        posts = [p for p in posts if rules.can_see_space(member, p.thread.space)]
        views = selectors.post_views(
            posts=posts,
            viewer=member,
            moderator=False,
            blocked=selectors.blocked_user_ids(member),
        )
        views = [view for view in views if not view.is_mine]
        if not views:
            continue
        emails.send_on_commit(
            to=member,
            subject=_("Your daily digest from the community"),
            template="digest",
            context={"views": views},
        )
        sent += 1
    return sent
