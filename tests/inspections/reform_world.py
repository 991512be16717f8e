"""Councils for the 2026 ILACS reform and for reorganisations, built with factories.

`post_reform`: Brentham, Good overall in 2022, then inspected under the 2026 framework (four judgements, no
overall). `successor`: Northshire (ended 2021, Inadequate in 2019) replaced by North Northshire, which has no
inspection of its own yet, and South Northshire, Good in 2023.
"""

import datetime
from dataclasses import dataclass

import pytest

from inspections.models import Authority, Document, Inspection
from tests import factories as f

D = datetime.date
LONDON = "London"
FOUR = (
    ("leadership", "Impact of leaders", "Good"),
    ("help_and_protection", "Help and protection", "Requires improvement to be good"),
    ("children_in_care", "Children in care", "Good"),
    ("care_leavers", "Care leavers", "Inadequate"),
)


def graded(authority, start, published, grades, framework="ilacs", **fields):
    """An inspection with its report and one judgement per (strand, area, grade)."""
    report = f.make_document(authority=authority, title=f"{authority.name} report {start.year}", published=published)
    inspection = f.make_inspection(authority, documents=[report], framework=framework, start_date=start,
                                   end_date=start + datetime.timedelta(days=11), published=published,
                                   kind=fields.pop("kind", Inspection.Kind.STANDARD), **fields)
    for position, (strand, area, grade) in enumerate(grades, start=1):
        f.make_judgement(inspection, report, strand=strand, area=area, grade=grade, position=position)
    return inspection


@dataclass
class ReformWorld:
    brentham: Authority
    before: Inspection
    after: Inspection
    northshire: Authority
    north: Authority
    south: Authority
    inadequate_2019: Inspection


def build():
    brentham = f.make_authority(name="Brentham", ons_code="E09000901", ofsted_region=LONDON)
    before = graded(brentham, D(2022, 3, 7), D(2022, 5, 9), [("overall", "Overall effectiveness", "Good"), *FOUR])
    # No framework version recorded: the start date decides.
    after = graded(brentham, D(2026, 4, 27), D(2026, 6, 17), FOUR, kind=Inspection.Kind.SHORT)
    northshire = f.make_authority(name="Northshire", ons_code="E10000901", kind=Authority.Kind.COUNTY,
                                  ofsted_region="East Midlands", end_date=D(2021, 4, 1))
    north = f.make_authority(name="North Northshire", ons_code="E06000901", ofsted_region="East Midlands",
                             start_date=D(2021, 4, 1))
    south = f.make_authority(name="South Northshire", ons_code="E06000902", ofsted_region="East Midlands",
                             start_date=D(2021, 4, 1))
    north.predecessors.add(northshire)
    south.predecessors.add(northshire)
    inadequate_2019 = graded(northshire, D(2019, 6, 17), D(2019, 8, 20), [
        ("overall", "Overall effectiveness", "Inadequate"),
        ("help_and_protection", "Help and protection", "Inadequate"),
    ])
    graded(south, D(2023, 1, 9), D(2023, 3, 1), [("overall", "Overall effectiveness", "Good"),
                                                ("help_and_protection", "Help and protection", "Good")])
    f.make_document(kind=Document.Kind.STATISTICS, title="Local authority inspection outcomes as at 31 March 2025",
                    published=D(2025, 9, 25))
    return ReformWorld(brentham, before, after, northshire, north, south, inadequate_2019)


@pytest.fixture
def reform(db):
    return build()
