"""django-tables2 tables: each defines once what a row shows on screen and in its CSV export."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.grades import NO_OVERALL_LABEL, RANK_LABELS
from inspections.models import Inspection
from inspections.tables import GOVUK, BulkTable, CsvExport
from inspections.templatetags.dashboard import (
    authority_path,
    event_month,
    format_date,
    grade_tag_html,
    no_overall_tag_html,
)

from .calibration import EVIDENCE, UNTESTED, latest_assessment
from .cohorts import NO_OVERALL
from .figures import checks_for
from .figures.display import official_lines
from .journeys import VERDICT_LABELS
from .templatetags.claim_figures import claim_figure

NUMERIC = {**GOVUK, "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
           "th": {**GOVUK["th"], "class": "govuk-table__header govuk-table__header--numeric"}}
NOT_YET = "not yet"
CONTEXT_VERDICT = "Context, not a claim"


class GovukTable(BulkTable):
    class Meta:
        attrs = {"class": "govuk-table dashboard-table", "thead": {"class": "govuk-table__head"},
                 "tbody": {"class": "govuk-table__body"}}
        row_attrs = {"class": "govuk-table__row"}
        template_name = "includes/govuk_table.html"


class ClaimExport(CsvExport):
    """The claims as CSV or XLSX. The CSV starts with a byte order mark: without one Excel reads UTF-8 as its
    own code page, and "£" or a curly quote in a claim comes out garbled."""

    BOM = "\ufeff"

    def export(self):
        text = super().export()
        return self.BOM + text if self.format == self.CSV else text


def verdict_tag(code):
    return format_html('<strong class="govuk-tag app-verdict app-verdict--{}">{}</strong>', code, VERDICT_LABELS[code])


def evidence_text(evidence):
    """What a piece of evidence says, as one line: a judgement with its grade, or the text of a finding."""
    if hasattr(evidence, "grade"):
        return f"{evidence.area}: {evidence.grade or 'not graded'}"
    return evidence.text


class ClaimTable(GovukTable):
    caption = "Claims and how later evidence tested them"
    authority = tables.Column(accessor="self_evaluation__authority__name", verbose_name="Council", attrs=GOVUK,
                              order_by=("self_evaluation__authority__name", "-self_evaluation__published",
                                        "self_evaluation_id", "position"))
    # Named once, in the heading row of its claims (group_heading), and on every row of the CSV.
    self_evaluation = tables.Column(accessor="self_evaluation__published", verbose_name="Self-evaluation",
                                    attrs=GOVUK, visible=False)
    statement = tables.Column(verbose_name="Claim", attrs=GOVUK)
    kind = tables.Column(verbose_name="Kind", attrs=GOVUK)
    source_ref = tables.Column(verbose_name="Where in it", attrs=GOVUK, orderable=False)
    figure = tables.Column(verbose_name="Figure", attrs=GOVUK, empty_values=())
    theme = tables.Column(accessor="theme__name", verbose_name="Theme", attrs=GOVUK, default="No theme yet")
    strand = tables.Column(verbose_name="Strand", attrs=GOVUK)
    status = tables.Column(verbose_name="Status", attrs=GOVUK)
    verdict = tables.Column(verbose_name="Verdict", attrs=GOVUK)
    evidence = tables.Column(empty_values=(), verbose_name="Evidence that tested it", attrs=GOVUK, orderable=False)
    # A figure claim set beside the DfE's figures (improvement.figures): the view prefetches the checks.
    # On the page it sits under the claim's figure (render_figure); the CSV gives it a column of its own.
    official = tables.Column(empty_values=(), verbose_name="Official figure", attrs=GOVUK, orderable=False,
                             visible=False)

    class Meta(GovukTable.Meta):
        empty_text = "No claim you may see matches these filters."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._checks = None

    def group_of(self, record):
        return record.self_evaluation_id

    def group_heading(self, record, span):
        evaluation = record.self_evaluation
        return format_html(
            '<tr class="govuk-table__row app-claim-group"><th scope="colgroup" colspan="{}" '
            'class="govuk-table__header app-claim-group__heading">{}: {} <span class="govuk-body-s">({})</span>'
            ' <a class="govuk-link govuk-body-s" href="{}">Review its claims<span class="govuk-visually-hidden"> ({})'
            "</span></a></th></tr>", span, evaluation.authority.name, evaluation.title,
            format_date(evaluation.published, "F Y"), reverse("improvement:review", args=[evaluation.pk]),
            evaluation.authority.name,
        )

    def render_self_evaluation(self, value, record):
        return f"{record.self_evaluation.title} ({format_date(value, 'F Y')})"

    def render_figure(self, record):
        written = claim_figure(record.figure, record.unit, record.statement)
        check = self.render_official(record)
        return format_html("{}{}", written, check) if check else written

    def render_kind(self, record):
        return record.get_kind_display()

    def render_strand(self, record):
        return record.get_strand_display()

    def render_status(self, record):
        return record.get_status_display()

    def render_verdict(self, value, record):
        if record.kind == Claim.Kind.CONTEXT:
            return CONTEXT_VERDICT
        if getattr(record, "verdict_status", None) == ClaimAssessment.Status.PROPOSED:  # calibration.py
            return format_html('{} <span class="govuk-body-s app-proposed">proposed, not yet confirmed</span>',
                               verdict_tag(value))
        return verdict_tag(value)

    def render_official(self, record):
        if self._checks is None:  # the page's figure checks, read once for all its rows
            page = getattr(self, "page", None)
            self._checks = checks_for([row.record for row in page.object_list] if page else [record])
        check = self._checks.get(record.pk)
        if check is None:
            return ""
        return mark_safe(render_to_string("improvement/_figure_check.html", {"check": check}))

    def render_evidence(self, record):
        assessment = latest_assessment(record)
        if assessment is not None and assessment.measure_value_id:  # shown whole in the official figure column
            return "The official figures (under Figure)"
        if assessment is None or assessment.evidence is None:
            return "None yet"
        evidence = assessment.evidence
        url = reverse("inspections:inspection", args=[evidence.inspection_id])
        return format_html(
            '<a class="govuk-link" href="{}">{}, {}</a>: {}{}', url, evidence.inspection.get_kind_display(),
            event_month(evidence.inspection), evidence_text(evidence),
            f" ({evidence.source_ref})" if evidence.source_ref else "",
        )

    def as_values(self, exclude_columns=None):
        """The CSV: every row of the filtered, sorted claims, each column's plain value.

        Read as tuples (one query for the claims, one each for their self-evaluations, assessments and figure
        checks): a CSV holds every claim the user may see, and model instances for 12,000 claims cost seconds.
        A self-evaluation's name and date are read once, not on each of its claims' rows; each claim's verdict
        comes from its assessments, read once for all (_carried), not from a subquery per claim.
        """
        names = [column.name for column in self.columns.iterall()
                 if not (column.column.exclude_from_export or column.name in (exclude_columns or ()))]
        yield [str(self.columns[name].header) for name in names]
        claims = self.data.data
        evaluations = _evaluation_names(claims)
        carried = _carried(claims)
        official = official_lines(claims)
        picks = [CSV_COLUMNS.index(name) for name in names]
        every = picks == list(range(len(CSV_COLUMNS)))
        context = Claim.Kind.CONTEXT
        untested = (VERDICT_LABELS[UNTESTED], "")
        for pk, evaluation, statement, kind, source_ref, figure, unit, theme, strand, status \
                in claims.values_list(*CLAIM_FIELDS):
            verdict, evidence = carried.get(pk, untested)
            row = [*evaluations[evaluation], statement or None, CLAIM_KINDS.get(kind, kind), source_ref or None,
                   "" if figure is None else claim_figure(figure, unit, statement), theme,
                   CLAIM_STRANDS.get(strand, strand) if strand else None,
                   CLAIM_STATUSES.get(status, status) if status else None,
                   CONTEXT_VERDICT if kind == context else verdict, evidence, official.get(pk, "")]
            yield row if every else [row[i] for i in picks]


CLAIM_STRANDS = dict(Claim._meta.get_field("strand").flatchoices)
CLAIM_STATUSES = dict(Claim._meta.get_field("status").flatchoices)
CLAIM_KINDS = dict(Claim.Kind.choices)
INSPECTION_KINDS = dict(Inspection.Kind.choices)
# The columns of a CSV row in the order as_values() builds it (ClaimTable's columns, the hidden one included).
CSV_COLUMNS = ["authority", "self_evaluation", "statement", "kind", "source_ref", "figure", "theme", "strand", "status",
               "verdict", "evidence", "official"]
# What a CSV row reads of a claim of ClaimTable's data (as_values unpacks them in this order). Not the verdict
# annotations: a subquery per claim cost the CSV more than all its assessments read at once (_carried).
CLAIM_FIELDS = ("pk", "self_evaluation_id", "statement", "kind", "source_ref", "figure", "unit", "theme__name",
                "strand", "status")


def _evaluation_names(claims):
    """{self-evaluation id: (its council's name, "title (date)")} for the claims of a queryset, in one query."""
    evaluations = SelfEvaluation.objects.filter(pk__in=claims.order_by().values("self_evaluation_id"))
    return {pk: (authority, f"{title} ({published.isoformat()})")
            for pk, authority, title, published in evaluations.values_list("pk", "authority__name", "title", "published")}


EVIDENCE_FIELDS = [f"{name}__{field}" for name in EVIDENCE
                   for field in ("source_ref", "inspection__kind", "inspection__start_date")]


def _carried(claims):
    """{claim id: (its verdict as the CSV writes it, its evidence as one line)} for the assessed claims of a
    queryset, in one query. The assessment a claim carries is calibration.latest_assessment's (a person's
    latest, else the latest proposal), as the verdict annotation of tracked_claims() chooses it."""
    assessments = (
        ClaimAssessment.objects.filter(claim__in=claims.order_by().values("pk"))
        .order_by("assessed_on", "pk")
        .values_list("claim_id", "status", "verdict", "judgement__area", "judgement__grade", "finding__text",
                     "area_for_improvement__text", "measure_value__period", *EVIDENCE_FIELDS)
    )
    latest, by_a_person = {}, {}
    for row in assessments:  # oldest first: the last one kept is the latest
        latest[row[0]] = row
        if row[1] in ClaimAssessment.BY_A_PERSON:
            by_a_person[row[0]] = row
    latest.update(by_a_person)
    return {claim_id: _verdict_and_evidence(*row[1:]) for claim_id, row in latest.items()}


def _verdict_and_evidence(status, verdict, area, grade, finding, area_for_improvement, official_period, *sources):
    label = VERDICT_LABELS[verdict]
    if status == ClaimAssessment.Status.PROPOSED:
        label += " (proposed, not yet confirmed)"
    if official_period is not None:
        return label, f"The official figure for {official_period} (see Official figure)"
    for name, (source_ref, kind, start_date) in zip(EVIDENCE, zip(*[iter(sources)] * 3)):
        if kind is not None:
            text = {"judgement": f"{area}: {grade or 'not graded'}", "finding": finding,
                    "area_for_improvement": area_for_improvement}[name]
            where = f" ({source_ref})" if source_ref else ""
            return label, f"{INSPECTION_KINDS.get(kind, kind)} {start_date.isoformat()}: {text}{where}"
    return label, ""  # an assessment without evidence


class RankYearsColumn(tables.Column):
    """Years spent at one rank of the shared axis since the inadequate inspection."""

    def __init__(self, rank, **kwargs):
        label = NO_OVERALL_LABEL if rank == NO_OVERALL else RANK_LABELS[rank]
        super().__init__(accessor="years_at", verbose_name=f"Years {label}", attrs=NUMERIC, orderable=False, **kwargs)
        self.rank = rank

    def render(self, value):
        return value[self.rank]

    def value(self, value):
        return value[self.rank]


class CohortTable(GovukTable):
    authority = tables.Column(accessor="authority__name", verbose_name="Council", attrs=GOVUK,
                              linkify=lambda record: authority_path(record.authority.ons_code))
    ons_code = tables.Column(accessor="authority__ons_code", verbose_name="ONS code", attrs=GOVUK)
    inspected = tables.Column(accessor="authority__name", verbose_name="Authority inspected inadequate", attrs=GOVUK)
    inadequate_on = tables.Column(verbose_name="Inadequate inspection", attrs=GOVUK)
    path = tables.Column(accessor="since", verbose_name="Overall grades since", attrs=GOVUK)
    inadequate = RankYearsColumn(4)
    requires_improvement = RankYearsColumn(3)
    good = RankYearsColumn(2)
    outstanding = RankYearsColumn(1)
    no_overall = RankYearsColumn(NO_OVERALL)
    years_to_good = tables.Column(verbose_name="Years from inadequate to good", attrs=NUMERIC, empty_values=())
    latest = tables.Column(verbose_name="Latest overall grade", attrs=GOVUK)
    improvement = tables.Column(verbose_name="Grades climbed", attrs=NUMERIC)

    class Meta(GovukTable.Meta):
        orderable = False
        empty_text = "No council's overall grade was Inadequate in an inspection that year."

    def __init__(self, data, year, **kwargs):
        super().__init__(data, **kwargs)
        self.caption = f"Councils judged inadequate in {year}, most improved first"

    def render_inspected(self, record):
        """The council whose inspection put it in the cohort: its own, or its predecessor's."""
        return record.via.as_predecessor if record.via else record.authority.name

    def value_inspected(self, record):
        return self.render_inspected(record)

    def render_inadequate_on(self, value, record):
        inspection = record.inadequate.inspection  # known from a citation, it may be dated to the month only
        return format_date(value, "j M Y") if inspection.date_precision == "day" else event_month(inspection, "M Y")

    def value_inadequate_on(self, value):
        return value.isoformat()

    def render_path(self, value):
        # format_html_join(mark_safe("<br>"), "{}: {}{}", ...) as plain escaping: a dozen grades a row, and
        # format_html() cost most of the table.
        return mark_safe("<br>".join(
            f"{escape(event_month(j.inspection, 'M Y'))}: {_grade_html(j)}"
            + (escape(f" ({j.by.as_predecessor})") if j.by else "") for j in value))

    def value_path(self, value):
        return "; ".join(f"{j.inspection.start_date.isoformat()} {j.label}" for j in value)

    def render_years_to_good(self, value):
        return NOT_YET if value is None else value

    def value_years_to_good(self, value):
        return NOT_YET if value is None else value

    def render_latest(self, value, record):
        if not value.no_overall:
            return grade_tag_html(value.grade)
        previous = record.latest_overall
        return format_html('{}<br><span class="govuk-body-s app-superseded">Previous overall: {}, inspected {} '
                           "(superseded)</span>", no_overall_tag_html(), previous.grade,
                           format_date(previous.inspection.start_date, "F Y"))

    def value_latest(self, value, record):
        if not value.no_overall:
            return value.grade
        return f"{NO_OVERALL_LABEL}; previous overall: {record.latest_overall.grade} (superseded)"


def _grade_html(entry):
    """An entry of a council's path: its overall grade's tag, or for a 2026-framework inspection the
    no-overall tag with its four grades."""
    if not entry.no_overall:
        return grade_tag_html(entry.grade)
    four = format_html_join("; ", "{}: {}", entry.judgements)
    return format_html("{} <span class=\"govuk-body-s\">({})</span>", no_overall_tag_html(), four)
