"""Plotly figures for the dashboard, each with the table of the same data behind it.

Figures are plain dicts, serialised by plotly's JSON encoder without validation and drawn in the browser:
building graph objects costs ~5 ms a chart, the dict ~0.1 ms. tests/inspections/test_views_charts.py
checks every figure against plotly's schema instead.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from plotly.io.json import to_json_plotly

from inspections.grades import FRAMEWORK_LABELS, NO_OVERALL_LABEL, RANK_LABELS, STRAND_LABELS

from .models import Inspection
from .models.latest import SHOWN_STRANDS
from .templatetags.dashboard import date_order, event_date, table_date, value_html

NOT_GRADED = "Not yet graded"
# Councils whose latest inspection made no overall judgement (the 2026 framework) are counted apart: neither
# ungraded nor still at a superseded overall grade.
NO_OVERALL = "no_overall"
RANK_COLOURS = {1: "#00703c", 2: "#1d70b8", 3: "#ffdd00", 4: "#942514", NO_OVERALL: "#6f72af", None: "#b1b4b6"}
STANDINGS = [1, 2, 3, 4, NO_OVERALL, None]  # the columns of the overall-grade counts
OUTLINE = {"color": "#0b0c0c", "width": 1}  # so pale bars and markers stand out from the white page
STRAND_STYLE = {  # colour and marker shape: shape tells strands apart without colour
    "overall": ("#0b0c0c", "circle"),
    "help_and_protection": ("#1d70b8", "square"),
    "children_in_care": ("#d53880", "diamond"),
    "care_leavers": ("#00703c", "triangle-up"),
    "leadership": ("#6f72af", "cross"),
}
VISIT_ROW, SELF_EVALUATION_ROW = 5, 6
CONFIG = {"displayModeBar": False, "responsive": True}
# As Django's json_script: nothing in the data can close the <script> block or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
FONT = {"family": "arial, sans-serif", "size": 14, "color": "#0b0c0c"}


@dataclass
class Chart:
    """A figure and the table a reader can open instead of it (includes/chart.html draws both)."""

    title: str
    description: str
    figure: dict
    columns: list
    rows: list = field(default_factory=list)
    height: int = 420

    @property
    def html(self):
        """The figure as a JSON data block that static/js/charts.js draws: no inline script or style attribute,
        so pages satisfy the Content-Security-Policy (config/settings.py) and stay cacheable (no nonce)."""
        figure = {**self.figure, "layout": {"height": self.height, **self.figure.get("layout", {})}}
        data = to_json_plotly({**figure, "config": CONFIG}).translate(JSON_SCRIPT_ESCAPES)
        return mark_safe(f'<div class="app-plotly"><script type="application/json">{data}</script></div>')

    @property
    def rows_html(self):
        """The table's <tr> rows as {{ cell|default_if_none:"" }} in a template loop would render them, built
        here: that loop cost more than the chart itself on a cohort of a hundred councils."""
        memo = {}
        return mark_safe("\n".join(
            '<tr class="govuk-table__row">'
            + "".join(f'<td class="govuk-table__cell">{"" if v is None else value_html(v, memo)}</td>' for v in row)
            + "</tr>"
            for row in self.rows
        ))


def rank_label(rank):
    if rank == NO_OVERALL:
        return NO_OVERALL_LABEL
    return RANK_LABELS.get(rank, NOT_GRADED)


def standing(row):
    """A grade_counts() row's column: its overall rank, NO_OVERALL, or None (not yet graded)."""
    return NO_OVERALL if row.get("no_overall") else row["overall_rank"]


def own_standing(authority):
    """An authority annotated by with_latest_overall(), as standing() reads a row."""
    return NO_OVERALL if authority.no_overall else authority.overall_rank


