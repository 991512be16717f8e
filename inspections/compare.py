"""How a council compares on the DfE's statistics: a few key measures over time, beside its statistical
neighbours (those in force each year), its region and England, with its latest rank and quartile among councils.

Context beside the inspection journey, not a forecast: most of these figures predict Ofsted grades weakly
(deprivation explains more; DOMAIN.md). Five queries whatever the data: the measures, the council's neighbour
links of every model (unless the page has read them), the figures of the council, England and its region, its
neighbours' sums (their average), and its rank each year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import Count, F, Q, Sum
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from .charts import OUTLINE, Chart, _layout
from .importing.statistics.dfe import SYMBOLS
from .models import Measure, MeasureValue, StatisticalNeighbour
from .models.authorities import NEIGHBOUR_MODELS, neighbour_model_for

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
    source_rows: dict = field(default_factory=dict)  # period -> the council's figure's row in the DfE file
    ranks: dict = field(default_factory=dict)  # period -> (rank, councils with a figure, quartile), its own figures
    standing: Standing | None = None
    chart: Chart | None = None


def how_it_compares(authority, every_rank=True, links=None):
    """The section's figures for each key measure the record holds (an empty list before the statistics load).
    `every_rank`: the council's rank in every year (the downloads), else only in the latest year it has a figure
    for, the one the page states (`standing`): the others cost the page a count over every council's figures each.
    `links`: the council's neighbours in each model ({model: neighbour ids}), if the page has read them already."""
    measures = {m.pk: m for m in Measure.objects.filter(slug__in=KEY_MEASURES)}
    if not measures:
        return []
    if links is None:
        links = {}
        rows = StatisticalNeighbour.objects.filter(authority=authority).values_list("model", "neighbour_id")
        for model, neighbour_id in rows:
            links.setdefault(model, set()).add(neighbour_id)
    links = {model: set(ids) for model, ids in links.items()}
    # The council's figures, England's, a service the council shares and its region's (as the council's figures name
    # it, see _compare): a few hundred rows, each alternative on the (authority, measure) index. `named` has no
    # level: a code holding the council's is a council's (a filter on the level reads every council's figures).
    key, level = Q(measure__in=measures), MeasureValue.Level
    fields = ("measure_id", "period", "level", "code", "authority_id", "value", "symbol", "region_code", "name",
              "source_row")
    named = MeasureValue.objects.filter((key & Q(authority=authority)) | (key & Q(authority__isnull=True)),
                                        code__contains=authority.ons_code).values("region_code")
    rows = MeasureValue.objects.filter(
        (key & Q(authority=authority))
        | (key & Q(authority__isnull=True) & (~Q(level__in=[level.AUTHORITY, level.REGION])
                                               | Q(code__contains=authority.ons_code)
                                               | Q(level=level.REGION, code__in=named)))
    ).order_by().values_list(*fields)
    by_measure, ranks = {pk: [] for pk in measures}, {pk: {} for pk in measures}
    for row in rows:
        by_measure[row[0]].append(row)
    # Its neighbours' average, summed in the database: their figures (ten councils' of every year) are most of the
    # section's and each is wanted only in the sum.
    sums = {pk: {} for pk in measures}
    for measure_id, period, total, known in _neighbour_sums(key, links):
        sums[measure_id][period] = (total, known)
    for measure_id, period, lower, higher, of in _rank_counts(authority, measures, every_rank):
        lower_first = measures[measure_id].polarity != Measure.Polarity.HIGHER_IS_BETTER
        ranks[measure_id][period] = (1 + (lower if lower_first else higher), of)
    comparisons = [_compare(authority, m, by_measure[m.pk], links, sums[m.pk], ranks[m.pk])
                   for m in measures.values()]
    return sorted(comparisons, key=lambda c: KEY_MEASURES.index(c.measure.slug))


