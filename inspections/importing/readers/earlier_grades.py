"""Grades of earlier inspections that a SIF or ILACS report cites in its text. Plain Python.

Only what the text states is recorded: "since the last inspection in 2019, when ... judged requires improvement
to be good", "The previous inspection of X's safeguarding arrangements was in June 2012. The local authority was
judged to be inadequate.", "was judged inadequate in March 2015", and a SIF re-inspection's list of the last
inspection's judgements. The date has the precision the text gives; the framework follows from the date.
"""

from __future__ import annotations

import bisect
import re

from inspections.importing.readers.cited_remit import other_remit, pre_sif_reading, with_antecedent
from inspections.importing.readers.common import MONTHS, month_number
from inspections.importing.readers.judgement_table import BULLET_RE, GRADE, to_grade
from inspections.importing.records import EarlierGrade, PartialDate

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE = rf"(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH})\s+)?{_YEAR}"
_TO_BE = r"(?:to\s+be\s+|as\s+|to\s+)?['\"]?"

# "the last inspection in 2019", "the previous inspection of X's safeguarding arrangements was in June 2012",
# "the last Ofsted local authority judgement inspection, in 2017"
_CITED = re.compile(
    rf"\b(?:last|previous|most recent)\b(?:\s+[\w'-]+){{0,5}}?\s+inspect(?:ion|ed)\b(?P<what>[^.]{{0,100}}?)"
    rf"\b(?:in|on)\s+{_DATE}\b",
    re.I,
)
# What follows the date in the same sentence: ", when the local authority was judged good"
_WHEN_JUDGED = re.compile(
    rf"^,?\s*(?:when|which|where)\b(?P<clause>[^.]{{0,120}}?)\b(?:judged|graded|rated|judgement[^.]{{0,60}}?\bwas)"
    rf"(?P<gap>(?:\s+[\w']+){{0,4}}?)\s+{_TO_BE}(?P<grade>{GRADE})\b",
    re.I,
)
# "At the last standard inspection in 2018, the local authority was judged ...": the sentence is about then.
_THEN_JUDGED = re.compile(
    rf"^,?\s*(?P<clause>[^.]{{0,80}}?)\b(?:was|were)\s+(?:judged|graded|rated)(?P<gap>(?:\s+[\w']+){{0,3}}?)\s+"
    rf"{_TO_BE}(?P<grade>{GRADE})\b",
    re.I,
)
_AT_THE = re.compile(r"(?:^|[,;]\s*)(?:at|in|during)(?:\s+(?:the|its|their))?\s*$", re.I)
_REMAINED = re.compile(rf"^,?(?P<clause>[^.]{{0,80}}?)\bremained\s+(?P<grade>{GRADE})\b", re.I)
# The sentence after a bare date: "The local authority was judged to be inadequate."
_NEXT_JUDGED = re.compile(
    rf"^(?P<clause>[A-Z][\w' ]{{0,50}}?)\s+(?:was|were)\s+(?:judged\s+|graded\s+|found\s+)?"
    rf"{_TO_BE}(?P<grade>{GRADE})\b",
)
# "In January 2010, inspection of ... services found safeguarding inadequate."
_FOUND = re.compile(
    rf"\bIn\s+{_DATE},?\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){{0,3}}?inspection of\b(?P<what>[^.]{{0,120}}?)"
    rf"\bfound\s+(?P<clause>[\w' ]{{0,40}}?)\s*\b(?P<grade>{GRADE})\b",
    re.I,
)
# "... was judged inadequate in March 2015"
_JUDGED_IN = re.compile(
    rf"\b(?:was|were)\s+judged\s+{_TO_BE}(?P<grade>{GRADE})\s+"
    rf"(?:at\s+(?:the|its)\s+(?:last|previous|most recent)\s+(?:[\w-]+\s+){{0,2}}?inspection,?\s+)?"
    rf"in\s+{_DATE}\b",
    re.I,
)
# "following a judgement of inadequate for overall effectiveness in 2014" (a re-inspection's opening)
_JUDGEMENT_OF = re.compile(
    rf"\ba\s+judgement\s+of\s+{_TO_BE}(?P<grade>{GRADE})\b(?P<what>[^.]{{0,60}}?)\s+in\s+{_DATE}\b",
    re.I,
)
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
_ABOUT_SERVICES = re.compile(r"\b(?:inspection|services|authority|council)\b", re.I)
_LIST = re.compile(r"\bjudgements for the local authority were:?", re.I)

_AREAS = {
    "ilacs": {
        "overall": "Overall effectiveness",
        "help_and_protection": "The experiences and progress of children who need help and protection",
        "children_in_care": "The experiences and progress of children in care",
        "care_leavers": "The experiences and progress of care leavers",
        "leadership": "The impact of leaders on social work practice with children and families",
    },
    "sif": {
        "overall": "Overall effectiveness",
        "help_and_protection": "Children who need help and protection",
        "children_in_care": "Children looked after and achieving permanence",
        "care_leavers": "Experiences and progress of care leavers",
        "leadership": "Leadership, management and governance",
    },
    None: {  # 2009-13 inspections named their two halves
        "overall": "Overall effectiveness",
        "help_and_protection": "Safeguarding services",
        "children_in_care": "Services for looked after children",
        "care_leavers": "Care leavers",
        "leadership": "Leadership and management",
    },
}
_SUBJECTS = (
    ("care_leavers", ("care leaver",)),
    ("children_in_care", ("looked after", "children in care")),
    ("help_and_protection", ("help and protection", "safeguarding", "protection of children", "child protection")),
    ("leadership", ("leader",)),
)

