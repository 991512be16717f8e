"""The verdict on a figure claim from the official figures for the years it speaks of. Plain Python.

Each year's official value is set beside the council's figure (or range), widened by the tolerance: every year
within it, borne out; some, partly; none, contradicted. A year with no figure, or with a symbol printed instead
(c, x, z, u, k, low: withheld, not available...), is not tested: a withheld value is never read as zero. No year
tested, not yet tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

BORNE_OUT, PARTLY, CONTRADICTED, NOT_YET_TESTED = "borne_out", "partly_borne_out", "contradicted", "not_yet_tested"
LABELS = {BORNE_OUT: "Borne out", PARTLY: "Partly borne out", CONTRADICTED: "Contradicted",
          NOT_YET_TESTED: "Not yet tested"}


@dataclass(frozen=True)
class Official:
    """One year's official figure: a value, or the symbol printed instead (value None)."""

    period: int
    value: Decimal | None
    symbol: str = ""
    meaning: str = ""  # what the symbol means ("confidential")
    ref: object = None  # the MeasureValue, when read from the database


@dataclass
class Year:
    official: Official
    within: bool | None  # None: not tested (withheld or missing)
    lowest: Decimal | None = None
    highest: Decimal | None = None


@dataclass
class Result:
    verdict: str
    years: list[Year] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # years with no row at all
    reason: str = ""

    @property
    def label(self):
        return LABELS[self.verdict]

    @property
    def tested(self):
        return [year for year in self.years if year.within is not None]

    @property
    def deciding(self):
        """The official figure the verdict rests on: the first year outside the tolerance, else the latest tested
        year; with none tested, a withheld year (so the evidence shows its symbol); None when no row exists."""
        outside = [year for year in self.tested if not year.within]
        if outside:
            return outside[0].official
        if self.tested:
            return self.tested[-1].official
        return self.years[-1].official if self.years else None


def judge(low, high, periods, officials, allowance, lower_is_better=None):
    """The Result for a council's figure low..high over the years `periods` (ending 31 March).

    officials: Official values (any years; those outside `periods` are ignored); allowance(value) gives the
    tolerance around one official value; lower_is_better: True/False says which way a miss went, None neither.
    """
    by_year = {official.period: official for official in officials}
    result = Result(NOT_YET_TESTED)
    for period in periods:
        official = by_year.get(period)
        if official is None:
            result.missing.append(period)
        elif official.value is None:
            result.years.append(Year(official, None))
        else:
            margin = allowance(official.value)
            lowest, highest = low - margin, high + margin
            result.years.append(Year(official, lowest <= official.value <= highest, lowest, highest))
    tested = result.tested
    if tested:
        inside = sum(1 for year in tested if year.within)
        result.verdict = BORNE_OUT if inside == len(tested) else CONTRADICTED if inside == 0 else PARTLY
    result.reason = _reason(result, low, high, lower_is_better)
    return result


def _reason(result, low, high, lower_is_better):
    parts = []
    for year in result.years:
        official = year.official
        if year.within is None:
            parts.append(f"{official.period}: withheld ({official.symbol or 'blank'}"
                         f"{': ' + official.meaning if official.meaning else ''}), not tested")
        elif year.within:
            parts.append(f"{official.period}: {_number(official.value)}, within the tolerance")
        else:
            side = "above" if official.value > high else "below"
            better = ""
            if lower_is_better is not None:
                better = " (better than claimed)" if (side == "below") == lower_is_better else " (worse than claimed)"
            parts.append(f"{official.period}: {_number(official.value)}, {side} it{better}")
    parts += [f"{period}: no official figure published" for period in result.missing]
    return "; ".join(parts) + "." if parts else "No years to test."


def _number(value):
    return f"{value.normalize():f}"
