"""Private material of the improvement app: self-evaluations and their claims, under the record's one
privacy rule (inspections.access)."""

from improvement.models import Claim, SelfEvaluation
from inspections.access import can_see_document, visible_documents

__all__ = ["can_see_document", "visible_claims", "visible_documents", "visible_self_evaluations"]


def visible_self_evaluations(user):
    return SelfEvaluation.objects.visible_to(user)


def visible_claims(user):
    return Claim.objects.visible_to(user)
