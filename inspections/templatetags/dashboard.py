"""Display formatting for the dashboard: grade tags, dates at their known precision, grade ages."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.text import slugify

from inspections.grades import STRAND_LABELS
from inspections.models.latest import SHOWN_STRANDS

register = template.Library()

NOT_GRADED = "Not graded"


def grade_css(grade):
    """The tag's modifier: one per grade word ("requires-improvement-to-be-good"), "none" if ungraded."""
    return slugify(grade) if grade else "none"


def grade_tag_html(grade, empty=NOT_GRADED):
    """includes/grade_tag.html's markup, built directly: a table renders hundreds of tags and a template
    render per cell costs more than the rest of the cell (tests check the two agree)."""
    return format_html('<strong class="govuk-tag grade-tag grade-tag--{}">{}</strong>', grade_css(grade), grade or empty)


@register.inclusion_tag("includes/grade_tag.html")
def grade_tag(grade, empty=NOT_GRADED):
    return {"grade": grade, "css": grade_css(grade), "empty": empty}


@register.filter
def grade_age(known_on, as_at=None):
    """'2 years 3 months' from the day a grade became known to as_at (today by default)."""
    if not known_on:
        return ""
    as_at = as_at or timezone.localdate()
    months = (as_at.year - known_on.year) * 12 + as_at.month - known_on.month - (as_at.day < known_on.day)
    if months < 1:
        return "under a month"
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


@register.filter
def event_date(inspection):
    """An inspection's dates as precisely as they are known: '28 November to 9 December 2011', 'May 2009'."""
    start, end = inspection.start_date, inspection.end_date
    if inspection.date_precision == "year":
        return str(start.year)
    if inspection.date_precision == "month":
        return format_date(start, "F Y")
    if not end or end == start:
        return format_date(start, "j F Y")
    if start.year != end.year:
        return f"{format_date(start, 'j F Y')} to {format_date(end, 'j F Y')}"
    if start.month != end.month:
        return f"{format_date(start, 'j F')} to {format_date(end, 'j F Y')}"
    return f"{start.day} to {format_date(end, 'j F Y')}"


# The service's sections. Journeys, claims and cohorts are the improvement app's pages: their URL names
# are tried first, with the planned path as the fallback until those pages exist.
NAVIGATION = (
    ("Overview", "inspections:overview", "/"),
    ("Authorities", "inspections:authorities", "/authorities/"),
    ("Journeys", "improvement:journeys", "/journeys/"),
    ("Claims", "improvement:claims", "/claims/"),
    ("Cohorts", "improvement:cohorts", "/cohorts/"),
)


@register.simple_tag
def main_navigation(path):
    items = []
    for label, name, fallback in NAVIGATION:
        try:
            href = reverse(name)
        except NoReverseMatch:
            href = fallback
        active = path == href if href == "/" else path.startswith(href)
        items.append({"label": label, "href": href, "active": active})
    return items


@register.filter
def latest_grades(authority):
    """(strand label, grade word or None) pairs from an authority annotated by with_latest_grades()."""
    return [(STRAND_LABELS[strand], getattr(authority, f"{strand}_grade", None)) for strand in SHOWN_STRANDS]
