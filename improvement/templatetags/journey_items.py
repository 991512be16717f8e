"""{% theme_section section %}: one theme of a journey, folded or not; {% journey_item item %}: one item of it
(a claim, finding, area for improvement or judgement) as a <li>.

Written here with format_html rather than as templates: a journey shows a score of themes and a hundred items or
more, and included templates of dozens of nodes each cost the page more than its queries. A later grade with no verdict
on it is rendered once a page however many themes show it: a strand's later grades sit in every theme section of
that strand (a dozen or more on a long record), and the same judgement, with nothing of a claim attached, reads
the same in each. The rendered items are kept on the journey being rendered, so nothing outlives the page.
"""

from django import template
from django.template.defaultfilters import truncatewords
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from improvement.journeys.items import kind_label
from improvement.templatetags.claim_figures import figure
from inspections.templatetags.dashboard import (
    escaped,
    event_date,
    event_link,
    format_date,
    grade_tag_html,
    no_overall_tag_html,
    path_to,
    source,
)

register = template.Library()

PROPOSED = mark_safe(' <span class="app-proposed">proposed, not yet confirmed</span>')


@register.simple_tag(takes_context=True)
def journey_item(context, item):
    visible = context["visible_document_ids"]
    if item.verdicts or item.kind != "Judgement":  # one of a kind: rendered where it stands
        return item_html(item, visible)
    kept = context["journey"].__dict__.setdefault("_rendered_grades", {})
    if item.key not in kept:
        kept[item.key] = item_html(item, visible)
    return kept[item.key]


def _plural(n):
    return "" if n == 1 else "s"


@register.simple_tag(takes_context=True)
def theme_section(context, section):
    """A GOV.UK details component, so every theme is one click away (open if section.is_open); within it the
    starting items beyond the first few are folded the same way. Needs journey, authority, start and
    visible_document_ids in the context."""
    def items(shown):
        return mark_safe("".join(journey_item(context, item) for item in shown))

    title, anchor, start_items = escaped(section.title), escaped(section.anchor), section.start_items
    later = len(section.later_grades) + section.later_item_count
    count = f"({f'{len(start_items)} in the starting document; ' if start_items else ''}" \
            f"{f'{later} later' if later else 'nothing later'})"
    start = ""
    if start_items:
        folded = section.start_items_folded
        more = (
            '\n      <details class="govuk-details app-start-more">\n        <summary class="govuk-details__summary">'
            f'<span class="govuk-details__summary-text">{len(folded)} more in the starting document<span class="govuk-'
            f'visually-hidden"> on {title}</span></span></summary>\n        <div class="govuk-details__text">\n'
            f'          <ul class="govuk-list app-journey-items">\n            {items(folded)}\n          </ul>\n'
            "        </div>\n      </details>") if folded else ""
        start = (
            '\n    <div class="govuk-grid-column-one-half">\n      <h3 class="govuk-heading-s">In the starting '
            f'document</h3>\n      <ul class="govuk-list app-journey-items">\n        {items(section.start_items_shown)}'
            f"\n      </ul>{more}\n    </div>")
    return mark_safe(
        f'<details class="govuk-details app-theme-section" id="{anchor}"{" open" if section.is_open else ""}>\n'
        f'  <summary class="govuk-details__summary">\n    <span class="govuk-details__summary-text" id="{anchor}-title">'
        f'{title}</span>\n    <span class="govuk-body-s app-theme-count">{count}</span>\n  </summary>\n  <div '
        f'class="govuk-details__text"><div class="govuk-grid-row">{start}\n    <div class="govuk-grid-column-'
        f'{"one-half" if start_items else "full"}">\n      {_later_html(context, section, items)}\n    </div>\n'
        "  </div></div>\n</details>"
    )


def _later_html(context, section, items):
    """The later grades and facts of a section, the first few of each unless it is shown in full."""
    if not (section.later_grades or section.later_items):
        return mark_safe('<p class="govuk-body">Nothing later on this theme was found.</p>')
    parts = ['<h3 class="govuk-heading-s">Later, nearest in time to the start first</h3>']
    if section.later_grades:
        parts.append(f'<ul class="govuk-list app-journey-items">\n        {items(section.later_grades_shown)}\n      </ul>')
    if section.later_items:
        parts.append(f'<ul class="govuk-list app-journey-items">\n        {items(section.later_items_shown)}\n      </ul>')
    if section.later_not_shown:
        grades, n = section.later_grades, section.later_item_count
        showing = []
        if grades:
            shown = len(section.later_grades_shown)
            showing.append(f"{shown} of {len(grades)} later grade{_plural(len(grades))}{' and ' if n else ''}")
        if n:
            showing.append(f"{len(section.later_items_shown)} of {n} later finding{_plural(n)} and areas for "
                           "improvement")
        start = context.get("start")
        link = (f"{path_to('improvement:journeys')}?authority={context['authority'].ons_code}"
                + (f"&start={start.document.pk}" if start else "") + f"&theme={section.slug}#{section.anchor}")
        parts.append(
            f'<p class="govuk-body app-later-more">Showing {escaped("".join(showing))}.\n        <a class="govuk-link" '
            f'href="{escaped(link)}">Show all of them<span class="govuk-visually-hidden"> on {escaped(section.title)}'
            "</span></a></p>")
    return mark_safe("\n      ".join(parts))


