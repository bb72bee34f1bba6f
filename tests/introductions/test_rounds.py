from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oneteam.accounts.models import User
from oneteam.community.models import Block
from oneteam.introductions import engine, selectors
from oneteam.introductions.models import Introduced, Introduction, OptIn, Round
from oneteam.introductions.prompts import BY_PAIR, FALLBACK
from oneteam.introductions.services import rounds
from oneteam.introductions.services.optins import opt_out
from oneteam.introductions.services.rounds import round_open, round_run
from tests.introductions.conftest import IMMEDIATE_TASKS


def _groups(round_: Round) -> list[set[int]]:
    return [
        {p.user_id for p in introduction.people.all()}
        for introduction in Introduction.objects.filter(round=round_).prefetch_related("people")
    ]


def _run(chapter, organiser, capture) -> Round:
    with capture(execute=True):
        round_ = round_open(chapter=chapter, opened_by=organiser)
    round_.refresh_from_db()
    return round_


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_round_pairs_everyone_across_disciplines_and_tells_them(
    opted_in, organiser, django_capture_on_commit_callbacks
):
    round_ = _run(opted_in.chapter, organiser, django_capture_on_commit_callbacks)

    assert round_.status == Round.Status.DONE
    assert round_.taking_part == 10
    assert round_.unmatched == []
    groups = _groups(round_)
    assert sorted(len(g) for g in groups) == [2, 2, 2, 2, 2]
    assert set().union(*groups) == {u.pk for u in opted_in.people.values()}
    # Five in policy and five in other disciplines: every pair can mix.
    for group in groups:
        assert len({opted_in.discipline(u) for u in group}) == 2
    # One email per person, naming the other and never their address.
    assert len(mail.outbox) == 10
    for message in mail.outbox:
        (address,) = message.to
        others = [a for a in (u.email for u in opted_in.people.values()) if a != address]
        assert not any(other in message.body for other in others)
        assert "Three things you could talk about" in message.body


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_prompts_are_chosen_for_the_pairs_disciplines(
    opted_in, organiser, django_capture_on_commit_callbacks
):
    round_ = _run(opted_in.chapter, organiser, django_capture_on_commit_callbacks)

    for introduction in Introduction.objects.filter(round=round_).prefetch_related("people"):
        disciplines = frozenset(opted_in.discipline(p.user_id) for p in introduction.people.all())
        expected = BY_PAIR.get(disciplines, FALLBACK)
        assert introduction.prompts == [str(p) for p in expected]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_second_round_repeats_no_introduction(
    opted_in, organiser, django_capture_on_commit_callbacks
):
    first = _run(opted_in.chapter, organiser, django_capture_on_commit_callbacks)
    second = _run(opted_in.chapter, organiser, django_capture_on_commit_callbacks)

    assert second.status == Round.Status.DONE
    pairs = [frozenset(g) for g in _groups(first)]
    for group in _groups(second):
        assert not any(pair <= group for pair in pairs)
    assert len(_groups(second)) == 5
    assert selectors.past_pairs() >= {tuple(sorted(p)) for p in pairs}


def test_blocked_pairs_are_passed_to_the_engine_as_avoid(opted_in, organiser, monkeypatch):
    pat, dev = opted_in.people["pat"], opted_in.people["dev"]
    # Dev blocked Pat in the community: the round reads the same block list.
    Block.objects.create(blocker=dev, blocked=pat)
    seen = {}
    real = engine.pair

    def spy(*args, **kwargs):
        kwargs["avoid"] = list(kwargs["avoid"])
        seen["avoid"] = kwargs["avoid"]
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "pair", spy)
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    round_run(round_id=round_.pk)

    assert seen["avoid"] == [(min(pat.pk, dev.pk), max(pat.pk, dev.pk))]
    assert {pat.pk, dev.pk} not in _groups(round_)


def test_the_blocks_selector_is_empty_when_nobody_blocked_anybody(db):
    assert selectors.blocked_pairs() == set()


