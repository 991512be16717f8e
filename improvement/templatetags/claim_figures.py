"""A claim's figure as people write it: "£2.5 million", "97% of conferences on time", "17 cases".

Claims store the number and its unit apart (Claim.figure, Claim.unit): the unit is what followed the number
in the self-evaluation, with a currency sign that came before it kept at its start ("£ million ...")."""

from django import template

register = template.Library()

CURRENCY = ("£", "$", "€")


def written_figure(figure, unit):
    """The figure and its unit as one phrase; "" when the claim has no figure."""
    if figure is None:
        return ""
    number = format(figure.normalize(), ",f")
    unit = (unit or "").strip()
    if unit[:1] in CURRENCY:  # the sign goes before the number: "£2.5 million", "£120,000"
        rest = unit[1:].strip()
        return f"{unit[0]}{number} {rest}".strip()
    if unit.startswith("%"):  # no space before a per cent sign: "97%"
        return f"{number}{unit}"
    return f"{number} {unit}".strip()


@register.filter
def figure(claim):
    """{{ claim|figure }}: the claim's figure as written."""
    return written_figure(claim.figure, claim.unit)
