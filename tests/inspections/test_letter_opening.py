"""A visit letter's opening, on a real focused visit letter altered in the ways other letters print it."""

import pytest

from inspections.importing.families import focused
from inspections.importing.readers.letter_opening import inspectors_of, visit_dates
from inspections.importing.readers.text import read_path
from tests.conftest import REPORTS

LETTER = REPORTS / "leicestershire-2018-11-02-focused-visit.pdf"
PRINTED_DATES = "on 10 and 11 October 2018"


def reworded(old, new):
    pages = read_path(LETTER).pages
    assert any(old in page for page in pages)
    return focused.parse([page.replace(old, new, 1) for page in pages], LETTER.name)


@pytest.mark.parametrize("dates, expected", [
    ("on the 10 and 11 of October 2018", ("2018-10-10", "2018-10-11")),
    ("on 10/10/2018 and 11/10/2018", ("2018-10-10", "2018-10-11")),
    ("on 10 and 11 October", ("2018-10-10", "2018-10-11")),  # the year of the letter, dated 2 November 2018
    ("on 10 \u2500 11 October 2018", ("2018-10-10", "2018-10-11")),
])
def test_the_visit_dates_read_alike_however_printed(dates, expected):
    record = reworded(PRINTED_DATES, dates)
    assert (record.start_date.iso(), record.end_date.iso()) == expected
    assert record.published.iso() == "2018-11-02"


def test_a_visit_in_december_in_a_letter_of_january_is_of_the_year_before():
    text = "5 January 2021 Dear X This letter summarises the findings of the focused visit to Y on 8 and 9 December."
    assert [d.iso() for d in visit_dates(text)] == ["2020-12-08", "2020-12-09"]


@pytest.mark.parametrize("sentence, names", [
    ("The inspectors were Ann Example, Her Majesty's Inspector, and Ann Example, HMI.", ["Ann Example"]),
    ("The inspectors were Ann Example, Social Care Regulatory Inspector, and Ben Sample, Senior Inspector.",
     ["Ann Example", "Ben Sample"]),
    ("The inspectors were Ann Example and ann example.", ["Ann Example"]),
])
def test_each_inspector_is_named_once_without_role_words(sentence, names):
    assert inspectors_of(sentence, sentence) == names


def test_the_lead_who_signs_is_first_and_not_listed_again():
    record = reworded("Dawn Godfrey", "Rachel Griffiths")
    assert record.inspectors == ["Rachel Griffiths"]


def test_a_letter_dated_before_its_visit_keeps_the_visit_and_drops_the_date_with_a_warning():
    record = reworded("2 November 2018", "2 November 2017")
    assert (record.start_date.iso(), record.published) == ("2018-10-10", None)
    assert "the letter's date (2017-11-02) is before the visit ended (2018-10-11); not stored" in record.warnings
