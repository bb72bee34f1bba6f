"""Moderators' actions, each with a reason in the audit log: hide, dismiss, warn, suspend,
ban, and the two-moderator reveal of an anonymous author."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.community import emails, rules
from oneteam.community.models import (
    AuditEntry,
    Post,
    Pseudonym,
    Report,
    RevealRequest,
    Sanction,
    Space,
)
from oneteam.community.services.posting import clean_reason

if TYPE_CHECKING:
    from oneteam.accounts.models import User

# --- Moderation --------------------------------------------------------------------------------


def _check_moderates(*, moderator: User, space: Space) -> None:
    if not rules.moderates_space(moderator, space):
        raise ValidationError(_("You do not moderate this space"))


def _resolve_reports(
    *, moderator: User, post: Post | None = None, member: User | None = None
) -> None:
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    if post is not None:
        open_reports = open_reports.filter(post=post)
    if member is not None:
        open_reports = open_reports.filter(reported_user=member)
    open_reports.update(resolved_at=timezone.now(), resolved_by=moderator)


def _author_to_tell(post: Post) -> User | None:
    if post.pseudonym_number is None:
        return post.author
    link = (
        Pseudonym.objects.select_related("user")
        .filter(thread_id=post.thread_id, number=post.pseudonym_number)
        .first()
    )
    return link.user if link else None


def post_hide(*, post: Post, moderator: User, reason: str) -> Post:
    _check_moderates(moderator=moderator, space=post.thread.space)
    reason = clean_reason(reason)
    with transaction.atomic():
        # Claimed by a conditional update: of two moderators hiding at once, one hides it (one
        # audit entry, one email) and the other is told it is already hidden.
        if not Post.objects.filter(pk=post.pk, is_hidden=False).update(is_hidden=True):
            raise ValidationError(_("This post is already hidden"))
        post.is_hidden = True
        AuditEntry.objects.create(
            action=AuditEntry.Action.HIDE, moderator=moderator, reason=reason, post=post
        )
        _resolve_reports(moderator=moderator, post=post)
        author = _author_to_tell(post)
        if author is not None:
            emails.send_on_commit(
                to=author,
                subject=_("A moderator hid your post"),
                template="post_hidden",
                context={"thread": post.thread, "reason": reason},
            )
    return post


def report_dismiss(*, report: Report, moderator: User, reason: str) -> Report:
    space = report.post.thread.space if report.post else None
    if space is not None:
        _check_moderates(moderator=moderator, space=space)
    elif not rules.is_community_moderator(moderator):
        raise ValidationError(_("Only community moderators handle reports about members"))
    reason = clean_reason(reason)
    if report.resolved_at is not None:
        raise ValidationError(_("This report has already been dealt with"))
    with transaction.atomic():
        report.resolved_at, report.resolved_by = timezone.now(), moderator
        report.save(update_fields=["resolved_at", "resolved_by"])
        AuditEntry.objects.create(
            action=AuditEntry.Action.DISMISS,
            moderator=moderator,
            reason=reason,
            post=report.post,
            member=report.reported_user,
        )
    return report


_SANCTION_AUDIT = {
    Sanction.Kind.WARNING: AuditEntry.Action.WARN,
    Sanction.Kind.SUSPENSION: AuditEntry.Action.SUSPEND,
    Sanction.Kind.BAN: AuditEntry.Action.BAN,
}


def sanction_create(
    *, member: User, moderator: User, kind: str, reason: str, days: int | None = None
) -> Sanction:
    """Warn, suspend for a number of days, or ban a named member, and tell them by email.

    The author of an anonymous post is sanctioned only after a reveal, through their name.
    """
    if not rules.is_community_moderator(moderator):
        raise ValidationError(_("Only community moderators warn, suspend or ban members"))
    if member.pk == moderator.pk:
        raise ValidationError(_("You cannot sanction yourself"))
    if kind not in Sanction.Kind.values:
        raise ValidationError(_("Choose a warning, a suspension or a ban"))
    reason = clean_reason(reason)
    until = None
    if kind == Sanction.Kind.SUSPENSION:
        if days is None or not 1 <= days <= 365:
            raise ValidationError(_("Suspend for between 1 and 365 days"))
        until = timezone.now() + timedelta(days=days)
    with transaction.atomic():
        sanction = Sanction.objects.create(
            user=member, kind=kind, reason=reason, until=until, moderator=moderator
        )
        AuditEntry.objects.create(
            action=_SANCTION_AUDIT[Sanction.Kind(kind)],
            moderator=moderator,
            reason=reason,
            member=member,
        )
        _resolve_reports(moderator=moderator, member=member)
        emails.send_on_commit(
            to=member,
            subject=_("A message from the community's moderators"),
            template="sanction",
            context={"sanction": sanction},
        )
    return sanction


# --- Revealing an anonymous author -------------------------------------------------------------


def reveal_request(*, post: Post, moderator: User, reason: str) -> RevealRequest:
    """The first of the two moderators a reveal needs: records why, reveals nothing yet."""
    _check_moderates(moderator=moderator, space=post.thread.space)
    if post.pseudonym_number is None:
        raise ValidationError(_("This post is not anonymous"))
    reason = clean_reason(reason)
    with transaction.atomic():
        if RevealRequest.objects.select_for_update().filter(post=post).exists():
            raise ValidationError(_("A reveal of this post has already been asked for"))
        request = RevealRequest.objects.create(
            post=post, requested_by=moderator, request_reason=reason
        )
        AuditEntry.objects.create(
            action=AuditEntry.Action.REVEAL_REQUESTED, moderator=moderator, reason=reason, post=post
        )
    return request


def reveal_confirm(*, post: Post, moderator: User, reason: str) -> User:
    """The second moderator agrees: the author is revealed to the moderators and told why."""
    _check_moderates(moderator=moderator, space=post.thread.space)
    reason = clean_reason(reason)
    with transaction.atomic():
        request = RevealRequest.objects.select_for_update().filter(post=post).first()
        if request is None:
            raise ValidationError(_("Another moderator must ask for the reveal first"))
        if request.confirmed_by_id is not None:
            raise ValidationError(_("This author has already been revealed"))
        if request.requested_by_id == moderator.pk:
            raise ValidationError(
                _("A reveal needs two different moderators: ask another moderator to confirm")
            )
        author = _author_to_tell(post)
        if author is None:
            raise ValidationError(_("The author of this post has left the community"))
        request.confirmed_by, request.confirm_reason = moderator, reason
        request.confirmed_at = timezone.now()
        request.save(update_fields=["confirmed_by", "confirm_reason", "confirmed_at"])
        AuditEntry.objects.create(
            action=AuditEntry.Action.REVEALED, moderator=moderator, reason=reason, post=post
        )
        emails.send_on_commit(
            to=author,
            subject=_("Moderators have seen who wrote your anonymous post"),
            template="revealed",
            context={"thread": post.thread, "request": request},
        )
    return author


def revealed_author(*, post: Post, moderator: User) -> User | None:
    """The author of a revealed anonymous post, for the moderators of its space only."""
    if not rules.moderates_space(moderator, post.thread.space):
        return None
    if not RevealRequest.objects.filter(post=post, confirmed_by__isnull=False).exists():
        return None
    return _author_to_tell(post)