def overall_text(authority):
    """An authority's latest overall grade in words: the grade, "No overall grade (2026 framework)" (with the
    superseded one), or "Not yet graded"."""
    if authority.no_overall:
        previous = f"; previous overall: {authority.overall_grade}, superseded" if authority.overall_grade else ""
        return f"{NO_OVERALL_LABEL}{previous}"
    return authority.overall_grade or NOT_GRADED


def _layout(**extra):
    layout = {
        "font": FONT,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 60},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": -0.2},
        "hoverlabel": {"font": FONT, "bgcolor": "#ffffff"},
    }
    layout.update(extra)
    return layout


def _count_axis(counts, title="Authorities"):
    """A y axis of whole numbers: small counts would otherwise get ticks such as 0.5."""
    axis = {"title": {"text": title}, "rangemode": "tozero", "gridcolor": "#dddddd"}
    return {**axis, "dtick": 1} if max(counts, default=0) <= 8 else axis


def _rank_counts_by(rows, key):
    """{key value: {rank: n}} from grade_counts() rows."""
    table = {}
    for row in rows:
        counts = table.setdefault(row[key] or "Unknown", {})
        counts[standing(row)] = counts.get(standing(row), 0) + row["n"]
    return table


def grade_count_rows(authorities, by=()):
    """grade_counts() rows from authorities already annotated by with_latest_overall(), without a query."""
    counts = Counter((*[getattr(a, key) for key in by], a.overall_rank, a.no_overall) for a in authorities)
    return [{**dict(zip(by, key[:-2])), "overall_rank": key[-2], "no_overall": key[-1], "n": n}
            for key, n in counts.items()]


def region_and_england(authority, by_region):
    """The authority's region's grade_counts() rows and England's, from grade_counts(by=["ofsted_region"])."""
    by_region = list(by_region)
    england = Counter()
    for row in by_region:
        england[(row["overall_rank"], row.get("no_overall", False))] += row["n"]
    region = [row for row in by_region if row["ofsted_region"] == authority.ofsted_region]
    return region, [{"overall_rank": rank, "no_overall": no_overall, "n": n}
                    for (rank, no_overall), n in england.items()]


def regional_distribution(count_rows):
    """Latest overall grades by Ofsted region, stacked: rows from Authority.objects.grade_counts(by=region)."""
    by_region = _rank_counts_by(count_rows, "ofsted_region")
    regions = sorted(by_region)
    ranks = STANDINGS
    # Horizontal bars: region names such as "North East, Yorkshire and the Humber" stay readable.
    data = [
        {
            "type": "bar", "orientation": "h", "name": rank_label(rank), "y": regions,
            "x": [by_region[region].get(rank, 0) for region in regions],
            "marker": {"color": RANK_COLOURS[rank], "line": OUTLINE},
            "hovertemplate": "%{y}: %{x} authorities<extra>" + rank_label(rank) + "</extra>",
        }
        for rank in ranks
    ]
    totals = [sum(counts.values()) for counts in by_region.values()]
    figure = {"data": data, "layout": _layout(
        barmode="stack", xaxis=_count_axis(totals), yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 20, "r": 20, "t": 60, "b": 50},
    )}
    rows = [[region, *[by_region[region].get(rank, 0) for rank in ranks], sum(by_region[region].values())]
            for region in regions]
    return Chart(
        "Latest overall grade by region",
        "Stacked bars: for each Ofsted region, how many authorities hold each latest overall grade. Councils whose "
        "latest inspection was under the 2026 framework, which makes no overall judgement, are counted apart.",
        figure, ["Region", *[rank_label(rank) for rank in ranks], "Total"], rows, height=480,
    )


AGE_BANDS = ((1, "Under 1 year"), (2, "1 to 2 years"), (3, "2 to 3 years"), (4, "3 to 4 years"),
             (5, "4 to 5 years"), (None, "5 years or more"))


def age_band(known_on, as_at):
    if known_on is None:
        return NOT_GRADED
    years = (as_at - known_on).days / 365.25
    return next(label for limit, label in AGE_BANDS if limit is None or years < limit)


