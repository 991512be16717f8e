"""Display formatting for the dashboard: grade tags, dates at their known precision, grade ages."""

import datetime
import decimal
import functools
import html
from urllib.parse import quote

from django import template
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import numberformat, timezone
from django.utils.dateformat import format as _format_date
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language

from inspections.grades import NO_OVERALL_LABEL, NO_OVERALL_REASON, STRAND_LABELS
from inspections.models.latest import SHOWN_STRANDS

register = template.Library()

NOT_GRADED = "Not graded"


def grade_css(grade):
    """The tag's modifier: one per grade word ("requires-improvement-to-be-good"), "none" if ungraded."""
    return slugify(grade) if grade else "none"


@functools.lru_cache(maxsize=64)  # a few grade words and empty texts
def grade_tag_html(grade, empty=NOT_GRADED):
    """A grade's tag: the grade word, coloured by its class. Built in Python, not from a template: pages and
    tables draw hundreds of them."""
    return format_html('<strong class="govuk-tag grade-tag grade-tag--{}">{}</strong>', grade_css(grade), grade or empty)


def value_html(value, memo):
    """{{ value }} as a template renders it: localised, then escaped unless safe. For tables built in Python,
    where a template loop per cell costs more than the rest of the page; `memo` (a dict kept for one table)
    spares re-formatting the same date or number."""
    if isinstance(value, str):  # localising leaves a string as it is
        return value if isinstance(value, SafeData) else html.escape(value)
    try:
        key = (type(value), value)  # 1, 1.0 and True are equal but do not read alike
        if key not in memo:
            memo[key] = _localised_html(value, memo)
        return memo[key]
    except TypeError:  # unhashable
        return render_value_in_context(value, PLAIN_CONTEXT)


_FORMATS = object()  # a memo's key for the active language's number and date formats


def _localised_html(value, memo):
    """render_value_in_context(value, PLAIN_CONTEXT), with the formats that localize() looks up for each number and
    date (a few microseconds each, most of a cell's time) looked up once per table."""
    kind = type(value)  # exactly: a bool is an int that localises as "True"
    if kind in (int, decimal.Decimal, float, datetime.date):
        if _FORMATS not in memo:
            language = get_language()
            memo[_FORMATS] = [get_format(name, language, use_l10n=True) for name in
                              ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR", "DATE_FORMAT")]
        decimal_separator, grouping, thousand_separator, date_pattern = memo[_FORMATS]
        if kind is datetime.date:  # formats.date_format()
            return conditional_escape(format_date(value, date_pattern))
        # formats.number_format()
        return conditional_escape(numberformat.format(value, decimal_separator, None, grouping, thousand_separator,
                                                      use_l10n=True))
    return render_value_in_context(value, PLAIN_CONTEXT)


PLAIN_CONTEXT = Context()  # autoescape on, localisation and time zone as a template's defaults

_CODE = "ONSCODE"  # stands for an ONS code in the authority page's reversed path


@functools.lru_cache(maxsize=8)
def _authority_pattern(script_prefix):
    return reverse("inspections:authority", args=[_CODE])


def authority_path(ons_code):
    """reverse("inspections:authority", args=[ons_code]), reversed once (per script prefix) and filled in: a cohort
    page links a hundred councils, and reverse() cost more than the rest of each link."""
    if "/" in ons_code:  # not a code the address takes: reverse() says so
        return reverse("inspections:authority", args=[ons_code])
    return _authority_pattern(get_script_prefix()).replace(_CODE, quote(ons_code, safe=RFC3986_SUBDELIMS + "/~:@"))


_PK = 9007199254740881  # stands for a primary key in a reversed path


@functools.lru_cache(maxsize=64)
def _reversed(name, args, script_prefix, urlconf):
    return reverse(name, urlconf=urlconf, args=args)


def path_to(name, pk=None):
    """reverse(name), or reverse(name, args=[pk]) for a path of one <int:pk>, reversed once per name (script prefix
    and URLconf) and filled in: a journey links dozens of inspections and documents, and reverse() cost more than
    the rest of each link."""
    if pk is None:
        return _reversed(name, (), get_script_prefix(), get_urlconf())
    head, _, tail = _reversed(name, (_PK,), get_script_prefix(), get_urlconf()).rpartition(str(_PK))
    return f"{head}{int(pk)}{tail}"


def escaped(value):
    """conditional_escape(value) without its lazy wrappers, for HTML written in Python a thousand values a page."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


@register.simple_tag
def authority_links(authorities):
    """Links to the authorities' pages, separated by commas, as a {% for %} of {% url %} links would write them."""
    # Plain escaping, as format_html() would: a hundred links, and format_html() cost more than their paths.
    return mark_safe(", ".join(f'<a class="govuk-link" href="{html.escape(authority_path(a.ons_code))}">'
                               f"{html.escape(a.name)}</a>" for a in authorities))


@register.simple_tag(name="no_overall_tag")
def no_overall_tag_html():
    return format_html('<strong class="govuk-tag grade-tag grade-tag--no-overall" title="{}">{}</strong>',
                       NO_OVERALL_REASON, NO_OVERALL_LABEL)


@register.simple_tag
def overall_standing(authority, empty="Not yet graded"):
    """An authority's latest overall grade (annotated by with_latest_overall()), told honestly: after an
    inspection under the 2026 framework, "No overall grade (2026 framework)" with the superseded grade
    marked as such; a grade a successor carries from its predecessor, with the predecessor named."""
    if authority.no_overall:
        parts = [no_overall_tag_html()]
        if authority.overall_grade:
            parts.append(format_html('<span class="govuk-body-s app-superseded">Previous overall: {}, known since {} '
                                     "(superseded)</span>", authority.overall_grade,
                                     format_date(authority.overall_on, "F Y")))
    else:
        parts = [grade_tag_html(authority.overall_grade, empty)]
    inherited = authority.overall_inherited_from
    if inherited is not None and authority.overall_grade:
        parts.append(format_html('<span class="govuk-body-s app-predecessor">From the inspection of {}</span>',
                                 inherited.as_predecessor))
    return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))


