"""Reference checks written from the spec alone, sharing no code with oneteam.pairing:
a hard-rule checker and score recount on the raw JSON, and a brute-force optimum for tiny rounds.
"""

from __future__ import annotations

from typing import Any


def _allowed(data: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[frozenset[str]]]:
    people = {m["id"]: m for m in data["members"]}
    barred = {frozenset(p) for p in data.get("history", [])}
    barred |= {frozenset(p) for p in data.get("avoid", [])}
    return people, barred


def may_meet(
    people: dict[str, dict[str, Any]], barred: set[frozenset[str]], a: str, b: str
) -> bool:
    if a == b or frozenset((a, b)) in barred:
        return False
    same_chapter = people[a]["chapter"] == people[b]["chapter"]
    wants_local = people[a].get("in_person", False) or people[b].get("in_person", False)
    return same_chapter or not wants_local


def broken_rules(data: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """Every hard rule the result breaks (rule 1 sizes and overlap, 2, 3; everyone accounted)."""
    people, barred = _allowed(data)
    problems: list[str] = []
    seen: list[str] = []
    for group in result["groups"]:
        if len(group) not in (2, 3):
            problems.append(f"size {len(group)}: {group}")
        seen += group
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                if not may_meet(people, barred, a, b):
                    problems.append(f"{a} with {b}")
    if len(seen) != len(set(seen)):
        problems.append("someone is in two groups")
    left = [u["member"] for u in result["unmatched"]]
    if sorted(seen + left) != sorted(people):
        problems.append("members not accounted for exactly once")
    trios = [g for g in result["groups"] if len(g) == 3]
    for x, first in enumerate(trios):
        for second in trios[x + 1 :]:
            if any(may_meet(people, barred, a, b) for a in first for b in second):
                problems.append(f"trios {first} and {second} could be three pairs")
    return problems


def recount(data: dict[str, Any], groups: list[list[str]]) -> dict[str, int]:
    people = {m["id"]: m for m in data["members"]}
    return {
        "matched": sum(len(g) for g in groups),
        "cross": sum(1 for g in groups if len({people[i]["discipline"] for i in g}) != 1),
        "same_chapter": sum(1 for g in groups if len({people[i]["chapter"] for i in g}) == 1),
        "groups": len(groups),
    }


def brute_force(data: dict[str, Any]) -> tuple[int, int, int]:
    """The best (matched, cross, same_chapter) over every valid grouping, trying them all.

    Among groupings placing the most members, only those with the fewest trios are allowed
    (a trio only where it is needed to include everyone).
    """
    people, barred = _allowed(data)
    ids = sorted(people)
    best: tuple[int, int, int, int] = (0, 0, 0, 0)

    def walk(rest: list[str], groups: list[list[str]]) -> None:
        nonlocal best
        if not rest:
            score = recount(data, groups)
            trios = sum(1 for g in groups if len(g) == 3)
            key = (score["matched"], -trios, score["cross"], score["same_chapter"])
            best = max(best, key)
            return
        first, others = rest[0], rest[1:]
        walk(others, groups)  # first stays unplaced
        for x, b in enumerate(others):
            if not may_meet(people, barred, first, b):
                continue
            after_b = others[:x] + others[x + 1 :]
            walk(after_b, [*groups, [first, b]])
            for y, c in enumerate(after_b):
                if y >= x and may_meet(people, barred, first, c) and may_meet(people, barred, b, c):
                    walk(after_b[:y] + after_b[y + 1 :], [*groups, [first, b, c]])

    walk(ids, [])
    return best[0], best[2], best[3]
