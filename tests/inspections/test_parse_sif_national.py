"""SIF reports of the national corpus that each print something their own way: covers, dates, the overall
sentence, a review of the LSCB alone, the inspection team, the self-check. Expected values read from each PDF."""

from functools import cache

import pytest

from inspections.importing.detect import family_of, parse_document
from inspections.importing.families import ilacs, sif
from inspections.importing.families.sif.self_check import DISAGREES
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from tests.national import REPORTS

RI = "Requires improvement to be good"
LSCB = ("Review of the Local Safeguarding Children Board", "Overall effectiveness of the LSCB", "none")


@cache
def pages_of(name):
    return tuple(read_path(REPORTS / name).pages)


@cache
def parsed(name):
    return parse_document(list(pages_of(name)), name)


def dates(record):
    return tuple(d.iso() if d else None for d in (record.start_date, record.end_date, record.published))


def grades(record):
    return [(j.area, j.grade) for j in record.judgements]


@pytest.mark.parametrize("name, authority, title", [
    ("somerset-2018-01-29.pdf", "Somerset County Council", "Reinspection of services"),
    ("birmingham-2016-11-25.pdf", "Birmingham", "Re-inspection of services"),
    ("doncaster-2018-01-19.pdf", "Doncaster Metropolitan Borough Council", "Re-inspection of services"),
    ("darlington-2018-05-21.pdf", "Darlington", "Inspection of services"),
])
def test_a_re_inspection_leaves_the_councils_name_clean(name, authority, title):
    record = parsed(name)
    assert (record.document_type, record.authority) == ("sif", authority)
    assert record.title.startswith(title)
    # A re-inspection judges the council again; it does not review the board.
    assert not [j for j in record.judgements if j.section == LSCB[0]]
    assert not [w for w in record.warnings if "LSCB" in w]


def test_a_review_of_the_lscb_alone_grades_the_board_and_never_the_council():
    record = parsed("surrey-2015-08-03.pdf")
    assert (record.document_type, record.framework, record.authority) == ("lscb_review", "sif", "Surrey")
    assert record.inspection_kind == "lscb_review"
    assert [(j.section, j.area, j.strand, j.grade) for j in record.judgements] == [(*LSCB, RI)]
    assert dates(record) == ("2015-06-15", "2015-06-17", "2015-08-03")
    assert record.inspectors == ["Dominic Stevens", "Lynn Radley"]
    recommendations = record.areas_for_improvement
    assert len(recommendations) == 8 and recommendations[0].text.startswith("Update the 'Early help")
    assert all(item.source_ref.endswith("(LSCB)") for item in recommendations)


def test_the_councils_own_report_of_that_inspection_has_no_lscb_judgement():
    record = parsed("surrey-2015-06-03.pdf")
    assert record.document_type == "sif" and grades(record)[0] == ("Overall effectiveness", "Inadequate")
    assert not [j for j in record.judgements if j.section == LSCB[0]]


@pytest.mark.parametrize("name, overall", [
    ("newham-2014-08-08.pdf", RI),  # "The overall judgement is that children's service requires improvement."
    ("luton-2016-03-29.pdf", RI),  # "Children's services require improvement to be good"
    ("walsall-2017-09-04.pdf", RI),  # "Children's services in Walsall requires improvement to be good"
    ("barnet-2017-07-07.pdf", "Inadequate"),  # "Children's services in Barnet are inadequate"
    ("north-lincolnshire-2017-09-04.pdf", "Outstanding"),
])
def test_it_reads_the_overall_sentence_in_its_many_wordings(name, overall):
    assert grades(parsed(name))[0] == ("Overall effectiveness", overall)