def test_open_only_enqueues_with_the_database_backend(
    opted_in, organiser, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(engine, "pair", lambda *a, **k: pytest.fail("paired in the request"))
    round_ = _run(opted_in.chapter, organiser, django_capture_on_commit_callbacks)

    assert round_.status == Round.Status.QUEUED
    queued = DBTaskResult.objects.get(pk=round_.task_id)
    assert queued.args_kwargs == {"args": [round_.pk], "kwargs": {}}


def test_a_round_cannot_be_opened_twice_in_one_scope(opted_in, organiser):
    round_open(chapter=opted_in.chapter, opened_by=organiser)

    with pytest.raises(ValidationError) as refused:
        round_open(chapter=opted_in.chapter, opened_by=organiser)

    assert refused.value.messages == [
        "A round for London is already under way: wait for it to finish."
    ]
    assert Round.objects.count() == 1


def test_the_database_holds_one_open_round_per_scope(opted_in, organiser):
    from django.db import IntegrityError, transaction

    Round.objects.create(chapter=opted_in.chapter, status=Round.Status.RUNNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(chapter=opted_in.chapter)
    Round.objects.create(chapter=None)  # another scope is free
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(chapter=None)


def test_a_stale_round_no_longer_blocks_and_is_marked_failed(opted_in, organiser):
    stuck = Round.objects.create(chapter=opted_in.chapter, status=Round.Status.RUNNING)
    Round.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - rounds.STALE_AFTER - timedelta(minutes=1)
    )

    fresh = round_open(chapter=opted_in.chapter, opened_by=organiser)

    stuck.refresh_from_db()
    assert stuck.status == Round.Status.FAILED
    assert fresh.status == Round.Status.QUEUED


def test_a_round_needs_two_members(community, organiser):
    pat = community.people["pat"]
    OptIn.objects.create(user=pat, chapter=community.chapter)

    with pytest.raises(ValidationError) as refused:
        round_open(chapter=community.chapter, opened_by=organiser)

    assert refused.value.messages == [
        "A round needs at least two members opted in with a discipline on their profile; "
        "London has 1."
    ]
    assert Round.objects.count() == 0


def test_members_without_a_discipline_do_not_count(community, organiser):
    for name in ("pat", "dev"):
        OptIn.objects.create(user=community.people[name], chapter=community.chapter)
    community.people["dev"].profile.discipline = None
    community.people["dev"].profile.save()

    with pytest.raises(ValidationError):
        round_open(chapter=community.chapter, opened_by=organiser)


def test_a_crash_mid_round_stores_nothing_and_can_be_retried(
    opted_in, organiser, monkeypatch, django_capture_on_commit_callbacks
):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    real = Introduced.objects.bulk_create

    def crash(objs, *args, **kwargs):
        real(list(objs)[:3], *args, **kwargs)  # part of the round written, then the crash
        raise RuntimeError("worker killed")

    monkeypatch.setattr(Introduced.objects, "bulk_create", crash)
    with django_capture_on_commit_callbacks(execute=True):
        failed = round_run(round_id=round_.pk)

    assert failed.status == Round.Status.FAILED
    assert failed.error == (
        "Something went wrong while pairing; no one was introduced. Open the round again."
    )
    assert Introduction.objects.count() == 0
    assert Introduced.objects.count() == 0
    assert mail.outbox == []
    monkeypatch.undo()
    retried = round_open(chapter=opted_in.chapter, opened_by=organiser)
    assert round_run(round_id=retried.pk).status == Round.Status.DONE
    assert Introduction.objects.filter(round=retried).count() == 5


def test_an_engine_failure_stores_nothing(opted_in, organiser, monkeypatch):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)

    def explode(*args, **kwargs):
        raise MemoryError("the engine ran out of memory")

    monkeypatch.setattr(engine, "pair", explode)
    assert round_run(round_id=round_.pk).status == Round.Status.FAILED
    assert Introduction.objects.count() == 0


