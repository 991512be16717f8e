"""Citations in the national corpus's reports: each earlier inspection is recorded once, under its own framework,
dated as precisely as the citation dates it, whatever order the reports come in."""

import io

import pytest
from django.core.management import call_command

from inspections.models import Authority, Inspection, Judgement
from tests.conftest import OFSTED, REPORTS
from tests.national import REPORTS as NATIONAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorities():
    call_command("load_authorities", data_dir=OFSTED, stdout=io.StringIO())


def imported(*names):
    out = io.StringIO()
    paths = [NATIONAL / name if (NATIONAL / name).exists() else REPORTS / name for name in names]
    call_command("import_report", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def inspections_of(name):
    return list(Inspection.objects.filter(authority__name=name).exclude(kind__in=Inspection.VISIT_KINDS)
                .order_by("start_date"))


def test_two_mentions_of_one_inspection_a_month_apart_are_one_inspection(authorities):
    # westminster-2016-03-29.pdf: "since the last inspection in October 2011, when services were judged to be
    # good" (page 2) and "The previous inspection of the local authority's safeguarding arrangements was in
    # September 2011" (page 5): October is the month it was published.
    imported("westminster-2016-03-29.pdf")
    cited = [i for i in inspections_of("Westminster") if i.known_from_id]
    assert [(i.framework, i.start_date.isoformat(), i.date_precision) for i in cited] == [
        ("slac", "2011-09-01", "month")]
    assert sorted((j.area, j.strand, j.grade) for j in cited[0].judgements.all()) == [
        ("Overall effectiveness", "none", "Good"),  # 2009-12 inspections gave no single overall grade
        ("Safeguarding services", "help_and_protection", "Good"),
        ("Services for looked after children", "children_in_care", "Good"),
    ]


def test_a_child_protection_inspection_and_a_looked_after_children_inspection_stay_apart(authorities):
    # kent-2013-08-23.pdf is the 2012-13 looked after children inspection itself; kent-2017-06-13.pdf, page 5,
    # cites it ("August 2013") and the January 2013 inspection of arrangements for the protection of children.
    imported("kent-2017-06-13.pdf", "kent-2013-08-23.pdf")
    kinds = [(i.framework, i.start_date.isoformat(), i.known_from_id is not None) for i in inspections_of("Kent")
             if i.start_date.year == 2013]
    assert kinds == [("child_protection", "2013-01-01", True), ("lac", "2013-07-15", False)]
    protection = Judgement.objects.get(inspection__framework="child_protection", inspection__authority__name="Kent")
    assert (protection.area, protection.strand, protection.grade) == (
        "Arrangements for the protection of children", "help_and_protection", "Adequate")


@pytest.mark.parametrize("order", [("norfolk-2013-08-16.pdf", "norfolk-2015-10-20.pdf"),
                                   ("norfolk-2015-10-20.pdf", "norfolk-2013-08-16.pdf")])
def test_the_report_and_a_later_citation_of_it_are_one_inspection_in_either_order(authorities, order):
    # norfolk-2013-08-16.pdf (data/reports) is the inspection itself; norfolk-2015-10-20.pdf, page 4: "The previous inspection of the local authority's services for looked after
    # children was in July 2013. The local authority was inadequate."
    for name in order:
        imported(name)
    looked_after = [i for i in inspections_of("Norfolk") if i.framework == "lac"]
    assert [(i.start_date.isoformat(), i.known_from_id) for i in looked_after] == [("2013-07-08", None)]
    assert looked_after[0].documents.count() == 2


def test_a_predecessor_councils_inspection_is_cited_on_the_predecessor(authorities):
    # cumberland-2024-11-26.pdf, page 1: "Children's services in the predecessor local authority, Cumbria County
    # Council, were judged requires improvement to be good in November 2022."
    imported("cumberland-2024-11-26.pdf")
    cited = Inspection.objects.get(known_from__isnull=False)
    assert cited.authority == Authority.objects.get(name="Cumbria")
    assert (cited.framework, cited.start_date.isoformat(), cited.date_precision) == ("ilacs", "2022-11-01", "month")
    assert [i.start_date.year for i in inspections_of("Cumberland")] == [2024]


def test_a_grade_that_fits_no_framework_of_its_date_is_a_warning_not_an_inspection(authorities):
    # sheffield-2019-08-27.pdf, page 1: "since the last inspection, in May 2013, when services were judged overall
    # to require improvement to be good": no inspection of May 2013 graded on that scale.
    output = imported("sheffield-2019-08-27.pdf")
    assert "fits no framework in force then" in output
    assert not Inspection.objects.filter(start_date__year=2013).exists()


def test_no_grade_of_an_agency_or_a_home_is_recorded_as_the_councils(authorities):
    # herefordshire-2014-06-30.pdf, page 10: private fostering (March 2009), adoption (July 2011) and fostering
    # (March 2013) services beside the council's own inspections.
    imported("herefordshire-2014-06-30.pdf")
    dates = {i.start_date.isoformat()[:7] for i in inspections_of("Herefordshire")}
    assert dates & {"2009-03", "2011-07", "2013-03"} == set()
    assert not Judgement.objects.filter(inspection__start_date__year__lt=2013, strand="overall").exists()


@pytest.mark.parametrize("statistics_first", [True, False])
def test_a_citation_finds_the_statistics_row_that_gives_no_end_date(authorities, statistics_first):
    # richmond-upon-thames-2025-08-12.pdf, page 1: "Since the last inspection in February 2022, which judged
    # services to be good": the workbook's row begins on 31 January 2022 and gives no end date.
    load = [lambda: call_command("load_ofsted_outcomes", data_dir=OFSTED, stdout=io.StringIO()),
            lambda: imported("richmond-upon-thames-2025-08-12.pdf")]
    for step in load if statistics_first else reversed(load):
        step()
    of_2022 = [i for i in inspections_of("Richmond upon Thames") if i.start_date.year == 2022]
    assert [(i.start_date.isoformat(), i.end_date, i.known_from_id) for i in of_2022] == [("2022-01-31", None, None)]
    assert of_2022[0].documents.filter(filename="richmond-upon-thames-2025-08-12.pdf").exists()


def test_the_statistics_loaded_after_a_citation_take_its_place_when_it_cites_the_month_published(authorities):
    # oldham-2024-07-12.pdf, page 1 cites the inspection of March 2019, the month its report was published; the
    # workbook's row begins on 21 January 2019.
    imported("oldham-2024-07-12.pdf")
    call_command("load_ofsted_outcomes", data_dir=OFSTED, stdout=io.StringIO())
    of_2019 = [i for i in inspections_of("Oldham") if i.start_date.year == 2019]
    assert [(i.start_date.isoformat(), i.date_precision, i.known_from_id) for i in of_2019] == [
        ("2019-01-21", "day", None)]
