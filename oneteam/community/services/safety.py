"""What members do to keep themselves and each other safe: block and report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from oneteam.community import rules
from oneteam.community.models import (
    Block,
    Post,
    Report,
)
from oneteam.community.services.posting import clean_reason, is_author_of

if TYPE_CHECKING:
    from oneteam.accounts.models import User

# --- Blocks ------------------------------------------------------------------------------------


def block_set(*, blocker: User, blocked: User, blocking: bool) -> bool:
    """Block or unblock; returns whether anything changed."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself"))
    if blocking:
        try:
            with transaction.atomic():
                Block.objects.create(blocker=blocker, blocked=blocked)
        except IntegrityError:
            return False
        return True
    deleted, _counts = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return deleted > 0


# --- Reports -----------------------------------------------------------------------------------


def report_create(
    *, reporter: User, reason: str, post: Post | None = None, member: User | None = None
) -> Report:
    if (post is None) == (member is None):
        raise ValidationError(_("Report either a post or a member"))
    reason = clean_reason(reason)
    if post is not None:
        if not rules.can_see_space(reporter, post.thread.space):
            raise ValidationError(_("You cannot report that post"))
        if is_author_of(post=post, user=reporter):
            raise ValidationError(_("You cannot report your own post"))
    if member is not None and member.pk == reporter.pk:
        raise ValidationError(_("You cannot report yourself"))
    return Report.objects.create(reporter=reporter, post=post, reported_user=member, reason=reason)