def test_a_member_who_leaves_mid_round_is_dropped_and_their_partner_paired_again(
    opted_in, organiser, monkeypatch
):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    # Two in policy: with five in policy and five not, every pair mixes, so they are not a pair.
    pat, dev = opted_in.people["pat"], opted_in.people["priya"]
    leavers = {pat.pk, dev.pk}
    everyone = {u.pk for u in opted_in.people.values()}
    real = engine.pair
    planned = {}

    def pair_then_leave(*args, **kwargs):
        plan = real(*args, **kwargs)
        if "groups" not in planned:  # while the engine ran the first time
            planned["groups"] = plan.groups
            opt_out(user=pat, chapter=opted_in.chapter)
            dev.delete()
        return plan

    monkeypatch.setattr(engine, "pair", pair_then_leave)
    done = round_run(round_id=round_.pk)

    assert done.status == Round.Status.DONE
    groups = _groups(done)
    placed = set().union(*groups)
    assert pat.pk not in placed
    assert placed == everyone - leavers
    assert done.unmatched == []
    assert done.taking_part == 8
    # The leavers' partners were paired with each other afresh.
    abandoned = {u for g in planned["groups"] if leavers & set(g) for u in g} - leavers
    assert len(abandoned) == 2
    assert abandoned in groups


def test_a_pair_introduced_by_another_round_meanwhile_is_not_stored_again(
    opted_in, organiser, monkeypatch
):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    real = engine.pair
    meanwhile = {}

    def pair_while_another_round_finishes(*args, **kwargs):
        plan = real(*args, **kwargs)
        if "pair" not in meanwhile:
            meanwhile["pair"] = a, b = plan.groups[0]
            other = Round.objects.create(chapter=None, status=Round.Status.DONE)
            made = Introduction.objects.create(round=other)
            for user_id in (a, b):
                Introduced.objects.create(introduction=made, user_id=user_id)
        return plan

    monkeypatch.setattr(engine, "pair", pair_while_another_round_finishes)
    done = round_run(round_id=round_.pk)

    a, b = meanwhile["pair"]
    assert not any({a, b} <= g for g in _groups(done))
    assert done.unmatched == [
        {
            "name": str(User.objects.get(pk=u)),
            "reason": "was introduced to their partner in another round meanwhile",
        }
        for u in (a, b)
    ]


def test_frequency_leaves_out_members_introduced_recently(
    opted_in, organiser, django_capture_on_commit_callbacks
):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    round_run(round_id=round_.pk)
    pat = opted_in.people["pat"]
    OptIn.objects.filter(user=pat).update(frequency=OptIn.Frequency.MONTHLY)

    eligible = {o.user_id for o in selectors.eligible_opt_ins(opted_in.chapter)}
    later = timezone.now() + timedelta(days=29)
    eligible_later = {o.user_id for o in selectors.eligible_opt_ins(opted_in.chapter, now=later)}

    assert pat.pk not in eligible
    assert len(eligible) == 9
    assert pat.pk in eligible_later


def test_in_person_members_meet_only_their_own_chapter(db, organiser, chapter):
    from oneteam.chapters.models import Chapter
    from tests.conftest import make_member
    from tests.introductions.conftest import join

    leeds = Chapter.objects.create(slug="leeds", name="Leeds")
    people = []
    for name, discipline, home in [
        ("ann", "policy", chapter),
        ("bob", "digital", chapter),
        ("cat", "policy", leeds),
        ("dan", "digital", leeds),
    ]:
        user = make_member(f"{name}@example.org", name=name, discipline=discipline)
        join(user, home)
        OptIn.objects.create(user=user, chapter=None, meeting=OptIn.Meeting.IN_PERSON)
        people.append(user)

    round_ = round_open(chapter=None, opened_by=None)
    done = round_run(round_id=round_.pk)

    assert done.status == Round.Status.DONE
    ann, bob, cat, dan = (u.pk for u in people)
    assert sorted(map(sorted, _groups(done))) == sorted([sorted([ann, bob]), sorted([cat, dan])])
    chapters = dict(Introduced.objects.values_list("user_id", "chapter__name"))
    assert chapters == {ann: "London", bob: "London", cat: "Leeds", dan: "Leeds"}


def test_a_finished_round_schedules_the_follow_ups_two_weeks_later(
    opted_in, organiser, django_capture_on_commit_callbacks
):
    round_ = round_open(chapter=opted_in.chapter, opened_by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        round_run(round_id=round_.pk)

    (queued,) = DBTaskResult.objects.filter(task_path__endswith="send_due_follow_ups")
    assert queued.run_after - timezone.now() > timedelta(days=13, hours=23)
    assert len(mail.outbox) == 10
