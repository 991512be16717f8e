"""Grades of earlier inspections as the national corpus's reports cite them: only the authority's own children's
services inspections, each with the framework, strand and area the citation's words and date give."""

from functools import cache

import pytest

from inspections.importing.detect import parse_document
from inspections.importing.readers.letter_opening import earlier_grades as letter_grades
from inspections.importing.readers.text import read_path
from tests.national import REPORTS

CP = "Arrangements for the protection of children"
SAFEGUARDING = "Safeguarding services"
LOOKED_AFTER = "Services for looked after children"


@cache
def cited(name):
    source = read_path(REPORTS / name)
    record = parse_document(source.pages, source.filename)
    return {(g.date.iso(), g.area, g.strand, g.grade, g.framework, g.source_ref) for g in record.earlier_grades}


def dates(name):
    return {grade[0] for grade in cited(name)}


@pytest.mark.parametrize("name, other_remits", [
    # "Other Ofsted inspections", page 8: "The previous inspection of Derbyshire's Adoption services was in
    # October 2011." and of its "Fostering services ... in March 2012", each "judged to be good".
    ("derbyshire-2014-02-11.pdf", {"2011-10", "2012-03"}),
    # page 10: the adoption service (2009) and the fostering service (2012) of Swindon.
    ("swindon-2014-05-23.pdf", {"2009", "2012"}),
    # page 10: private fostering (March 2009), fostering (March 2013), adoption (July 2011).
    ("herefordshire-2014-06-30.pdf", {"2009-03", "2013-03", "2011-07"}),
    # page 8: "The local authority operates one children's home. This is a short breaks unit ... It was judged as
    # adequate at its last full inspection in April 2013"; the adoption (October 2011) and fostering (December
    # 2011) services.
    ("newham-2014-08-08.pdf", {"2013-04", "2011-10", "2011-12"}),
    # page 8: "The overall effectiveness for the fostering service was judged to be outstanding" (January 2013).
    ("staffordshire-2014-03-21.pdf", {"2013-01"}),
    # page 6: Lambeth's adoption service (April 2012) and fostering service (December 2012).
    ("lambeth-2015-05-12.pdf", {"2012-04", "2012-12"}),
])
def test_a_grade_of_another_remit_is_not_cited_as_the_authoritys(name, other_remits):
    assert dates(name) & other_remits == set()
    assert all(grade[2] != "overall" for grade in cited(name))  # none of these reports cites an overall grade


def test_the_authoritys_own_inspection_beside_them_is_still_cited():
    # newham-2014-08-08.pdf, page 8: "The previous inspection of Newham's safeguarding services and services for
    # looked after children was in November 2011. The local authority was judged to be adequate for both ..."
    assert cited("newham-2014-08-08.pdf") == {
        ("2011-11", SAFEGUARDING, "help_and_protection", "Adequate", "slac", "page 8"),
        ("2011-11", LOOKED_AFTER, "children_in_care", "Adequate", "slac", "page 8"),
    }


def test_a_child_protection_inspection_is_its_own_framework_never_an_overall_grade():
    # kent-2017-06-13.pdf, page 5: "The last inspection of the local authority's arrangements for the protection
    # of children was in January 2013. ... adequate." and "... services for children looked after was in August
    # 2013. ... adequate." (the 2012-13 looked after children inspection).
    assert cited("kent-2017-06-13.pdf") == {
        ("2013-01", CP, "help_and_protection", "Adequate", "child_protection", "page 5"),
        ("2013-08", LOOKED_AFTER, "children_in_care", "Adequate", "lac", "page 5"),
    }


def test_a_lone_safeguarding_inspection_after_june_2012_is_a_child_protection_inspection():
    # brent-2015-11-30.pdf, page 5: safeguarding arrangements in October 2012, looked after children October 2011.
    assert cited("brent-2015-11-30.pdf") == {
        ("2012-10", CP, "help_and_protection", "Adequate", "child_protection", "page 5"),
        ("2011-10", LOOKED_AFTER, "children_in_care", "Adequate", "slac", "page 5"),
    }


def test_both_halves_cited_at_one_month_are_one_safeguarding_and_looked_after_children_inspection():
    # bexley-2014-05-23.pdf, pages 3 and 11: both halves in July 2012, after June 2012.
    assert {(g[0], g[2], g[3], g[4]) for g in cited("bexley-2014-05-23.pdf")} == {
        ("2012-07", "help_and_protection", "Inadequate", "slac"),
        ("2012-07", "children_in_care", "Good", "slac"),
    }


def test_two_halves_graded_in_one_sentence_each_get_their_own_grade():
    # rutland-2017-02-13.pdf, page 5: "... was in October 2011. The local authority was judged to be adequate for
    # safeguarding and good for children looked after."
    assert {
        ("2011-10", SAFEGUARDING, "help_and_protection", "Adequate", "slac", "page 5"),
        ("2011-10", LOOKED_AFTER, "children_in_care", "Good", "slac", "page 5"),
    } <= cited("rutland-2017-02-13.pdf")


def test_hyphenated_looked_after_children_are_the_children_in_care_strand():
    # waltham-forest-2015-01-20.pdf, page 7: "... services for looked-after children was in October 2011, when
    # they were judged to be inadequate."
    assert ("2011-10", LOOKED_AFTER, "children_in_care", "Inadequate", "slac", "page 7") in cited(
        "waltham-forest-2015-01-20.pdf"
    )


def test_a_second_grade_in_the_same_clause_is_read_for_its_own_strand():
    # trafford-2019-05-08.pdf, page 1: "Since the last inspection in 2015, where services were rated as good
    # overall and leadership and services for care leavers rated as outstanding, ..."
    got = {(g[0], g[2], g[3]) for g in cited("trafford-2019-05-08.pdf")}
    assert {("2015", "overall", "Good"), ("2015", "care_leavers", "Outstanding")} <= got


@pytest.mark.parametrize("sentence, expected", [
    ("Since the local authority was judged inadequate in September 2018, leaders have acted.", ["2018-09"]),
    ("The council's fostering service was judged inadequate in May 2019 and has since improved.", []),
    ("A joint targeted area inspection in 2019 found the partnership judged inadequate in March 2019.", []),
])
def test_a_letter_cites_only_the_authoritys_own_inadequate_grade(sentence, expected):
    assert [g.date.iso() for g in letter_grades(sentence)] == expected