def _rank_counts(authority, measures, every_year=True):
    """(measure id, period, councils with a lower figure, with a higher one, with one at all) for each of the
    council's published figures of these measures (or, not `every_year`, its figure of the latest year it has one
    for, if published): a council's figure is one with an authority (a region's, England's or a shared service's
    has none).

    Raw SQL, parameterised, because it joins the figures to themselves (each of the council's figures to every
    council's of the same measure and year), which the ORM cannot say: read once through the (measure, period)
    index, where three counting subqueries per figure read it three times (bench/pages.py: a seventh of the
    authority page's time)."""
    table = connections[MeasureValue.objects.db].ops.quote_name(MeasureValue._meta.db_table)
    ids = list(measures)
    sql = (
        "SELECT own.measure_id, own.period,"
        " SUM(CASE WHEN peer.value < own.value THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN peer.value > own.value THEN 1 ELSE 0 END), COUNT(*)"
        f" FROM {table} own JOIN {table} peer ON peer.measure_id = own.measure_id AND peer.period = own.period"
        f" WHERE own.authority_id = %s AND own.value IS NOT NULL AND own.measure_id IN ({', '.join(['%s'] * len(ids))})"
        " AND peer.authority_id IS NOT NULL AND peer.value IS NOT NULL"
        # MAX(period + 0): with MAX(period) SQLite reads the measure's every figure in the (measure, period) index,
        # for each of the council's figures, not the council's by the (authority, measure) index.
        + ("" if every_year else f" AND own.period = (SELECT MAX(latest.period + 0) FROM {table} latest"
                                 " WHERE latest.authority_id = own.authority_id AND latest.measure_id = own.measure_id)")
        + " GROUP BY own.id, own.measure_id, own.period"
    )
    with connections[MeasureValue.objects.db].cursor() as cursor:
        cursor.execute(sql, [authority.pk, *ids])
        return cursor.fetchall()


def _neighbour_sums(key, links):
    """(measure id, period, sum, councils with a figure) of the figures of the council's neighbours in force each
    year (neighbours_for): the sum of those published, over the years their model is in force. `key` in each
    alternative, so that each reads the (authority, measure) index; a figure with an authority is a council's."""
    in_force = None
    starts = sorted(NEIGHBOUR_MODELS.values())
    for model, start in NEIGHBOUR_MODELS.items():
        wanted = links.get(model) or links.get("2021", set())  # as neighbours_for() falls back
        later = [s for s in starts if s > start]
        if wanted:
            # period + 0: a year no index can read, or SQLite reads every council's figures by (measure, period).
            period = F("period") + 0
            years = (Q(GreaterThanOrEqual(period, start)) if start else Q()) & (
                Q(LessThan(period, later[0])) if later else Q())
            alternative = key & Q(authority__in=wanted) & years
            in_force = alternative if in_force is None else in_force | alternative
    if in_force is None:  # a council without neighbours
        return []
    return MeasureValue.objects.filter(in_force).order_by().values("measure_id", "period").annotate(
        total=Sum("value"), known=Count("value")).values_list("measure_id", "period", "total", "known")


def neighbours_for(links, period):
    """The neighbours in force for a year, as StatisticalNeighbour.objects.in_force does: the model of the
    year if the council has links in it, else the 2021 groupings."""
    return links.get(neighbour_model_for(period)) or links.get("2021", set())


def _compare(authority, measure, rows, links, sums, ranks):
    result = MeasureComparison(measure, [])
    # The council's region as this file codes it (the workforce file splits London into inner and outer).
    own, ons_code = authority.pk, authority.ons_code
    council_level, england_level = MeasureValue.Level.AUTHORITY.value, MeasureValue.Level.ENGLAND.value
    region_code = max(((row[1], row[7]) for row in rows if row[2] == council_level and ons_code in row[3]),
                      default=(0, ""))[1]
    shared = {}  # period -> (value, symbol, the councils' names), for a service the council shares
    # plain() only for the figures kept: the region's of other years' coding are read too.
    for _, period, level, code, authority_id, value, symbol, _, name, source_row in rows:
        if level == council_level and authority_id is None:
            shared[period] = (plain(value), symbol, name)  # one figure for two councils: shown, not ranked
            result.source_rows.setdefault(period, source_row)
        elif level == council_level:
            if authority_id == own:
                result.council[period] = (plain(value), symbol)
                result.source_rows[period] = source_row
        elif level == england_level:
            result.england[period] = (plain(value), symbol)
        elif code == region_code:
            result.region[period] = (plain(value), symbol)
            result.region_name = name
    if shared and not result.council:
        result.council = {period: (value, symbol) for period, (value, symbol, _) in shared.items()}
        result.shared_by = shared[max(shared)][2]
    result.periods = sorted(set(result.council) | set(result.england))
    for period in result.periods:
        total, known = sums.get(period, (None, 0))
        average = (total / known).quantize(Decimal("0.1")) if known else None
        result.neighbours[period] = (average, known, len(neighbours_for(links, period)))
    if not result.shared_by:
        result.ranks = {period: (rank, of, quartile_of(rank, of)) for period, (rank, of) in ranks.items()}
    if result.shared_by:
        result.standing = Standing(max(shared), None, 0, None, f"Published for {result.shared_by} together "
                                   "(a service they share), so not ranked among councils.")
    else:
        result.standing = _standing(authority, measure, result.council, result.ranks)
    result.chart = _chart(authority, result)
    return result


