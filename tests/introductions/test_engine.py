"""The bridge to the pairing engine: people in, groups and reasons in words out."""

from __future__ import annotations

from oneteam.introductions.engine import Candidate, pair


def _c(user_id: int, discipline: str = "policy", chapter: str = "london", in_person=False):
    return Candidate(user_id=user_id, discipline=discipline, chapter=chapter, in_person=in_person)


def test_everyone_is_paired_across_disciplines():
    people = [_c(1), _c(2), _c(3, "digital"), _c(4, "data")]

    plan = pair(people, history=[], avoid=[], seed=0)

    assert sorted(len(g) for g in plan.groups) == [2, 2]
    assert plan.cross == 2
    assert plan.unmatched == ()


def test_an_odd_count_makes_one_trio():
    plan = pair([_c(1), _c(2, "digital"), _c(3, "data")], history=[], avoid=[], seed=0)

    assert plan.groups == ((1, 2, 3),)


def test_someone_who_met_everyone_is_left_out_with_a_reason_in_words():
    plan = pair(
        [_c(1), _c(2, "digital"), _c(3, "data")], history=[(1, 2), (3, 1)], avoid=[], seed=0
    )

    assert plan.groups == ((2, 3),)
    assert plan.unmatched == (
        (1, "has already met, or cannot be introduced to, everyone else taking part"),
    )


def test_a_block_is_worded_like_a_past_introduction():
    plan = pair([_c(1), _c(2, "digital")], history=[], avoid=[(2, 1)], seed=0)

    assert plan.groups == ()
    assert {reason for _u, reason in plan.unmatched} == {
        "has already met, or cannot be introduced to, everyone else taking part"
    }


def test_in_person_alone_in_their_chapter():
    people = [_c(1, in_person=True), _c(2, "digital", "leeds"), _c(3, "data", "leeds")]

    plan = pair(people, history=[], avoid=[], seed=0)

    assert plan.groups == ((2, 3),)
    assert plan.unmatched == (
        (1, "meets only in person, and no one else from their chapter is taking part"),
    )


def test_pairs_naming_people_not_taking_part_are_dropped():
    plan = pair([_c(1), _c(2, "digital")], history=[(1, 99)], avoid=[(7, 8), (1, 1)], seed=0)

    assert plan.groups == ((1, 2),)