@pytest.mark.parametrize("name, expected", [
    ("redbridge-2016-11-25.pdf", ("2016-09-12", "2016-10-06", "2016-11-25")),  # 12/09/2016 to 06/10/2016
    ("stoke-on-trent-2015-08-12.pdf", ("2015-06-01", "2015-06-25", "2015-08-10")),  # 1/06/2015 – 25/06/2015
    ("north-lincolnshire-2017-09-04.pdf", ("2017-06-20", "2017-07-13", "2017-09-04")),  # "─", a box line
    ("doncaster-2018-01-19.pdf", ("2017-11-09", "2017-11-24", "2018-01-19")),  # 9–24 November 2017
    ("cheshire-east-2015-09-15.pdf", ("2015-07-06", "2015-07-30", "2015-09-15")),  # 6 to 30 July 2015
    ("bolton-2014-03-21.pdf", ("2014-01-14", "2014-02-05", None)),  # no publication date printed
])
def test_it_reads_the_inspection_dates_however_printed(name, expected):
    record = parsed(name)
    assert dates(record) == expected
    assert ("no 'Report published' date on the cover" in record.warnings) == (expected[2] is None)


def test_a_second_visit_extends_the_inspection_and_says_so():
    record = parsed("sheffield-2014-02-21.pdf")  # 19 November-11 December 2013 and 28 – 30 January 2014
    assert dates(record)[:2] == ("2013-11-19", "2014-01-30")
    assert "two periods on site; the inspection is taken to end on the second's last day 2014-01-30" in record.warnings


def test_a_single_inspection_date_is_kept_with_a_warning():
    record = parsed("london-corporation-2016-09-20.pdf")  # "Inspection date: 28 July 2016"
    assert dates(record) == ("2016-07-28", "2016-07-28", "2016-09-20")
    assert any(w.startswith("a single inspection date is printed") for w in record.warnings)


def test_a_mistyped_year_on_the_cover_is_warned_about_and_not_stored():
    pages = list(pages_of("bedford-2017-04-07.pdf"))
    pages[0] = pages[0].replace("Report published: 7 April 2017", "Report published: 7 April 2071")
    record = sif.parse(pages, "bedford.pdf")
    assert record.published is None and dates(record)[:2] == ("2017-01-23", "2017-02-16")
    assert "the publication date 2071-04-07 is outside 2013-2019; not stored" in record.warnings
    pages[0] = pages[0].replace("Report published: 7 April 2071", "Report published: 7 April 2016")
    record = sif.parse(pages, "bedford.pdf")
    assert record.published is None
    assert "the publication date 2016-04-07 is before the inspection ended 2017-02-16; not stored" in record.warnings


def test_hackney_is_told_by_its_cover_not_by_a_phrase_on_page_two():
    pages = list(pages_of("hackney-2016-09-21.pdf"))
    assert family_of(pages, "hackney.pdf") is sif
    record = parsed("hackney-2016-09-21.pdf")
    assert record.authority == "London Borough of Hackney"
    assert grades(record)[:6] == [
        ("Overall effectiveness", "Good"), ("Children who need help and protection", "Good"),
        ("Children looked after and achieving permanence", "Good"), ("Adoption performance", "Good"),
        ("Experiences and progress of care leavers", "Outstanding"), ("Leadership, management and governance", "Good"),
    ]


def test_the_sif_title_further_into_a_document_does_not_make_it_a_sif_report():
    head = normalise(" ".join(pages_of("barnsley-2018-11-19.pdf")[:2]))
    assert ilacs.detect(head) and not sif.detect(head)
    cited = head[:600] + " At the inspection of services for children in need of help and protection in 2015, " + head[600:]
    assert not sif.detect(cited)


def test_an_area_not_judged_is_recorded_without_a_grade_or_a_warning():
    record = parsed("isles-of-scilly-2016-06-27.pdf")
    not_judged = [j.area for j in record.judgements if j.grade is None]
    assert not_judged == ["Children looked after and achieving permanence", "Adoption performance",
                          "Experiences and progress of care leavers"]
    assert all(j.source_ref == "page 1, judgement table (not judged)" for j in record.judgements if j.grade is None)
    assert record.warnings == []