def overall_standing_text(authority):
    """overall_standing() in plain words, for CSV."""
    if authority.no_overall:
        return NO_OVERALL_LABEL
    return authority.overall_grade or ""


@register.simple_tag
def grade_tag(grade, empty=NOT_GRADED):
    return grade_tag_html(grade, empty or NOT_GRADED)


@register.simple_tag
def source(fact, visible_document_ids):
    """Where a fact comes from: its document (a link if the user may see it) and where in it."""
    if fact.document_id in visible_document_ids:
        document = _kept(fact.document, "_source_link", lambda d: mark_safe(
            f'<a class="govuk-link" href="{escaped(path_to("inspections:document", d.pk))}">{escaped(d.title)}</a>'))
    else:
        document = "a private document"
    where = escaped(f", {fact.source_ref}") if fact.source_ref else ""
    return mark_safe(f'<span class="govuk-body-s app-source">Source: {document}{where}</span>')


def _kept(instance, name, make):
    """make(instance), kept on the instance: pages link to one document or inspection from dozens of facts,
    which share the object (improvement.journeys) or come one page apart."""
    value = instance.__dict__.get(name)
    if value is None:
        value = instance.__dict__[name] = make(instance)
    return value


@register.filter
def event_link(inspection):
    """A link to an inspection's page, named by its kind and dates."""
    return _kept(inspection, "_event_link", lambda i: mark_safe(
        f'<a class="govuk-link" href="{escaped(path_to("inspections:inspection", i.pk))}">'
        f"{escaped(i.get_kind_display())} of {escaped(event_date(i))}</a>"
    ))


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



def format_date(value, pattern):
    """Django's date format; a plain date's text is remembered, for a page formats the same few hundred dates
    again and again (a cohort's swimlanes and table, a timeline) and each call builds a formatter."""
    if type(value) is datetime.date:
        return _format_day(value, pattern)
    return _format_date(value, pattern)


@functools.lru_cache(maxsize=8192)
def _format_day(value, pattern):
    return _format_date(value, pattern)

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


@register.filter
def event_month(inspection, pattern="F Y"):
    """An inspection's month ("May 2011"), or only its year where no more is known ("2011")."""
    if inspection.date_precision == "year":
        return str(inspection.start_date.year)
    return format_date(inspection.start_date, pattern)


class MonthOrYear(str):
    """A date known only to the month or the year, as a table shows it ("May 2011"), ordered by its first day."""

    def __new__(cls, text, first_day):
        value = super().__new__(cls, text)
        value.first_day = first_day
        return value


def table_date(inspection):
    """The date a table gives an inspection: its first day, or its month or year where no day is known."""
    if inspection.date_precision == "day":
        return inspection.start_date
    return MonthOrYear(event_month(inspection), inspection.start_date)


def date_order(value):
    """The sort key of a table's date cell: a date, or the first day of a MonthOrYear."""
    return getattr(value, "first_day", value)


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
