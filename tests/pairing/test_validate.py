from __future__ import annotations

import pytest

from oneteam.pairing import ProblemError, limits, parse_problem
from oneteam.pairing.limits import parse_json

from .conftest import member, problem_data


def errors_of(data: object) -> list[str]:
    with pytest.raises(ProblemError) as caught:
        parse_problem(data)
    return caught.value.messages


def test_parse_problem_reads_members_and_normalises_pairs() -> None:
    problem = parse_problem(
        problem_data(
            [member("b", "policy", "x"), member("a", "data", "y", in_person=True)],
            history=[["b", "a"]],
        )
    )
    assert [m.id for m in problem.members] == ["b", "a"]
    assert problem.members[1].in_person is True
    assert problem.history == (("a", "b"),)
    assert problem.cross_bound() == 1


def test_parse_problem_reports_every_member_problem_once() -> None:
    data = problem_data([])
    data["members"] = [
        {"id": "", "discipline": "policy", "chapter": "x"},
        {"id": "a", "discipline": 3, "chapter": "x"},
        {"id": "b", "discipline": "policy", "chapter": "x", "in_person": "yes"},
        "c",
    ]
    assert errors_of(data) == [
        "members[0].id: expected a non-empty string",
        "members[1].discipline: expected a non-empty string",
        "members[2].in_person: expected true or false",
        "members[3]: expected an object",
    ]


def test_parse_problem_refuses_bad_pairs_and_format() -> None:
    data = problem_data(
        [member("a", "policy", "x"), member("b", "policy", "x")],
        history=[["a"], ["a", "a"]],
        avoid="a,b",  # type: ignore[arg-type]
    )
    data["format"] = "something/2"
    assert errors_of(data) == [
        'format: expected "oneteam.pairing-problem/1", got "something/2"',
        "history[0]: expected a pair of member ids",
        'history[1]: pairs "a" with themselves',
        "avoid: expected a list of [member, member] pairs",
    ]


def test_parse_problem_refuses_missing_members_and_non_object() -> None:
    assert errors_of({"format": "oneteam.pairing-problem/1"}) == ["members: missing"]
    assert errors_of([]) == ["problem: expected a JSON object"]


def test_limits_refuse_long_text() -> None:
    long = "x" * (limits.MAX_TEXT + 1)
    assert errors_of(problem_data([member(long, "policy", "x")])) == [
        f"members[0].id: {limits.MAX_TEXT + 1} characters; the limit is {limits.MAX_TEXT}"
    ]


def test_limits_refuse_too_many_members_and_pairs_before_reading_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_MEMBERS", 2)
    monkeypatch.setattr(limits, "MAX_HISTORY", 1)
    data = problem_data(
        [member("a", "p", "x"), member("b", "p", "x"), member("c", "p", "x")],
        history=[["a", "b"], ["b", "c"]],
    )
    assert errors_of(data) == [
        "members: 3 entries; the limit is 2",
        "history: 2 entries; the limit is 1",
    ]


def test_limits_refuse_deep_nesting_before_parsing() -> None:
    with pytest.raises(ProblemError) as caught:
        parse_json("[" * 100_000 + "]" * 100_000, "problem")
    assert caught.value.messages == [f"problem: nested deeper than {limits.MAX_DEPTH} levels"]


def test_limits_brackets_inside_strings_do_not_count_as_nesting() -> None:
    assert parse_json('{"members": [{"id": "[[[[[[[[[[[[["}]}', "problem") == {
        "members": [{"id": "[[[[[[[[[[[[["}]
    }


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "1" * 40])
def test_limits_refuse_non_finite_and_huge_numbers(number: str) -> None:
    with pytest.raises(ProblemError) as caught:
        parse_json(f'{{"members": [], "x": {number}}}', "problem")
    (line,) = caught.value.messages
    assert line.startswith("problem: malformed JSON:")
