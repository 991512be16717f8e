"""The improvement app's models: what councils claim (claims.py) and how it turned out (assessments.py)."""

from .assessments import ClaimAssessment
from .claims import Claim, ClaimQuerySet, SelfEvaluation, SelfEvaluationQuerySet

__all__ = ["Claim", "ClaimAssessment", "ClaimQuerySet", "SelfEvaluation", "SelfEvaluationQuerySet"]
