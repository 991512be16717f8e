"""Dates as reports print them (readers.common.read_date_range) and their checks (check_dates)."""

import pytest

from inspections.importing.readers.common import check_dates, plain_dashes, read_date_range
from inspections.importing.records import PartialDate


def iso(dates):
    return tuple(d.iso() if d else None for d in dates)


@pytest.mark.parametrize("text, expected", [
    ("12/09/2016 to 06/10/2016 Report published: 25/11/2016", ("2016-09-12", "2016-10-06")),
    ("1/06/2015 \u2013 25/06/2015", ("2015-06-01", "2015-06-25")),
    ("20 June 2017 \u2500 13 July 2017", ("2017-06-20", "2017-07-13")),  # a box-drawing line as the dash
    ("24 November \u2011 17 December 2015", ("2015-11-24", "2015-12-17")),  # a non-breaking hyphen
    ("9\u201424 November 2017", ("2017-11-09", "2017-11-24")),
    ("the 15 and 16 of May 2014", ("2014-05-15", "2014-05-16")),
    ("28 July 2016 Report published: 20 September 2016", ("2016-07-28", "2016-07-28")),
    ("Visited in the spring", (None, None)),
    ("31/13/2016", (None, None)),
])
def test_it_reads_a_date_range_however_printed(text, expected):
    assert iso(read_date_range(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("6 to 30 July", ("2015-07-06", "2015-07-30")),
    ("6 July to 30 July", ("2015-07-06", "2015-07-30")),
    ("15 and 16 of May", ("2015-05-15", "2015-05-16")),
])
def test_a_range_without_a_year_takes_the_year_given(text, expected):
    assert iso(read_date_range(text)) == (None, None)
    assert iso(read_date_range(text, year=2015)) == expected


def test_plain_dashes_leaves_one_kind_of_dash():
    assert plain_dashes("a\u2013b\u2014c\u2011d\u2212e\u2500f") == "a-b-c-d-e-f"


def day(text):
    year, month, day_ = (int(part) for part in text.split("-"))
    return PartialDate(year, month, day_)


def test_dates_in_order_and_era_pass_unchanged():
    dates = (day("2016-01-11"), day("2016-02-04"), day("2016-03-29"))
    assert check_dates(*dates, 2013, 2018) == (*dates, [])


def test_a_mistyped_year_is_named_and_not_stored():
    start, end, published, warnings = check_dates(day("2016-01-11"), day("2106-02-04"), day("2016-03-29"), 2013, 2018)
    assert iso((start, end, published)) == ("2016-01-11", "2016-01-11", "2016-03-29")
    assert warnings == ["the inspection's last day 2106-02-04 is outside 2013-2018 (a mistyped year?); not stored"]


def test_a_report_published_before_its_inspection_ended_keeps_no_publication_date():
    start, end, published, warnings = check_dates(day("2016-01-11"), day("2016-02-04"), day("2015-03-29"), 2013, 2018)
    assert published is None and (start, end) == (day("2016-01-11"), day("2016-02-04"))
    assert warnings == ["the publication date 2015-03-29 is before the inspection ended 2016-02-04; not stored"]


def test_a_range_that_ends_before_it_starts_keeps_its_first_day():
    start, end, _, warnings = check_dates(day("2016-02-11"), day("2016-01-04"), None, 2013, 2018)
    assert (start, end) == (day("2016-02-11"), day("2016-02-11"))
    assert warnings == ["the inspection's last day 2016-01-04 is before its first 2016-02-11; the last day is not stored"]
