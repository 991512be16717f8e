"""The figure matcher and the verdict on real claims (the seed self-evaluation, read by the importer's parser) and
on the shapes councils write figures in. Plain Python: no database."""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from improvement.figures import matcher, verdicts
from inspections.importing.families import self_evaluation
from tests.conftest import seed_path

WRITTEN = datetime.date(2018, 2, 1)  # Leicestershire's self-evaluation is dated February 2018
MEASURES = Path(__file__).resolve().parents[2] / "inspections" / "data" / "dfe_measures.csv"
KNOWN = {row["slug"] for row in csv.DictReader(MEASURES.open(encoding="utf-8"))}


@pytest.fixture(scope="module")
def seed_claims():
    """The figure claims the importer proposes from Leicestershire's 2018 self-evaluation (seed 003)."""
    record = self_evaluation.parse([seed_path("003").read_text(encoding="utf-8")], "003")
    return [claim for claim in record.claims if claim.kind == "figure"]


def proposal_for(claims, words):
    claim = next(claim for claim in claims if words in claim.unit or words in claim.text)
    return matcher.propose(claim.text, claim.figure, claim.unit, claim.period_text, WRITTEN, known=KNOWN)


def test_the_seeds_caseload_claim_is_the_workforce_caseload_for_2017_and_2018(seed_claims):
    proposal = proposal_for(seed_claims, "cases per social worker")
    assert proposal.measure == "caseload_per_worker"
    assert (proposal.first_period, proposal.last_period) == (2017, 2018)
    assert (proposal.low, proposal.high) == (Decimal("17"), Decimal("19"))  # "ranged from 17 to 19"
    assert "since January 2017" in proposal.reason


@pytest.mark.parametrize(("words", "measure"), [
    ("placement stability", "three_or_more_placements_percent"),
    ("EET", "care_leavers_in_education_employment_training_19_21_percent"),  # no age given: the 19 to 21 figure
])
def test_other_seed_figures_with_an_official_measure_are_linked_to_it(seed_claims, words, measure):
    proposal = proposal_for(seed_claims, words)
    assert proposal.measure == measure and proposal.first_period == proposal.last_period == 2018


@pytest.mark.parametrize("words", ["ICPC", "uptake", "£ million initial investment", "Strengths and Difficulties"])
def test_a_seed_figure_no_official_measure_covers_says_so(seed_claims, words):
    proposal = proposal_for(seed_claims, words)
    assert proposal.measure is None and proposal.first_period is None
    assert proposal.reason.startswith("No official measure")


def test_every_seed_figure_claim_gets_a_proposal_or_says_why_not(seed_claims):
    proposals = [matcher.propose(c.text, c.figure, c.unit, c.period_text, WRITTEN, known=KNOWN) for c in seed_claims]
    assert len(proposals) > 10 and all(p.reason for p in proposals)
    linked = {p.measure for p in proposals if p.measure}
    assert "caseload_per_worker" in linked and linked <= KNOWN


@pytest.mark.parametrize(("period", "written", "years"), [
    ("since January 2017", WRITTEN, (2017, 2018)),
    ("since April 2016", WRITTEN, (2017, 2018)),  # April 2016 begins the year ending March 2017
    ("from March 2015", WRITTEN, (2015, 2018)),
    ("2016-17", WRITTEN, (2017, 2017)),
    ("in 2017-18", WRITTEN, (2018, 2018)),
    ("2017/18", WRITTEN, (2018, 2018)),
    ("2016-2017", WRITTEN, (2017, 2017)),
    ("Nov 17", WRITTEN, (2018, 2018)),
    ("in June 2017", WRITTEN, (2018, 2018)),
    ("March 2017", WRITTEN, (2017, 2017)),
    ("in 2019", datetime.date(2020, 6, 1), (2019, 2019)),
    ("", datetime.date(2019, 6, 1), (2020, 2020)),  # June 2019 falls in the year ending March 2020
    ("over the year", WRITTEN, (2018, 2018)),
])
def test_periods_become_years_ending_31_march(period, written, years):
    first, last, how = matcher.read_periods(period, "", written)
    assert (first, last) == years and how


def test_a_range_in_the_sentence_is_not_read_as_a_year():
    assert matcher.read_periods("", "Caseloads ranged from 17 to 19 cases.", WRITTEN)[:2] == (2018, 2018)
    assert matcher.read_periods("", "Caseloads fell from 2016 onwards.", WRITTEN)[:2] == (2016, 2018)
    assert matcher.read_periods("", "Since Sept 16 caseloads have fallen.", WRITTEN)[:2] == (2017, 2018)


