"""Areas for improvement of the 2009-13 reports, grouped under "Immediately:", "Within three months:" and so on.

Each block opens with a numbered lead paragraph ("In order to improve ... should take the following action."),
then timescale headings, each over a bulleted list whose last item ends with a full stop.
"""

from __future__ import annotations

import re

from inspections.grades import Timescale
from inspections.importing.families.slac.report import BULLET_RE, PARA_START_RE, is_structural, join_wrapped, key, place
from inspections.importing.records import AreaForImprovementRecord
from inspections.themes import suggest_theme

TIMESCALE_RE = re.compile(r"^(immediately|within (\w+) months?)\s*:?$", re.I)
TIMESCALES = {"three": Timescale.WITHIN_THREE_MONTHS, "3": Timescale.WITHIN_THREE_MONTHS,
              "six": Timescale.WITHIN_SIX_MONTHS, "6": Timescale.WITHIN_SIX_MONTHS}
# Lines of lead paragraph allowed before the first timescale heading.
MAX_LEAD_LINES = 12


def read_areas(lines, headings, warnings):
    out = []
    for index, line in enumerate(lines):
        if key(line.text) == "areas for improvement":
            out.extend(_read_block(lines, index + 1, headings, warnings))
    return out


def _read_block(lines, start, headings, warnings):
    lead, timescale, items = None, None, []
    current, closed, fresh = None, False, False
    section = lines[start - 1].section
    for index in range(start, len(lines)):
        line, text = lines[index], lines[index].text
        heading = TIMESCALE_RE.match(text)
        if heading:
            timescale, current, closed, fresh = _timescale(heading, line, warnings), None, False, True
            continue
        if is_structural(line, headings):
            break
        if timescale is None and BULLET_RE.match(line.raw) and not PARA_START_RE.match(text):
            # A list with no timescale headings: its items are still areas for improvement.
            warnings.append(f"page {line.page}: areas for improvement without a timescale heading; recorded as none")
            timescale, fresh = Timescale.NONE, True
        if timescale is None:
            numbered = PARA_START_RE.match(text)
            if lead is None and numbered:
                lead = int(numbered.group(1))
            if index - start >= MAX_LEAD_LINES:
                break
            continue
        # A bullet the extraction lost leaves an indented line starting lower case.
        lost_bullet = line.raw[:1].isspace() and text[:1].islower()
        if fresh or BULLET_RE.match(line.raw) or lost_bullet:
            current = [line.page, BULLET_RE.sub("", text), timescale]
            items.append(current)
        elif closed and not text[:1].islower():
            break  # the last item ended with a full stop and this line starts something new
        else:
            current[1] = join_wrapped(current[1], text)
        fresh, closed = False, text.endswith(".")
    if not items:
        warnings.append(f"page {lines[start - 1].page}: no items found under 'Areas for improvement'")
    return [_record(page, text, scale, section, lead, number) for number, (page, text, scale) in enumerate(items, 1)]


def _timescale(heading, line, warnings):
    if heading.group(1).lower() == "immediately":
        return Timescale.IMMEDIATELY
    scale = TIMESCALES.get(heading.group(2).lower())
    if scale is None:
        warnings.append(f"page {line.page}: timescale '{heading.group(1)}' is not one the model knows; recorded as none")
        return Timescale.NONE
    return scale


def _record(page, text, timescale, section, lead, number):
    text = text.strip().rstrip(";.").strip()
    where = place(page, lead) if lead else place(page, what=f"areas for improvement ({section.lower() or 'report'})")
    return AreaForImprovementRecord(
        text=text, timescale=timescale.value, theme=suggest_theme(text), source_ref=f"{where}, item {number}"
    )
