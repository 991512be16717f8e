"""A sentence's further figures: each percentage after the first that measures something else is a figure claim
of its own ("care leavers in EET (52%) and in suitable accommodation (90%)"), tested apart from the first.
"""

from __future__ import annotations

import re
from decimal import Decimal

from inspections.importing.families.self_evaluation import kinds
from inspections.importing.families.self_evaluation.claims import (
    COMPARATOR_BEFORE_RE,
    PERCENT_RE,
    _percent_unit,
    _strand,
    _trim,
    read_claim,
)
from inspections.importing.readers import subjects
from inspections.importing.records import ClaimRecord

# A further percentage that is a comparator or the other end of a change, not a claim of its own.
COMPARED_BEFORE_RE = re.compile(
    r"(?:\b(?:compared (?:to|with)|against|versus|vs\.?|than|from|to|up|down|rising|falling|increas\w*|decreas\w*|"
    r"rose|fell|improv\w*|average|nationally|national|regional|neighbours?'?|england|previously|last year)\s*\(?"
    r"|\b(?:or|and) (?:over|under|above|below|more|less|fewer)\s*)$"
    r"|^\s*%?\s*\)?\s*(?:,\s*)?(?:and|or|to|-|–)\s*\(?\s*$",
    re.I,
)
COMPARED_AFTER_RE = re.compile(
    r"^\s*\)?\s*(?:nationally|national|in england|regionally|for (?:england|statistical neighbours|similar|the region)|"
    r"(?:is |was )?(?:the )?(?:national|england|regional|statistical neighbour)|among (?:statistical )?neighbours|"
    r"(?:the |in the |for the )?previous (?:year|quarter))",
    re.I,
)


def read_claims(sentence, previous="", heading=""):
    """The sentence's claims: read_claim's, then one more figure claim for each further percentage that measures
    something else ("care leavers in EET (52%) and in suitable accommodation (90%)"): each is a measure of its
    own, tested apart. A figure the council compares itself with ("against 48% nationally"), the other end of a
    change ("from 45% to 52%") or a figure of the same thing is not a claim of its own."""
    claim = read_claim(sentence, previous, heading)
    if claim is None or claim.kind != kinds.FIGURE or claim.figure is None:
        return [claim] if claim else []
    found = [claim]
    for figure, unit, at in _further_percentages(sentence):
        near = sentence[max(0, at - 120): at + 60]
        core = re.split(r"\s(?:within|across|for|among|amongst)\s", unit)[0]
        theme = subjects.theme_of(core, near, sentence, heading)
        found.append(ClaimRecord(text=sentence, kind=kinds.FIGURE, figure=figure, unit=unit, theme=theme,
                                 strand=_strand(core, sentence, theme, heading), period_text=claim.period_text))
    return found


def _further_percentages(sentence):
    """(figure, unit, position) of each percentage after the first that is the council's own: the unit read from
    the words since the figure before it, so that one figure's noun is not read as the next one's."""
    matches = [match for match in PERCENT_RE.finditer(sentence)
               if not COMPARATOR_BEFORE_RE.search(sentence[: match.start()])]
    seen = {_own_words(sentence, matches[0], 0).lower()} if matches else set()
    for previous, match in zip(matches, matches[1:]):
        before, after = sentence[previous.end(): match.start()], sentence[match.end():]
        if COMPARED_BEFORE_RE.search(before) or COMPARED_AFTER_RE.match(after):
            continue
        start = previous.end()
        if before.rstrip().endswith("("):  # "... EET (52%) and In Suitable Accommodation (90%)": its own clause
            joins = list(re.finditer(r"\s(?:and|or|but|while|whilst)\s", before))
            start += joins[-1].end() if joins else 0
        unit = _own_words(sentence, match, start)
        if not unit.strip("% ") or unit.lower() in seen:
            continue  # the same measure again ("52% of care leavers in 2017 and 60% of care leavers in 2018")
        seen.add(unit.lower())
        yield Decimal(match.group(1)), unit, match.start()


def _own_words(sentence, match, start):
    """What a percentage measures, with what the sentence says of it ("of care leavers were in suitable
    accommodation"): two figures of one noun ("% of care leavers") may still measure different things."""
    unit = _percent_unit(sentence[start:], _Shifted(match, start))
    said = re.match(r"^\s+of\s+[^,;()]*?\b(?:were|was|are|is|had|have)\s+([^,;()]+?)(?=\s(?:and|but|or)\s|[,;()]|$)",
                    sentence[match.end():])
    unit = _trim(f"{unit} {said.group(1).strip(' .')}") if said else unit
    return unit.replace("'", "") if unit.count("'") % 2 else unit  # a quote whose pair was cut off


class _Shifted:
    """A match as _percent_unit reads it, its positions counted from `offset` on."""

    def __init__(self, match, offset):
        self._match, self._offset = match, offset

    def start(self, group=0):
        return self._match.start(group) - self._offset

    def end(self, group=0):
        return self._match.end(group) - self._offset