def framework_for(date):
    """SIF ran from November 2013 to 2017, ILACS from January 2018; earlier frameworks are left open."""
    key = (date.year, date.month or 0)
    if date.year >= 2018:
        return "ilacs"
    if key >= (2013, 11):
        return "sif"
    return None


def find_earlier_grades(lines, before, list_labels=()):
    """EarlierGrades cited in the body lines [(page, line)], for inspections before `before` (a PartialDate).

    list_labels: the judgement Labels a re-inspection may list as "Label: grade" for the last inspection.
    """
    text, page_at = _joined(lines)
    read = []
    for page, preceding, sentence, following in _sentences(text, page_at):
        for date, strand, grade, basis in _cited(sentence, following):
            basis = with_antecedent(basis, preceding)
            if not other_remit(basis):
                read.append((date, strand, grade, basis, f"page {page}"))
    # Both halves of one 2009-12 inspection cited at the same month date it to that framework.
    halves = {}
    for date, strand, _, _, _ in read:
        halves.setdefault((date.year, date.month), set()).add(strand)
    halves_on = {on for on, strands in halves.items() if {"help_and_protection", "children_in_care"} <= strands}
    found = [_earlier(date, strand, grade, source_ref, basis, halves_on) for date, strand, grade, basis, source_ref in read]
    # A re-inspection's list of the last judgements is set out as bullets, so it is read across sentences.
    flat = text.replace("\n", " ") if list_labels and "udgements for the" in text else ""
    for listed in _LIST.finditer(flat):
        found.extend(_listed(flat, listed, list_labels, f"page {page_at(listed.start())}"))
    return _unique(grade for grade in found if _is_before(grade.date, before))


def _cited(sentence, following):
    """(date, strand, grade, basis) for each earlier grade a sentence states (with the next, after a bare date);
    basis is the text the reading rests on, up to the grade, which names what was inspected."""
    lowered = sentence.lower()
    if "inspect" in lowered:
        yield from _after_the_date(sentence, following)
        yield from _found(sentence, following)
    if "judgement of" in lowered:
        for match in _JUDGEMENT_OF.finditer(sentence):
            yield _date(match), _strand(match.group("what")), to_grade(match.group("grade")), sentence[: match.end()]
    if "judged" in lowered and _ABOUT_SERVICES.search(sentence):
        for match in _JUDGED_IN.finditer(sentence):
            # The subject is the clause before "was judged", not the headings a table left in the same line.
            subject = sentence[max(0, match.start() - 120): match.start()]
            yield _date(match), _strand(subject), to_grade(match.group("grade")), sentence[: match.end()]


def _after_the_date(sentence, following):
    """'the last inspection in 2019, when ... judged GRADE', or a bare date and '... was judged GRADE.' next."""
    for match in _CITED.finditer(sentence):
        rest = sentence[match.end():]
        judged = _WHEN_JUDGED.match(rest) or _REMAINED.match(rest)
        if not judged and _AT_THE.search(sentence[: match.start()]):
            judged = _THEN_JUDGED.match(rest)
        if not judged and not rest.strip(" .") and not _YEAR_RE.search(following):
            judged = _NEXT_JUDGED.match(following)
        if judged:
            source = judged.string
            basis = sentence[: match.end()] + " " + source[: judged.end()]
            # The clause beside the grade names what was judged more surely than the words before the date.
            clause = _strand(judged.group("clause") + " " + (judged.groupdict().get("gap") or ""))
            strand = clause if clause != "overall" else _strand(match.group("what"))
            halves = [(half or strand, grade) for half, grade in _halves(source[judged.start("grade"):])]
            if len({half for half, _ in halves}) > 1:
                for half, grade in halves:
                    yield _date(match), half, grade, basis
                continue
            yield _date(match), strand, to_grade(judged.group("grade")), basis


def _found(sentence, following):
    """'In January 2010, inspection of ... found safeguarding inadequate.' and 'Services to ... were adequate.'"""
    for match in _FOUND.finditer(sentence):
        date = _date(match)
        basis = sentence[: match.end()]
        yield date, _strand(match.group("clause") or match.group("what")), to_grade(match.group("grade")), basis
        judged = _NEXT_JUDGED.match(following)
        if judged and not _YEAR_RE.search(following) and _strand(judged.group("clause")) != "overall":
            yield date, _strand(judged.group("clause")), to_grade(judged.group("grade")), basis + " " + following


