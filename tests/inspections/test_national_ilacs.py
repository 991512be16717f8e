"""Every ILACS report of the national corpus against Ofsted's own record of its inspections.

Ofsted's `ILACS_inspection_history` sheet lists every graded ILACS inspection to 31 March 2025 with its start
date and grades. Each report published before April 2025 is found there by its authority and its dates, and
its grades compared one by one. The authority is the database's reading of the printed name
(inspections.loading.reports.find_authority, as the importer itself matches it); a name the database does not
know yet (aliases are added elsewhere) is matched against the sheet's own names, compared word for word after
the same normalisation, so that a gap in the aliases does not hide a grade that disagrees.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from inspections.importing.records import ParseError
from inspections.importing.statistics.outcomes import read_outcomes
from inspections.loading.reports import find_authority
from inspections.models import Authority
from inspections.models.authorities import normalise_name
from tests.conftest import OFSTED
from tests.national import manifest, parsed_corpus

HISTORY_ENDS = datetime.date(2025, 3, 31)
ILACS_STARTS = datetime.date(2018, 1, 1)
SAME_INSPECTION_DAYS = 14  # a report's first day and the sheet's may differ by a few days, never by weeks


# The database is set up for a session only when a test asks for it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def authorities(django_db_setup, django_db_blocker):
    """{ONS code: Authority} from load_authorities, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_authorities", data_dir=OFSTED)
        yield {authority.ons_code: authority for authority in Authority.objects.all()}
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def history():
    return read_outcomes(OFSTED / "LA_Inspection_Outcomes_as_at_31_March_2025.ods").history


def ilacs_reports():
    return {name: record for name, record in parsed_corpus().items()
            if not isinstance(record, ParseError) and record.document_type == "ilacs"}


def published(name):
    return datetime.date.fromisoformat(manifest()[name]["published"])


def _words(name):
    return set(normalise_name(name).split())


def history_row(record, history, authorities, django_db_blocker):
    """(row, how) for the report's inspection in the history, or (None, why not)."""
    start = record.start_date.first_day()
    near = [row for row in history if abs((row.start_date - start).days) <= SAME_INSPECTION_DAYS]
    with django_db_blocker.unblock():
        try:
            authority = find_authority(record.authority, on=start)
        except ParseError:
            authority = None
    if authority:
        rows = [row for row in near if row.ons_code == authority.ons_code]
        how = "database"
    else:
        # "Hull" for "Kingston upon Hull", "East Riding" for "East Riding of Yorkshire": every printed word is
        # in the sheet's name (whole words, so "Hull" is not "Solihull").
        rows = [row for row in near if _words(record.authority) <= _words(row.authority)]
        how = "name"
    if len(rows) == 1:
        return rows[0], how
    return None, f"{len(rows)} rows of {record.authority!r} within {SAME_INSPECTION_DAYS} days of {start}"


@pytest.fixture(scope="module")
def comparison(history, authorities, django_db_blocker):
    reports = {name: record for name, record in ilacs_reports().items() if published(name) <= HISTORY_ENDS}
    matched, unmatched, agree, disagree, by = {}, {}, 0, [], {"database": 0, "name": 0}
    for name, record in sorted(reports.items()):
        row, how = history_row(record, history, authorities, django_db_blocker)
        if row is None:
            unmatched[name] = how
            continue
        matched[name] = row
        by[how] += 1
        theirs = {j.strand: j.grade for j in row.judgements}
        for judgement in record.judgements:
            if theirs.get(judgement.strand) == judgement.grade:
                agree += 1
            else:
                disagree.append((name, judgement.strand, judgement.grade, theirs.get(judgement.strand)))
        for strand in set(theirs) - {j.strand for j in record.judgements}:
            disagree.append((name, strand, None, theirs[strand]))
    print(f"\nILACS reports published by {HISTORY_ENDS}: {len(reports)}; matched to the history: {len(matched)} "
          f"(by the database's authority {by['database']}, by name {by['name']}); unmatched: {len(unmatched)}")
    print(f"grades agreeing: {agree}; disagreeing: {len(disagree)}")
    for item in disagree:
        print("  disagrees:", item)
    for name, why in unmatched.items():
        print("  unmatched:", name, why)
    return reports, matched, unmatched, agree, disagree


def test_every_report_of_the_ilacs_years_parses():
    """Every report published from 2018 (ILACS, and the last SIF reports) is read; each ILACS one as ILACS."""
    failed = {name: str(record) for name, record in parsed_corpus().items()
              if isinstance(record, ParseError) and name in manifest()
              and manifest()[name]["report_type"] == "children's services inspection"
              and published(name) >= ILACS_STARTS}
    assert failed == {}
    kinds = {record.document_type for name, record in parsed_corpus().items()
             if name in manifest() and published(name) >= datetime.date(2019, 1, 1) and not name.endswith("-jtai.pdf")}
    assert kinds == {"ilacs"}
    assert len(ilacs_reports()) >= 280


def test_every_grade_of_every_matched_report_agrees_with_ofsteds_history(comparison):
    reports, matched, unmatched, agree, disagree = comparison
    assert disagree == []
    assert agree >= 4 * len(matched)


def test_nearly_every_report_is_found_in_the_history(comparison):
    reports, matched, unmatched, agree, disagree = comparison
    # Every report published by 31 March 2025 is of an inspection the history lists; none is left over.
    assert unmatched == {}
    assert len(matched) == len(reports) >= 250


def test_each_reports_dates_agree_with_the_history_and_come_before_its_publication(comparison):
    reports, matched, unmatched, agree, disagree = comparison
    for name, row in matched.items():
        record = reports[name]
        assert record.start_date.first_day() == row.start_date, name
        assert row.published == published(name), name
        assert record.inspection_kind == row.kind, name
    for name, record in ilacs_reports().items():
        start, end = record.start_date.first_day(), record.end_date.first_day()
        assert start <= end <= published(name), name
        assert (end - start).days <= 20 or "periods" in " ".join(record.warnings), name


def test_every_report_names_its_authority_cleanly(comparison):
    for name, record in ilacs_reports().items():
        assert record.authority and len(record.authority) <= 60, name
        assert not re.search(r"^(?:the|local authority)\b|children's services$|\d|Inspection", record.authority,
                             re.I), (name, record.authority)


def test_each_report_names_its_lead_inspector_once_without_titles():
    for name, record in ilacs_reports().items():
        assert len(record.inspectors) == len(set(record.inspectors)), name
        for person in record.inspectors:
            assert not re.search(r"Majesty|\bHMI\b|Inspector|:", person), (name, person)
    missing = sorted(name for name, record in ilacs_reports().items() if not record.inspectors)
    # Two reports print no lead inspector on page 1 (Devon 2025, Warwickshire 2025).
    assert len(missing) <= 2, missing


def test_the_framework_version_follows_the_table_and_the_start_date():
    for name, record in ilacs_reports().items():
        start = record.start_date.first_day()
        strands = [j.strand for j in record.judgements]
        if start >= datetime.date(2026, 4, 1):
            assert (record.framework_version, "overall" in strands) == ("2026", False), name
        elif "care_leavers" in strands:
            assert record.framework_version == "2023" and start.year >= 2023, name
        else:
            assert record.framework_version == "2018" and start.year < 2023, name
