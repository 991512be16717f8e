"""What kind of statement a proposed claim is: a figure claim, a quality claim, context or a plan.

- plan: an intention ("we will ...", "plans to ...", "it is anticipated that ..."), tested later by whether
  it happened;
- figure: a measure of the council's own performance: a percentage, a rate or average, a timeliness, a
  caseload, money it put in, a count of things done ("7 children were matched"), or a figure set against
  comparators;
- quality: a statement that practice is good, improving, timely, without a measure of it;
- context: a bare count that describes the area ("453 children subject to child protection plans") or its
  budget, with no word that judges it: shown apart, never counted as a claim.

The rules read the sentence's structure (verbs of intention and where they stand, the shape of the figure,
evaluative words), so they carry over to other councils' documents. Plain Python.
"""

from __future__ import annotations

import re

FIGURE, QUALITY, CONTEXT, PLAN = "figure", "quality", "context", "plan"
KINDS = (FIGURE, QUALITY, CONTEXT, PLAN)

# Verbs and phrases of intention. "will" alone is one only outside a clause that describes how things are
# done ("expectations about how they will work"): see _intends.
INTENTION_RE = re.compile(
    r"\b(?:will|shall|is (?:intended|expected|anticipated|due)|are (?:intended|expected|due)|"
    r"(?:is|are) planned (?:to|for|in)|it is anticipated|we anticipate|plans to|planning to|intends? to|"
    r"intention is|aims? to|"
    r"(?:have|has|are|is) committed to|commit(?:s|ted)? to (?:the )?deliver\w*|going to|next steps?|"
    r"will be)\b",
    re.I,
)
DESCRIBING_BEFORE_RE = re.compile(r"\b(?:how|what|when|whether|which|who|that)\s+(?:\w+\s+){0,3}$", re.I)
FIRST_CLAUSE_RE = re.compile(r",|;|:| - | – |\b(?:and|but|which|whilst|while|although|as well as)\b")
# A figure that measures performance rather than counts the area.
RATE_RE = re.compile(
    r"\b(?:average|per (?!cent)\w+|caseloads?|cases per|rate of|ratio|within \d+|working days|timel\w+|"
    r"on time|in timescale|range[ds]? from|quartile|ranked|turnover|vacanc\w+|compliance|uptake|"
    r"statistical neighbours?|national average|england average|in line with|better than|worse than|"
    r"above|below|increase[ds]? (?:from|to)|reduc\w+ (?:from|to)|fell|rose)\b",
    re.I,
)
# A count whose noun is followed by what was done to it is a measure of the work ("7 children were matched").
DONE_AFTER_RE = re.compile(
    r"^\s*(?:[\w'-]+\s+){0,4}?(?:were|was|have been|has been|had been)\s+(?!\w+ing\b)(?:\w+ed|seen|given|"
    r"match\w*|made|held|taken)\b",
    re.I,
)
VERB_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|shall|can|may|must|should|does|do|did|\w+ed)\b", re.I
)
# "There are currently 3462 children ...": a count of the area stated as such.
THERE_ARE_RE = re.compile(r"^\s*There (?:are|is|were|was) (?:currently |now |presently )?(?:about |around |approximately )?"
                          r"[\d,.]+\s", re.I)
BUDGET_RE = re.compile(r"\b(?:budget|pressures?|deficit|overspend|spend|savings?)\b", re.I)
EVALUATIVE_RE = re.compile(
    r"\b(?:good|outstanding|excellent|strong|strengths?|effective(?:ly)?|robust|improv\w+|timely|positive\w*|"
    r"well[- ]established|embedded|high[- ]quality|quality|requires? improvement|inadequate|poor|weak\w*|"
    r"progress|on track|successful\w*|better|clear|consistent\w*|responsive|stable|secure)\b",
)


def kind_of(sentence, figure=None, unit="", at=-1, ranking=False, quality=False):
    """The kind of a proposed claim, from its sentence and what the parser read of it.

    figure, unit, at: the main figure, its unit and where it stands in the sentence (-1 if none);
    ranking: the sentence sets something against comparators; quality: it has a grade-like quality word.
    """
    first_clause = _main_clause(sentence)
    if _intends(first_clause) or (figure is None and not quality and not ranking and _intends(sentence)):
        return PLAN
    if figure is not None and THERE_ARE_RE.match(sentence) and not quality:
        return CONTEXT
    if figure is not None:
        if unit.startswith("%") or ranking:
            return FIGURE
        if unit.startswith("£"):
            return CONTEXT if BUDGET_RE.search(unit) else FIGURE
        near = sentence[max(0, at - 80): at + 80] if at >= 0 else sentence
        if RATE_RE.search(near) or RATE_RE.search(unit) or (at >= 0 and DONE_AFTER_RE.match(sentence[at:].split(" ", 1)[-1])):
            return FIGURE
        if quality or _evaluates(_without(sentence, unit)):
            return QUALITY
        return CONTEXT
    if ranking:  # set against comparators without a number: still a claim about the official figure
        return FIGURE
    return QUALITY


def _intends(text):
    for match in INTENTION_RE.finditer(text):
        if not DESCRIBING_BEFORE_RE.search(text[: match.start()]):
            return True
    return False


def _main_clause(sentence):
    """The sentence up to the end of its first clause with a verb: "For each of the 5 priorities, progress will
    be measured" is a plan though its opening phrase has no verb."""
    clauses = FIRST_CLAUSE_RE.split(sentence)
    out = []
    for clause in clauses:
        out.append(clause or "")
        if VERB_RE.search(clause or ""):
            break
    return " ".join(out)


def _evaluates(text):
    """An evaluative word in lower case: "Improvement Plan" names a document and judges nothing."""
    return any(match.group(0)[:1].islower() or match.start() == 0 for match in EVALUATIVE_RE.finditer(text))


def _without(sentence, unit):
    """The sentence less its figure's noun phrase: "child protection plans" is not a judgement of quality."""
    return sentence.replace(unit, " ") if unit else sentence
