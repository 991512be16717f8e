"""Which official measure, and which years, a council's figure claim speaks of. Plain Python: text in, a proposal out.

The measures are the DfE's (inspections/data/dfe_measures.csv), published for years ending 31 March. A claim is
matched on the words of its unit and statement and on the kind of its figure (a percentage, or a number such as
a caseload), so a claim about "% of ICPCs within 15 working days" is not set beside a caseload. The years come
from the period as written: "since January 2017" in a self-evaluation written in February 2018 speaks of the years
ending 31 March 2017 and 2018; "2016-17" of the year ending 31 March 2017; no period, of the year it was written in.
A claim with no figure that compares the council with others ("well below statistical neighbours") is matched on
its sentence's words to the measure it compares (comparisons.py says with what, and how it is tested).
A person confirms or rejects every proposal.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .comparisons import read_comparison

PERCENT, NUMBER = "%", "number"


@dataclass(frozen=True)
class Rule:
    slug: str
    figure: str  # PERCENT or NUMBER: the kind of figure the measure is
    words: re.Pattern
    why: str
    unless: re.Pattern | None = None


def _words(pattern):
    return re.compile(pattern, re.I)


# In order: the first rule that fits wins, so narrower rules come before broader ones.
RULES = (
    Rule("caseload_per_worker", NUMBER, _words(r"\bcase ?loads?\b|\bcases? (?:held )?per (?:social )?worker|"
                                               r"\bcases per (?:qualified )?(?:social worker|practitioner)"),
         "the average caseload per social worker (the workforce statistics)"),
    Rule("re_referrals_percent", PERCENT, _words(r"\bre-?referr"), "re-referrals within 12 months"),
    Rule("referrals_no_further_action_percent", PERCENT, _words(r"\bno further action\b|\bNFA\b"),
         "referrals closed with no further action"),
    Rule("agency_worker_rate_percent", PERCENT, _words(r"(?<![-\w])agency (?:social )?(?:workers?|staff|rate)\b"), "the share of social workers from agencies"),
    Rule("vacancy_rate_percent", PERCENT, _words(r"\bvacanc"), "the social worker vacancy rate"),
    Rule("social_worker_turnover_percent", PERCENT, _words(r"\bturnover\b"), "the social worker turnover rate"),
    Rule("sickness_absence_percent", PERCENT, _words(r"\bsickness\b|\babsence rate\b"),
         "the social workers' sickness absence rate"),
    Rule("child_protection_plans_subsequent_percent", PERCENT,
         _words(r"\b(?:second|subsequent|repeat)\b.{0,40}\b(?:child protection |CP )?plans?\b"),
         "child protection plans that are a second or later plan"),
    Rule("child_protection_plans_2_years_or_more_percent", PERCENT,
         _words(r"\b(?:two|2) years? or (?:more|longer)\b.{0,40}\bplans?\b|\bplans?\b.{0,40}\b(?:two|2) years? or (?:more|longer)"),
         "child protection plans lasting two years or more"),
    Rule("long_term_placement_stability_percent", PERCENT,
         _words(r"\blong[- ]term (?:placement )?stability\b|\bsame (?:carer|placement) for (?:at least )?(?:two|2) years"),
         "children in care long term who lived with the same carer for two years"),
    Rule("three_or_more_placements_percent", PERCENT,
         _words(r"\b(?:three|3) or more placements\b|\bplacement (?:stability|moves)\b|\bshort[- ]term (?:placement )?stability"),
         "placement stability as the DfE publishes it for a year: children with three or more placements",
         unless=_words(r"\blong[- ]term\b")),
    Rule("care_leavers_suitable_accommodation_{age}_percent", PERCENT,
         _words(r"\bcare leavers?\b.*\bsuitable (?:accommodation|housing)\b|\bsuitable (?:accommodation|housing)\b.*\bcare leavers?"),
         "care leavers in suitable accommodation"),
    Rule("care_leavers_in_education_employment_training_{age}_percent", PERCENT,
         _words(r"\bcare leavers?\b.*(?:\bEET\b|education,? employment,? (?:and|or) training)|"
                r"(?:\bEET\b|education,? employment,? (?:and|or) training).*\bcare leavers?"),
         "care leavers in education, employment or training"),
    Rule("children_looked_after_rate", NUMBER,
         _words(r"\bper 10,?000\b.*\b(?:looked after|in care|LAC|CLA)\b|\b(?:looked after|in care|LAC|CLA)\b.*\bper 10,?000"),
         "children looked after per 10,000 children"),
    Rule("child_protection_plans_at_31_march", NUMBER,
         _words(r"\bchildren (?:subject to|on) (?:a )?(?:child protection|CP) plans?\b"),
         "children on child protection plans at 31 March", unless=_words(r"\bper 10,?000\b")),
    Rule("children_looked_after", NUMBER,
         _words(r"^(?:children|young people) (?:in care|looked after)\b|\blooked after children\b"),
         "children looked after at 31 March", unless=_words(r"\bper 10,?000\b|%")),
    Rule("social_workers_fte", NUMBER, _words(r"\bsocial workers? (?:in post|FTE)\b|\bFTE social workers?\b"),
         "social workers in post (full-time equivalent)"),
)
# Measures a comparison names by its words alone: with a figure, a count of children coming into care is not a rate.
COMPARISON_RULES = (
    Rule("children_starting_to_be_looked_after_rate", NUMBER,
         _words(r"\b(?:coming|come|entering|starting to be|becoming) (?:in ?to )?(?:care|looked after)\b.*\brates?\b|"
                r"\brates?\b.*\b(?:coming|entering|starting to be) (?:in ?to )?(?:care|looked after)\b"),
         "children starting to be looked after per 10,000 children"),
)
AGE_19_21 = _words(r"\b19\s*(?:to|-|–)\s*21\b|\baged 19\b|\bolder care leavers\b")
AGE_17_18 = _words(r"\b17\s*(?:to|-|–)\s*18\b|\baged 17\b|\byounger care leavers\b")

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# A two-digit year only after a month ("since Jan 17"): "from 17 to 19 cases" is a range, not a year.
SINCE_RE = re.compile(rf"\b(?:since|from)\s+(?:{MONTH}\s+((?:19|20)\d\d|'?\d\d)|((?:19|20)\d\d))\b", re.I)
FINANCIAL_RE = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*((?:19|20)?\d\d)\b")
MONTH_YEAR_RE = re.compile(rf"\b{MONTH}\s+((?:19|20)\d\d|'?\d\d)\b", re.I)
YEAR_RE = re.compile(r"\b(?:in|during|for)\s+((?:19|20)\d\d)\b", re.I)
# "17 to 19", "between 17 and 19", "17-19": a range whose low end is the claim's figure.
RANGE_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%\s*)?(?:to|-|–)\s*(\d+(?:\.\d+)?)(?![\d.])|"
                      r"\bbetween\s+(\d+(?:\.\d+)?)\s*%?\s+and\s+(\d+(?:\.\d+)?)", re.I)
WINDOW = 80  # characters either side of the figure in its sentence that say what it is of
RANGE_TO_RE = re.compile(r"\brange(?:d)?(?: from \d+(?:\.\d+)?)? to (\d+(?:\.\d+)?)", re.I)


@dataclass(frozen=True)
class Proposal:
    measure: str | None  # a measure slug, or None: no official measure
    first_period: int | None  # years ending 31 March
    last_period: int | None
    low: Decimal | None
    high: Decimal | None
    reason: str
    comparison: object = None  # comparisons.Comparison, for a claim that compares the council with others


def year_ending_march(day):
    """The year ending 31 March that a day falls in."""
    return day.year if day.month <= 3 else day.year + 1


def read_periods(period_text, statement, written_on):
    """(first, last, how): the years ending 31 March a claim speaks of, and how they were read."""
    written = year_ending_march(written_on)
    for text in (period_text or "", statement or ""):
        if match := SINCE_RE.search(text):
            month, year = match.group(1), _year(match.group(2) or match.group(3))
            first = year_ending_march(datetime.date(year, MONTHS[month.lower()] if month else 1, 1))
            return min(first, written), written, f"“{match.group(0)}” up to when it was written"
        if match := FINANCIAL_RE.search(text):
            start, end = int(match.group(1)), _year(match.group(2))
            if end == start + 1:
                return end, end, f"“{match.group(0)}” is the year ending 31 March {end}"
        if match := MONTH_YEAR_RE.search(text):
            month, year = MONTHS[match.group(1).lower()], _year(match.group(2))
            period = year_ending_march(datetime.date(year, month, 1))
            return period, period, f"“{match.group(0)}” falls in the year ending 31 March {period}"
        if match := YEAR_RE.search(text):
            year = int(match.group(1))
            return year, year, f"“{match.group(0)}”: the figures published for {year}"
    return written, written, f"no period given: the year it was written in (ending 31 March {written})"


def _year(text):
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def read_range(figure, unit, statement):
    """(low, high): the council's figure, or the range it gave ("17 to 19 cases")."""
    if figure is None:
        return None, None
    figure = Decimal(figure)
    for text in (unit or "", statement or ""):
        if match := RANGE_TO_RE.search(text):
            high = Decimal(match.group(1))
            if high >= figure:
                return figure, high
        for match in RANGE_RE.finditer(text):
            low, high = _decimal(match.group(1) or match.group(3)), _decimal(match.group(2) or match.group(4))
            if low == figure and high is not None and high > low:
                return low, high
    return figure, figure


