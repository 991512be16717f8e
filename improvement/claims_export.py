"""The claims tracker's CSV and XLSX: every claim the user may see, filtered and sorted as the table is.

A CSV holds every claim (12,000 on the national record), so nothing here makes a model instance: the claims,
their self-evaluations, the assessments they carry and their figure checks are each read once as values (four
queries, five with the checks' official values), and a self-evaluation's name and date are worked out once, not
on each of its claims' rows. The CSV's lines are written here, a row's cells joined at once (a cell as
exports.safety.csv_cell writes it: neutralised, quoted as the csv module quotes): the same text as the csv module
writes of the rows the XLSX gets (tests/improvement/test_claims_export_lines.py compares them), in half its time
(31 ms against 62 for the bench's 12,240 claims, their reads aside). A cell that cannot vary (a kind, a strand, a
status, a theme) is written once.
"""

from django.db.models.functions import Coalesce

from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.exports.safety import csv_cell
from inspections.models import Inspection

from .calibration import EVIDENCE, TRACKER_ORDER, UNTESTED
from .figures.display import official_lines
from .journeys import VERDICT_LABELS
from .templatetags.claim_figures import claim_figure

CONTEXT_VERDICT = "Context, not a claim"
CLAIM_STRANDS = dict(Claim._meta.get_field("strand").flatchoices)
CLAIM_STATUSES = dict(Claim._meta.get_field("status").flatchoices)
CLAIM_KINDS = dict(Claim.Kind.choices)
INSPECTION_KINDS = dict(Inspection.Kind.choices)
# The columns of a row in the order rows() builds it (ClaimTable's columns, the hidden one included).
COLUMNS = ["authority", "self_evaluation", "statement", "kind", "source_ref", "figure", "theme", "strand", "status",
           "verdict", "evidence", "official"]
# What a row reads of a claim (rows() unpacks them in this order). Not the verdict annotations: a subquery per
# claim cost the CSV more than all its assessments read at once (_carried).
CLAIM_FIELDS = ("pk", "self_evaluation_id", "statement", "kind", "source_ref", "figure", "unit", "theme__name",
                "strand", "status")


def rows(claims):
    """Each claim's row of plain values, in the order of the queryset (the XLSX; the CSV writes lines())."""
    evaluations, carried, official = _read(claims)
    context = Claim.Kind.CONTEXT
    untested = (VERDICT_LABELS[UNTESTED], "")
    for pk, evaluation, statement, kind, source_ref, figure, unit, theme, strand, status \
            in _in_order(claims, evaluations):
        verdict, evidence = carried.get(pk, untested)
        yield [*evaluations[evaluation], statement or None, CLAIM_KINDS.get(kind, kind), source_ref or None,
               "" if figure is None else claim_figure(figure, unit, statement), theme,
               CLAIM_STRANDS.get(strand, strand) if strand else None,
               CLAIM_STATUSES.get(status, status) if status else None,
               CONTEXT_VERDICT if kind == context else verdict, evidence, official.get(pk, "")]


def lines(claims, header):
    """The CSV text: the header's line, then each claim's, as safe_csv writes [header, *rows(claims)]."""
    evaluations, carried, official = _read(claims)
    named = {pk: f"{csv_cell(authority)},{csv_cell(title)}" for pk, (authority, title) in evaluations.items()}
    untested = f"{csv_cell(VERDICT_LABELS[UNTESTED])},"
    verdicts = {pk: f"{csv_cell(verdict)},{csv_cell(evidence)}" for pk, (verdict, evidence) in carried.items()}
    official = {pk: csv_cell(text) for pk, text in official.items()}
    kinds, themes, strands, statuses = _Cells(CLAIM_KINDS), _Cells({}), _Cells(CLAIM_STRANDS), _Cells(CLAIM_STATUSES)
    context = Claim.Kind.CONTEXT
    out = [",".join(csv_cell(cell) for cell in header) + "\r\n"]
    write = out.append
    for pk, evaluation, statement, kind, source_ref, figure, unit, theme, strand, status \
            in _in_order(claims, evaluations):
        verdict = verdicts.get(pk, untested) if kind != context else \
            f"{csv_cell(CONTEXT_VERDICT)},{csv_cell(carried.get(pk, ('', ''))[1])}"  # no claim, whatever it carries
        write(f"{named[evaluation]},{csv_cell(statement or None)},{kinds[kind]},{csv_cell(source_ref or None)},"
              f"{'' if figure is None else csv_cell(claim_figure(figure, unit, statement))},{themes[theme]},"
              f"{strands[strand]},{statuses[status]},{verdict},{official.get(pk, '')}\r\n")
    return "".join(out)


