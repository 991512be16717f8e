"""{% journey_item item %}: improvement/_item.html for one item of a journey, as {% include %} would render it,
but a later grade with no verdict on it rendered once a page however many themes show it.

A strand's later grades sit in every theme section of that strand (a dozen or more on a long record), and the
page's cost is mostly the rendering of its items: the same judgement, with nothing of a claim attached, reads
the same in each. The rendered items are kept on the journey being rendered, so nothing outlives the page.
"""

from django import template

register = template.Library()

ITEM_TEMPLATE = "improvement/_item.html"


@register.simple_tag(takes_context=True)
def journey_item(context, item):
    item_template = context.template.engine.get_template(ITEM_TEMPLATE)
    if item.verdicts or item.kind != "Judgement":  # one of a kind: rendered where it stands
        with context.push(item=item):
            return item_template.render(context)
    kept = context["journey"].__dict__.setdefault("_rendered_grades", {})
    if item.key not in kept:
        with context.push(item=item):
            kept[item.key] = item_template.render(context)
    return kept[item.key]
