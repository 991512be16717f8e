"""A small world for the improvement pages: a city out of inadequate, a county with a self-evaluation whose
claims were tested, and a northern city with a self-evaluation of its own. Built in code, in our own words.

`grow(n)` adds councils (each inadequate in 2015, with a visit, facts and a self-evaluation) so query-count
tests can compare a small and a larger record.
"""

import datetime
from dataclasses import dataclass

import pytest

from improvement.models import ClaimAssessment
from inspections.models import Authority, Document, Inspection, Membership
from tests import factories as f

D = datetime.date
EAST_MIDLANDS = "East Midlands"
YORKSHIRE = "Yorkshire and The Humber"
RI = "Requires improvement to be good"


@dataclass
class World:
    city: Authority
    county: Authority
    leeds: Authority
    sif_2015: Inspection
    letter: Document
    visit_2017: Inspection
    reinspection_2017: Inspection
    ilacs_2021: Inspection
    county_report_2016: Document
    self_evaluation: object
    county_2019: Inspection
    county_2024: Inspection
    claims: dict
    leeds_self_evaluation: object


def graded(authority, framework, kind, start, published, grades, title=None):
    """An inspection reported by its own document, with one judgement per (strand, area, grade)."""
    document = f.make_document(authority=authority, title=title or f"{authority.name} report {start.year}",
                               published=published)
    inspection = f.make_inspection(authority, documents=[document], framework=framework, kind=kind,
                                   start_date=start, end_date=start + datetime.timedelta(days=10), published=published)
    for position, (strand, area, grade) in enumerate(grades, start=1):
        f.make_judgement(inspection, document, strand=strand, area=area, grade=grade, position=position,
                         source_ref=f"judgement table, row {position}")
    return inspection, document


def build_world():
    city = f.make_authority(name="Leicester", ons_code="E06000016", ofsted_region=EAST_MIDLANDS)
    county = f.make_authority(name="Leicestershire", ons_code="E10000018", kind=Authority.Kind.COUNTY,
                              ofsted_region=EAST_MIDLANDS)
    leeds = f.make_authority(name="Leeds", ons_code="E08000035", kind=Authority.Kind.METROPOLITAN_DISTRICT,
                             ofsted_region=YORKSHIRE, ons_region=YORKSHIRE)

    # The city: inadequate in 2015, a monitoring visit in April 2017 on pre-proceedings, re-inspected in June.
    sif_2015, report_2015 = graded(city, "sif", Inspection.Kind.FULL, D(2015, 1, 12), D(2015, 3, 20), [
        ("overall", "Overall effectiveness", "Inadequate"),
        ("help_and_protection", "Children who need help and protection", "Inadequate"),
        ("children_in_care", "Children looked after and achieving permanence", RI),
        ("leadership", "Leadership, management and governance", "Inadequate"),
    ])
    f.make_area_for_improvement(sif_2015, report_2015, text="Make pre-proceedings letters plain.",
                                theme=f.theme("pre-proceedings-plo"), source_ref="recommendation 4")
    letter = f.make_document(authority=city, kind=Document.Kind.MONITORING_LETTER, published=D(2017, 6, 13),
                             title="City monitoring visit letter")
    visit_2017 = f.make_inspection(
        city, documents=[letter], kind=Inspection.Kind.MONITORING_VISIT, framework="sif", start_date=D(2017, 4, 26),
        end_date=D(2017, 4, 27), published=D(2017, 6, 13), follows=sif_2015, theme=f.theme("pre-proceedings-plo"),
        theme_text="the pre-proceedings work", verdict="steady progress",
    )
    sif_2015.documents.add(letter)  # as the importer does: a letter is linked to the inspection it follows
    f.make_finding(visit_2017, letter, text="Letters to parents are now clearer.", theme=f.theme("pre-proceedings-plo"),
                   source_ref="bullet 2", position=1)
    f.make_finding(visit_2017, letter, text="Workloads stop some workers seeing children.", kind="weakness",
                   theme=f.theme("caseloads"), source_ref="bullet 5", position=2)
    reinspection_2017, report_2017 = graded(city, "sif", Inspection.Kind.FULL, D(2017, 6, 12), D(2017, 9, 4), [
        ("overall", "Overall effectiveness", RI),
        ("help_and_protection", "Children who need help and protection", RI),
        ("leadership", "Leadership, management and governance", "Good"),
    ])
    f.make_area_for_improvement(reinspection_2017, report_2017, text="Track children in pre-proceedings closely.",
                                theme=f.theme("pre-proceedings-plo"), source_ref="recommendation 2")
    f.make_area_for_improvement(reinspection_2017, report_2017, text="Improve return interviews.",
                                theme=f.theme("missing-exploitation"), source_ref="recommendation 5")
    ilacs_2021, report_2021 = graded(city, "ilacs", Inspection.Kind.STANDARD, D(2021, 9, 20), D(2021, 11, 12), [
        ("overall", "Overall effectiveness", "Good"),
        ("help_and_protection", "Help and protection", "Good"),
    ])
    f.make_finding(ilacs_2021, report_2021, text="Caseloads are manageable.", theme=f.theme("caseloads"),
                   source_ref="paragraph 40")

    # The county: requires improvement in 2016, a self-evaluation in February 2018, then 2019 and 2024.
    _, county_report_2016 = graded(county, "sif", Inspection.Kind.FULL, D(2016, 11, 14), D(2017, 2, 13), [
        ("overall", "Overall effectiveness", RI), ("help_and_protection", "Children who need help and protection", RI),
    ])
    self_evaluation = f.make_self_evaluation(county, title="County self-evaluation 2018", published=D(2018, 2, 1))
    claims = {
        "icpc": f.make_claim(self_evaluation, statement="Conferences are nearly always held on time.", figure=97,
                             unit="% of initial conferences within 15 working days", theme=f.theme("icpc-timeliness"),
                             strand="help_and_protection", source_ref="page 6", position=1, status="confirmed"),
        "caseloads": f.make_claim(self_evaluation, statement="Average caseloads have fallen.", theme=f.theme("caseloads"),
                                  source_ref="page 9", position=2, status="confirmed"),
        "untested": f.make_claim(self_evaluation, statement="Families are heard.", source_ref="page 11", position=3),
        "rejected": f.make_claim(self_evaluation, statement="A heading, not a claim.", source_ref="page 1",
                                 position=4, status="rejected"),
    }
    county_2019, _ = graded(county, "ilacs", Inspection.Kind.STANDARD, D(2019, 9, 23), D(2019, 11, 4), [
        ("overall", "Overall effectiveness", RI), ("leadership", "Impact of leaders", "Good"),
    ])
    county_2024, report_2024 = graded(county, "ilacs", Inspection.Kind.STANDARD, D(2024, 4, 22), D(2024, 7, 12), [
        ("overall", "Overall effectiveness", "Outstanding"), ("help_and_protection", "Help and protection", "Good"),
    ])
    late_conferences = f.make_area_for_improvement(
        county_2024, report_2024, text="The timeliness of initial conferences.", theme=f.theme("icpc-timeliness"),
        source_ref="what needs to improve, 1")
    f.make_assessment(claims["icpc"], verdict=ClaimAssessment.Verdict.CONTRADICTED,
                      area_for_improvement=late_conferences, note="Later listed as needing to improve.")
    f.make_assessment(claims["caseloads"], verdict=ClaimAssessment.Verdict.BORNE_OUT,
                      judgement=county_2019.judgements.get(strand="leadership"))
    f.make_assessment(claims["untested"])

    # Leeds: inadequate in 2015, good by 2018, and a self-evaluation of its own.
    graded(leeds, "sif", Inspection.Kind.FULL, D(2015, 1, 5), D(2015, 3, 27),
           [("overall", "Overall effectiveness", "Inadequate")])
    graded(leeds, "ilacs", Inspection.Kind.STANDARD, D(2018, 11, 5), D(2018, 12, 18),
           [("overall", "Overall effectiveness", "Good")])
    leeds_self_evaluation = f.make_self_evaluation(leeds, title="Leeds self-evaluation 2019", published=D(2019, 6, 1))
    f.make_claim(leeds_self_evaluation, statement="Leeds listens to children.", theme=f.theme("voice-participation"),
                 source_ref="page 2")
    return World(city, county, leeds, sif_2015, letter, visit_2017, reinspection_2017, ilacs_2021,
                 county_report_2016, self_evaluation, county_2019, county_2024, claims, leeds_self_evaluation)


