"""The auto-scheduler: a Django-free engine for the schedule problem of
shared/spec/scheduling.md (v1), shared by the `oneteam schedule` command and the web app.

    problem = parse_problem(data)            # raises ProblemError(messages)
    result = solve(problem, time_limit=5, seed=0, progress=callback)
    result.to_json()                         # the spec's result document
    score(problem, result_dict)              # ScoreReport: cost + broken hard rules
"""

from .model import (
    Cost,
    Placement,
    Problem,
    ProblemError,
    Result,
    Room,
    Session,
    Slot,
    SolverInfo,
    Unscheduled,
    Weights,
)
from .score import ScoreReport, evaluate, score, violations
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
    "ScoreReport",
    "Session",
    "Slot",
    "SolverInfo",
    "Unscheduled",
    "Weights",
    "evaluate",
    "parse_problem",
    "parse_problem_text",
    "score",
    "solve",
    "violations",
]
