"""Figure checks as one line of text, for the claims CSV and XLSX (the page shows _figure_check.html)."""

from improvement.models import FigureCheck

from .checks import judge


def official_lines(claims):
    """{claim id: its figure check as one line} for the claims of a queryset: two queries however many."""
    checks = FigureCheck.objects.filter(claim__in=claims.order_by().values("pk")).for_lines()
    return {check.claim_id: line(check) for check in checks}


def line(check):
    """ "The council said 17 to 19 ...; official figures (measure, publication, file): 2017 16.6 (row 1367) ...;
    tolerance ±1 case per worker; Borne out; link confirmed." """
    status = {FigureCheck.Status.PROPOSED: "link proposed, not yet confirmed",
              FigureCheck.Status.CONFIRMED: "link confirmed", FigureCheck.Status.REJECTED: "link rejected"}[check.status]
    said = f"The council said {check.council_said}"
    if check.measure_id is None:
        return f"{said}. {check.reason} ({status})"
    result = judge(check)
    measure = check.measure
    if check.relation:
        return (f"{said}; official figures, {measure.name} ({measure.publication}, {measure.source_file}): "
                f"{result.reason} {result.label} ({status})")
    years = [f"{year.official.period}: {year.official.ref.display} (row {year.official.ref.source_row})"
             for year in result.years] + [f"{period}: not published" for period in result.missing]
    return (f"{said}; official figures, {measure.name} ({measure.publication}, {measure.source_file}): "
            f"{'; '.join(years)}; tolerance {result.tolerance.describe()}; {result.label} ({status})")
