"""Reading a council's claim out of one sentence: is it a claim, and what figure, unit, period and theme.

A claim carries a figure (a percentage, a count, money, "x out of y"), a ranking ("top quartile", "below
statistical neighbours") or a grade-like quality word ("good", "strong", "requires improvement") about the
council's own services. Plans ("will ..."), aspirations ("to maintain a good ...") and names ("Excellent
Practice") are not claims. Plain Python; the units are a person's starting point, to be confirmed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from inspections.grades import Strand
from inspections.importing.families.self_evaluation import kinds
from inspections.importing.readers import subjects
from inspections.importing.readers.common import MONTH_NAME
from inspections.importing.records import ClaimRecord

MIN_WORDS = 6
UNIT_WORDS = 8
UNIT_CHARS = 120  # Claim.unit's length
MAX_COUNT_DIGITS = 5  # longer numbers are codes and dates ("171231")
MIN_LOWERCASE_SHARE = 0.4  # below it, a "sentence" is a label or a title
ABBREVIATIONS = {"e.g.", "i.e.", "eg.", "ie.", "no.", "nos.", "approx.", "vs.", "cf.", "mr.", "mrs.", "ms.", "dr."}
SPLIT_RE = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+(?=[A-Z£\"'‘“(\d])")

PERCENT_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.I)
MONEY_RE = re.compile(r"£\s?(\d+(?:,\d{3})*(?:\.\d+)?)\s?(million|m|bn|billion|k)?\b", re.I)
# "Out of the 25 cases audited, 16 were graded overall as good (64%)"
OUT_OF_RE = re.compile(
    r"\bout of (?:the |a total of )?(\d+)\s+([^,.;]+?),\s*(\d+)\s+(?:were|was|are|had|have)\s+([^(.;]+?)\s*"
    r"(?:\((\d+(?:\.\d+)?)\s?%\))?(?=[.;,]|$)",
    re.I,
)
X_OUT_OF_Y_RE = re.compile(r"\b(\d+)\s+out of\s+(?:the\s+)?(\d+)\s+([a-z][\w' -]*)", re.I)
COUNT_RE = re.compile(
    r"(?<![\w.£/+–-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%+/–-]|[.,]\d|\s?%|\s?per ?cent|['’]s)"
)
RANGE_AFTER_RE = re.compile(r"^\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)\b")
DURATION_RE = re.compile(
    r"^\s*(?:working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|per (?:year|annum|month))\b", re.I
)
# Numbers that label rather than count: "section 47", "Q3", "tier 2", "key stage 4", "version 2".
LABEL_BEFORE_RE = re.compile(
    r"\b(?:section|s\.|article|tier|level|stage|phase|year|page|paragraph|appendix|no\.|number|version|v|step|"
    r"priority|recommendation|footnote)\s*$",
    re.I,
)
COMPARATOR_BEFORE_RE = re.compile(
    r"(?:\b(?:national|england|regional|statistical neighbours?'?|similar (?:local )?authorities'?|comparator)\s+"
    r"(?:average|rate|figure|mean)s?\s+(?:of|is|was)|\b(?:previous|last|earlier)\s+(?:\w+\s+)?(?:audit|year|quarter|"
    r"inspection|figure)s?\s+(?:of|at|was)|\bfrom)\s*$",
    re.I,
)
RANKING_RE = re.compile(
    r"\b(?:top|bottom|upper|lower|first|second|third|fourth) quartile\b|\branked\b|"
    r"\b(?:in line with|better than|worse than|above|below|higher than|lower than|compares? (?:well|favourably) with|"
    r"outperform\w*)\s+(?:the\s+|our\s+)?(?:(?:national|england|english|regional)\s+(?:average|rate|figure|performance|"
    r"levels?)|statistical neighbours?|similar (?:local )?authorities|comparators?)",
    re.I,
)
QUALITY_RE = re.compile(
    r"\b(?:good|outstanding|excellent|strong|strength|requires? improvement|inadequate)\b", re.I
)
# A quality word in a purpose or aspiration clause is not a claim ("to maintain a good pace of work").
ASPIRATION_RE = re.compile(
    r"\b(?:to maintain|to ensure|ensure that|ensures? that|to achieve|to become|to be|to make|to deliver|to provide|"
    r"to build|to develop|so that|in order to|aim\w*|aspir\w*|ambition\w*|intend\w*|plan\w* to|want\w*|will|should|"
    r"must|needs? to)\b"
    r"(?:\W+[\w'’-]+){0,8}\W*$",
    re.I,
)
BACK_REFERENCE_RE = re.compile(r"\b(?:both|this|these|those|it|they|them|such)\b", re.I)
FUTURE_RE = re.compile(r"\bwill\b|\bis (?:intended|expected|anticipated)\b|\bwould\b", re.I)
CLAUSE_RE = re.compile(
    r",|;|:| - | – |\b(?:and|but)\b(?= [a-z])|\b(?:which|that|where|whilst|while|with|so that|because|as)\b"
)
# Where a parenthesised figure's clause starts: "... where staff are reporting opportunities for learning (92%)".
OPENING_CLAUSE_RE = re.compile(r",|;|:|\b(?:which|that|where|whilst|while|with|because)\b")
SAMPLE_BEFORE_RE = re.compile(r"\b(?:audit|sample|review|survey|dip sample)\w* of\s*$|\baudited\s*$", re.I)
FREQUENCY_AFTER_RE = re.compile(r"^(?:\s+[\w'-]+){0,3}\s+(?:per|a|each) (?:year|annum|month|week)\b", re.I)
# Words that end a noun phrase read backwards from a figure ("... by an initial investment of £2.5m").
NOUN_STOP = {
    "a", "an", "the", "this", "these", "its", "their", "our", "by", "of", "in", "for", "to", "at", "with", "on", "from",
    "as", "than", "and", "or", "but", "which", "that", "where",
}
FINITE_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|shows?|showed|remains?|remained|stands?|stood|reached|ranged|rose|fell|"
    r"increased|decreased|improved|maintained|achieved|secured|helped|results?|resulted|means?|meant|sees?|saw|"
    r"demonstrates?|indicates?|reflects?)\b",
    re.I,
)
VERB_RE = re.compile(rf"{FINITE_VERB_RE.pattern}|\b\w+ing\b", re.I)
FILLER_END_RE = re.compile(
    r"(?:\s+(?:of|at|is|are|was|were|to|by|around|about|approximately|just|under|over|nearly|almost|currently|now|"
    r"some|only|still|an|a|the|being|been|has|have|had|from|reached|remains?|stands?|maintained|of around|in|and|"
    r"that|which|well))+\s*$",
    re.I,
)
LEADING_RE = re.compile(
    r"^(?:(?:however|whilst|while|although|similarly|overall|currently|also|the|our|a|an|this|these|its|their|there|"
    r"number of|proportion of|percentage of|rate of|level of|timeliness of|in|of|for|by|on|to|at)\s+)+",
    re.I,
)
TRAILING_RE = re.compile(r"(?:\s+(?:and|or|the|a|an|of|in|for|to|by|with|on|at|from|as|\w+ly))+\s*$", re.I)
DATE_WORDS_RE = re.compile(
    rf"\b(?:in |since |during |for |by |up to )?(?:{MONTH_NAME}\s+)?\d{{4}}(?:\s*[-–/]\s*\d{{2,4}})?\b", re.I
)
# "87% of cases audited ... were graded Good or Outstanding for management oversight"
PREDICATE_RE = re.compile(
    r"^.*?\b(?:were|was|are|is)\s+((?:graded|rated|judged|seen|held|completed|assessed)\b[^.;,()]*)"
)
SUFFIX_RE = re.compile(r"^\s*((?:within|across|for|among|amongst|reporting|saying|rated|graded)\b[^.;,()]*)", re.I)
PERIOD_RE = re.compile(
    rf"\(\s*{MONTH_NAME}\.?\s*\d{{2,4}}\s*\)|"
    rf"\b(?:in|since|during|for|by|as at|up to|from|between)\s+(?:(?:early|late|mid)\s+)?(?:{MONTH_NAME}\.?\s+)?"
    rf"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?(?:\s*(?:to|-|–)\s*(?:{MONTH_NAME}\s+)?(?:19|20)\d\d)?\b|"
    rf"\b(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b|"
    r"\bover the (?:last|past) (?:\d+|twelve|six|three) (?:months|years)\b|\bover the (?:last )?year\b|\bthis year\b|"
    r"\blast year\b|\bQ[1-4]\b",
    re.I,
)
STRAND_OF_HEADING = (
    (Strand.CARE_LEAVERS, ("care leaver", "leaving care")),
    (Strand.CHILDREN_IN_CARE, ("children in care", "looked after", "permanence", "corporate parent")),
    (Strand.HELP_AND_PROTECTION, ("early help", "front door", "child protection", "help and protection",
                                  "children in need", "safeguarding")),
    (Strand.LEADERSHIP, ("leader", "performance", "workforce", "management", "quality assurance", "governance")),
)


def sentences(text):
    """The paragraph's sentences; a list item without a full stop is one sentence."""
    out = []
    start = 0
    for match in SPLIT_RE.finditer(text):
        last_word = text[start:match.start()].split()[-1:] or [""]
        if last_word[0].lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last_word[0]):
            continue
        out.append(text[start:match.start()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [sentence for sentence in out if sentence]


def read_claim(sentence, previous="", heading=""):
    """A ClaimRecord for the sentence, or None if it is not a claim. previous: the sentence before it."""
    words = sentence.split()
    if len(words) < MIN_WORDS or sentence.endswith("?"):
        return None
    if sum(word[:1].islower() for word in words) < MIN_LOWERCASE_SHARE * len(words):
        return None
    figure, unit, at = _figure(sentence)
    ranking = RANKING_RE.search(sentence)
    quality = _quality_words(sentence)
    future = FUTURE_RE.search(sentence) and not PERCENT_RE.search(sentence)
    intends = kinds.kind_of(sentence) == kinds.PLAN
    if figure is None and not ranking and not quality and not intends:
        return None
    if future and not intends:
        return None  # "will" in a description ("how they will work"): neither a plan nor a claim
    # What the claim is about, most specific first: the sentence's subject, what the figure measures, the
    # words around the figure, the sentence, the section's heading.
    near = sentence[max(0, at - 120): at + 60] if figure is not None else ""
    core = re.split(r"\s(?:within|across|for|among|amongst)\s", unit)[0] if figure is not None else ""
    first_clause = CLAUSE_RE.split(sentence)[0]
    subject = _subject(first_clause)
    subject = first_clause if subject is None else subject
    # "performance for both shows a decline": the sentence before says both what.
    referred = previous if BACK_REFERENCE_RE.search(f"{subject} {unit}") else ""
    theme = subjects.theme_of(subject, core, referred, near, sentence, heading)
    kind = kinds.kind_of(sentence, figure, unit, at, bool(ranking), bool(quality))
    return ClaimRecord(
        text=sentence,
        kind=kind,
        figure=figure,
        unit=unit if figure is not None else "",
        theme=theme,
        strand=_strand(f"{subject} {core}", sentence, theme, heading),
        period_text=_period(sentence),
    )


def _quality_words(sentence):
    found = []
    for match in QUALITY_RE.finditer(sentence):
        word = match.group(0)
        following = sentence[match.end():].split()[:1]
        named = word[0].isupper() and match.start() > 0 and following and following[0][:1].isupper()
        if named or ASPIRATION_RE.search(sentence[: match.start()]):
            continue
        found.append(word.lower())
    return found


def _figure(sentence):
    """(figure, unit, position) of the claim's main figure, or (None, "", -1)."""
    out_of = OUT_OF_RE.search(sentence)
    if out_of:
        total, what, part, state, percent = out_of.groups()
        noun = _clean(what)
        if percent:
            return Decimal(percent), f"% of {noun} {_clean(state)}".strip(), out_of.start(5)
        return Decimal(part), f"of {total} {noun} {_clean(state)}".strip(), out_of.start(3)
    for match in PERCENT_RE.finditer(sentence):
        before = sentence[: match.start()]
        if COMPARATOR_BEFORE_RE.search(before):
            continue
        return Decimal(match.group(1)), _percent_unit(sentence, match), match.start()
    x_of_y = X_OUT_OF_Y_RE.search(sentence)
    if x_of_y:
        return Decimal(x_of_y.group(1)), f"out of {x_of_y.group(2)} {_clean(x_of_y.group(3))}", x_of_y.start()
    money = MONEY_RE.search(sentence)
    if money:
        written = money.group(2) or ""
        scale = {"m": "million", "bn": "billion", "k": "thousand"}.get(written.lower(), written)
        noun = _noun_before(sentence[: money.start()]) or _noun_after(sentence[money.end():])
        return Decimal(money.group(1).replace(",", "")), f"£ {scale} {noun}".replace("  ", " ").strip(), money.start()
    for match in COUNT_RE.finditer(sentence):
        number = match.group(1).replace(",", "")
        before, after = sentence[: match.start()], sentence[match.end():]
        if _is_year(number) or len(number.split(".")[0]) > MAX_COUNT_DIGITS or DURATION_RE.match(after):
            continue
        if LABEL_BEFORE_RE.search(before) or SAMPLE_BEFORE_RE.search(before) or FREQUENCY_AFTER_RE.match(after):
            continue
        if COMPARATOR_BEFORE_RE.search(before) and not RANGE_AFTER_RE.match(after):
            continue
        return Decimal(number), _count_unit(before, after), match.start()
    return None, "", -1


def _percent_unit(sentence, match):
    before, after = sentence[: match.start()], sentence[match.end():]
    suffix = SUFFIX_RE.match(after)
    tail = f" {_clean(suffix.group(1))}" if suffix else ""
    of = re.match(r"^\s+of\s+(?:the\s+|all\s+)?(.+)", after)
    if of:
        noun = _noun_after(of.group(1))
        predicate = PREDICATE_RE.match(of.group(1))
        return _trim(f"% of {noun}" + (f" {_clean(predicate.group(1))}" if predicate else ""))
    if before.rstrip().endswith("("):
        clause = OPENING_CLAUSE_RE.split(before.rstrip()[:-1])[-1]
        clause = re.sub(r"\b(?:are|is|were|was|have|has|been)\s+", "", clause)
        return _trim(f"% {_clean(clause)}")
    noun = _noun_before(before)
    if noun.lower().startswith("timeliness of "):
        noun = noun[len("timeliness "):]  # "timeliness of ICPCs ... 97%": the share of ICPCs on time
    return _trim(f"% {noun}{tail}")


def _count_unit(before, after):
    range_ = RANGE_AFTER_RE.match(after)
    if range_:
        return _trim(f"{_noun_before(before)} (range to {range_.group(1)})")
    noun = _noun_after(after)
    if not noun:
        return _trim(_noun_before(before))
    # "7 children were matched with long term foster carers": a bare noun takes what is said of it.
    predicate = re.match(
        rf"^\s*{re.escape(noun)}\s+(?:were|was|are|have been|had been)\s+"
        r"(.+?)(?=[.;,()]|\s(?:and|but|in|since|during)\s|$)",
        after,
    )
    if predicate and len(noun.split()) <= 2:
        noun = f"{noun} {_clean(predicate.group(1))}"
    return _trim(noun)


def _noun_after(text):
    """The noun phrase a number counts: "453 children subject to child protection plans reaching ..."."""
    words = []
    for word in text.split():
        bare = word.strip(",.;:()'\"")
        stop = VERB_RE.fullmatch(bare) and not (bare.lower().endswith("ing") and words and words[-1].lower() in
                                                 ("for", "of", "in", "to", "on"))
        if not bare or stop or bare.lower() in ("which", "that", "who", "whose", "since", "during", "from", "whilst",
                                                "while", "but", "total", "where", "when", "because", "despite"):
            break
        words.append(bare)
        if word.endswith((",", ".", ";", ":", ")")) or len(words) >= UNIT_WORDS:
            break
    return _clean(" ".join(words))


def _noun_before(before):
    """The noun phrase a figure measures, from the words before it.

    "an initial investment of" -> "initial investment"; "timeliness of ICPC's has maintained good performance
    at just under" -> "timeliness of ICPC's"; "placement stability that is in the top quartile nationally at"
    -> "placement stability".
    """
    before = re.sub(r"\([^)]*\)", " ", before).rstrip(" ,")
    if re.search(r"\bof$", before):
        return _tail_noun(before[:-2])
    ranking = list(RANKING_RE.finditer(before))
    if ranking:
        before = before[: ranking[-1].start()]  # "measure is in line with the England average at 16"
    clauses = [c for c in CLAUSE_RE.split(FILLER_END_RE.sub("", before)) if c and c.strip()]
    for clause in reversed(clauses):
        subject = _subject(clause)
        if subject is None:
            noun = _clean(clause)  # no verb: the clause is the noun phrase
        else:
            noun = subject or _tail_noun(clause)  # "... results in placement stability"
        if noun:
            return noun
    return ""


def _subject(clause):
    """The words before the clause's first verb; "" if it starts with one; None if it has none."""
    verb = FINITE_VERB_RE.search(clause)
    if not verb:
        return None
    return _clean(clause[: verb.start()])


def _tail_noun(text):
    """The noun phrase that ends the text, read backwards to a verb, article or preposition."""
    words = []
    for word in reversed(text.split()):
        bare = word.strip(",.;:()'\"")
        # The last word is the head noun even if it ends in -ing ("funding", "planning").
        verb = FINITE_VERB_RE.fullmatch(bare) or (words and VERB_RE.fullmatch(bare))
        if not bare or bare.lower() in NOUN_STOP or verb or word.endswith((",", ";", ":")):
            break
        words.insert(0, bare)
        if len(words) >= 5:
            break
    return _clean(" ".join(words))


def _clean(text):
    text = DATE_WORDS_RE.sub(" ", text)
    text = " ".join(text.replace("’", "'").split()).strip(" ,.;:()'\"")
    text = LEADING_RE.sub("", text)
    text = TRAILING_RE.sub("", text)
    return text.strip(" ,.;:()'\"")


def _trim(unit):
    words = " ".join(unit.split()).split()[: UNIT_WORDS + 2]
    while len(" ".join(words)) > UNIT_CHARS:
        words.pop()
    return TRAILING_RE.sub("", " ".join(words)).strip()


def _is_year(number):
    return len(number) == 4 and number.isdigit() and 1990 <= int(number) <= 2039


def _period(sentence):
    match = PERIOD_RE.search(sentence)
    return " ".join(match.group(0).strip("() ").split()) if match else ""


def _strand(focus, sentence, theme, heading):
    """From the words of what the claim is about, its theme, the sentence, then the section's heading."""
    strand = subjects.strand_of(focus)
    if strand == Strand.NONE.value:
        strand = subjects.THEME_STRANDS.get(theme, Strand.NONE).value
    if strand == Strand.NONE.value:
        strand = subjects.strand_of(sentence)
    if strand != Strand.NONE.value:
        return strand
    lowered = heading.lower()
    for candidate, words in STRAND_OF_HEADING:
        if any(word in lowered for word in words):
            return candidate.value
    return Strand.NONE.value
