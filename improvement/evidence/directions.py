"""Which way a piece of evidence points for a claim: it supports it, contradicts it, or says nothing either way.

Plain Python, text in and a Direction out, so the rules can be tested on sentences alone.

- An area for improvement on the claim's theme contradicts it: inspectors say the thing still needs to improve.
- A judgement graded good or outstanding supports a claim on its strand; requires improvement or inadequate
  contradicts it; adequate (the 2009-12 scale's middle) and ungraded say nothing.
- A finding is read by its words: words of praise count for the claim, words of concern against it. A negation
  just before a word turns it round ("not timely" is a concern, "without delay" is praise). What follows
  "however" or "but" weighs double: an Ofsted paragraph that opens with praise and turns on "However" makes its
  point in the turn. A strength leans to support and a weakness or priority action to contradiction.
"""

from __future__ import annotations

import enum
import re

from inspections.grades import Grade


class Direction(enum.StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    NEUTRAL = "neutral"


DIRECTION_LABELS = {
    Direction.SUPPORTS: "Supports the claim",
    Direction.CONTRADICTS: "Contradicts the claim",
    Direction.NEUTRAL: "Neither way",
}

# Words and phrases (lower case) of practice going well; a final "*" matches any ending ("improv*").
PRAISE = (
    "good", "strong*", "effective*", "timely", "well", "improved", "improving", "consistent", "consistently",
    "robust", "appropriate*", "purposeful*", "thorough*", "high quality", "high-quality", "impactful", "secure*",
    "stable", "embedded", "manageable", "prompt*", "swift*", "regular", "regularly", "outstanding", "comprehensive",
    "responsive", "skilled", "benefit*", "clear", "clearly", "positive*", "quick*", "sustained", "confident*",
    "committed", "determined", "excellent", "sensitive*", "within timescales", "on time", "fallen", "reduced",
    "increasing", "progress", "valued", "embraced", "supportive", "rigorous*", "focused", "creative*",
    "tenacious*", "meaningful*", "child-centred", "child centred", "most", "majority",
)
# Words and phrases of concern.
CONCERN = (
    "delay*", "drift*", "inconsisten*", "weak*", "poor*", "insufficient*", "too many", "too few", "too long",
    "too slow", "lack*", "limited", "variab*", "declin*", "deteriorat*", "concern*", "gap", "gaps", "fail*",
    "slow*", "late", "unclear", "inadequate", "requires improvement", "challeng*", "need to improve",
    "needs to improve", "backlog*", "overdue", "shortfall*", "high caseloads", "high turnover", "unmet", "uneven*",
    "not yet", "not always", "not consistently", "not sufficiently", "not routinely", "not all", "fewer than",
    "below", "worse*", "vacanc*", "reliance on agency", "rearranged", "missed", "superficial*", "optimistic",
    "unsafe", "risk of harm", "narrow*", "too high", "too low",
)
# A negator this many words before a praise or concern word turns it round ("not always timely").
NEGATORS = ("not", "no", "never", "nor", "without", "hardly", "rarely", "seldom", "neither", "none", "cannot",
            "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "lack", "lacks", "lacking")
NEGATION_REACH = 3
# After these the clause is the point of the sentence.
TURNS = ("however", "but", "although this", "despite this", "nevertheless", "yet")
TURN_WEIGHT = 2

_WORD = re.compile(r"[a-z][a-z'-]*")
_CLAUSE = re.compile(r"[.;:!?]|,\s*(?=however\b|but\b|although\b)|\bhowever\b|\bbut\b", re.IGNORECASE)


def _alternation(phrases):
    """A regular expression of phrases, longest first, "*" for any ending, each a whole word or words."""
    parts = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p[:-1]) + r"[a-z'-]*" if p.endswith("*") else re.escape(p) for p in parts)


# Concern first: "requires improvement" and "not always" are concerns before "improv" or "always" is anything.
_PHRASE = re.compile(rf"(?<![a-z'-])(?:(?P<concern>{_alternation(CONCERN)})|(?P<praise>{_alternation(PRAISE)}))"
                     r"(?![a-z'-])")


def _negated(before):
    words = _WORD.findall(before)[-NEGATION_REACH:]
    return any(word in NEGATORS or word.endswith("n't") for word in words)


def text_score(text):
    """A number: above zero the words praise, below zero they raise concerns (negations and turns counted)."""
    score = 0
    weight = 1
    lowered = text.lower()
    position = 0
    for match in [*_CLAUSE.finditer(lowered), None]:
        end = match.start() if match else len(lowered)
        clause = lowered[position:end]
        for phrase in _PHRASE.finditer(clause):
            sign = -1 if phrase.group("concern") else +1
            # A negation inside a concern phrase itself ("not yet", "not always") is already counted.
            score += weight * (-sign if _negated(clause[:phrase.start()]) else sign)
        if match is None:
            break
        marker = match.group(0).strip(" ,").lower()
        if marker in ("however", "but") or lowered[match.end():match.end() + 12].lstrip(" ,").startswith(TURNS):
            weight = TURN_WEIGHT
        position = match.end()
    return score


def direction_of_text(text, kind="finding"):
    """The direction of a finding's words; `kind` is its Finding.Kind value (strength, weakness...)."""
    score = text_score(text)
    if kind == "strength":
        score += 1
    elif kind in ("weakness", "priority_action"):
        score -= 2
    if score > 0:
        return Direction.SUPPORTS
    if score < 0:
        return Direction.CONTRADICTS
    return Direction.NEUTRAL


def direction_of_grade(grade):
    if grade in (Grade.OUTSTANDING, Grade.GOOD):
        return Direction.SUPPORTS
    if grade in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE):
        return Direction.CONTRADICTS
    return Direction.NEUTRAL


def direction_of_area_for_improvement(text=""):
    """Inspectors list it as needing to improve: on the claim's theme, it goes against the claim."""
    return Direction.CONTRADICTS