class _Cells(dict):
    """value -> its cell, written the first time it is asked for: its label if it has one, "" for none."""

    def __init__(self, labels):
        super().__init__()
        self.labels = labels

    def __missing__(self, value):
        cell = self[value] = csv_cell(self.labels.get(value, value) if value else None)
        return cell


def _read(claims):
    """What the rows need beside the claims themselves, each read once for all of them."""
    return _evaluation_names(claims), _carried(claims), official_lines(claims)


def _evaluation_names(claims):
    """{self-evaluation id: (its council's name, "title (date)")} for the claims of a queryset, in one query, in
    the tracker's order (TRACKER_ORDER: by council, the latest first)."""
    evaluations = (SelfEvaluation.objects.filter(pk__in=claims.order_by().values("self_evaluation_id"))
                   .order_by("authority__name", "-published", "pk"))
    return {pk: (authority, f"{title} ({published.isoformat()})")
            for pk, authority, title, published in evaluations.values_list("pk", "authority__name", "title", "published")}


def _in_order(claims, evaluations):
    """The claims' CLAIM_FIELDS, in the queryset's order. In the tracker's own order (by council, self-evaluation,
    position) the database need not sort them: each self-evaluation's claims come from the index claim_in_order
    and are written out in the order of `evaluations` (_evaluation_names). The sort over the join to councils
    cost the CSV more than reading its claims."""
    if claims.query.order_by != TRACKER_ORDER:
        return claims.values_list(*CLAIM_FIELDS)
    by_evaluation = {pk: [] for pk in evaluations}
    for row in claims.order_by("self_evaluation_id", "position", "pk").values_list(*CLAIM_FIELDS):
        by_evaluation[row[1]].append(row)
    return (row for rows in by_evaluation.values() for row in rows)


def _evidence(field):
    """The field of whichever piece of evidence an assessment rests on (it rests on one at most)."""
    return Coalesce(*[f"{name}__{field}" for name in EVIDENCE])


def _carried(claims):
    """{claim id: (its verdict as the CSV writes it, its evidence as one line)} for the assessed claims of a
    queryset, in one query. The assessment a claim carries is calibration.latest_assessment's (a person's
    latest, else the latest proposal), as the verdict annotation of tracked_claims() chooses it. The evidence's
    source, inspection and text are read as one column each whatever its kind: a column a kind, and a date to
    convert for each, cost this query more than its rows."""
    assessments = (
        ClaimAssessment.objects.filter(claim__in=claims.order_by().values("pk"))
        .order_by("claim_id", "assessed_on", "pk")  # as the index assessment_latest has them: no sort
        .values_list("claim_id", "status", "verdict", "judgement_id", "judgement__area", "judgement__grade",
                     Coalesce("finding__text", "area_for_improvement__text"), "measure_value__period",
                     _evidence("source_ref"), _evidence("inspection__kind"), _evidence("inspection__start_date"))
    )
    latest, by_a_person = {}, {}
    for row in assessments:  # each claim's oldest first: the last one kept is the latest
        latest[row[0]] = row
        if row[1] in ClaimAssessment.BY_A_PERSON:
            by_a_person[row[0]] = row
    latest.update(by_a_person)
    return {claim_id: _verdict_and_evidence(*row[1:]) for claim_id, row in latest.items()}


def _verdict_and_evidence(status, verdict, judgement_id, area, grade, text, official_period, source_ref, kind,
                          start_date):
    label = VERDICT_LABELS[verdict]
    if status == ClaimAssessment.Status.PROPOSED:
        label += " (proposed, not yet confirmed)"
    if official_period is not None:
        return label, f"The official figure for {official_period} (see Official figure)"
    if kind is None:
        return label, ""  # an assessment without evidence
    if judgement_id is not None:
        text = f"{area}: {grade or 'not graded'}"
    where = f" ({source_ref})" if source_ref else ""
    return label, f"{INSPECTION_KINDS.get(kind, kind)} {start_date.isoformat()}: {text}{where}"
