"""A claim's figure as people write it: "£2.5 million", "97% of conferences on time", "17 cases".

Claims store the number and its unit apart (Claim.figure, Claim.unit): the unit is what followed the number
in the self-evaluation, with a currency sign that came before it kept at its start ("£ million ...")."""

import re
from decimal import Decimal

from django import template

register = template.Library()

CURRENCY = ("£", "$", "€")


# A range the importer or a person kept in the unit: "(range to 19)", "(17 to 19)".
RANGE_IN_UNIT_RE = re.compile(r"\s*\((?:range(?:d)?(?: from [\d.,]+)?|([\d.,]+)) to ([\d.,]+)\)")


def _number(value):
    return format(value.normalize(), ",f")


def written_figure(figure, unit, high=None):
    """The figure and its unit as one phrase ("17 to 19 cases per worker" for a range); "" with no figure.

    high: the top of a range the figure starts; otherwise read from a range kept in the unit."""
    if figure is None:
        return ""
    unit = (unit or "").strip()
    match = RANGE_IN_UNIT_RE.search(unit)
    if match and (match.group(1) is None or match.group(1).replace(",", "") == f"{figure.normalize():f}"):
        unit = (unit[:match.start()] + unit[match.end():]).strip()
        high = high if high is not None else Decimal(match.group(2).replace(",", ""))
    number = _number(figure)
    if high is not None and high != figure:
        per_cent = "%" if unit.startswith("%") else ""
        number = f"{number}{per_cent} to {_number(high)}"
    if unit[:1] in CURRENCY:  # the sign goes before the number: "£2.5 million", "£120,000"
        rest = unit[1:].strip()
        return f"{unit[0]}{number} {rest}".strip()
    if unit.startswith("%"):  # no space before a per cent sign: "97%"
        return f"{number}{unit}"
    return f"{number} {unit}".strip()


def claim_figure(figure, unit, statement):
    """A claim's figure as written, with the range its sentence gives ("ranged from 17 to 19 cases")."""
    if figure is None:
        return ""
    from improvement.figures.matcher import read_range  # here: improvement.figures imports the models

    _, high = read_range(figure, unit, statement)
    return written_figure(figure, unit, high)


@register.filter
def figure(claim):
    """{{ claim|figure }}: the claim's figure as written."""
    return claim_figure(claim.figure, claim.unit, claim.statement)


@register.filter
def plain(value):
    """{{ decimal|plain }}: a number without trailing zeros or exponent ("16", not "16.00" or "2E+1")."""
    return "" if value is None else _number(value)


@register.filter
def cut_full_stop(text):
    """A note without its closing full stop, for a sentence that adds its own."""
    return (text or "").rstrip().rstrip(".")
