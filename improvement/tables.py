"""django-tables2 tables: each defines once what a row shows on screen and in its CSV export."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from improvement.models import Claim, ClaimAssessment
from inspections.exports.safety import safe_csv
from inspections.grades import NO_OVERALL_LABEL, RANK_LABELS
from inspections.tables import GOVUK, BulkTable, CsvExport
from inspections.templatetags.dashboard import (
    authority_path,
    event_month,
    format_date,
    grade_tag_html,
    no_overall_tag_html,
)

from . import claims_export
from .calibration import latest_assessment
from .claims_export import CONTEXT_VERDICT
from .cohorts import NO_OVERALL
from .figures import checks_for
from .journeys import VERDICT_LABELS
from .templatetags.claim_figures import claim_figure

NUMERIC = {**GOVUK, "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
           "th": {**GOVUK["th"], "class": "govuk-table__header govuk-table__header--numeric"}}
NOT_YET = "not yet"


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
        if self.format == self.CSV:
            return self.BOM + self.table.as_csv(exclude_columns=self.exclude_columns)
        return super().export()


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

    def export_columns(self, exclude_columns=None):
        return [column.name for column in self.columns.iterall()
                if not (column.column.exclude_from_export or column.name in (exclude_columns or ()))]

    def as_values(self, exclude_columns=None):
        """The XLSX (and a CSV of some columns): the header, then each of the filtered, sorted claims' row of plain
        values (claims_export.rows)."""
        names = self.export_columns(exclude_columns)
        yield [str(self.columns[name].header) for name in names]
        picks = [claims_export.COLUMNS.index(name) for name in names]
        for row in claims_export.rows(self.data.data):
            yield [row[i] for i in picks]

    def as_csv(self, exclude_columns=None):
        """The CSV's text: what safe_csv writes of as_values(), written straight from the claims (claims_export)."""
        names = self.export_columns(exclude_columns)
        if names != claims_export.COLUMNS:
            return safe_csv(self.as_values(exclude_columns))
        return claims_export.lines(self.data.data, [str(self.columns[name].header) for name in names])


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
