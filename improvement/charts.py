"""Plotly figures for the improvement pages, each with the table of the same data (includes/chart.html).

Figures are plain dicts, as in inspections/charts.py, whose Chart, colours and strand styles they share so
that a grade looks the same on every page.
"""

from inspections.charts import (
    NO_OVERALL,
    OUTLINE,
    RANK_COLOURS,
    Chart,
    inspected_as,
    no_overall_marks,
    rank_label,
    strand_trace,
)
from inspections.grades import FRAMEWORK_LABELS, RANK_LABELS, STRAND_LABELS
from inspections.models.latest import SHOWN_STRANDS
from inspections.templatetags.dashboard import date_order, event_date, table_date

from .calibration import VERDICT_ORDER
from .journeys import VERDICT_LABELS
from .journeys.items import kind_label

FONT = {"family": "arial, sans-serif", "size": 14, "color": "#0b0c0c"}
# Above the plot, where it cannot meet the x axis's title; in trace order (stacked bars would reverse it).
LEGEND_ON_TOP = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"}
VISIT_ROW = 5
# Shape as well as colour tells grades apart.
RANK_SYMBOLS = {1: "star", 2: "circle", 3: "diamond", 4: "square", NO_OVERALL: "hexagon-open"}
VERDICT_STYLE = {  # colour and fill pattern, so the bars do not rely on colour alone
    "borne_out": ("#00703c", ""),
    "partly_borne_out": ("#1d70b8", "/"),
    "contradicted": ("#942514", "x"),
    "not_yet_tested": ("#b1b4b6", "."),
}


def _layout(**extra):
    layout = {
        "font": FONT, "margin": {"l": 20, "r": 20, "t": 30, "b": 60}, "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff", "legend": {"orientation": "h", "y": -0.25}, "hovermode": "closest",
        "hoverlabel": {"font": FONT, "bgcolor": "#ffffff"},
    }
    layout.update(extra)
    return layout


def _rank_axis(extra_rows=None):
    ticks = {**RANK_LABELS, **(extra_rows or {})}
    return {"tickvals": list(ticks), "ticktext": list(ticks.values()), "range": [max(ticks) + 0.5, 0.5],
            "gridcolor": "#dddddd", "zeroline": False, "automargin": True}


def _event(inspection):
    return kind_label(inspection)


def journey(journey):
    """The grades in force at the start and every later grade, per strand, with the start marked."""
    start = journey.start
    judgements = sorted(journey.standing + journey.later, key=lambda j: (j.inspection.start_date, j.position, j.pk))
    data = []
    for strand in SHOWN_STRANDS:
        points = [j for j in judgements if j.strand == strand]
        if points:
            data.append(strand_trace(strand, points, journey.authority))
    visits = [event for event, _ in journey.later_events if event.is_visit]
    extra = {}
    if visits:
        extra[VISIT_ROW] = "Visits (not graded)"
        data.append({
            "type": "scatter", "mode": "markers", "name": "Later visits",
            "x": [v.start_date.isoformat() for v in visits], "y": [VISIT_ROW] * len(visits),
            "customdata": [[_event(v), v.theme_label, v.verdict] for v in visits],
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>%{x|%d %b %Y}"
                             "<extra></extra>",
            "marker": {"color": "#505a5f", "symbol": "diamond-wide", "size": 12, "line": OUTLINE},
        })
    layout = _layout(yaxis=_rank_axis(extra), xaxis={"type": "date", "gridcolor": "#eeeeee"})
    reform_shapes, reform_annotations, reform_rows = no_overall_marks(journey.later, journey.authority)
    layout["shapes"], layout["annotations"] = reform_shapes, reform_annotations
    if start:
        layout["shapes"] = reform_shapes + [{"type": "line", "xref": "x", "yref": "paper", "x0": start.on.isoformat(),
                             "x1": start.on.isoformat(), "y0": 0, "y1": 1, "line": {"color": "#0b0c0c", "dash": "dash"}}]
        layout["annotations"] = reform_annotations + [{"x": start.on.isoformat(), "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
                                  "text": "Start", "showarrow": False, "font": FONT}]
    standing = {j.pk for j in journey.standing}  # (by key, as `j in journey.standing` compared them)
    rows = [[table_date(j.inspection), _event(j.inspection), STRAND_LABELS[j.strand], j.grade,
             FRAMEWORK_LABELS[j.inspection.framework],
             "; ".join(n for n in ("In force at the start" if j.pk in standing else "After the start",
                                   inspected_as(j.inspection, journey.authority)) if n)] for j in judgements]
    rows += [[*row[:5], "After the start"] for row in reform_rows]
    rows += [[v.start_date, _event(v), "", "Not graded", v.theme_label, "After the start"]
             for v in visits]
    rows.sort(key=lambda row: date_order(row[0]))
    when = f" from {start.on:%B %Y}" if start else ""
    return Chart(
        f"Grades{when} on",
        "Lines: each judgement strand's grade in force at the start (the dashed line) and every later grade, on one "
        "axis across frameworks, best at the top; later visits are the row below.",
        {"data": data, "layout": layout},
        ["Date", "Event", "Strand", "Grade or result", "Framework or theme", "When"], rows, height=380,
    )


