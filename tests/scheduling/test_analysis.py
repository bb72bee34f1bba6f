"""The "sessions that most hurt" analysis: pure Python, no database."""

from __future__ import annotations

import ast
from pathlib import Path

from oneteam import scheduling
from oneteam.scheduling import Placement, analysis
from oneteam.scheduling.analysis import session_hurts, worst_sessions

PROBLEM = scheduling.parse_problem(
    {
        "format": "oneteam.schedule-problem/1",
        "rooms": [
            {"id": "r1", "name": "Hall", "capacity": 3},
            {"id": "r2", "name": "Attic", "capacity": 1},
        ],
        "slots": [{"id": "t1", "label": "10:00"}, {"id": "t2", "label": "11:00"}],
        "sessions": [
            {"id": "s1", "title": "One", "hosts": ["h1"]},
            {"id": "s2", "title": "Two", "hosts": ["h2"]},
            {"id": "s3", "title": "Three", "hosts": ["h3"]},
        ],
        # a1 and a2 want s1 and s2; a3 wants s1 and s3.
        "interests": {"a1": ["s1", "s2"], "a2": ["s1", "s2"], "a3": ["s1", "s3"]},
    }
)


def test_clashes_and_overflow_are_counted_per_session():
    assignments = {
        "s1": Placement("r1", "t1"),
        "s2": Placement("r2", "t1"),  # clashes with s1 for a1 and a2; demand 3 in a room of 1
        "s3": Placement("r2", "t2"),  # no clash; demand 2 in a room of 1
    }
    hurts = {h.session: h for h in session_hurts(PROBLEM, assignments)}

    assert hurts["s2"].clashes == 2
    assert hurts["s2"].overflow == 2
    assert hurts["s2"].clashes_with == [("s1", 2)]
    assert hurts["s1"].clashes == 2
    assert hurts["s1"].overflow == 1  # h1, a1, a2, a3 in a room of 3
    assert hurts["s3"].clashes == 0 and hurts["s3"].overflow == 1
    assert [h.session for h in session_hurts(PROBLEM, assignments)] == ["s2", "s1", "s3"]
    assert [h.session for h in worst_sessions(PROBLEM, assignments, limit=1)] == ["s2"]


def test_a_grid_that_hurts_nobody_has_no_worst_sessions():
    roomy = scheduling.parse_problem(
        {
            "format": "oneteam.schedule-problem/1",
            "rooms": [{"id": "r1", "capacity": 10}],
            "slots": [{"id": "t1"}, {"id": "t2"}],
            "sessions": [{"id": "s1"}, {"id": "s2"}],
            "interests": {"a1": ["s1", "s2"]},
        }
    )
    placed = {"s1": Placement("r1", "t1"), "s2": Placement("r1", "t2")}
    assert session_hurts(roomy, placed) == []


def test_unplaced_sessions_hurt_nobody_here():
    # Unscheduled sessions are shown separately, with the engine's reasons.
    hurts = session_hurts(PROBLEM, {"s1": Placement("r1", "t1")})
    assert [(h.session, h.clashes, h.overflow) for h in hurts] == [("s1", 0, 1)]


def test_analysis_never_imports_django():
    tree = ast.parse(Path(analysis.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [m for m in imported if m and m.split(".")[0] == "django"] == []