def grade_ages(authorities, as_at):
    """How old each authority's latest overall grade is on `as_at`, in one-year bands."""
    labels = [label for _, label in AGE_BANDS] + [NOT_GRADED]
    counts = dict.fromkeys(labels, 0)
    for authority in authorities:
        counts[age_band(authority.graded_on, as_at)] += 1
    figure = {
        "data": [{
            "type": "bar", "x": labels, "y": [counts[label] for label in labels],
            "marker": {"color": "#1d70b8", "line": OUTLINE},
            "hovertemplate": "%{x}: %{y} authorities<extra></extra>",
        }],
        "layout": _layout(yaxis=_count_axis(counts.values()),
                          xaxis={"title": {"text": "Age of the latest overall grade"}}),
    }
    return Chart(
        "How old the latest overall grades are",
        f"Bars: how many authorities' latest overall grade is of each age on {as_at:%d %B %Y}; for a council "
        "inspected under the 2026 framework (no overall grade), the age of its four judgements.",
        figure, ["Age of the latest overall grade", "Authorities"], [[label, counts[label]] for label in labels],
    )


def inspected_as(inspection, owner):
    """Whose inspection it is, if not the owner's own: "Northamptonshire, before 2021" (a predecessor's)."""
    if owner is None or inspection.authority_id == owner.pk:
        return ""
    return inspection.authority.as_predecessor


def _notes(inspection, owner):
    notes = [note for note in (inspected_as(inspection, owner),
                               "known from a later document" if inspection.known_from_id else "") if note]
    return f" ({'; '.join(notes)})" if notes else ""


def strand_trace(strand, judgements, owner=None):
    """One strand's grades as a line; grades known only from a later document are hollow. With `owner` (the
    authority whose record it is), a predecessor's inspections are named."""
    colour, symbol = STRAND_STYLE[strand]
    offset = (SHOWN_STRANDS.index(strand) - 2) * 0.07  # keeps strands graded alike on one date apart
    return {
        "type": "scatter", "mode": "lines+markers", "name": STRAND_LABELS[strand],
        "x": [j.inspection.start_date.isoformat() for j in judgements],
        "y": [j.grade_rank + offset for j in judgements],
        # The date as precisely as it is known ("May 2011", "2011"), not the first day the axis places it on.
        "customdata": [[j.grade, j.area, FRAMEWORK_LABELS[j.inspection.framework], _notes(j.inspection, owner),
                        event_date(j.inspection)] for j in judgements],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>"
                         "%{customdata[4]}%{customdata[3]}<extra>" + STRAND_LABELS[strand] + "</extra>",
        "line": {"color": colour, "width": 2},
        "marker": {
            "color": colour, "size": 11, "line": {"color": colour, "width": 2},
            "symbol": [symbol + ("-open" if j.inspection.known_from_id else "") for j in judgements],
        },
    }


def _visit_traces(visits):
    """The visits row: Ofsted's own visits, and joint targeted area inspections in a trace of their own."""
    joint = [v for v in visits if v.kind == Inspection.Kind.JTAI]
    own = [v for v in visits if v.kind != Inspection.Kind.JTAI]
    traces = [_visit_trace(own, "Monitoring and focused visits", "diamond-wide")] if own else []
    if joint:
        traces.append(_visit_trace(joint, "Joint targeted area inspections (not graded)", "hexagon"))
    return traces


def _visit_trace(visits, name, symbol):
    return {
        "type": "scatter", "mode": "markers", "name": name,
        "x": [v.start_date.isoformat() for v in visits], "y": [VISIT_ROW] * len(visits),
        "customdata": [[v.get_kind_display(), v.theme_label, v.verdict] for v in visits],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>"
                         "%{x|%d %b %Y}<extra></extra>",
        "marker": {"color": "#505a5f", "symbol": symbol, "size": 12, "line": OUTLINE},
    }