def quartile_of(rank, of):
    """The quarter of the councils a rank falls in: 1 (the first quarter) to 4."""
    return min(4, 1 + (4 * (rank - 1)) // of) if of else None


def plain(value):
    """A stored Decimal as the DfE prints it: 17.400 is 17.4, 20.000 is 20."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _standing(authority, measure, own, ranks):
    """The council's rank among councils in the latest year it has a figure for (or is withheld in)."""
    if not own:
        return None
    period = max(own)
    if own[period][0] is None:
        symbol = own[period][1]
        return Standing(period, None, 0, None,
                        f"{period}: {authority.name}'s figure is withheld ({SYMBOLS[symbol]}), so it has no rank.")
    rank, of, quartile = ranks[period]
    if measure.polarity == Measure.Polarity.NEITHER:
        order = "1 is the lowest; neither higher nor lower is better"
        band = QUARTILES[quartile].replace("top", "lowest").replace("bottom", "highest")
    else:
        order = f"1 is the best: {measure.get_polarity_display().lower()}"
        band = QUARTILES[quartile]
    return Standing(period, rank, of, quartile, f"{period}: ranked {rank} of {of} councils ({order}); in the {band}.")


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


WIDE_COLUMNS = ["Measure", "Unit", "Polarity", "Year ending 31 March", "Council", "Council's figure",
                "Withheld (symbol and meaning)", "Neighbours' average", "Neighbours with a figure", "Region",
                "Region's figure", "England's figure", "Rank among councils (1 = best)", "Councils ranked",
                "Quartile (1 = best quarter)", "Publication", "Source file", "Source column", "Council's row in the file"]


def wide_rows(authority, comparisons):
    """One row per measure and year: the council, its neighbours' average, region and England side by side, with
    the council's rank and quartile that year and where the figure comes from (the XLSX download)."""
    yield WIDE_COLUMNS
    for c in comparisons:
        m = c.measure
        for period in c.periods:
            value, symbol = c.council.get(period, (None, ""))
            average, known, of = c.neighbours.get(period, (None, 0, 0))
            rank, ranked, quartile = c.ranks.get(period, (None, None, None))
            withheld = f"{symbol} ({SYMBOLS[symbol]})" if value is None and period in c.council and symbol else ""
            yield [m.name, m.unit, m.get_polarity_display(), period, c.shared_by or authority.name, value, withheld,
                   average, f"{known} of {of}", c.region_name, c.region.get(period, (None, ""))[0],
                   c.england.get(period, (None, ""))[0], rank, ranked, quartile, m.publication, m.source_file,
                   m.source_column, c.source_rows.get(period)]


def workbook(authority, comparisons):
    """The XLSX download: the figures in one sheet (numbers as numbers, a withheld figure left empty with its
    symbol beside it, never a zero), and the caution and the neighbour models in a second."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "How it compares"
    for row in wide_rows(authority, comparisons):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("About these figures")
    for line in (
        [f"{authority.name} ({authority.ons_code}): the Department for Education's official statistics."],
        [CAUTION],
        ["Neighbours: the statistical neighbours in force each year (the 2021 groupings before 2025, the 2025 model "
         "since); their average is over those with a published figure."],
        ["Rank: 1 + the councils with a better figure that year (lower first unless higher is better; for a measure "
         "where neither is better, 1 is the lowest). A withheld figure has no rank."],
        ["Symbols: " + "; ".join(f"{code} = {meaning}" for code, meaning in SYMBOLS.items() if code)],
    ):
        notes.append(line)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
