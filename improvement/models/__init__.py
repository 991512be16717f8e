"""The improvement app's models: what councils claim (claims.py), how it turned out (assessments.py), and figure
claims set beside the official statistics (figures.py)."""

from .assessments import ClaimAssessment
from .claims import Claim, ClaimQuerySet, SelfEvaluation, SelfEvaluationQuerySet
from .figures import FigureCheck, FigureCheckQuerySet, FigureTolerance

__all__ = ["Claim", "ClaimAssessment", "ClaimQuerySet", "FigureCheck", "FigureCheckQuerySet", "FigureTolerance",
           "SelfEvaluation", "SelfEvaluationQuerySet"]