def _decimal(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def figure_kind(unit):
    unit = (unit or "").strip()
    if unit.startswith("%") or re.search(r"\bper ?cent\b", unit, re.I):
        return PERCENT
    if unit[:1] in "£$€":
        return "money"
    return NUMBER


def propose(statement, figure, unit, period_text, written_on, known=None):
    """The measure and years a figure claim speaks of, with the reason; measure None when no official one fits.

    known: the measure slugs that are loaded (None: any); a rule naming a measure not loaded does not match.
    """
    if figure is None:
        return _propose_comparison(statement, period_text, written_on, known)
    low, high = read_range(figure, unit, statement)
    kind = figure_kind(unit)
    text = f"{unit or ''} {_near(statement or '', low, unit)}".strip()
    # The unit first (what the figure is of), then the whole sentence.
    for where, words in (("unit", unit or ""), ("sentence", text)):
        for rule in RULES:
            if rule.figure != kind or not rule.words.search(words) or (rule.unless and rule.unless.search(unit or "")):
                continue
            slug, why = rule.slug, rule.why
            if "{age}" in slug:
                slug, why = _with_age(slug, why, text)
            if known is not None and slug not in known:
                continue
            first, last, how = read_periods(period_text, statement, written_on)
            return Proposal(slug, first, last, low, high, f"Its {where} speaks of {why}; years: {how}.")
    if kind == "money":
        why = "money is not among the official statistics"
    else:
        what = "percentage" if kind == PERCENT else "count or average"
        why = f"no DfE measure loaded is the {what} “{(unit or '').strip() or 'given'}”"
    return Proposal(None, None, None, low, high, f"No official measure: {why}.")


def _propose_comparison(statement, period_text, written_on, known):
    comparison = read_comparison(statement)
    if comparison is None:
        return Proposal(None, None, None, None, None, "No official measure: the claim gives no figure and compares "
                        "the council with no one the statistics cover (neighbours, region or England).")
    for rule in (*COMPARISON_RULES, *RULES):
        if not rule.words.search(statement) or (rule.unless and rule.unless.search(statement)):
            continue
        slug, why = rule.slug, rule.why
        if "{age}" in slug:
            slug, why = _with_age(slug, why, statement)
        if known is not None and slug not in known:
            continue
        first, last, how = read_periods(period_text, statement, written_on)
        return Proposal(slug, first, last, None, None, f"It says the council is {comparison.describe} (“"
                        f"{comparison.words}”) on {why}; years: {how}.", comparison)
    return Proposal(None, None, None, None, None, f"No official measure: it compares the council ("
                    f"“{comparison.words}”) on something no DfE measure loaded covers.")


def _near(statement, figure, unit=""):
    """The words around the figure in its sentence: a long sentence often speaks of other things too. Where the
    figure is written more than once ("suitable accommodation (90%) ... in contact (90%)": two claims of one
    sentence), the one nearest after its unit's last word is the claim's."""
    if figure is None:
        return statement
    places = [match.start() for match in re.finditer(rf"(?<![\d.]){re.escape(f'{figure.normalize():f}')}(?![\d])",
                                                      statement)]
    if not places:
        return statement
    at = places[0]
    last_word = (unit or "").replace("%", " ").split()[-1:]
    if len(places) > 1 and last_word:
        said = statement.lower().rfind(last_word[0].lower())
        at = next((place for place in places if place > said), places[-1]) if said >= 0 else at
    return statement[max(0, at - WINDOW): at + WINDOW]


def _with_age(slug, why, text):
    if AGE_17_18.search(text) and not AGE_19_21.search(text):
        return slug.format(age="17_18"), f"{why} aged 17 to 18 (the age the claim gives)"
    if AGE_19_21.search(text):
        return slug.format(age="19_21"), f"{why} aged 19 to 21 (the age the claim gives)"
    return slug.format(age="19_21"), f"{why}; no age given, so those aged 19 to 21, the DfE's longest-running figure"
