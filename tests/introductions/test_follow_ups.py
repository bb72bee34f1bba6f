from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from oneteam.introductions import tokens
from oneteam.introductions.models import Introduced, Introduction, Round
from oneteam.introductions.selectors import met_rate
from oneteam.introductions.services.follow_ups import follow_ups_send_due
from oneteam.introductions.services.optins import outcome_record
from tests.introductions.access import introduction


@pytest.fixture
def world(member, other_member, chapter):
    class World:
        pass

    w = World()
    w.member, w.other_member, w.chapter = member, other_member, chapter
    return w


def _place(world) -> Introduced:
    return Introduced.objects.get(introduction=introduction(world), user=world.member)


def _url(place: Introduced) -> str:
    return reverse(
        "introductions:follow_up", kwargs={"token": tokens.make_follow_up_token(place.pk)}
    )


def test_get_shows_the_question_and_changes_nothing(client, world):
    place = _place(world)

    response = client.get(_url(place) + "?answer=met")

    assert response.status_code == 200
    assert "Did you meet?" in response.content.decode()
    assert "Charlie Data" in response.content.decode()
    place.refresh_from_db()
    assert (place.outcome, place.answered_at) == (Introduced.Outcome.PENDING, None)


def test_post_records_the_answer_without_signing_in(client, world):
    place = _place(world)

    response = client.post(_url(place), {"outcome": "met"})

    assert response.status_code == 200
    assert "Your answer is saved" in response.content.decode()
    place.refresh_from_db()
    assert place.outcome == Introduced.Outcome.MET
    assert place.answered_at is not None


def test_post_without_an_answer_is_refused(client, world):
    place = _place(world)

    response = client.post(_url(place), {"outcome": "maybe"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    place.refresh_from_db()
    assert place.outcome == Introduced.Outcome.PENDING


def test_a_tampered_link_is_not_found(client, world):
    place = _place(world)
    token = tokens.make_follow_up_token(place.pk)
    other = Introduced.objects.get(introduction=place.introduction, user=world.other_member)

    forged = token.replace(str(place.pk), str(other.pk), 1)
    response = client.post(
        reverse("introductions:follow_up", kwargs={"token": forged}), {"outcome": "met"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.outcome == Introduced.Outcome.PENDING


def test_a_link_signed_for_another_purpose_is_not_found(client, world):
    place = _place(world)
    token = signing.TimestampSigner(salt="oneteam.events.cancel-registration").sign(str(place.pk))

    response = client.get(reverse("introductions:follow_up", kwargs={"token": token}))

    assert response.status_code == 404


def test_an_expired_link_says_so_and_changes_nothing(client, world, monkeypatch):
    place = _place(world)
    url = _url(place)
    later = timezone.now().timestamp() + tokens.FOLLOW_UP_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(url, {"outcome": "met"})

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    place.refresh_from_db()
    assert place.outcome == Introduced.Outcome.PENDING


def test_follow_ups_go_out_once_after_two_weeks(world):
    made = introduction(world)

    assert follow_ups_send_due() == 0
    later = timezone.now() + timedelta(days=14, minutes=1)
    assert follow_ups_send_due(now=later) == 2
    assert follow_ups_send_due(now=later) == 0

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "charlie@example.org"]
    alice = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    place = _place(world)
    assert tokens.make_follow_up_token(place.pk).split(":")[0] in alice.body
    assert "Charlie Data" in alice.body
    assert "charlie@example.org" not in alice.body
    made.refresh_from_db()
    assert made.follow_up_sent_at == later


def test_met_rate_counts_introductions_where_someone_met(world, member, chapter):
    from tests.conftest import make_member

    made = introduction(world)
    round_ = made.round
    others = [make_member(f"p{i}@example.org", name=f"P{i}") for i in range(4)]
    second = Introduction.objects.create(round=round_)
    third = Introduction.objects.create(round=round_)
    for intro, pair in ((second, others[:2]), (third, others[2:])):
        for user in pair:
            Introduced.objects.create(introduction=intro, user=user)
    outcome_record(introduced=_place(world), outcome="met")
    outcome_record(
        introduced=Introduced.objects.get(introduction=made, user=world.other_member),
        outcome="met",
    )
    outcome_record(
        introduced=Introduced.objects.get(introduction=second, user=others[0]), outcome="wont"
    )

    rate = met_rate(round_)

    assert (rate.introductions, rate.answered, rate.met, rate.percent) == (3, 2, 1, 33)
    assert met_rate(Round.objects.create(chapter=None, status="done")).percent is None


def test_outcome_record_refuses_pending(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        outcome_record(introduced=_place(world), outcome="pending")
