"""A small world for the dashboard's page tests: three councils with journeys, and personas.

Built in code (no fixtures). `add_authorities(n)` grows it so query-count tests can compare sizes.
"""

import datetime
from dataclasses import dataclass

import pytest

from inspections.models import Authority, Document, Inspection, Membership
from tests import factories as f

D = datetime.date
EAST_MIDLANDS = "East Midlands"
YORKSHIRE = "Yorkshire and The Humber"


@dataclass
class World:
    leicester: Authority
    leicestershire: Authority
    leeds: Authority
    sif_2015: Inspection
    ilacs_2024: Inspection
    cited_2019: Inspection
    monitoring_2017: Inspection
    self_evaluation: object
    private_document: Document
    report_2024: Document


def _graded(authority, framework, kind, start, end, published, grades, document, **extra):
    """An inspection with one judgement per (strand, area, grade, section)."""
    inspection = f.make_inspection(
        authority, documents=[document] if document else (), framework=framework, kind=kind,
        start_date=start, end_date=end, published=published, **extra,
    )
    for position, (strand, area, grade, section) in enumerate(grades, start=1):
        f.make_judgement(inspection, document=document or extra.get("known_from"), strand=strand, area=area,
                         grade=grade, section=section, position=position, source_ref=f"paragraph {position}")
    return inspection


def build_world():
    leicester = f.make_authority(name="Leicester", ons_code="E06000016", kind=Authority.Kind.UNITARY,
                                 ofsted_region=EAST_MIDLANDS)
    leicestershire = f.make_authority(name="Leicestershire", ons_code="E10000018", kind=Authority.Kind.COUNTY,
                                      ofsted_region=EAST_MIDLANDS)
    leeds = f.make_authority(name="Leeds", ons_code="E08000035", kind=Authority.Kind.METROPOLITAN_DISTRICT,
                             ofsted_region=YORKSHIRE, ons_region=YORKSHIRE)

    # Leicester: 2011 (two section overalls, no overall), 2015 SIF inadequate with an LSCB review, a 2017
    # monitoring visit, 2017 re-inspection.
    report_2011 = f.make_document(authority=leicester, title="Leicester safeguarding and LAC report 2011",
                                  published=D(2012, 1, 25))
    _graded(leicester, "slac", Inspection.Kind.FULL, D(2011, 11, 28), D(2011, 12, 9), D(2012, 1, 25), [
        ("help_and_protection", "Overall effectiveness", "Adequate", "Safeguarding services"),
        ("children_in_care", "Overall effectiveness", "Good", "Services for looked after children"),
        ("none", "Capacity for improvement", "Good", "Safeguarding services"),
    ], report_2011)
    report_2015 = f.make_document(authority=leicester, title="Leicester SIF report 2015", published=D(2015, 3, 20))
    sif_2015 = _graded(leicester, "sif", Inspection.Kind.FULL, D(2015, 1, 12), D(2015, 2, 4), D(2015, 3, 20), [
        ("overall", "Overall effectiveness", "Inadequate", ""),
        ("help_and_protection", "Children who need help and protection", "Inadequate", ""),
        ("children_in_care", "Children looked after and achieving permanence", "Requires improvement to be good", ""),
        ("leadership", "Leadership, management and governance", "Inadequate", ""),
        ("overall", "Overall effectiveness", "Good", "Review of the Local Safeguarding Children Board"),
    ], report_2015)
    letter = f.make_document(authority=leicester, kind=Document.Kind.MONITORING_LETTER,
                             title="Leicester monitoring visit letter 2017", published=D(2017, 6, 13))
    monitoring_2017 = f.make_inspection(
        leicester, documents=[letter], kind=Inspection.Kind.MONITORING_VISIT, framework="sif",
        start_date=D(2017, 4, 26), end_date=D(2017, 4, 27), published=D(2017, 6, 13), follows=sif_2015,
        theme=f.theme("pre-proceedings-plo"), theme_text="the Public Law Outline", verdict="steady progress",
    )
    f.make_finding(monitoring_2017, letter, text="Letters before proceedings are clearer.", source_ref="bullet 3",
                   theme=f.theme("pre-proceedings-plo"))
    report_2017 = f.make_document(authority=leicester, title="Leicester SIF report 2017", published=D(2017, 9, 4))
    _graded(leicester, "sif", Inspection.Kind.FULL, D(2017, 6, 12), D(2017, 7, 6), D(2017, 9, 4), [
        ("overall", "Overall effectiveness", "Requires improvement to be good", ""),
        ("help_and_protection", "Children who need help and protection", "Requires improvement to be good", ""),
    ], report_2017)

    # Leicestershire: a 2019 inspection known only from the 2024 report, the 2024 ILACS with areas for
    # improvement, and a private self-evaluation in between.
    report_2024 = f.make_document(authority=leicestershire, title="Leicestershire ILACS report 2024",
                                  published=D(2024, 7, 12))
    ilacs_2024 = _graded(leicestershire, "ilacs", Inspection.Kind.STANDARD, D(2024, 4, 22), D(2024, 5, 3),
                         D(2024, 7, 12), [
        ("overall", "Overall effectiveness", "Good", ""),
        ("help_and_protection", "Help and protection", "Requires improvement to be good", ""),
        ("children_in_care", "Children in care", "Good", ""),
        ("care_leavers", "Care leavers", "Good", ""),
        ("leadership", "Impact of leaders", "Good", ""),
    ], report_2024)
    f.make_area_for_improvement(ilacs_2024, report_2024, text="Timeliness of initial conferences.", timescale="none",
                                theme=f.theme("icpc-timeliness"), source_ref="What needs to improve, 1")
    f.make_area_for_improvement(ilacs_2024, report_2024, text="Quality of written plans.", timescale="none",
                                theme=f.theme("care-planning-permanence"), source_ref="What needs to improve, 2")
    cited_2019 = _graded(leicestershire, "ilacs", Inspection.Kind.STANDARD, D(2019, 9, 16), None, None, [
        ("overall", "Overall effectiveness", "Requires improvement to be good", ""),
    ], None, known_from=report_2024, date_precision=Inspection.Precision.MONTH)
    self_evaluation = f.make_self_evaluation(leicestershire, title="Leicestershire self-evaluation 2018",
                                             published=D(2018, 2, 1))
    for n in range(3):
        f.make_claim(self_evaluation, statement=f"Leicestershire claim number {n + 1}", source_ref=f"page {n + 2}")

    # Leeds: 2022 ILACS good.
    report_leeds = f.make_document(authority=leeds, title="Leeds ILACS report 2022", published=D(2022, 5, 9))
    _graded(leeds, "ilacs", Inspection.Kind.STANDARD, D(2022, 3, 7), D(2022, 3, 18), D(2022, 5, 9), [
        ("overall", "Overall effectiveness", "Outstanding", ""),
        ("help_and_protection", "Help and protection", "Outstanding", ""),
    ], report_leeds)

    f.make_neighbour(leicester, leeds, position=2)
    f.make_neighbour(leicester, leicestershire, position=1)
    return World(leicester, leicestershire, leeds, sif_2015, ilacs_2024, cited_2019, monitoring_2017,
                 self_evaluation, self_evaluation.document, report_2024)