def _listed(text, listed, labels, source_ref):
    """EarlierGrades from "The judgements for the local authority were: Overall effectiveness: inadequate ..."."""
    years = _YEAR_RE.findall(text[max(0, listed.start() - 250): listed.start()])
    if not years:
        return
    # The list is dated by the earlier report's publication, not its inspection, so only the year is kept.
    date = PartialDate(int(years[-1]))
    items = text[listed.end(): listed.end() + 700]
    for label in labels:
        match = re.search(label.pattern + rf"\s*:\s*({GRADE})\b", items, re.I)
        if match:
            yield EarlierGrade(date, label.area, to_grade(match.group(1)), label.strand, framework_for(date),
                               source_ref)


def _earlier(date, strand, grade, source_ref, basis="", halves_on=()):
    framework = framework_for(date)
    area = _AREAS[framework][strand]
    if framework == "ilacs" and strand == "children_in_care" and date.year < 2023:
        area = "The experiences and progress of children in care and care leavers"
    before_sif = pre_sif_reading(date, strand, basis, halves_on)
    if before_sif:
        framework = before_sif[0].value if before_sif[0] else framework
        strand, area = str(before_sif[1]), before_sif[2] or area
    return EarlierGrade(date, area, grade, strand, framework, source_ref)


# "adequate for safeguarding and good for children looked after", "good for both services", "safeguarding
# services were adequate and those for looked after children good": two halves graded in one sentence.
_FOR = re.compile(rf"\b(?P<grade>{GRADE})\s+(?:for|in)\s+(?P<what>[^.;]*?)(?=,|\band\b\s+(?:{GRADE})|\.|;|$)", re.I)
_AND_THEN = re.compile(
    rf"\band\s+(?P<what>[^,.;]{{3,70}}?)\s+(?:(?:was|were)\s+(?:judged\s+)?(?:to\s+be\s+)?)?(?P<grade>{GRADE})\b", re.I
)
_BOTH_HALVES = ("help_and_protection", "children_in_care")


def _halves(tail):
    """(strand, grade) for each half a judged clause grades separately; one or none where it grades one thing."""
    tail = tail[:200]
    first = re.match(rf"(?:{GRADE})", tail, re.I)
    pairs = [(m.group("grade"), m.group("what")) for m in _FOR.finditer(tail) if m.start() <= 120]
    if len(pairs) == 1 and re.match(r"(?:its\s+)?both\b", pairs[0][1], re.I) and " for " in tail[:40]:
        return [(strand, to_grade(pairs[0][0])) for strand in _BOTH_HALVES]
    if len(pairs) > 1:
        return [(_strand(what), to_grade(grade)) for grade, what in pairs]
    second = _AND_THEN.search(tail, first.end()) if first else None
    if second and _strand(second.group("what")) != "overall":
        return [(None, to_grade(first.group(0))), (_strand(second.group("what")), to_grade(second.group("grade")))]
    return []


def _strand(subject):
    subject = subject.lower().replace("-", " ")
    for strand, words in _SUBJECTS:
        if any(word in subject for word in words):
            return strand
    return "overall"


def _date(match):
    month = match.group("month")
    day = match.group("day") if month else None
    return PartialDate(int(match.group("year")), month_number(month) if month else None, int(day) if day else None)


def _is_before(date, before):
    if before is None:
        return True
    if date.year != before.year:
        return date.year < before.year
    return bool(date.month and before.month and date.month < before.month)


def _unique(grades):
    out = {}
    for grade in grades:
        if grade.grade is None:
            continue
        key = (grade.area, grade.grade, grade.date.year)
        if key not in out:
            out[key] = grade
        elif grade.date.month and not out[key].date.month:
            out[key].date = grade.date  # the more precise mention of the same inspection
    return list(out.values())


def _joined(lines):
    """The body as one string (a bullet starts a new line) and a function from a position to its page."""
    parts, starts, pages = [], [], []
    position = 0
    for page, line in lines:
        if BULLET_RE.match(line):
            line = "\n" + BULLET_RE.sub("", line)
        starts.append(position)
        pages.append(page)
        parts.append(line)
        position += len(line) + 1
    return " ".join(parts), lambda at: pages[max(0, bisect.bisect_right(starts, at) - 1)]


_TRIGGER = re.compile(r"inspect|judged|judgement of", re.I)
_ENDS = (". ", "? ", "! ", "\n")
_END_RE = re.compile(r"[.?!] |\n")


def _sentences(text, page_at):
    """[(page, the bullet's text before, sentence, next sentence)] around each mention of an inspection or a
    judgement, in order."""
    out, seen = [], set()
    for trigger in _TRIGGER.finditer(text):
        window = max(0, trigger.start() - 800)  # a sentence is shorter than this; bounded search stays fast
        start = max(max(text.rfind(end, window, trigger.start()) for end in _ENDS) + 1, window)
        if start in seen:
            continue
        seen.add(start)
        stop = _sentence_end(text, trigger.end())
        bullet = max(text.rfind("\n", max(0, start - 300), start), start - 300, 0)
        out.append((page_at(start), text[bullet:start].strip(), text[start:stop].strip(),
                    text[stop: _sentence_end(text, stop + 1)].strip()))
    return out


def _sentence_end(text, position):
    end = _END_RE.search(text, position)
    return end.start() + 1 if end else len(text)
