"""Pairing rounds as background jobs: open (in the request), run (in the worker).

`round_open` checks the scope has no round under way and at least two members to pair, records
a queued `Round` and enqueues `tasks.run_round` once the transaction commits. The worker calls
`round_run`: it solves through the engine bridge, then writes every introduction in one
transaction, so a round that fails (or a worker killed) leaves none of them; the round is then
marked failed and can be opened again. Emails go out after the commit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter
from oneteam.introductions import engine, selectors
from oneteam.introductions.models import Introduced, Introduction, OptIn, Round, scope_key
from oneteam.introductions.prompts import prompts_for
from oneteam.introductions.services import follow_ups

logger = logging.getLogger(__name__)

# A round queued or running for longer than this is taken to be lost (the worker died, or was
# never started): it stops blocking a new round of its scope and is shown as failed.
STALE_AFTER = timedelta(minutes=15)
TIME_LIMIT = 30.0
PROGRESS_EVERY_SECONDS = 0.5


def _already_open(*, chapter: Chapter | None) -> ValidationError:
    name = chapter.name if chapter else _("the whole community")
    return ValidationError(
        _("A round for %(scope)s is already under way: wait for it to finish.") % {"scope": name}
    )


def rounds_expire_stale(*, chapter: Chapter | None) -> int:
    """Mark the scope's lost rounds failed; returns how many there were."""
    return Round.objects.filter(
        scope=scope_key(chapter),
        status__in=Round.ACTIVE,
        created_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=Round.Status.FAILED,
        error=_("The round stopped responding (is the worker running?). Open it again."),
        finished_at=timezone.now(),
    )


def round_open(*, chapter: Chapter | None, opened_by: User | None) -> Round:
    """Queue a round of `chapter` (None: community-wide).

    Refused, changing nothing: a round of the scope already under way, or fewer than two
    members opted in (and due an introduction) to pair.
    """
    with transaction.atomic():
        rounds_expire_stale(chapter=chapter)
        if Round.objects.filter(scope=scope_key(chapter), status__in=Round.ACTIVE).exists():
            raise _already_open(chapter=chapter)
        count = len(selectors.eligible_opt_ins(chapter))
        if count < 2:
            raise ValidationError(
                _(
                    "A round needs at least two members opted in with a discipline on their "
                    "profile; %(scope)s has %(count)s."
                )
                % {
                    "scope": chapter.name if chapter else _("the whole community"),
                    "count": count,
                }
            )
        try:
            with transaction.atomic():
                round_ = Round.objects.create(chapter=chapter, opened_by=opened_by)
        except IntegrityError:  # another organiser opened one at the same moment
            raise _already_open(chapter=chapter) from None
        round_id = round_.pk
        transaction.on_commit(lambda: _enqueue(round_id))
    return round_


def _enqueue(round_id: int) -> None:
    from oneteam.introductions.tasks import run_round

    try:
        result = run_round.enqueue(round_id)
    except Exception as error:  # the queue is down: say so on the round rather than hang
        logger.exception("Could not enqueue pairing round %s", round_id)
        Round.objects.filter(pk=round_id, status__in=Round.ACTIVE).update(
            status=Round.Status.FAILED,
            error=_("The round could not be queued: %(error)s") % {"error": error},
            finished_at=timezone.now(),
        )
        return
    Round.objects.filter(pk=round_id, task_id="").update(task_id=str(result.id)[:64])