def add_authorities(count, region=YORKSHIRE):
    """More councils, each with one graded inspection, an area for improvement and a visit."""
    for _ in range(count):
        authority = f.make_authority(ofsted_region=region)
        report = f.make_document(authority=authority, published=D(2023, 1, 10))
        inspection = _graded(authority, "ilacs", Inspection.Kind.STANDARD, D(2022, 11, 7), D(2022, 11, 18),
                             D(2023, 1, 10), [("overall", "Overall effectiveness", "Good", ""),
                                              ("leadership", "Impact of leaders", "Good", "")], report)
        f.make_area_for_improvement(inspection, report, theme=f.theme("caseloads"))
        f.make_inspection(authority, kind=Inspection.Kind.FOCUSED_VISIT, framework="ilacs",
                          start_date=D(2024, 2, 1), theme=f.theme("early-help-front-door"))
        self_evaluation = f.make_self_evaluation(authority)
        f.make_claim(self_evaluation)


def member(username, authority=None, region="", role=Membership.Role.AUTHORITY, **fields):
    user = f.make_user(username, **fields)
    Membership.objects.create(user=user, authority=authority, region=region, role=role)
    return user


# Personas, as pytest fixtures: import the ones a test module uses.
@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def staff(db):
    return f.make_user("adviser", is_staff=True)


@pytest.fixture
def leeds_user(world):
    """Works for Leeds: must never see Leicestershire's self-evaluation."""
    return member("leeds", authority=world.leeds)


@pytest.fixture
def leicestershire_user(world):
    return member("leicestershire", authority=world.leicestershire)


@pytest.fixture
def east_midlands_user(world):
    return member("east-midlands", region=EAST_MIDLANDS, role=Membership.Role.REGIONAL)


def signed_in(client, user):
    client.force_login(user)
    return client


def add_history(authority, count):
    """More events for one council: graded inspections with facts, and visits."""
    for n in range(count):
        report = f.make_document(authority=authority, published=D(2000 + n, 6, 1))
        inspection = _graded(authority, "sif", Inspection.Kind.FULL, D(2000 + n, 3, 1), D(2000 + n, 3, 20),
                             D(2000 + n, 6, 1), [("overall", "Overall effectiveness", "Good", ""),
                                                 ("leadership", "Leadership", "Good", "")], report)
        f.make_area_for_improvement(inspection, report, theme=f.theme("caseloads"), timescale="immediately")
        f.make_finding(inspection, report, theme=f.theme("supervision-oversight"))
        f.make_inspection(authority, kind=Inspection.Kind.FOCUSED_VISIT, framework="ilacs",
                          start_date=D(2000 + n, 9, 1), theme=f.theme("early-help-front-door"))
