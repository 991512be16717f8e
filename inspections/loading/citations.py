"""Earlier inspections a document cites: matched to the one inspection the record holds, or recorded once.

One inspection, one record: a citation's date (a year, or a month that may be the month on site or of
publication) finds the inspection it means among the authority's own, of the same family of frameworks, even
where that inspection is known only from another citation or from a statistics row without an end date. Only
where none matches is a new inspection recorded, known from the citing document and dated as precisely as the
citation dates it. A grade that fits no framework in force on its date is a warning, never a guessed inspection.
"""

from __future__ import annotations

import calendar
import datetime

from inspections.grades import SCALE_GRADES, Framework, Grade
from inspections.importing.records import EarlierGrade, PartialDate
from inspections.models import Inspection, Judgement

# The kind an inspection known only from a later document is given, by framework.
CITED_KIND = {
    Framework.SLAC: Inspection.Kind.FULL,
    Framework.SAFEGUARDING_FOLLOWUP: Inspection.Kind.FOLLOW_UP,
    Framework.LAC: Inspection.Kind.FULL,
    Framework.CHILD_PROTECTION: Inspection.Kind.FULL,
    Framework.SIF: Inspection.Kind.FULL,
    Framework.ILACS: Inspection.Kind.STANDARD,
}
# Frameworks one citation may mean either of: the date and the grade's scale tell them apart, not the words.
# The 2012-13 inspection of arrangements for the protection of children is told by its own words only.
FAMILIES = (
    {Framework.SLAC, Framework.SAFEGUARDING_FOLLOWUP, Framework.LAC},
    {Framework.CHILD_PROTECTION},
    {Framework.SIF, Framework.ILACS},
    {Framework.JTAI},
)
# Citations of one inspection by its month on site and by its month of publication lie this far apart at most.
MONTHS_TO_PUBLICATION = 3


def cited_inspection(authority, cited: EarlierGrade, document, outcome):
    """The earlier inspection a document cites: an existing one where the dates agree, else a new one.

    Returns None where the grade fits no framework in force on the cited date (with a warning).
    """
    inspected = _authority_on(authority, cited.date)
    if inspected is None:
        outcome.warnings.append(
            f"{cited.source_ref}: the inspection cited ({cited.date.iso()}) is of one of {authority}'s predecessors, "
            f"and the citation does not say which; not recorded"
        )
        return None
    authority = inspected
    framework = Framework(cited.framework or framework_on(cited.date, cited.grade))
    # A cited grade is the council's: never a visit's, nor a review of the safeguarding board's.
    graded = Inspection.objects.filter(authority=authority).exclude(
        kind__in=(*Inspection.VISIT_KINDS, Inspection.Kind.LSCB_REVIEW)
    )
    inspection = _closest(cited.date, [i for i in graded.order_by("start_date") if same_family(framework, i.framework)])
    fits = not cited.grade or Grade(cited.grade) in SCALE_GRADES[framework.scale]
    if inspection is None and not fits:
        outcome.warnings.append(
            f"{cited.source_ref}: cited grade {cited.grade!r} of {cited.date.iso()} fits no framework in force then "
            f"(the {framework.label} inspections grade on another scale); not recorded"
        )
        return None
    if inspection is None:
        inspection = Inspection.objects.create(
            authority=authority, kind=CITED_KIND[framework], framework=framework,
            start_date=cited.date.first_day(), date_precision=cited.date.precision, known_from=document,
        )
        outcome.count("earlier inspections cited")
    elif inspection.known_from_id and _better_dated(cited.date, inspection):
        inspection.start_date, inspection.date_precision = cited.date.first_day(), cited.date.precision
        inspection.save(update_fields=["start_date", "date_precision"])
    inspection.documents.add(document)
    if cited.grade and Grade(cited.grade) not in SCALE_GRADES[inspection.scale]:
        outcome.warnings.append(
            f"{cited.source_ref}: cited grade {cited.grade!r} does not fit the {inspection.get_framework_display()} "
            f"inspection of {inspection.start_date:%B %Y}; not recorded"
        )
        return inspection
    if not _already_graded(inspection, cited):
        Judgement.objects.create(
            inspection=inspection, section=cited.section, area=cited.area, strand=cited.strand, grade=cited.grade,
            document=document, source_ref=cited.source_ref,
        )
        outcome.count("earlier grades")
    return inspection


def cited_placeholder(authority, record):
    """An inspection so far known only from a later document's citation, which this report is the source of."""
    start = record.start_date.first_day()
    reported = _Reported(
        start, record.end_date.first_day() if record.end_date else None,
        record.published.first_day() if record.published else None,
    )
    placeholders = Inspection.objects.filter(authority=authority, known_from__isnull=False).exclude(
        kind__in=Inspection.VISIT_KINDS
    )
    fitting = [
        p for p in placeholders
        if (not record.framework or same_family(record.framework, p.framework)) and cites(cited_date(p), reported)
    ]
    return min(fitting, key=lambda p: abs(p.start_date - start), default=None)