def _self_evaluation_trace(self_evaluations):
    return {
        "type": "scatter", "mode": "markers", "name": "Self-evaluations",
        "x": [s.published.isoformat() for s in self_evaluations],
        "y": [SELF_EVALUATION_ROW] * len(self_evaluations),
        "customdata": [[s.title, s.claim_count] for s in self_evaluations],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]} claims<br>%{x|%B %Y}<extra></extra>",
        "marker": {"color": "#912b88", "symbol": "star", "size": 14, "line": OUTLINE},
    }


def timeline_note(inspection, owner):
    """The table's note on an inspection: a predecessor's, known from a later document."""
    return _notes(inspection, owner).strip(" ()").capitalize()


def no_overall_marks(judgements, owner=None):
    """Layout shapes, annotations and table rows for inspections that made no overall judgement (2026 framework):
    the overall line stops there, and the chart says why rather than leaving a silent gap."""
    inspections = {j.inspection_id: j.inspection for j in judgements if not j.inspection.makes_overall_judgement}
    shapes, annotations, rows = [], [], []
    for inspection in sorted(inspections.values(), key=lambda i: i.start_date):
        on = inspection.start_date.isoformat()
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": on, "x1": on, "y0": 0, "y1": 1,
                       "line": {"color": RANK_COLOURS[NO_OVERALL], "dash": "dot"}})
        annotations.append({"x": on, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
                            "text": NO_OVERALL_LABEL, "font": {**FONT, "size": 12}})
        rows.append([inspection.start_date, inspection.get_kind_display(), STRAND_LABELS["overall"], NO_OVERALL_LABEL,
                     FRAMEWORK_LABELS[inspection.framework], timeline_note(inspection, owner)])
    return shapes, annotations, rows


def timeline(judgements, visits, self_evaluations=(), owner=None):
    """An authority's grades across every framework on one ordinal axis, with its visits and self-evaluations.

    judgements: Judgement.objects.for_timeline(authority); visits: its ungraded visits; self_evaluations:
    only those the user may see, annotated with claim_count; owner: the authority, so that its predecessors'
    inspections are named.
    """
    by_strand = {strand: [] for strand in SHOWN_STRANDS}
    for judgement in judgements:
        by_strand.setdefault(judgement.strand, []).append(judgement)
    data = [strand_trace(strand, items, owner) for strand, items in by_strand.items()
            if items and strand in STRAND_STYLE]
    rows = [[table_date(j.inspection), j.inspection.get_kind_display(), STRAND_LABELS[j.strand], j.grade,
             FRAMEWORK_LABELS[j.inspection.framework], timeline_note(j.inspection, owner)]
            for j in judgements]
    shapes, annotations, reform_rows = no_overall_marks(judgements, owner)
    rows += reform_rows
    ticks = dict(RANK_LABELS)
    if visits:
        ticks[VISIT_ROW] = "Visits (not graded)"
        data += _visit_traces(visits)
        rows += [[v.start_date, v.get_kind_display(), "", "Not graded", v.theme_label,
                  "; ".join(n for n in (v.verdict, inspected_as(v, owner)) if n)] for v in visits]
    if self_evaluations:
        ticks[SELF_EVALUATION_ROW] = "Self-evaluations"
        data.append(_self_evaluation_trace(self_evaluations))
        rows += [[s.published, "Self-evaluation", "", f"{s.claim_count} claims", s.title, ""] for s in self_evaluations]
    figure = {"data": data, "layout": _layout(
        yaxis={"tickvals": list(ticks), "ticktext": list(ticks.values()), "range": [max(ticks) + 0.5, 0.5],
               "gridcolor": "#dddddd", "zeroline": False, "automargin": True},
        xaxis={"type": "date", "gridcolor": "#eeeeee", "title": {"text": "Date of inspection or visit"}},
        margin={"l": 20, "r": 20, "t": 40 if shapes else 20, "b": 60}, hovermode="closest",
        shapes=shapes, annotations=annotations,
    )}
    rows.sort(key=lambda row: date_order(row[0]))
    return Chart(
        "Grades and visits over time",
        "Timeline: one line per judgement strand across every inspection framework, best grade at the top. "
        "Hollow markers are grades known only from a later document; a dotted line marks an inspection under the "
        "2026 framework, which makes no overall judgement; visits and self-evaluations are the rows below.",
        figure, ["Date", "Event", "Strand", "Grade or result", "Framework or theme", "Note"], rows, height=480,
    )


