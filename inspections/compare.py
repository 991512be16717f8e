"""How a council compares on the DfE's statistics: a few key measures over time, beside its statistical
neighbours (those in force each year), its region and England, with its latest rank and quartile among councils.

Context beside the inspection journey, not a forecast: most of these figures predict Ofsted grades weakly
(deprivation explains more; DOMAIN.md). Three queries whatever the data: the measures, their figures, and the
council's neighbour links of every model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from .charts import OUTLINE, Chart, _layout
from .importing.statistics.dfe import SYMBOLS
from .models import Measure, MeasureValue, StatisticalNeighbour
from .models.authorities import neighbour_model_for

# The measures the section shows, in the order a manager reads them: front door, protection, workforce, care leavers.
KEY_MEASURES = [
    "re_referrals_percent",
    "child_protection_plans_subsequent_percent",
    "social_worker_turnover_percent",
    "agency_worker_rate_percent",
    "caseload_per_worker",
    "care_leavers_in_education_employment_training_19_21_percent",
]
CAUTION = (
    "Context, not a forecast: most of these figures predict Ofsted grades weakly (deprivation explains more). "
    "They sit beside the inspection journey to set a council's claims against the official figures for the same year."
)
# Each line has its own dash and marker, so the lines are told apart without colour.
SERIES_STYLE = {
    "council": ("#0b0c0c", "solid", "star"),
    "neighbours": ("#1d70b8", "dash", "square"),
    "region": ("#d53880", "dot", "diamond"),
    "england": ("#505a5f", "dashdot", "circle"),
}
QUARTILES = {1: "top quarter", 2: "second quarter", 3: "third quarter", 4: "bottom quarter"}


@dataclass
class Standing:
    period: int
    rank: int | None  # 1 = best by the measure's polarity (lowest for "neither"); None if withheld
    of: int
    quartile: int | None
    text: str


@dataclass
class MeasureComparison:
    measure: Measure
    periods: list[int]
    council: dict = field(default_factory=dict)  # period -> (value or None, symbol)
    neighbours: dict = field(default_factory=dict)  # period -> (average or None, councils with a figure, of)
    region: dict = field(default_factory=dict)
    england: dict = field(default_factory=dict)
    region_name: str = "Region"
    shared_by: str = ""  # the councils a shared service's figures are published for, if the council's are
    standing: Standing | None = None
    chart: Chart | None = None


def how_it_compares(authority):
    """The section's figures for each key measure the record holds (an empty list before the statistics load)."""
    measures = {m.slug: m for m in Measure.objects.filter(slug__in=KEY_MEASURES)}
    if not measures:
        return []
    links = {}
    for model, neighbour_id in StatisticalNeighbour.objects.filter(authority=authority).values_list("model", "neighbour_id"):
        links.setdefault(model, set()).add(neighbour_id)
    # Every council's figures (for the rank), England's and the regions', and a service the council shares.
    rows = MeasureValue.objects.filter(measure__slug__in=measures).filter(
        Q(authority__isnull=False) | ~Q(level=MeasureValue.Level.AUTHORITY) | Q(code__contains=authority.ons_code)
    ).values_list("measure__slug", "period", "level", "code", "authority_id", "value", "symbol", "region_code", "name")
    by_measure = {slug: [] for slug in measures}
    for row in rows:
        by_measure[row[0]].append(row)
    return [_compare(authority, measures[slug], by_measure[slug], links) for slug in KEY_MEASURES if slug in measures]


def neighbours_for(links, period):
    """The neighbours in force for a year, as StatisticalNeighbour.objects.in_force does: the model of the
    year if the council has links in it, else the 2021 groupings."""
    return links.get(neighbour_model_for(period)) or links.get("2021", set())


def _compare(authority, measure, rows, links):
    result = MeasureComparison(measure, [])
    # The council's region as this file codes it (the workforce file splits London into inner and outer).
    region_code = max(((row[1], row[7]) for row in rows
                       if row[2] == MeasureValue.Level.AUTHORITY and authority.ons_code in row[3]), default=(0, ""))[1]
    councils = {}  # period -> {authority id: value or None}
    shared = {}  # period -> (value, symbol, the councils' names), for a service the council shares
    for _, period, level, code, authority_id, value, symbol, _, name in rows:
        value = plain(value)
        if level == MeasureValue.Level.AUTHORITY and authority_id is None:
            shared[period] = (value, symbol, name)  # one figure for two councils: shown, not ranked
        elif level == MeasureValue.Level.AUTHORITY:
            councils.setdefault(period, {})[authority_id] = value
            if authority_id == authority.pk:
                result.council[period] = (value, symbol)
        elif level == MeasureValue.Level.ENGLAND:
            result.england[period] = (value, symbol)
        elif code == region_code:
            result.region[period] = (value, symbol)
            result.region_name = name
    if shared and not result.council:
        result.council = {period: (value, symbol) for period, (value, symbol, _) in shared.items()}
        result.shared_by = shared[max(shared)][2]
    result.periods = sorted(set(result.council) | set(result.england))
    for period in result.periods:
        wanted = neighbours_for(links, period)
        known = [v for a, v in councils.get(period, {}).items() if a in wanted and v is not None]
        average = (sum(known) / len(known)).quantize(Decimal("0.1")) if known else None
        result.neighbours[period] = (average, len(known), len(wanted))
    if result.shared_by:
        result.standing = Standing(max(shared), None, 0, None, f"Published for {result.shared_by} together "
                                   "(a service they share), so not ranked among councils.")
    else:
        result.standing = _standing(authority, measure, councils, result.council)
    result.chart = _chart(authority, result)
    return result


