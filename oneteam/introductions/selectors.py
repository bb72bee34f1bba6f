"""Reads for introductions: who is eligible for a round, past pairs, a member's introductions
and the organisers' view of rounds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from oneteam.accounts.models import User
from oneteam.chapters.models import Chapter, ChapterMembership
from oneteam.community import selectors as community_selectors
from oneteam.introductions.models import Introduced, Introduction, OptIn, Round, scope_key

# How long a member who asked for fewer introductions waits between two of the same scope.
FREQUENCY_GAP = {
    OptIn.Frequency.EVERY_ROUND: timedelta(0),
    OptIn.Frequency.MONTHLY: timedelta(days=28),
    OptIn.Frequency.QUARTERLY: timedelta(days=90),
}


def blocked_pairs() -> set[tuple[int, int]]:
    """Pairs of users (lower pk first) who must never be introduced: one blocked the other in
    the community. The round passes this to the engine as `avoid`."""
    return {(min(pair), max(pair)) for pair in community_selectors.blocked_pairs()}


def past_pairs() -> set[tuple[int, int]]:
    """Every pair of users (lower pk first) ever introduced, in any round: the engine's
    `history`, so nobody is introduced to the same person twice."""
    groups: dict[int, list[int]] = defaultdict(list)
    for introduction_id, user_id in Introduced.objects.values_list("introduction_id", "user_id"):
        groups[introduction_id].append(user_id)
    return {
        (min(a, b), max(a, b)) for members in groups.values() for a, b in combinations(members, 2)
    }


def opt_ins_in_scope(chapter: Chapter | None) -> QuerySet[OptIn]:
    """Opt-ins of the scope whose members can be paired: active, with a discipline."""
    return OptIn.objects.filter(
        chapter=chapter,
        user__is_active=True,
        user__profile__discipline__isnull=False,
    ).select_related("user__profile__discipline")


def eligible_opt_ins(chapter: Chapter | None, *, now: datetime | None = None) -> list[OptIn]:
    """Opt-ins of the scope taking part in a round opened `now`: those who asked for fewer
    introductions are left out until their gap since the last one of this scope has passed."""
    now = now or timezone.now()
    opt_ins = list(opt_ins_in_scope(chapter).order_by("user_id"))
    longest = max(FREQUENCY_GAP.values())
    last: dict[int, datetime] = {}
    for user_id, created in Introduced.objects.filter(
        introduction__round__scope=scope_key(chapter),
        introduction__created_at__gte=now - longest,
        user_id__in=[o.user_id for o in opt_ins],
    ).values_list("user_id", "introduction__created_at"):
        last[user_id] = max(created, last.get(user_id, created))
    return [
        o
        for o in opt_ins
        if o.user_id not in last
        or now - last[o.user_id] >= FREQUENCY_GAP[OptIn.Frequency(o.frequency)]
    ]


def home_chapters(user_ids: list[int]) -> dict[int, Chapter]:
    """For community-wide rounds: each user's first followed chapter by name (organised
    chapters first), where they would meet in person."""
    chosen: dict[int, Chapter] = {}
    for membership in (
        ChapterMembership.objects.filter(user_id__in=user_ids)
        .select_related("chapter")
        .order_by("-role", "chapter__name")
    ):
        chosen.setdefault(membership.user_id, membership.chapter)
    return chosen


def opt_ins_of(user: User) -> list[OptIn]:
    return list(OptIn.objects.filter(user=user).select_related("chapter").order_by("chapter__name"))


def followed_chapters(user: User) -> list[Chapter]:
    return list(Chapter.objects.filter(memberships__user=user).order_by("name"))


@dataclass(frozen=True)
class OtherPerson:
    name: str
    discipline: str
    organisation: str
    role: str
    chapter: str
    bio: str
    handle: str
    email: str  # empty unless both shared


@dataclass(frozen=True)
class MyIntroduction:
    introduction: Introduction
    me: Introduced
    others: list[OtherPerson]
    prompts: list[str]
    round_name: str


def my_introductions(user: User) -> list[MyIntroduction]:
    """The user's introductions, newest first, each with the other people's summaries; a fixed
    number of queries however many there are."""
    people = Introduced.objects.select_related("user__profile__discipline", "chapter").order_by(
        "pk"
    )
    mine = (
        Introduced.objects.filter(user=user)
        .select_related("introduction__round__chapter")
        .prefetch_related(Prefetch("introduction__people", queryset=people))
        .order_by("-introduction__created_at", "-pk")
    )
    result = []
    for me in mine:
        introduction = me.introduction
        others = [
            _summary(person, share=me.share_email)
            for person in introduction.people.all()
            if person.user_id != user.pk
        ]
        result.append(
            MyIntroduction(
                introduction=introduction,
                me=me,
                others=others,
                prompts=[str(p) for p in introduction.prompts],
                round_name=introduction.round.scope_name,
            )
        )
    return result


def _summary(person: Introduced, *, share: bool) -> OtherPerson:
    profile = getattr(person.user, "profile", None)
    both_share = share and person.share_email
    return OtherPerson(
        name=str(person.user),
        discipline=profile.discipline.name if profile and profile.discipline else "",
        organisation=profile.organisation if profile else "",
        role=profile.role if profile else "",
        chapter=person.chapter.name if person.chapter else "",
        bio=(profile.ask_me_about or profile.working_to_change) if profile else "",
        handle=profile.handle if profile else "",
        email=person.user.email if both_share else "",
    )


def introduction_for(user: User, pk: int) -> Introduced | None:
    """The user's own place in introduction `pk`, or None (not theirs, or no such one)."""
    return (
        Introduced.objects.filter(user=user, introduction_id=pk)
        .select_related("introduction__round")
        .first()
    )