def swimlane(cohort, members=None):
    """One lane per council of the cohort (most improved at the top): its overall grades over time.

    `members`: the page of the cohort to draw (all of it by default)."""
    members = cohort.members if members is None else members
    lanes = {"x": [], "y": []}
    for member in members:
        lanes["x"] += [j.inspection.start_date.isoformat() for j in member.grades] + [None]
        lanes["y"] += [member.authority.name] * len(member.grades) + [None]
    data = [{"type": "scatter", "mode": "lines", "x": lanes["x"], "y": lanes["y"], "name": "Lane",
             "showlegend": False, "hoverinfo": "skip", "line": {"color": "#b1b4b6", "width": 2}}]
    for rank in [*RANK_LABELS, NO_OVERALL]:
        points = [(m, j) for m in members for j in m.grades if (NO_OVERALL if j.no_overall else j.grade_rank) == rank]
        if points:
            data.append({
                "type": "scatter", "mode": "markers", "name": rank_label(rank),
                "x": [j.inspection.start_date.isoformat() for _, j in points], "y": [m.authority.name for m, _ in points],
                "customdata": [[j.label, FRAMEWORK_LABELS[j.inspection.framework], event_date(j.inspection)]
                               for _, j in points],
                "hovertemplate": "%{y}<br><b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
                "marker": {"color": RANK_COLOURS[rank], "symbol": RANK_SYMBOLS[rank], "size": 14, "line": OUTLINE},
            })
    reviews = [(m, s) for m in members for s in m.self_evaluations]
    if reviews:
        data.append({
            "type": "scatter", "mode": "markers", "name": "Self-evaluations",
            "x": [s.published.isoformat() for _, s in reviews], "y": [m.authority.name for m, _ in reviews],
            "customdata": [[s.title, _claims(s.claim_count)] for _, s in reviews],
            "hovertemplate": "%{y}<br><b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{x|%B %Y}<extra></extra>",
            "marker": {"color": "#912b88", "symbol": "star-triangle-up", "size": 12, "line": OUTLINE},
        })
    layout = _layout(
        xaxis={"type": "date", "gridcolor": "#eeeeee", "title": {"text": "Date of inspection"}},
        yaxis={"type": "category", "autorange": "reversed", "automargin": True},
        legend=LEGEND_ON_TOP, margin={"l": 20, "r": 20, "t": 50, "b": 60},
    )
    rows = [[m.authority.name, table_date(j.inspection), _event(j.inspection), j.label,
             FRAMEWORK_LABELS[j.inspection.framework]] for m in members for j in m.grades]
    rows += [[m.authority.name, s.published, "Self-evaluation", _claims(s.claim_count), s.title] for m, s in reviews]
    shown = ""
    if len(members) < len(cohort.members):
        first = cohort.members.index(members[0]) + 1 if members else 0
        shown = f" Councils {first} to {first + len(members) - 1} of {len(cohort.members)}: the pages under the " \
                "table show the others."
    return Chart(
        f"Overall grades of the councils judged inadequate in {cohort.year}",
        "Swimlanes: one row per council, most improved at the top; each marker is an overall grade at the date of "
        f"its inspection, its colour and shape set by the grade.{shown}",
        {"data": data, "layout": layout}, ["Council", "Date", "Event", "Grade or result", "Framework or title"], rows,
        height=max(260, 48 * len(members) + 140),
    )


def calibration(rows):
    """Per council, the share of its claims borne out, partly borne out, contradicted and not yet tested."""
    names = [name for name, _, _ in rows]
    data = []
    for verdict in VERDICT_ORDER:
        colour, pattern = VERDICT_STYLE[verdict]
        label = VERDICT_LABELS[verdict]
        data.append({
            "type": "bar", "orientation": "h", "name": label, "y": names,
            "x": [_share(counts[verdict], total) for _, counts, total in rows],
            "customdata": [[counts[verdict], total] for _, counts, total in rows],
            "hovertemplate": "%{y}: %{x}% (%{customdata[0]} of %{customdata[1]} claims)<extra>" + label + "</extra>",
            "marker": {"color": colour, "line": OUTLINE, "pattern": {"shape": pattern}},
        })
    layout = _layout(barmode="stack", xaxis={"title": {"text": "% of the council's claims"}, "range": [0, 100]},
                     yaxis={"autorange": "reversed", "automargin": True}, legend=LEGEND_ON_TOP,
                     margin={"l": 20, "r": 20, "t": 50, "b": 60})
    table = [[name, *[f"{counts[v]} ({_share(counts[v], total)}%)" for v in VERDICT_ORDER], total]
             for name, counts, total in rows]
    return Chart(
        "How each council's claims held up",
        "Stacked bars: for each council, the share of its claims whose latest verdict is each of the four.",
        {"data": data, "layout": layout}, ["Council", *[VERDICT_LABELS[v] for v in VERDICT_ORDER], "Claims"], table,
        height=max(220, 50 * len(rows) + 140),
    )


def _claims(count):
    return f"{count} claim{'' if count == 1 else 's'}"


def _share(count, total):
    return round(100 * count / total, 1) if total else 0