def plain(value):
    """A stored Decimal as the DfE prints it: 17.400 is 17.4, 20.000 is 20."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _standing(authority, measure, councils, own):
    """The council's rank among councils in the latest year it has a figure for (or is withheld in)."""
    if not own:
        return None
    period = max(own)
    values = [v for v in councils.get(period, {}).values() if v is not None]
    value = own[period][0]
    if value is None:
        symbol = own[period][1]
        return Standing(period, None, len(values), None,
                        f"{period}: {authority.name}'s figure is withheld ({SYMBOLS[symbol]}), so it has no rank.")
    lower_first = measure.polarity != Measure.Polarity.HIGHER_IS_BETTER
    rank = 1 + sum(1 for v in values if (v < value if lower_first else v > value))
    quartile = min(4, 1 + (4 * (rank - 1)) // len(values))
    if measure.polarity == Measure.Polarity.NEITHER:
        order = "1 is the lowest; neither higher nor lower is better"
        band = QUARTILES[quartile].replace("top", "lowest").replace("bottom", "highest")
    else:
        order = f"1 is the best: {measure.get_polarity_display().lower()}"
        band = QUARTILES[quartile]
    return Standing(period, rank, len(values), quartile,
                    f"{period}: ranked {rank} of {len(values)} councils ({order}); in the {band}.")


def _shown(pair):
    """A figure for the table: the number, or its symbol and meaning (a withheld value is never a zero)."""
    value, symbol = pair[0], pair[1]
    if value is not None:
        return value
    return f"{symbol or '–'} ({SYMBOLS[symbol]})"


def _chart(authority, result):
    measure, periods = result.measure, result.periods
    series = {
        "council": (authority.name, result.council),
        "neighbours": ("Statistical neighbours' average", result.neighbours),
        "region": (result.region_name, result.region),
        "england": ("England", result.england),
    }
    data = []
    for key, (name, figures) in series.items():
        colour, dash, symbol = SERIES_STYLE[key]
        data.append({
            "type": "scatter", "mode": "lines+markers", "name": name, "x": periods,
            "y": [float(figures[p][0]) if p in figures and figures[p][0] is not None else None for p in periods],
            "line": {"color": colour, "dash": dash, "width": 3 if key == "council" else 2},
            "marker": {"symbol": symbol, "size": 10 if key == "council" else 7, "color": colour, "line": OUTLINE},
            "hovertemplate": "%{x}: %{y}<extra>" + name + "</extra>", "connectgaps": False,
        })
    figure = {"data": data, "layout": _layout(
        xaxis={"title": {"text": "Year ending 31 March"}, "dtick": 1, "gridcolor": "#eeeeee"},
        yaxis={"title": {"text": measure.unit}, "gridcolor": "#dddddd", "rangemode": "tozero"},
        margin={"l": 60, "r": 20, "t": 20, "b": 60},
    )}
    missing = ("", 0, 0)
    rows = [[p, _shown(result.council.get(p, (None, ""))),
             result.neighbours.get(p, missing)[0] if result.neighbours.get(p, missing)[0] is not None else "",
             f"{result.neighbours.get(p, missing)[1]} of {result.neighbours.get(p, missing)[2]}",
             _shown(result.region.get(p, (None, ""))), _shown(result.england.get(p, (None, "")))]
            for p in periods]
    polarity = measure.get_polarity_display()
    return Chart(
        f"{measure.name} ({measure.unit})",
        f"Lines: {authority.name} (solid, stars), its statistical neighbours' average (dashed, squares; the "
        f"neighbours in force each year), its region (dotted, diamonds) and England (dash-dot, circles). "
        f"{polarity}. Gaps are figures withheld or not published.",
        figure, ["Year ending 31 March", authority.name, "Neighbours' average", "Neighbours with a figure",
                 series["region"][0], "England"], rows, height=360,
    )


def csv_rows(authority, comparisons):
    """Every figure of the section, one row per measure, year and geography, for the CSV download."""
    yield ["measure", "unit", "polarity", "year_ending_31_march", "geography", "value", "symbol", "symbol_meaning"]
    for c in comparisons:
        m = c.measure
        for period in c.periods:
            for geography, figures in ((authority.name, c.council), ("Statistical neighbours' average", c.neighbours),
                                       (c.region_name, c.region), ("England", c.england)):
                if period not in figures:
                    continue
                value, symbol = figures[period][0], figures[period][1] if figures is not c.neighbours else ""
                yield [m.name, m.unit, m.polarity, period, geography, "" if value is None else value, symbol,
                       SYMBOLS[symbol] if value is None and symbol in SYMBOLS else ""]
