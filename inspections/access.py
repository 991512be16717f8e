"""Who may see private documents. One rule (Membership.objects.authority_rule): staff see all; a user sees
what belongs to the authorities they are linked to, or to every authority of their Ofsted region for a
regional role; nobody else sees anything private."""

from django.db.models import Q

from inspections.models import Membership


def authority_rule(user, path="authority"):
    return Membership.objects.authority_rule(user, path)


def visible_documents(user, documents):
    """Public documents, and the private ones of authorities the user may see."""
    if user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser):
        return documents  # Q(is_private=False) | Q() would collapse to the first term alone
    return documents.filter(Q(is_private=False) | authority_rule(user, "authority"))


def can_see_document(user, document):
    if not document.is_private:
        return True
    # A private document of no authority matches no membership: staff only.
    return visible_documents(user, type(document).objects.filter(pk=document.pk)).exists()
