from __future__ import annotations

from typing import Any

from oneteam.pairing import parse_problem, score

from .conftest import member, problem_data

MEMBERS = [
    member("a", "policy", "x", in_person=True),
    member("b", "digital", "x"),
    member("c", "policy", "y"),
    member("d", "data", "y"),
    member("e", "design", "y"),
    member("f", "policy", "x"),
    member("g", "digital", "x"),
]


def violations_for(result: dict[str, Any], **extra: Any) -> list[str]:
    problem = parse_problem(problem_data(MEMBERS, **extra))
    return score(problem, result).violations


def test_score_valid_result_recounts_score() -> None:
    problem = parse_problem(problem_data(MEMBERS))
    result = {"groups": [["a", "b"], ["c", "d", "e"], ["f", "g"]], "unmatched": []}
    report = score(problem, result)
    assert report.valid
    assert report.score.to_json() == {"matched": 7, "cross": 3, "same_chapter": 3, "groups": 3}


def test_score_reports_history_block_and_chapter_rules() -> None:
    result = {"groups": [["a", "c"], ["b", "d"], ["e", "f", "g"]], "unmatched": []}
    assert violations_for(result, history=[["b", "d"]], avoid=[["f", "g"]]) == [
        'groups[0]: "a" meets only in "x", and "c" is in "y"',
        'groups[1]: "b" and "d" have met before',
        'groups[2]: "f" and "g" must never be grouped',
    ]


def test_score_reports_sizes_repeats_and_missing_members() -> None:
    result = {"groups": [["a", "b", "f", "g"], ["c", "c"], ["d"]], "unmatched": []}
    assert violations_for(result) == [
        "groups[0]: has 4 members; groups have 2 or 3",
        'groups[1]: lists "c" twice',
        "groups[2]: has 1 members; groups have 2 or 3",
        '"e" is neither in a group nor listed as unmatched',
    ]


def test_score_reports_member_both_grouped_and_unmatched() -> None:
    result = {
        "groups": [["a", "b"], ["c", "d"], ["e", "f"], ["g", "b"]],
        "unmatched": [{"member": "a", "reason": "?"}],
    }
    assert violations_for(result) == [
        'groups[3]: "b" is already in groups[0]',
        'unmatched: "a" is also in groups[0]',
    ]


def test_score_reports_two_trios_that_could_be_three_pairs() -> None:
    result = {"groups": [["a", "b", "f"], ["c", "d", "e"]], "unmatched": [{"member": "g"}]}
    assert violations_for(result) == [
        "groups[0] and groups[1]: two trios that could have been three pairs"
    ]


def test_score_reports_claimed_score_that_differs_from_recount() -> None:
    result = {
        "groups": [["a", "b"], ["c", "d", "e"], ["f", "g"]],
        "unmatched": [],
        "score": {"matched": 7, "cross": 4, "same_chapter": 3, "groups": 3},
    }
    assert violations_for(result) == ["score.cross: the result says 4, recount 3"]
