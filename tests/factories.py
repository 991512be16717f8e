"""Small helpers that create valid objects with sensible defaults; pass keywords to override any field.

Plain functions rather than factory_boy: each returns a saved object, and unique values (ONS codes,
sha256 digests, names) come from one counter so tests can create as many as they need.
"""

import datetime
import hashlib
import itertools

from django.contrib.auth import get_user_model

from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.models import (
    AreaForImprovement,
    Authority,
    AuthorityAlias,
    Document,
    Finding,
    Inspection,
    InspectionInspector,
    Inspector,
    Judgement,
    Measure,
    MeasureValue,
    StatisticalNeighbour,
    Theme,
)

_counter = itertools.count(1)


def _next():
    return next(_counter)


def make_superuser(username="manager", **fields):
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_superuser(username=username, password="a-long-test-password", **fields)


def make_user(username="reader", **fields):
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_user(username=username, password="a-long-test-password", **fields)


def make_authority(**fields):
    n = _next()
    fields.setdefault("name", f"Authority {n}")
    fields.setdefault("ons_code", f"E06{n:06d}")
    fields.setdefault("kind", Authority.Kind.UNITARY)
    fields.setdefault("ons_region", "East Midlands")
    return Authority.objects.create(**fields)


def make_alias(authority, **fields):
    fields.setdefault("name", f"{authority.name} Council")
    return AuthorityAlias.objects.create(authority=authority, **fields)


def make_neighbour(authority, neighbour=None, **fields):
    fields.setdefault("position", 1)
    return StatisticalNeighbour.objects.create(authority=authority, neighbour=neighbour or make_authority(), **fields)


def make_measure(**fields):
    n = _next()
    fields.setdefault("slug", f"measure-{n}")
    fields.setdefault("name", f"Measure {n}")
    fields.setdefault("unit", "%")
    fields.setdefault("polarity", Measure.Polarity.LOWER_IS_BETTER)
    return Measure.objects.create(**fields)


def make_measure_value(measure, authority=None, **fields):
    """A figure for a council (or, with level and code, for a region or England)."""
    fields.setdefault("period", 2024)
    if authority is not None:
        fields.setdefault("level", MeasureValue.Level.AUTHORITY)
        fields.setdefault("code", authority.ons_code)
        fields.setdefault("name", authority.name)
    if "document" not in fields:
        fields["document"] = make_document(kind=Document.Kind.STATISTICS, title="DfE statistics")
    fields.setdefault("source_row", 2)
    return MeasureValue.objects.create(measure=measure, authority=authority, **fields)


def make_document(**fields):
    n = _next()
    fields.setdefault("kind", Document.Kind.REPORT)
    fields.setdefault("title", f"Document {n}")
    fields.setdefault("sha256", hashlib.sha256(f"document {n}".encode()).hexdigest())
    if fields["kind"] == Document.Kind.SELF_EVALUATION:
        fields.setdefault("is_private", True)
    return Document.objects.create(**fields)


def make_inspection(authority=None, documents=(), **fields):
    fields.setdefault("kind", Inspection.Kind.FULL)
    fields.setdefault("framework", "slac")
    fields.setdefault("start_date", datetime.date(2011, 11, 21))
    inspection = Inspection.objects.create(authority=authority or make_authority(), **fields)
    if documents:
        inspection.documents.set(documents)
    return inspection


def make_judgement(inspection, document=None, **fields):
    fields.setdefault("area", f"Judgement {_next()}")
    return Judgement.objects.create(inspection=inspection, document=document or _any_document(inspection), **fields)


def make_finding(inspection, document=None, **fields):
    fields.setdefault("text", f"Finding {_next()}")
    return Finding.objects.create(inspection=inspection, document=document or _any_document(inspection), **fields)


def make_area_for_improvement(inspection, document=None, **fields):
    fields.setdefault("text", f"Area for improvement {_next()}")
    return AreaForImprovement.objects.create(
        inspection=inspection, document=document or _any_document(inspection), **fields
    )


def make_inspector(inspection=None, **fields):
    fields.setdefault("name", f"Inspector {_next()}")
    inspector = Inspector.objects.create(**fields)
    if inspection is not None:
        InspectionInspector.objects.create(inspection=inspection, inspector=inspector, position=1, is_lead=True)
    return inspector


def make_self_evaluation(authority=None, **fields):
    authority = authority or make_authority()
    fields.setdefault("title", f"Self-evaluation {_next()}")
    fields.setdefault("published", datetime.date(2018, 2, 1))
    fields.setdefault(
        "document", make_document(kind=Document.Kind.SELF_EVALUATION, authority=authority, title=fields["title"])
    )
    return SelfEvaluation.objects.create(authority=authority, **fields)


def make_claim(self_evaluation=None, **fields):
    self_evaluation = self_evaluation or make_self_evaluation()
    fields.setdefault("statement", f"Claim {_next()}")
    fields.setdefault("document", self_evaluation.document)
    return Claim.objects.create(self_evaluation=self_evaluation, **fields)


def make_assessment(claim, **fields):
    fields.setdefault("assessed_on", datetime.date(2024, 6, 1))
    if not any(fields.get(name) for name in ClaimAssessment.EVIDENCE_FIELDS):
        fields.setdefault("verdict", ClaimAssessment.Verdict.NOT_YET_TESTED)
    return ClaimAssessment.objects.create(claim=claim, **fields)


def theme(slug):
    """One of the starting themes the data migration loads."""
    return Theme.objects.get(slug=slug)


def _any_document(inspection):
    return inspection.documents.first() or make_document(authority=inspection.authority)
