"""Figure claims that compare the council with others: "the rate is still well below statistical neighbours and
national averages", "long-term stability in line with the national average". Plain Python: text in, a reading
out; official values in, a verdict out.

Such a claim gives no figure of its own: it is tested by setting the council's official figure for each year
beside what it compared itself with (its statistical neighbours' average, its region's or England's figure),
and asking whether the relation it claimed held. "In line with" allows the tolerance an admin sets for the
measure's unit; "below", "above", "better" and "worse" must hold as said ("better" and "worse" follow the
measure's polarity, and cannot be tested on a measure where neither is better). A withheld figure is not tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .verdicts import BORNE_OUT, CONTRADICTED, LABELS, NOT_YET_TESTED, PARTLY

NEIGHBOURS, REGION, ENGLAND = "neighbours", "region", "england"
COMPARATOR_NAMES = {NEIGHBOURS: "statistical neighbours' average", REGION: "the region", ENGLAND: "England"}
BELOW, ABOVE, IN_LINE, BETTER, WORSE = "below", "above", "in_line", "better", "worse"
RELATION_NAMES = {BELOW: "below", ABOVE: "above", IN_LINE: "in line with", BETTER: "better than",
                  WORSE: "worse than"}

# The relation a sentence claims; the comparators must follow it closely ("below statistical neighbours and
# national averages"), so that a passing mention of England elsewhere in the sentence is not read as one.
RELATIONS = (
    (IN_LINE, r"in line with|similar to|comparable (?:to|with)|consistent with|on a par with|close to"),
    (BETTER, r"better than|outperform(?:s|ing)?|stronger than|ahead of"),
    (WORSE, r"worse than|weaker than|behind"),
    (BELOW, r"below|lower than|less than|under"),
    (ABOVE, r"above|higher than|greater than|more than|exceed(?:s|ing)?"),
)
RELATION_RE = re.compile(r"\b(" + "|".join(f"(?P<{name}>{words})" for name, words in RELATIONS) + r")\b", re.I)
COMPARATOR_RES = (
    (NEIGHBOURS, re.compile(r"\bstatistical neighbours?\b|\bsimilar (?:local )?(?:authorities|councils)\b|"
                            r"\bcomparators?\b|\bneighbours?\b", re.I)),
    (REGION, re.compile(r"\bregional\b|\bthe region\b|\bour region\b", re.I)),
    (ENGLAND, re.compile(r"\bnational(?:ly| averages?| figures?| rates?| levels?)?\b|\bEngland\b|\bthe country\b|\bacross the country\b", re.I)),
)
REACH = 70  # characters after the relation in which its comparators are named
NEAR = 30  # the first of them within this many: "below those of our statistical neighbours"


@dataclass(frozen=True)
class Comparison:
    relation: str
    comparators: tuple[str, ...]
    words: str  # the words of the sentence that say it

    @property
    def describe(self):
        names = [COMPARATOR_NAMES[c] for c in self.comparators]
        return f"{RELATION_NAMES[self.relation]} {' and '.join(names)}"


def read_comparison(statement):
    """The comparison a sentence claims (the first relation followed by a comparator), or None."""
    for match in RELATION_RE.finditer(statement or ""):
        # The comparators in the same clause, the first of them close after the relation ("below the threshold;
        # national guidance..." compares with no one).
        after = re.split(r"[;:.()]", statement[match.end(): match.end() + REACH], maxsplit=1)[0]
        found = [(m.start(), name) for name, words in COMPARATOR_RES for m in [words.search(after)] if m]
        comparators = tuple(name for name, _ in COMPARATOR_RES if any(n == name for _, n in found))
        if comparators and min(found)[0] <= NEAR:
            relation = next(name for name, _ in RELATIONS if match.group(name))
            end = max(m.end() for _, words in COMPARATOR_RES for m in [words.search(after)] if m)
            return Comparison(relation, comparators, statement[match.start(): match.end() + end].strip())
    return None


@dataclass(frozen=True)
class Against:
    """One year's figure of what the council compared itself with."""

    comparator: str
    value: Decimal | None  # None: no figure (withheld, or no neighbour with one)
    holds: bool | None  # None: not tested
    councils: int = 0  # for the neighbours' average: how many neighbours had a figure

    @property
    def name(self):
        return COMPARATOR_NAMES[self.comparator]


@dataclass
class ComparisonYear:
    official: object  # verdicts.Official: the council's own figure that year
    against: list[Against] = field(default_factory=list)


@dataclass
class ComparisonResult:
    verdict: str
    comparison: Comparison
    years: list[ComparisonYear] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # years with no figure of the council's at all
    reason: str = ""
    tolerance: object = None

    @property
    def label(self):
        return LABELS[self.verdict]

    @property
    def deciding(self):
        """The council's figure the verdict rests on: the first year the relation failed, else the latest tested."""
        tested = [year for year in self.years if any(a.holds is not None for a in year.against)]
        failed = [year for year in tested if any(a.holds is False for a in year.against)]
        if failed:
            return failed[0].official
        if tested:
            return tested[-1].official
        return self.years[-1].official if self.years else None


def judge(comparison, periods, council, others, allowance, lower_is_better=None):
    """The ComparisonResult for the years `periods`.

    council: {period: Official}, the council's own figures; others: {(comparator, period): (value or None,
    councils)}, what it compared itself with; allowance(value): the tolerance for "in line with";
    lower_is_better: True/False from the measure's polarity, None where neither is better.
    """
    result = ComparisonResult(NOT_YET_TESTED, comparison)
    for period in periods:
        official = council.get(period)
        if official is None:
            result.missing.append(period)
            continue
        year = ComparisonYear(official)
        for comparator in comparison.comparators:
            value, councils = others.get((comparator, period), (None, 0))
            holds = None
            if official.value is not None and value is not None:
                holds = _holds(comparison.relation, official.value, value, allowance, lower_is_better)
            year.against.append(Against(comparator, value, holds, councils))
        result.years.append(year)
    outcomes = [a.holds for year in result.years for a in year.against if a.holds is not None]
    if outcomes:
        result.verdict = BORNE_OUT if all(outcomes) else CONTRADICTED if not any(outcomes) else PARTLY
    result.reason = _reason(result, lower_is_better)
    return result


def _holds(relation, own, other, allowance, lower_is_better):
    if relation == IN_LINE:
        return abs(own - other) <= allowance(other)
    if relation == BELOW:
        return own < other
    if relation == ABOVE:
        return own > other
    if lower_is_better is None:
        return None  # "better" means nothing on a measure where neither is better
    better = own < other if lower_is_better else own > other
    return better if relation == BETTER else (not better and own != other)


def _reason(result, lower_is_better):
    relation = result.comparison.relation
    if relation in (BETTER, WORSE) and lower_is_better is None:
        return "Neither a higher nor a lower figure is better on this measure, so “better” or “worse” cannot be tested."
    parts = []
    for year in result.years:
        own = year.official
        if own.value is None:
            parts.append(f"{own.period}: the council's figure is withheld ({own.symbol or 'blank'}), not tested")
            continue
        said = []
        for against in year.against:
            if against.value is None:
                said.append(f"no figure for {against.name}")
            else:
                verdict = "holds" if against.holds else "does not hold" if against.holds is False else "not tested"
                said.append(f"{against.name} {_number(against.value)} ({verdict})")
        parts.append(f"{own.period}: the council {_number(own.value)}; {', '.join(said)}")
    parts += [f"{period}: no official figure published" for period in result.missing]
    return "; ".join(parts) + "." if parts else "No years to test."


def _number(value):
    return f"{Decimal(value).normalize():f}"