class _Progress:
    """The engine's progress callback: written to the round row, at most twice a second."""

    def __init__(self, round_id: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.round_id = round_id
        self.clock = clock
        self.last: float | None = None

    def __call__(self, fraction: float, note: str) -> None:
        now = self.clock()
        if self.last is not None and now - self.last < PROGRESS_EVERY_SECONDS and fraction < 1:
            return
        self.last = now
        Round.objects.filter(pk=self.round_id).update(
            progress=max(0.0, min(0.95, fraction)), note=note[:200]
        )


type People = dict[int, tuple[engine.Candidate, Chapter | None]]


def _candidates(round_: Round, opt_ins: list[OptIn]) -> People:
    """Each opted-in user as the engine sees them, with the chapter shown in their summary."""
    if round_.chapter is not None:
        homes = {o.user_id: round_.chapter for o in opt_ins}
    else:
        homes = selectors.home_chapters([o.user_id for o in opt_ins])
    result: People = {}
    for o in opt_ins:
        home = homes.get(o.user_id)
        discipline = o.user.profile.discipline
        assert discipline is not None  # eligible_opt_ins keeps only members with one
        result[o.user_id] = (
            engine.Candidate(
                user_id=o.user_id,
                discipline=discipline.slug,
                chapter=home.slug if home else engine.NO_CHAPTER,
                in_person=o.meeting == OptIn.Meeting.IN_PERSON and home is not None,
            ),
            home,
        )
    return result


def round_run(*, round_id: int, time_limit: float = TIME_LIMIT) -> Round | None:
    """Run one queued round to the end (called by the worker). Never raises for a failed
    round: the failure is recorded on it, and no introduction of it is stored."""
    claimed = Round.objects.filter(pk=round_id, status=Round.Status.QUEUED).update(
        status=Round.Status.RUNNING, started_at=timezone.now()
    )
    round_ = Round.objects.select_related("chapter").filter(pk=round_id).first()
    if round_ is None or not claimed:
        return round_  # gone, already run, or given up as stale
    try:
        people = _candidates(round_, selectors.eligible_opt_ins(round_.chapter))
        if len(people) < 2:
            raise ValidationError(
                _("Fewer than two members were still opted in when the round started.")
            )
        avoid = selectors.blocked_pairs()
        plan = engine.pair(
            (candidate for candidate, _home in people.values()),
            history=selectors.past_pairs(),
            avoid=avoid,
            seed=round_.pk,
            progress=_Progress(round_.pk),
            time_limit=time_limit,
        )
        with transaction.atomic():
            _store(round_, plan, people, avoid=avoid)
    except Exception as error:
        logger.exception("Pairing round %s failed", round_id)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else ""
        Round.objects.filter(pk=round_id).update(
            status=Round.Status.FAILED,
            error=message
            or _(
                "Something went wrong while pairing; no one was introduced. Open the round again."
            ),
            finished_at=timezone.now(),
        )
        round_.refresh_from_db()
        return round_
    round_.refresh_from_db()
    return round_


def _store(
    round_: Round, plan: engine.Plan, people: People, *, avoid: set[tuple[int, int]]
) -> None:
    """Write the round's introductions and outcome; the caller holds the transaction.

    Members who left while the engine ran (opted out, or their account deleted) are dropped,
    and so is a group two of whose members another round introduced meanwhile. The people
    this leaves alone are paired again among themselves where the rules allow, else listed
    as left out."""
    # Lock everyone taking part, in a fixed order: a round of another scope sharing some of
    # them waits here until this one commits, then reads the history it wrote.
    list(User.objects.filter(pk__in=people).select_for_update().order_by("pk").values("pk"))
    still_in = set(selectors.opt_ins_in_scope(round_.chapter).values_list("user_id", flat=True))
    history = selectors.past_pairs()  # again: another scope's round may have finished since
    names = {
        user.pk: str(user) for user in User.objects.filter(pk__in=people).select_related("profile")
    }
    left_out: list[tuple[int, str]] = [(u, r) for u, r in plan.unmatched if u in still_in]
    groups: list[tuple[int, ...]] = []
    alone: dict[int, str] = {}
    for group in plan.groups:
        kept = tuple(u for u in group if u in still_in)
        met = any((min(a, b), max(a, b)) in history for a, b in combinations(kept, 2))
        if len(kept) >= 2 and not met:
            groups.append(kept)
            continue
        reason = (
            _("was introduced to their partner in another round meanwhile")
            if met
            else _("the person they were paired with left the round")
        )
        alone.update((u, reason) for u in kept)
    if len(alone) >= 2:
        again = engine.pair(
            (people[u][0] for u in alone), history=history, avoid=avoid, seed=round_.pk
        )
        groups += again.groups
        alone = {u: alone[u] for u, _reason in again.unmatched}
    left_out += alone.items()
    introductions = Introduction.objects.bulk_create(
        [
            Introduction(
                round=round_,
                prompts=prompts_for(people[u][0].discipline for u in group),
            )
            for group in groups
        ]
    )
    Introduced.objects.bulk_create(
        [
            Introduced(introduction=introduction, user_id=u, chapter=people[u][1])
            for introduction, group in zip(introductions, groups, strict=True)
            for u in group
        ]
    )
    round_.status = Round.Status.DONE
    round_.progress = 1.0
    round_.note = ""
    round_.taking_part = len(people.keys() & still_in)
    round_.unmatched = [{"name": names.get(u, ""), "reason": r} for u, r in left_out]
    round_.finished_at = timezone.now()
    round_.save(
        update_fields=["status", "progress", "note", "taking_part", "unmatched", "finished_at"]
    )
    round_id = round_.pk
    transaction.on_commit(
        lambda: follow_ups.send_introduction_emails(round_id=round_id), robust=True
    )
    transaction.on_commit(lambda: follow_ups.schedule_follow_ups(), robust=True)


def round_progress(round_: Round) -> int:
    if round_.status == Round.Status.DONE:
        return 100
    return max(0, min(99, int(round_.progress * 100)))