def item_html(item, visible_document_ids):
    """The item's <li>: when and what, its verdicts, a figure claim's check beside the official figures, and
    where it comes from (a link to its document if the user may see it)."""
    when = event_link(item.inspection) if item.inspection else escaped(format_date(item.on, "F Y"))
    grade = f"{grade_tag_html(item.grade)} " if item.grade else ""
    written = f' <strong class="app-figure">({escaped(figure(item.fact))})</strong>' if item.figure else ""
    check = render_to_string("improvement/_figure_check.html", {"check": item.figure_check}) \
        if item.figure_check else ""
    verdicts = "".join(_verdict_html(item, verdict) for verdict in item.verdicts)
    return mark_safe(
        f'<li class="app-journey-item">\n  <span class="govuk-caption-s app-journey-item__when">{escaped(item.kind)},'
        f'\n    {when}</span>\n  <p class="govuk-body govuk-!-margin-bottom-1">{grade}{escaped(item.text)}{written}'
        f"</p>\n{verdicts}{check}  {source(item.fact, visible_document_ids)}\n</li>"
    )


def _verdict_html(item, verdict):
    """A verdict line: on a claim, the evidence that tested it; on a piece of evidence, the claim it tested."""
    assessment, other = verdict.assessment, verdict.other
    if item.kind != "Claim":
        where = f" ({other.fact.source_ref})" if other.fact.source_ref else ""
        said = format_html("for the claim “{}”{}", truncatewords(other.text, 18), where)
    elif other is not None:
        grade = f" ({other.grade})" if other.grade else ""
        where = format_html(' <span class="app-source">({})</span>', other.fact.source_ref) \
            if other.fact.source_ref else ""
        said = format_html("by\n      {}:\n      {}{}{}", event_link(other.inspection), truncatewords(other.text, 30),
                           grade, where)
    elif assessment.measure_value_id:
        said = "by the official figures below"
    else:
        said = "no evidence yet"
    note = format_html('<br><span class="app-source">Note: {}</span>', assessment.note) if assessment.note else ""
    return format_html(
        '  <p class="govuk-body-s govuk-!-margin-bottom-1 app-verdict-line">\n'
        '    <strong class="govuk-tag app-verdict app-verdict--{}">{}</strong>{}\n    {}\n    {}\n  </p>\n',
        verdict.code, verdict.label, PROPOSED if assessment.is_proposed else "", said, note,
    )


@register.simple_tag
def journey_event_rows(journey, authority):
    """The <tr>s of "What came after": each later inspection or visit with its dates, a link to it, and its overall
    grade (or its four, from a 2026-framework inspection), or a visit's theme and progress."""
    return mark_safe("\n    ".join(
        f'<tr class="govuk-table__row">\n      <td class="govuk-table__cell">{escaped(event_date(event))}</td>\n'
        f'      <td class="govuk-table__cell">{_event_html(event, authority)}</td>\n      <td class="govuk-table__cell">'
        f"{_outcome_html(event, overall)}</td>\n    </tr>" for event, overall in journey.later_events))


def _event_html(event, authority):
    link = (f'<a class="govuk-link" href="{escaped(path_to("inspections:inspection", event.pk))}">'
            f"{escaped(kind_label(event))}</a>")
    whose = f'<br><span class="govuk-body-s app-predecessor">{escaped(event.authority.as_predecessor)}</span>' \
        if event.authority_id != authority.pk else ""
    known = '<br><span class="govuk-body-s">Known from a later document</span>' if event.known_from_id else ""
    return f"{link}{whose}{known}"


def _outcome_html(event, overall):
    if event.is_visit:
        progress = f": {event.verdict}" if event.verdict else ""
        return f"{escaped(event.theme_label or 'Not graded')}{escaped(progress)}"
    if not event.makes_overall_judgement:
        four = format_html_join("", "<br>{}: {}", ((j.get_strand_display(), grade_tag_html(j.grade))
                                                     for j in getattr(event, "four_judgements", ())))
        return format_html("{}{}", no_overall_tag_html(), four)
    return grade_tag_html(overall.grade if overall else "", "No overall grade")
