"""Figure claims that compare the council with others instead of giving a figure: the sentence read (plain
Python), and, on the real record, Leicestershire's claims linked to the measure they compare and tested against
the DfE's file (data/dfe/cla_number_and_rate_per_10k_children.csv, read here to compare)."""

import csv
import datetime
from decimal import Decimal

import pytest

from improvement import figures
from improvement.figures.comparisons import ENGLAND, NEIGHBOURS, read_comparison
from improvement.figures.matcher import propose
from improvement.models import Claim, FigureCheck
from inspections.compare import neighbours_for
from inspections.models import StatisticalNeighbour
from tests.conftest import SHARED
from tests.improvement.test_figure_checks import LEICESTERSHIRE, record  # noqa: F401

CLA = SHARED / "data" / "dfe" / "cla_number_and_rate_per_10k_children.csv"
WRITTEN = datetime.date(2018, 2, 1)


@pytest.mark.parametrize("sentence, relation, comparators", [
    ("the rate is still well below statistical neighbours and national averages.", "below", (NEIGHBOURS, ENGLAND)),
    ("with the long-term stability measure in line with the national average.", "in_line", (ENGLAND,)),
    ("Outcomes for care leavers are currently better than similar local authorities.", "better", (NEIGHBOURS,)),
    ("Re-referrals remain higher than the regional average.", "above", ("region",)),
])
def test_the_comparison_a_sentence_claims(sentence, relation, comparators):
    comparison = read_comparison(sentence)
    assert (comparison.relation, comparison.comparators) == (relation, comparators)
    assert comparison.words in sentence


@pytest.mark.parametrize("sentence", [
    "Practice is good and improving across the service.",
    "Fewer children were below the threshold; national guidance was followed.",  # no comparator after the relation
])
def test_a_sentence_that_compares_with_no_one_the_statistics_cover(sentence):
    assert read_comparison(sentence) is None
    assert propose(sentence, None, "", "", WRITTEN).measure is None


def test_a_count_of_children_coming_into_care_is_not_set_beside_the_rate():
    proposal = propose("120 children came into care", Decimal("120"), "children coming into care", "", WRITTEN)
    assert proposal.measure != "children_starting_to_be_looked_after_rate"


def cla(code, period, population="Children starting to be looked after each year"):
    with CLA.open(encoding="utf-8-sig") as rows:
        for row in csv.DictReader(rows):
            if row["time_period"] == str(period) and row["population_type"] == population and \
                    (row["new_la_code"] == code or (code == "England" and row["geographic_level"] == "National")):
                return Decimal(row["rate_per_10000"])
    return None


@pytest.mark.django_db
def test_leicestershires_comparison_claims_are_linked_to_the_measures_they_compare(record):  # noqa: F811
    checks = {check.claim.source_ref: check for check in
              FigureCheck.objects.for_display().filter(claim__figure__isnull=True,
                                                       claim__self_evaluation__authority=record)}
    starting = checks["Children in Care, paragraph 1, sentence 1"]
    stability = checks["Children in Care, paragraph 8, sentence 1"]
    assert (starting.measure.slug, starting.relation, starting.comparators) == \
        ("children_starting_to_be_looked_after_rate", "below", "neighbours,england")
    assert (stability.measure.slug, stability.relation) == ("long_term_placement_stability_percent", "in_line")
    # The files hold the children-in-care figures from 2021 only: the 2018 claims are honestly untested.
    assert starting.judged.verdict == "not_yet_tested" and "2018: no official figure published" in starting.judged.reason
    assert not Claim.objects.filter(self_evaluation__authority=record, kind=Claim.Kind.FIGURE, figure_check=None).exists()


@pytest.mark.django_db
def test_a_comparison_is_tested_against_the_neighbours_in_force_and_england(record):  # noqa: F811
    evaluation = record.self_evaluations.get()
    claim = Claim.objects.create(
        self_evaluation=evaluation, document=evaluation.document, source_ref="test", position=999,
        kind=Claim.Kind.FIGURE, statement="In 2022 the rate of children coming into care was below statistical "
                                          "neighbours and national averages.")
    figures.propose_for(evaluation)
    check = FigureCheck.objects.for_display().get(claim=claim)
    assert (check.first_period, check.last_period) == (2022, 2022)
    links = {}
    for model, code in StatisticalNeighbour.objects.filter(authority=record).values_list("model", "neighbour__ons_code"):
        links.setdefault(model, set()).add(code)
    known = [v for v in (cla(code, 2022) for code in neighbours_for(links, 2022)) if v is not None]
    neighbours = (sum(known) / len(known)).quantize(Decimal("0.1"))
    own, england = cla(LEICESTERSHIRE, 2022), cla("England", 2022)
    (year,) = check.judged.years
    assert year.official.value == own
    against = {a.comparator: a for a in year.against}
    assert against[NEIGHBOURS].value == neighbours and against[NEIGHBOURS].councils == len(known)
    assert against[ENGLAND].value == england
    assert against[NEIGHBOURS].holds == (own < neighbours) and against[ENGLAND].holds == (own < england)
    expected = "borne_out" if own < neighbours and own < england else \
        "contradicted" if own >= neighbours and own >= england else "partly_borne_out"
    assert check.judged.verdict == expected