def neighbour_strip(authority, neighbours):
    """Latest overall grades of an authority and its statistical neighbours, one dot each."""
    everyone = [authority, *neighbours]
    names = [a.name + (" (this authority)" if a.pk == authority.pk else "") for a in everyone]
    figure = {"data": [{
        "type": "scatter", "mode": "markers", "name": "Latest overall grade",
        "x": [None if a.no_overall else a.overall_rank for a in everyone], "y": names,
        "customdata": [[overall_text(a)] for a in everyone],
        "hovertemplate": "%{y}: <b>%{customdata[0]}</b><extra></extra>",
        "marker": {
            "color": [RANK_COLOURS.get(own_standing(a), RANK_COLOURS[None]) for a in everyone],
            "size": [18 if a.pk == authority.pk else 12 for a in everyone],
            "symbol": ["star" if a.pk == authority.pk else "circle" for a in everyone],
            "line": OUTLINE,
        },
    }], "layout": _layout(
        xaxis={"tickvals": list(RANK_LABELS), "ticktext": list(RANK_LABELS.values()), "range": [0.5, 4.5]},
        yaxis={"autorange": "reversed", "automargin": True}, showlegend=False,
        margin={"l": 20, "r": 20, "t": 20, "b": 40},
    )}
    rows = [["" if a.pk == authority.pk else a.position, a.name, overall_text(a), a.graded_on] for a in everyone]
    return Chart(
        "Statistical neighbours' latest overall grades",
        "Dots: the latest overall grade of this authority (a star) and of each of its statistical neighbours.",
        figure, ["Closeness rank", "Authority", "Latest overall grade", "Known on"], rows,
        height=max(260, 34 * len(everyone) + 80),
    )


def comparison(authority, region_rows, england_rows):
    """Share of authorities at each latest overall grade, in the authority's region and in England."""
    ranks = STANDINGS
    region, england = Counter(), Counter()
    for counts, rows in ((region, region_rows), (england, england_rows)):
        for row in rows:
            counts[standing(row)] += row["n"]
    region_name = authority.ofsted_region or "Region"

    def shares(counts):
        total = sum(counts.values()) or 1
        return [round(100 * counts.get(rank, 0) / total, 1) for rank in ranks]

    labels = [rank_label(rank) for rank in ranks]
    data = [
        {"type": "bar", "name": name, "x": labels, "y": shares(counts),
         "marker": {"color": colour, "line": OUTLINE, "pattern": {"shape": pattern}},
         "hovertemplate": "%{x}: %{y}%<extra>" + name + "</extra>"}
        for name, counts, colour, pattern in ((region_name, region, "#1d70b8", ""), ("England", england, "#b1b4b6", "/"))
    ]
    figure = {"data": data, "layout": _layout(barmode="group", yaxis={"title": {"text": "% of authorities"}})}
    own = overall_text(authority)
    rows = [[label, region.get(rank, 0), share_r, england.get(rank, 0), share_e]
            for label, rank, share_r, share_e in zip(labels, ranks, shares(region), shares(england))]
    return Chart(
        f"Latest overall grades in {region_name} and England",
        f"Grouped bars: the share of authorities at each latest overall grade; {authority.name}'s is {own}.",
        figure, ["Latest overall grade", f"{region_name} (authorities)", f"{region_name} (%)", "England (authorities)",
                 "England (%)"], rows,
    )

