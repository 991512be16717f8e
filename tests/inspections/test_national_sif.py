"""Every SIF (2013-18) and 2013 looked after children report of the national corpus, read at once.

`pytest -s` prints the figures: files, judgements, self-check disagreements, warnings.
"""

import re
from collections import Counter

import pytest

from inspections.grades import SCALE_GRADES, Scale
from inspections.importing.families.sif import LSCB_AREA, LSCB_SECTION
from inspections.importing.families.sif.self_check import DISAGREES, NO_SECTION
from inspections.importing.families.sif.team import ROLE_WORDS, is_name
from inspections.importing.records import ParseError
from tests.national import REPORTS, parsed_corpus

SIF_TYPES = {"sif", "lscb_review"}
SIF_JUDGEMENTS = ("Overall effectiveness", "Children who need help and protection",
                  "Children looked after and achieving permanence", "Adoption performance",
                  "Experiences and progress of care leavers", "Leadership, management and governance")
SCALE_B = {grade.value for grade in SCALE_GRADES[Scale.B]}
SCALE_A = {grade.value for grade in SCALE_GRADES[Scale.A]}


def year_of(name):
    return int(re.search(r"-(\d{4})-\d\d-\d\d", name).group(1))


@pytest.fixture(scope="module")
def corpus():
    """The SIF and LAC reports: by the type they parse as, or by their year (2013-17) when they fail."""
    reports = {path.name for path in REPORTS.glob("*.pdf")}  # not the joint inspections' letters
    return {
        name: result for name, result in parsed_corpus().items()
        if name in reports and (
            (isinstance(result, ParseError) and 2013 <= year_of(name) <= 2017)
            or (not isinstance(result, ParseError) and result.document_type in SIF_TYPES | {"lac"})
        )
    }


@pytest.fixture(scope="module")
def records(corpus):
    return {name: record for name, record in corpus.items() if not isinstance(record, ParseError)}


def test_every_sif_and_lac_file_of_the_corpus_parses(corpus):
    failed = {name: str(result) for name, result in corpus.items() if isinstance(result, ParseError)}
    assert failed == {}
    # Every file of 2013-17 is one of them (the ILACS began in 2018).
    assert all(name in corpus for name in parsed_corpus() if 2013 <= year_of(name) <= 2017 and "jtai" not in name)


def test_every_sif_report_has_its_overall_and_five_judgements_on_scale_b(records):
    for name, record in records.items():
        if record.document_type != "sif":
            continue
        council = [j for j in record.judgements if j.section != LSCB_SECTION]
        assert tuple(sorted(j.area for j in council)) == tuple(sorted(SIF_JUDGEMENTS)), name
        for judgement in council:
            if judgement.grade is None:  # the Isles of Scilly had no children in care to judge
                assert judgement.source_ref.endswith("(not judged)"), (name, judgement)
            else:
                assert judgement.grade in SCALE_B, (name, judgement)
        overall = [j for j in record.judgements if j.strand == "overall"]
        assert [j.section for j in overall] == ["The local authority"] and overall[0].grade in SCALE_B, name


def test_the_lscbs_judgement_is_the_boards_and_never_the_councils(records):
    for name, record in records.items():
        for judgement in record.judgements:
            if judgement.section == LSCB_SECTION:
                assert (judgement.area, judgement.strand) == (LSCB_AREA, "none"), name
                assert judgement.grade in SCALE_B, name
        if record.document_type == "lscb_review":
            assert [(j.section, j.strand) for j in record.judgements] == [(LSCB_SECTION, "none")], name
        elif record.document_type == "sif" and "Review of the effectiveness" in record.title:
            assert sum(j.section == LSCB_SECTION for j in record.judgements) == 1, name


def test_lac_reports_are_graded_on_scale_a(records):
    lac = {name: record for name, record in records.items() if record.document_type == "lac"}
    assert len(lac) == 3
    for name, record in lac.items():
        assert {j.grade for j in record.judgements} <= SCALE_A, name
        assert [j.strand for j in record.judgements].count("children_in_care") == 1, name


def test_dates_are_in_order_and_of_the_era(records):
    for name, record in records.items():
        first, last = (2012, 2013) if record.document_type == "lac" else (2013, 2018)
        start, end = record.start_date.first_day(), record.end_date.first_day()
        assert first <= start.year <= last and start <= end, name
        assert (end - start).days <= 80, name  # four weeks on site, a second visit at most two months on
        if record.published:
            published = record.published.first_day()
            assert end <= published and (published - end).days <= 240, name


def test_authority_names_are_the_councils_as_printed(records):
    for name, record in records.items():
        assert re.fullmatch(r"[A-Z][\w.'\- ]{2,60}", record.authority), (name, record.authority)
        assert not re.search(r"\b(?:Re|inspection|Safeguarding|Board|LSCB)\b", record.authority, re.I), name


def test_inspectors_are_names_each_once(records):
    for name, record in records.items():
        assert record.inspectors, name
        assert all(is_name(inspector) for inspector in record.inspectors), (name, record.inspectors)
        assert not any(word.lower() in ROLE_WORDS for inspector in record.inspectors for word in inspector.split())
        assert len({i.lower() for i in record.inspectors}) == len(record.inspectors), name


def test_figures(records, corpus):
    sif = [record for record in records.values() if record.document_type == "sif"]
    judgements = sum(len(record.judgements) for record in records.values())
    disagreements = [(name, w) for name, record in records.items() for w in record.warnings if DISAGREES in w]
    unchecked = [(name, w) for name, record in records.items() for w in record.warnings if NO_SECTION in w]
    checked = sum(j.grade is not None and j.section == "The local authority" and j.strand != "overall"
                  for record in sif for j in record.judgements) - len(unchecked)
    warnings = Counter(re.sub(r"\d{4}-\d\d-\d\d|page \d+", "#", w) for r in records.values() for w in r.warnings)
    kinds = Counter(record.document_type for record in records.values())
    print(f"\nSIF/LAC files: {len(corpus)}, parsed {len(records)} ({dict(kinds)}), failed {len(corpus) - len(records)}")
    print(f"judgements: {judgements}; SIF reports self-checked: {len(sif)}, "
          f"judgements checked against their section: {checked} "
          f"({len(unchecked)} without a graded section found), disagreements: {len(disagreements)}")
    for name, warning in disagreements + unchecked:
        print(f"  {name}: {warning}")
    print(f"warnings: {sum(warnings.values())}")
    for warning, n in warnings.most_common():
        print(f"  {n} x {warning}")
    assert len(records) == len(corpus)