@pytest.mark.parametrize(("statement", "figure", "unit", "expected"), [
    ("Caseloads have ranged from 17 to 19 since January 2017.", "17", "cases", ("17", "19")),
    ("Caseloads are between 12 and 15 per worker.", "12", "cases per worker", ("12", "15")),
    ("Caseloads of 17-19 cases.", "17", "cases", ("17", "19")),
    ("Caseloads are 16.5 on average.", "16.5", "cases", ("16.5", "16.5")),
    ("Agency rates fell from 2016 to 2017 and are now 12%.", "12", "% agency social workers", ("12", "12")),
    ("Average caseloads are 17 (range to 19).", "17", "average cases (range to 19)", ("17", "19")),
])
def test_a_range_is_read_when_its_low_end_is_the_figure(statement, figure, unit, expected):
    low, high = matcher.read_range(Decimal(figure), unit, statement)
    assert (low, high) == tuple(Decimal(v) for v in expected)


@pytest.mark.parametrize(("statement", "figure", "unit", "measure"), [
    ("Social worker caseloads average 14 in 2019-20.", "14", "average caseload", "caseload_per_worker"),
    ("Re-referrals within 12 months are 18% this year.", "18", "% re-referrals", "re_referrals_percent"),
    ("Our agency worker rate is down to 9%.", "9", "% agency worker rate", "agency_worker_rate_percent"),
    ("Multi-agency audits found 80% of plans good.", "80", "% of plans good in multi-agency audits", None),
    ("12% of children had a second or subsequent child protection plan.", "12", "% second or subsequent plans",
     "child_protection_plans_subsequent_percent"),
    ("65% of care leavers aged 17 to 18 are in education, employment or training.", "65",
     "% of care leavers in education, employment or training",
     "care_leavers_in_education_employment_training_17_18_percent"),
    ("Turnover of social workers is 11%.", "11", "% turnover", "social_worker_turnover_percent"),
    ("A caseload of 80% of capacity.", "80", "% of capacity", None),  # a percentage is not an average caseload
])
def test_a_claim_from_another_council_is_matched_on_its_words_and_the_kind_of_figure(statement, figure, unit, measure):
    proposal = matcher.propose(statement, Decimal(figure), unit, "", WRITTEN, known=KNOWN)
    assert proposal.measure == measure


def test_a_measure_that_is_not_loaded_is_not_proposed():
    proposal = matcher.propose("Caseloads are 15.", Decimal(15), "cases per worker", "", WRITTEN, known=set())
    assert proposal.measure is None


def allow(points):
    return lambda value: Decimal(points)


def official(period, value, symbol=""):
    return verdicts.Official(period, None if value is None else Decimal(value), symbol)


@pytest.mark.parametrize(("values", "points", "verdict"), [
    ([("16.6", 2017), ("17.4", 2018)], "1", verdicts.BORNE_OUT),
    ([("16.6", 2017), ("17.4", 2018)], "0", verdicts.PARTLY),
    ([("22", 2017), ("23", 2018)], "1", verdicts.CONTRADICTED),
])
def test_the_verdict_follows_each_years_figure_and_the_tolerance(values, points, verdict):
    result = verdicts.judge(Decimal(17), Decimal(19), range(2017, 2019), [official(p, v) for v, p in values],
                            allow(points), lower_is_better=True)
    assert result.verdict == verdict


def test_a_withheld_value_is_never_read_as_zero():
    # A council claiming no agency workers at all: a withheld figure read as zero would bear it out.
    result = verdicts.judge(Decimal(0), Decimal(0), [2018], [official(2018, None, "c")], allow("1"))
    assert result.verdict == verdicts.NOT_YET_TESTED and "withheld (c" in result.reason
    assert result.deciding.symbol == "c"


def test_a_withheld_year_is_left_out_and_the_others_decide():
    result = verdicts.judge(Decimal(17), Decimal(19), range(2017, 2019),
                            [official(2017, None, "u"), official(2018, "17.4")], allow("1"))
    assert result.verdict == verdicts.BORNE_OUT and "2017: withheld" in result.reason


def test_no_figure_for_the_years_is_not_yet_tested():
    result = verdicts.judge(Decimal(52), Decimal(52), [2018], [official(2021, "50")], allow("2"))
    assert result.verdict == verdicts.NOT_YET_TESTED and result.missing == [2018] and result.deciding is None


def test_a_miss_says_which_way_it_went():
    result = verdicts.judge(Decimal(17), Decimal(19), [2017], [official(2017, "14")], allow("1"), lower_is_better=True)
    assert result.verdict == verdicts.CONTRADICTED and "below it (better than claimed)" in result.reason


def test_each_figure_of_the_care_leavers_sentence_is_set_beside_its_own_measure(seed_claims):
    """"EET (52%) and In Suitable Accommodation (90%) ... 'in contact' figures ... (90%)": three claims, each
    matched on the words around its own figure, so the second 90% is not read as the first's."""
    sentence = [claim for claim in seed_claims if claim.source_ref.startswith("Care Leavers, paragraph 1, sentence 1")]
    measures = [matcher.propose(claim.text, claim.figure, claim.unit, claim.period_text, WRITTEN, known=KNOWN).measure
                for claim in sentence]
    assert measures == ["care_leavers_in_education_employment_training_19_21_percent",
                        "care_leavers_suitable_accommodation_19_21_percent", None]
