""""How it compares" for fourteen councils, checked against the DfE's own files read here with the csv module (not
through the loader): each council's figure or the symbol printed instead, its region's and England's, its
neighbours' average over the grouping in force that year (the April 2021 groupings before 2025, the 2025 model
for 2025, both files read here), and its rank and quartile among councils. Councils spread over the regions and
kinds, with a reorganised one (North Northamptonshire, whose workforce figures are published jointly with West
Northamptonshire), inner London (the workforce file's own region), and councils with withheld figures.
"""

import csv
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from inspections import compare
from inspections.models import Authority
from tests.conftest import OFSTED, SHARED
from tests.factories import make_user

pytestmark = pytest.mark.django_db

DFE = SHARED / "data" / "dfe"
COUNCILS = {
    "E10000018": "Leicestershire",  # county, East Midlands
    "E08000035": "Leeds",  # metropolitan, Yorkshire and The Humber
    "E06000061": "North Northamptonshire",  # formed 2021; workforce published with West Northamptonshire
    "E06000063": "Cumberland",  # formed 2023
    "E09000033": "Westminster",  # inner London; second plans withheld ("c")
    "E09000012": "Hackney",  # figures not available ("x")
    "E06000017": "Rutland",  # small: second plans withheld
    "E06000053": "Isles of Scilly",  # the smallest: most figures withheld
    "E10000020": "Norfolk",  # East of England
    "E06000052": "Cornwall",  # South West
    "E08000003": "Manchester",  # North West
    "E08000024": "Sunderland",  # North East
    "E08000025": "Birmingham",  # West Midlands, a value of low reliability ("u")
    "E10000016": "Kent",  # South East
}
# The files and filters of the six key measures, as inspections/data/dfe_measures.csv names them.
FILES = {
    "re_referrals_percent": ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "rereferral_percent", {}),
    "child_protection_plans_subsequent_percent": ("d3_cpps_subsequent_plan_2013_to_2025.csv", "CPP_subsequent_percent",
                                                  {}),
    "social_worker_turnover_percent": ("csww_indicators_2017_to_2025.csv", "turnover_rate_fte", {}),
    "agency_worker_rate_percent": ("csww_indicators_2017_to_2025.csv", "agency_rate_fte", {}),
    "caseload_per_worker": ("csww_indicators_2017_to_2025.csv", "caseload_fte", {}),
    "care_leavers_in_education_employment_training_19_21_percent": (
        "la_care_leavers_activity.csv", "care_leaver_percent",
        {"care_leaver_age": "19 to 21 years", "breakdown": "Total in education, employment or training"}),
}


def figure(text):
    """(value, symbol) as the file prints it: a number, or a symbol (a blank is neither, and no zero)."""
    text = text.strip()
    try:
        return Decimal(text), ""
    except ArithmeticError:
        return None, text.lower()


def read(name, column, where):
    """{(period, code): (value, symbol, region code, level)} of one measure's file, for every geography, and
    {(period, old LA number): value} of its councils (the neighbour files name councils by that number)."""
    out, by_number, numbers = {}, {}, {}
    with (DFE / name).open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if any(row[key] != value for key, value in where.items()):
                continue
            level = row["geographic_level"]
            code = {"National": row["country_code"], "Regional": row["region_code"]}.get(level, row["new_la_code"])
            out[int(row["time_period"]), code] = (*figure(row[column]), row["region_code"], level)
            if level == "Local authority" and "/" not in code:
                by_number[int(row["time_period"]), row["old_la_code"]] = figure(row[column])[0]
                numbers.setdefault(code, row["old_la_code"])
    return out, by_number, numbers


def neighbour_files():
    """({old LA number: its neighbours' numbers in the April 2021 groupings}, {the same in the 2025 model})."""
    groupings = {}
    with (OFSTED / "New_Statistical_Neighbour_Groupings_April_2021.csv").open(newline="", encoding="utf-8-sig") as h:
        for row in csv.reader(h):
            if row and row[0].isdigit():
                groupings[row[0]] = [n for n in row[5:25:2] if n]
    with (DFE / "sn_model_2025_wide.csv").open(newline="", encoding="utf-8-sig") as handle:
        model = {row["old_la_code"]: [row[f"SN_{k}"] for k in range(1, 11) if row[f"SN_{k}"]]
                 for row in csv.DictReader(handle)}
    return groupings, model


