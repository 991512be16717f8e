"""Who may see private material: self-evaluations, their claims, and private documents.

One rule (improvement.models.MembershipQuerySet.authority_rule): staff see all; a user sees what belongs
to the authorities they are linked to, or to every authority of their Ofsted region for a regional role;
nobody else sees anything private.
"""

from django.db.models import Q

from improvement.models import Claim, Membership, SelfEvaluation


def visible_self_evaluations(user):
    return SelfEvaluation.objects.visible_to(user)


def visible_claims(user):
    return Claim.objects.visible_to(user)


def visible_documents(user, documents):
    """Public documents, and the private ones of authorities the user may see."""
    return documents.filter(Q(is_private=False) | Membership.objects.authority_rule(user, "authority"))


def can_see_document(user, document):
    if not document.is_private:
        return True
    # A private document of no authority matches no membership: staff only.
    return type(document).objects.filter(pk=document.pk).filter(
        Membership.objects.authority_rule(user, "authority")
    ).exists()