def cited_date(inspection):
    """An inspection known only from citations, dated as they date it: a month, or a year."""
    start = inspection.start_date
    return PartialDate(start.year, None if inspection.date_precision == Inspection.Precision.YEAR else start.month)


class _Reported:
    """A report's own dating of its inspection, as cites() reads an inspection's."""

    date_precision = Inspection.Precision.DAY

    def __init__(self, start_date, end_date, published):
        self.start_date, self.end_date, self.published = start_date, end_date, published


def same_family(cited, held):
    """Whether a citation of one framework may mean an inspection held under another (see FAMILIES)."""
    if not cited or not held:
        return True
    return any(Framework(cited) in family and Framework(held) in family for family in FAMILIES)


def _authority_on(authority, date):
    """The council inspected at a cited date: the authority, or for a date before it existed its one predecessor
    ("Children's services in the predecessor local authority, Cumbria County Council, were judged ..."); None
    where it had several (Bournemouth, Christchurch and Poole citing "the previous inspection" of one of three)."""
    if authority.start_date is None or authority.start_date <= date.first_day():
        return authority
    predecessors = list(authority.predecessors.all())
    if len(predecessors) == 1:
        return predecessors[0]
    return None if predecessors else authority


def _closest(date, inspections):
    """The inspection a citation's date means, the nearest where two could be meant."""
    meant = [i for i in inspections if cites(date, i)]
    return min(meant, key=lambda i: abs(i.start_date - date.first_day()), default=None)


def _better_dated(date, inspection):
    """Whether a citation dates an inspection known only from citations better: to the month where it was known
    to the year, or to an earlier month (one citation may give the month on site, another the month published;
    the inspection is dated by its first day on site)."""
    if date.precision != "month":
        return False
    return inspection.date_precision == Inspection.Precision.YEAR or (
        inspection.date_precision == Inspection.Precision.MONTH and date.first_day() < inspection.start_date
    )


def _months(date):
    return date.year * 12 + date.month


def cites(date, inspection):
    """Whether a citation's date (a year, or a month) can mean this inspection.

    A month may be the month on site or of publication, which comes one to three months later; where the
    inspection's publication date is not known, the three months after its month on site count too. An
    inspection known only to the month (from another citation) may itself be dated by either month, and one
    known only to the year is meant by any date in that year. Where no end date is known (the statistics give
    only the first day), the inspection may have run into the next month.
    """
    precision = getattr(inspection, "date_precision", Inspection.Precision.DAY)
    if precision == Inspection.Precision.YEAR:
        return date.year == inspection.start_date.year
    if date.precision == "year":
        return date.year in {d.year for d in (inspection.start_date, inspection.end_date, inspection.published) if d}
    cited = _months(date.first_day())
    on_site = {_months(d) for d in (inspection.start_date, inspection.end_date) if d}
    if inspection.end_date is None:
        on_site.add(_months(inspection.start_date) + 1)
    if cited in on_site or (inspection.published and _months(inspection.published) == cited):
        return True
    if precision == Inspection.Precision.MONTH:
        return any(abs(cited - month) <= MONTHS_TO_PUBLICATION for month in on_site)
    return inspection.published is None and any(0 < cited - month <= MONTHS_TO_PUBLICATION for month in on_site)


def _already_graded(inspection, cited):
    """Whether the inspection already has the judgement a later document cites (by area, or by strand)."""
    for judgement in inspection.judgements.all():
        if judgement.area.lower() == cited.area.lower() and (not cited.section or judgement.section == cited.section):
            return True
        if cited.strand != "none" and judgement.strand == cited.strand and not judgement.is_lscb:
            return True
    return False


def _in_force(day):
    """The framework of a children's services inspection begun on this day, by the dates alone."""
    if day < datetime.date(2012, 6, 1):
        return Framework.SLAC
    if day < datetime.date(2013, 11, 1):
        return Framework.LAC
    if day < datetime.date(2018, 1, 1):
        return Framework.SIF
    return Framework.ILACS


def framework_on(date: PartialDate, grade):
    """The framework of an inspection cited with this date and grade: the one in force then whose scale has
    the grade's word ("Adequate" or "Requires improvement"), looking across the whole month or year the date
    gives. Where none fits, the one in force on its first day: the grade is then reported, not recorded."""
    first = date.first_day()
    if grade == Grade.ADEQUATE and first >= datetime.date(2012, 6, 1):
        return Framework.LAC  # the 2012-13 inspections of looked after children still graded "adequate"
    last = first.replace(month=date.month or 12, day=calendar.monthrange(first.year, date.month or 12)[1])
    frameworks = [_in_force(first), _in_force(last)]
    fitting = [f for f in frameworks if not grade or Grade(grade) in SCALE_GRADES[f.scale]]
    return (fitting or frameworks)[0]