def expected_neighbours(number, period, groupings, model, by_number):
    wanted = model.get(number) if period >= 2025 and model.get(number) else groupings.get(number, [])
    known = [by_number[period, n] for n in wanted if by_number.get((period, n)) is not None]
    return ((sum(known) / len(known)).quantize(Decimal("0.1")) if known else None), len(known), len(wanted)


def expected_rank(code, period, figures, polarity):
    councils = [v for (p, c), (v, _s, _r, level) in figures.items()
                if p == period and level == "Local authority" and "/" not in c and v is not None]
    own = figures[period, code][0]
    better = sum(1 for v in councils if (v > own if polarity == "higher_is_better" else v < own))
    rank = 1 + better
    return rank, len(councils), min(4, 1 + (4 * (rank - 1)) // len(councils))


@pytest.fixture
def loaded():
    call_command("load_authorities", data_dir=OFSTED, stdout=StringIO())
    call_command("load_dfe_statistics", data_dir=DFE, stdout=StringIO())


def test_how_it_compares_agrees_with_the_dfe_files_for_fourteen_councils(loaded):
    groupings, model = neighbour_files()
    files = {slug: read(*spec) for slug, spec in FILES.items()}
    numbers = {}  # a council's own number from any file (the workforce file has none for a shared service)
    for _figures, _by_number, of_file in files.values():
        numbers = {**of_file, **numbers}
    wrong, checked = [], 0
    for code, name in COUNCILS.items():
        authority = Authority.objects.get(ons_code=code)
        assert authority.name.startswith(name.split(" ")[0]), (code, authority.name)
        for c in compare.how_it_compares(authority):
            slug, (figures, by_number, _numbers) = c.measure.slug, files[c.measure.slug]
            joint = next((k for (p, k) in figures if "/" in k and code in k), None)
            for period in c.periods:
                where = f"{name} {slug} {period}"
                england = figures.get((period, "E92000001"))
                if england and c.england.get(period, (None, ""))[:2] != england[:2]:
                    wrong.append(f"{where}: England {c.england.get(period)} but the file says {england[:2]}")
                own = figures.get((period, code)) or (figures.get((period, joint)) if joint else None)
                if own is None:
                    continue
                checked += 1
                if c.council.get(period) != own[:2]:
                    wrong.append(f"{where}: council {c.council.get(period)} but the file says {own[:2]}")
                region = figures.get((period, own[2]))
                if region and c.region.get(period, (None, ""))[:2] != region[:2]:
                    wrong.append(f"{where}: region {c.region.get(period)} but the file says {region[:2]} ({own[2]})")
                neighbours = expected_neighbours(numbers.get(code), period, groupings, model, by_number)
                if c.neighbours.get(period) != neighbours:
                    wrong.append(f"{where}: neighbours {c.neighbours.get(period)} but the files give {neighbours}")
                if own[0] is not None and not c.shared_by:
                    rank = expected_rank(code, period, figures, c.measure.polarity)
                    if c.ranks.get(period) != rank:
                        wrong.append(f"{where}: rank {c.ranks.get(period)} but the file gives {rank}")
                elif c.ranks.get(period):
                    wrong.append(f"{where}: ranked {c.ranks[period]}, though withheld or published jointly")
    assert not wrong, f"{len(wrong)} of {checked} figures disagree:\n" + "\n".join(wrong[:40])
    assert checked > 500


def test_the_workbook_has_the_figures_rank_quartile_and_source(loaded, client):
    client.force_login(make_user(is_staff=True))
    response = client.get("/authorities/E09000033/how-it-compares.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(BytesIO(response.content))["How it compares"]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == compare.WIDE_COLUMNS
    row = dict(zip(header, next(r for r in rows if r[0].startswith("Re-referrals") and r[3] == 2025)))
    c1 = read(*FILES["re_referrals_percent"])[0]
    assert Decimal(str(row["Council's figure"])) == c1[2025, "E09000033"][0]
    assert Decimal(str(row["England's figure"])) == c1[2025, "E92000001"][0]
    assert row["Rank among councils (1 = best)"] >= 1 and row["Quartile (1 = best quarter)"] in {1, 2, 3, 4}
    assert row["Source file"] == FILES["re_referrals_percent"][0] and row["Polarity"] == "Lower is better"
    # Westminster's second plans are withheld: an empty figure with its symbol, no rank, never a zero.
    withheld = [dict(zip(header, r)) for r in rows if r[0].startswith("Child protection plans that are")
                and r[6]]
    assert withheld and all(r["Council's figure"] is None and r["Rank among councils (1 = best)"] is None
                            for r in withheld)
    assert withheld[0]["Withheld (symbol and meaning)"].startswith("c (confidential")
