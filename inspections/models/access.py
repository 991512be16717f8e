"""Who may see private documents (self-evaluations): a user's links to authorities or to a region."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class MembershipQuerySet(models.QuerySet):
    def authority_rule(self, user, path="authority"):
        """A Q for rows (reached through `path` to an Authority; path None: the rows are authorities) that the
        user may see.

        Staff see everything; a member sees their own authorities, or every authority of their Ofsted
        region for a regional role; anyone else sees nothing. The memberships stay subqueries, so the
        rule adds no query of its own.
        """
        if not (user and user.is_authenticated and user.is_active):
            return Q(pk__in=[])
        if user.is_staff or user.is_superuser:
            return Q()
        mine = self.filter(user=user)
        linked = mine.filter(role=Membership.Role.AUTHORITY, authority__isnull=False).values("authority_id")
        regions = mine.filter(role=Membership.Role.REGIONAL).exclude(region="").values("region")
        region = f"{path}__ofsted_region" if path else "ofsted_region"
        return Q(**{f"{path or 'pk'}__in": linked}) | Q(**{f"{region}__in": regions})


class Membership(models.Model):
    """Links a user to the authority (or the Ofsted region) whose private documents they may see."""

    class Role(models.TextChoices):
        AUTHORITY = "authority", "Works for the authority"
        REGIONAL = "regional", "Regional role (every authority in the region)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    authority = models.ForeignKey(
        "inspections.Authority", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    region = models.CharField(max_length=60, blank=True, help_text='An Ofsted region name, e.g. "East Midlands".')
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.AUTHORITY)

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role", "authority__name", "region"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="authority", authority__isnull=False) | Q(role="regional") & ~Q(region=""),
                name="membership_names_its_authority_or_region",
                violation_error_message="An authority membership names an authority; a regional one names a region.",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.authority or self.region}"

    def clean(self):
        if self.role == self.Role.AUTHORITY and not self.authority_id:
            raise ValidationError({"authority": "An authority membership names an authority."})
        if self.role == self.Role.REGIONAL and not self.region:
            raise ValidationError({"region": "A regional membership names an Ofsted region."})
