"""A journey's theme sections: each theme's starting items beside the later grades, findings and areas for
improvement on it, which of them the page opens, and how much of each it shows before a click.

A featured journey should open at a length a person reads (about eight screens at 1366x768): the page opens
the themes most telling of its start and shows the first few items of each, everything else one click away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inspections.grades import Strand

from .items import Item, Verdict

# The line of service (judgement strand) each starting theme belongs to, so that a theme's section can show
# the later grades of that line. Themes admins add later have none; claims bring their own strand.
THEME_STRANDS = {
    "icpc-timeliness": Strand.HELP_AND_PROTECTION,
    "pre-proceedings-plo": Strand.HELP_AND_PROTECTION,
    "assessment-quality": Strand.HELP_AND_PROTECTION,
    "early-help-front-door": Strand.HELP_AND_PROTECTION,
    "missing-exploitation": Strand.HELP_AND_PROTECTION,
    "care-planning-permanence": Strand.CHILDREN_IN_CARE,
    "independent-reviewing-officers": Strand.CHILDREN_IN_CARE,
    "placement-stability-sufficiency": Strand.CHILDREN_IN_CARE,
    "health-of-children-in-care": Strand.CHILDREN_IN_CARE,
    "education-virtual-school": Strand.CHILDREN_IN_CARE,
    "care-leavers": Strand.CARE_LEAVERS,
    "supervision-oversight": Strand.LEADERSHIP,
    "caseloads": Strand.LEADERSHIP,
    "workforce-stability": Strand.LEADERSHIP,
    "partnership-safeguarding-board": Strand.LEADERSHIP,
    "performance-quality-assurance": Strand.LEADERSHIP,
    "leadership-corporate-parenting": Strand.LEADERSHIP,
}

# A theme section shows this many later findings and areas for improvement (nearest the start first), and this
# many later grades (a line each), until it is opened in full (?theme=<slug>): a council's record from an early
# start holds hundreds of later findings, each a paragraph.
LATER_SHOWN = 2
LATER_GRADES_SHOWN = 3
# and this many of the starting document's own items, the rest folded beneath them (they are loaded already).
START_SHOWN = 3
OPEN_THEMES = 2  # themes of the start unfolded when the page opens (see open_the_most_telling)


@dataclass
class ThemeSection:
    theme: object  # a Theme, or None for items with no theme yet
    strands: list = field(default_factory=list)
    start_items: list = field(default_factory=list)
    later_items: list = field(default_factory=list)
    later_grades: list = field(default_factory=list)
    in_full: bool = False  # show every later grade and item, not only the first few of each
    is_open: bool = False  # unfolded when the page opens (open_the_most_telling, or in_full)
    later_item_count: int = 0  # later findings and areas for improvement on the theme, loaded or not

    @property
    def slug(self):
        return self.theme.slug if self.theme else "none"

    @property
    def anchor(self):
        return f"theme-{self.slug}"

    @property
    def start_items_shown(self):
        return self.start_items if self.in_full else self.start_items[:START_SHOWN]

    @property
    def start_items_folded(self):
        """The starting items beyond the first few: on the page, folded beneath them."""
        return [] if self.in_full else self.start_items[START_SHOWN:]

    @property
    def later_grades_shown(self):
        return self.later_grades if self.in_full else self.later_grades[:LATER_GRADES_SHOWN]

    @property
    def later_items_shown(self):
        return self.later_items if self.in_full else self.later_items[:LATER_SHOWN]

    @property
    def later_not_shown(self):
        """How many later grades and items the section leaves out until it is opened in full."""
        return len(self.later_grades) + self.later_item_count - len(self.later_grades_shown) \
            - len(self.later_items_shown)

    @property
    def tested(self):
        """How many of its starting claims have a verdict that rests on evidence."""
        return sum(1 for item in self.start_items if _tested(item))

    @property
    def contradicted(self):
        """How many of its starting claims later evidence contradicted: what a reader most needs to see."""
        return sum(1 for item in self.start_items
                   if any(verdict.other and verdict.code == "contradicted" for verdict in item.verdicts))

    @property
    def title(self):
        return self.theme.name if self.theme else "Not yet given a theme"


def _tested(item):
    return any(verdict.other for verdict in item.verdicts)


def build_sections(start_items, later_items, later_grades):
    """Theme sections: themes the start speaks of first (by name), then those raised only later.

    Within a section the starting claims that were put to the test come first (in the document's order
    otherwise); later items keep the order they come in: nearest in time to the start first."""
    sections = {}

    def section_of(item):
        theme = item.fact.theme
        return sections.setdefault(theme.pk if theme else None, ThemeSection(theme))

    evidence_of = {}  # evidence key -> verdicts on starting claims, so later items can show them too
    for item in sorted(start_items, key=lambda item: not _tested(item)):  # sorted() is stable
        section = section_of(item)
        section.start_items.append(item)
        strand = getattr(item.fact, "strand", Strand.NONE)
        if strand != Strand.NONE and strand not in section.strands:
            section.strands.append(strand)
        for verdict in item.verdicts:
            if verdict.other:
                seen_from_evidence = Verdict(verdict.code, verdict.assessment, item)
                evidence_of.setdefault(verdict.other.key, []).append((section, seen_from_evidence))
    for item in later_items:
        item.verdicts = [verdict for _, verdict in evidence_of.get(item.key, [])]
        section_of(item).later_items.append(item)
    for section in sections.values():
        default = THEME_STRANDS.get(section.theme.slug) if section.theme else None
        if default and default not in section.strands:
            section.strands.insert(0, default)
    for item in later_grades:
        linked = evidence_of.get(item.key, [])
        for section in sections.values():
            if item.fact.strand in section.strands or any(s is section for s, _ in linked):
                verdicts = [verdict for s, verdict in linked if s is section]
                section.later_grades.append(Item(**{**item.__dict__, "verdicts": verdicts}))
    return sorted(sections.values(), key=lambda s: (not s.start_items, s.theme is None, s.title))


def open_the_most_telling(sections, start, in_full=None):
    """Unfold the OPEN_THEMES themes of the start that say most about it, and put them first.

    Most telling: the focus of the visit the start reports (a monitoring or focused visit has one), then the
    themes with the most claims later contradicted, then with the most claims put to the test at all, then the
    page's own order (by name). A theme asked for in full (`in_full`, a slug) is unfolded too, wherever it
    stands."""
    focus = start.inspection.theme_id if start and start.inspection else None

    def telling_first(section):
        is_focus = bool(focus and section.theme and section.theme.pk == focus)
        return (section.theme is None, not is_focus, -section.contradicted, -section.tested)

    telling = sorted([section for section in sections if section.start_items], key=telling_first)[:OPEN_THEMES]
    for section in sections:
        section.in_full = section.slug == in_full
        section.is_open = section.in_full or any(section is s for s in telling)
    return telling + [section for section in sections if not any(section is s for s in telling)]
