"""Pairing rounds: a Django-free engine for the pairing problem of shared/spec/pairing.md (v1),
shared by the `oneteam pair` command and the web app.

    problem = parse_problem(data)            # raises ProblemError(messages)
    result = solve(problem, seed=0)          # Result; result.to_json() is the spec's document
    score(problem, result_dict)              # ScoreReport: recounted score + broken hard rules
"""

from .model import Member, Problem, ProblemError, Result, Score, Unmatched
from .score import ScoreReport, evaluate, score, violations
from .solve import ProgressCallback, solve
from .validate import parse_problem, parse_result

__all__ = [
    "Member",
    "Problem",
    "ProblemError",
    "ProgressCallback",
    "Result",
    "Score",
    "ScoreReport",
    "Unmatched",
    "evaluate",
    "parse_problem",
    "parse_result",
    "score",
    "solve",
    "violations",
]