@pytest.mark.parametrize("name, team", [
    # "Team inspectors: Pauline Higham (HMI), Karen Wareing (HMI) Fiona Millns (OI) / Fiona Insley (OI) ..."
    ("darlington-2018-05-21.pdf", ["Graham Reiter", "Nigel Parkes", "Pauline Higham", "Karen Wareing", "Fiona Millns",
                                   "Fiona Insley", "Claire Brown", "Matthew Reed"]),
    # One name a line, each followed by ", HMI", ", Ofsted Inspector", ", HMI (Desigate)"
    ("lancashire-2018-08-17.pdf", ["Lorna Schlechte", "Sue Myers", "Nigel Parkes", "Ian Young", "Matthew Brazier",
                                   "Kathryn Townsley", "Cathy Blair", "Diane Partridge"]),
    # The body says "lead inspector attended by ..." long before the team block
    ("doncaster-2015-11-27.pdf", ["Janet Fraser", "Neil Penswick", "Tracey Metcalfe", "Wendy Ghaffar", "Carolyn Spray",
                                  "Graham Reiter", "Russ Henry", "Brenda Mclaughlin"]),
    # The report author is also a team inspector: listed once
    ("hammersmith-and-fulham-2016-03-29.pdf", ["Pietro Battista", "Sean Tarpey", "Paula Thomson-Jones", "Louise Warren",
                                               "Kathryn Townsley", "Brendan Parkinson", "Susan Williams",
                                               "Steve Stanley", "Claire Hummerstone"]),
    # A paragraph about a second visit follows the team: it is not a name
    ("sheffield-2014-02-21.pdf", ["Sarah Urding", "Brendan Parkinson", "Nigel Parkes", "Dick O'Brien",
                                  "Debora Barazetti-Scott", "Marianick Ellender-Gele", "Janet Fraser"]),
    # "Shadow inspectors: N/A"
    ("wolverhampton-2017-03-31.pdf", ["Nigel Parkes", "Anne Waterman", "Nicola Bennett", "Pauline Higham",
                                      "Louise Hocking", "Neil Penswick", "Emmy Tomsett", "Tracey Zimmerman"]),
])
def test_it_reads_the_inspection_team_without_role_words_or_paragraphs(name, team):
    assert parsed(name).inspectors == team


def test_the_same_inspector_twice_is_listed_once_in_first_place():
    pages = list(pages_of("darlington-2018-05-21.pdf"))
    pages[30] = pages[30].replace("Matthew Reed (HMI)", "Matthew Reed (HMI), Graham Reiter (HMI)")
    assert sif.parse(pages, "darlington.pdf").inspectors == parsed("darlington-2018-05-21.pdf").inspectors


def test_bulleted_areas_for_improvement_are_read_item_by_item():
    areas = parsed("hillingdon-2014-02-11.pdf").areas_for_improvement
    council = [a for a in areas if not a.source_ref.endswith("(LSCB)")]
    board = [a for a in areas if a.source_ref.endswith("(LSCB)")]
    assert (len(council), len(board)) == (11, 7)
    assert council[0].text.startswith("When families need plans to help their parenting improve")
    assert board[-1].text.startswith("Ensure that the impact and effectiveness of multi-agency safeguarding training")


def test_the_self_check_names_both_grades_and_both_pages():
    pages = list(pages_of("walsall-2017-09-04.pdf"))
    pages[0] = pages[0].replace("2.1 Adoption performance Good", "2.1 Adoption performance Inadequate")
    record = sif.parse(pages, "walsall.pdf")
    found = [w for w in record.warnings if DISAGREES in w]
    assert len(found) == 1 and found[0].startswith("Adoption performance: the table says Inadequate (page 1)")
    assert found[0].endswith("says Good") and "judgement section on page " in found[0]
    assert not [w for w in parsed("walsall-2017-09-04.pdf").warnings if DISAGREES in w]


@pytest.mark.parametrize("name, printed, expected", [
    ("cheshire-east-2015-09-15.pdf", "6 to 30 July 2015", ("2015-07-06", "2015-07-30")),
    # Published in January 2018: an inspection printed "6 November – 30 November" was in 2017.
    ("rotherham-2018-01-29.pdf", "6 November \u2013 30 November 2017", ("2017-11-06", "2017-11-30")),
])
def test_inspection_dates_without_a_year_take_it_from_the_publication_date(name, printed, expected):
    pages = list(pages_of(name))
    assert printed in pages[0]
    pages[0] = pages[0].replace(printed, printed[:-5])
    record = sif.parse(pages, name)
    assert dates(record)[:2] == expected
    assert f"the inspection dates have no year; taken as {expected[0][:4]}, from the publication date" in record.warnings
