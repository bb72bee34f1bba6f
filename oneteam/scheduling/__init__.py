"""The auto-scheduler: a Django-free engine for the schedule problem of
shared/spec/scheduling.md (v1), shared by the `oneteam schedule` command and the web app.

    problem = parse_problem(data)            # raises ProblemError(messages)
    result = solve(problem, time_limit=5, seed=0, progress=callback)
    result.to_json()                         # the spec's result document
    score(problem, result_dict)              # ScoreReport: cost + broken hard rules
    broken_rules(problem, assignments)       # the broken hard rules as data (Rule + ids)
"""

from .model import (
    Cost,
    Placement,
    Problem,
    ProblemError,
    Result,
    Room,
    Rule,
    Session,
    Slot,
    SolverInfo,
    Unscheduled,
    Violation,
    Weights,
)
from .score import ScoreReport, broken_rules, evaluate, score, violations
from .solve import ProgressCallback, solve
from .validate import parse_problem, parse_problem_text

__all__ = [
    "Cost",
    "Placement",
    "Problem",
    "ProblemError",
    "ProgressCallback",
    "Result",
    "Room",
    "Rule",
    "ScoreReport",
    "Session",
    "Slot",
    "SolverInfo",
    "Unscheduled",
    "Violation",
    "Weights",
    "broken_rules",
    "evaluate",
    "parse_problem",
    "parse_problem_text",
    "score",
    "solve",
    "violations",
]