def grow(count):
    """More councils, each inadequate in 2015 then requires improvement, with facts, a visit and claims."""
    for _ in range(count):
        authority = f.make_authority(ofsted_region=YORKSHIRE)
        first, report = graded(authority, "sif", Inspection.Kind.FULL, D(2015, 5, 1), D(2015, 7, 1),
                               [("overall", "Overall effectiveness", "Inadequate")])
        f.make_area_for_improvement(first, report, theme=f.theme("caseloads"))
        later, later_report = graded(authority, "ilacs", Inspection.Kind.STANDARD, D(2019, 5, 1), D(2019, 7, 1),
                                     [("overall", "Overall effectiveness", RI)])
        f.make_finding(later, later_report, theme=f.theme("caseloads"))
        f.make_inspection(authority, kind=Inspection.Kind.FOCUSED_VISIT, framework="ilacs",
                          start_date=D(2020, 2, 1), theme=f.theme("early-help-front-door"))
        self_evaluation = f.make_self_evaluation(authority, published=D(2018, 3, 1))
        claim = f.make_claim(self_evaluation, theme=f.theme("caseloads"))
        f.make_assessment(claim, verdict=ClaimAssessment.Verdict.PARTLY_BORNE_OUT,
                          judgement=later.judgements.get())


def grow_city(world, count):
    """More later events for the city: graded inspections with findings and areas for improvement, and visits."""
    for n in range(count):
        inspection, report = graded(world.city, "ilacs", Inspection.Kind.SHORT, D(2022 + n, 3, 1), D(2022 + n, 5, 1),
                                    [("overall", "Overall effectiveness", "Good")])
        f.make_area_for_improvement(inspection, report, theme=f.theme("pre-proceedings-plo"))
        f.make_finding(inspection, report, theme=f.theme("caseloads"))
        f.make_inspection(world.city, kind=Inspection.Kind.FOCUSED_VISIT, framework="ilacs",
                          start_date=D(2022 + n, 9, 1), theme=f.theme("early-help-front-door"))


def member(username, authority=None, region="", role=Membership.Role.AUTHORITY):
    user = f.make_user(username)
    Membership.objects.create(user=user, authority=authority, region=region, role=role)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each persona has a password; the default hasher takes most of a test's time to hash them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def staff(db):
    return f.make_user("adviser", is_staff=True)


@pytest.fixture
def leeds_user(world):
    """Works for Leeds: must never see the county's self-evaluation or claims."""
    return member("leeds-officer", world.leeds)


@pytest.fixture
def county_user(world):
    return member("county-officer", world.county)


@pytest.fixture
def regional_user(world):
    """Sees every East Midlands council's self-evaluations, and no other region's."""
    return member("east-midlands-adviser", region=EAST_MIDLANDS, role=Membership.Role.REGIONAL)


@pytest.fixture
def outsider(db):
    """Signed in, with no membership: sees only the public record."""
    return f.make_user("outsider")