@dataclass(frozen=True)
class MetRate:
    introductions: int
    answered: int  # introductions where someone answered
    met: int  # introductions where someone said they met

    @property
    def percent(self) -> int | None:
        return round(100 * self.met / self.introductions) if self.introductions else None


def met_rate(round_: Round) -> MetRate:
    counts = Introduction.objects.filter(round=round_).aggregate(
        total=Count("pk", distinct=True),
        answered=Count("pk", filter=~Q(people__outcome=Introduced.Outcome.PENDING), distinct=True),
        met=Count("pk", filter=Q(people__outcome=Introduced.Outcome.MET), distinct=True),
    )
    return MetRate(counts["total"], counts["answered"], counts["met"])


@dataclass(frozen=True)
class ScopeSummary:
    chapter: Chapter | None
    name: str
    key: str  # the form value: "community" or the chapter's slug
    opted_in: int
    active: Round | None


def scope_summaries(chapters: list[Chapter], *, community: bool) -> list[ScopeSummary]:
    scopes: list[Chapter | None] = [None] if community else []
    scopes += chapters
    active = {r.scope: r for r in Round.objects.filter(status__in=Round.ACTIVE)}
    counts: dict[int | None, int] = {
        chapter_id: n
        for chapter_id, n in OptIn.objects.filter(
            user__is_active=True, user__profile__discipline__isnull=False
        )
        .values_list("chapter_id")
        .annotate(n=Count("pk"))
        .values_list("chapter_id", "n")
    }
    return [
        ScopeSummary(
            chapter=chapter,
            name=chapter.name if chapter else "",
            key=chapter.slug if chapter else "community",
            opted_in=counts.get(chapter.pk if chapter else None, 0),
            active=active.get(scope_key(chapter)),
        )
        for chapter in scopes
    ]


def recent_rounds(chapters: list[Chapter], *, community: bool, limit: int = 20) -> list[Round]:
    where = Q(chapter__in=chapters)
    if community:
        where |= Q(chapter__isnull=True)
    return list(
        Round.objects.filter(where)
        .select_related("chapter")
        .annotate(
            introduction_count=Count("introductions", distinct=True),
            met_count=Count(
                "introductions",
                filter=Q(introductions__people__outcome=Introduced.Outcome.MET),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")[:limit]
    )
