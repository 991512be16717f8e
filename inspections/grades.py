"""Frameworks, grade scales and strands: the vocabulary every other module shares.

Plain Python (no Django models), so parsers can use it without a database.
Each grade keeps its own word; its rank puts all frameworks on one ordinal axis, best first.
"""

import datetime
import enum


class Scale(enum.StrEnum):
    A = "A"  # 2009-13: Outstanding, Good, Adequate, Inadequate
    B = "B"  # SIF and ILACS: ... Requires improvement to be good ...


class Grade(enum.StrEnum):
    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    ADEQUATE = "Adequate"
    REQUIRES_IMPROVEMENT = "Requires improvement to be good"
    INADEQUATE = "Inadequate"

    @property
    def rank(self):
        return GRADE_RANK[self]


GRADE_RANK = {
    Grade.OUTSTANDING: 1,
    Grade.GOOD: 2,
    Grade.ADEQUATE: 3,
    Grade.REQUIRES_IMPROVEMENT: 3,
    Grade.INADEQUATE: 4,
}

# The shared axis, labelled with both words where two frameworks differ.
RANK_LABELS = {1: "Outstanding", 2: "Good", 3: "Adequate / Requires improvement", 4: "Inadequate"}

SCALE_GRADES = {
    Scale.A: (Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.INADEQUATE),
    Scale.B: (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE),
}


class Framework(enum.StrEnum):
    SLAC = "slac"
    SAFEGUARDING_FOLLOWUP = "safeguarding_followup"
    LAC = "lac"
    CHILD_PROTECTION = "child_protection"
    SIF = "sif"
    ILACS = "ilacs"
    JTAI = "jtai"

    @property
    def scale(self):
        return FRAMEWORK_SCALE[self]

    @property
    def label(self):
        return FRAMEWORK_LABELS[self]


FRAMEWORK_SCALE = {
    Framework.SLAC: Scale.A,
    Framework.SAFEGUARDING_FOLLOWUP: Scale.A,
    Framework.LAC: Scale.A,
    Framework.CHILD_PROTECTION: Scale.A,
    Framework.SIF: Scale.B,
    Framework.ILACS: Scale.B,
    Framework.JTAI: Scale.B,  # joint targeted area inspections are not graded
}

FRAMEWORK_LABELS = {
    Framework.SLAC: "Safeguarding and looked after children (2009-12)",
    Framework.SAFEGUARDING_FOLLOWUP: "Safeguarding follow-up (2011-12)",
    Framework.LAC: "Looked after children services (2012-13)",
    Framework.CHILD_PROTECTION: "Arrangements for the protection of children (2012-13)",
    Framework.SIF: "Single inspection framework (2013-17)",
    Framework.ILACS: "Inspection of local authority children's services (2018 on)",
    Framework.JTAI: "Joint targeted area inspection",
}


# April 2026: ILACS inspections begun on or after this day make no overall effectiveness judgement (DOMAIN.md).
ILACS_REFORM = datetime.date(2026, 4, 1)
NO_OVERALL_VERSION = "2026"
NO_OVERALL_LABEL = "No overall grade (2026 framework)"
NO_OVERALL_REASON = (
    "ILACS inspections begun on or after 1 April 2026 make no overall effectiveness judgement: "
    "the 2026 framework grades the four judgements only."
)


def makes_overall_judgement(framework, start_date, framework_version=""):
    """Whether an inspection of this framework, begun on this day, makes an overall effectiveness judgement.

    The start date decides (a report published in 2026 of an inspection begun before April still has one);
    a recorded framework version of "2026" says so too, for records whose dates are uncertain."""
    if framework != Framework.ILACS:
        return True
    if framework_version:
        return framework_version != NO_OVERALL_VERSION
    return start_date is None or start_date < ILACS_REFORM


class Strand(enum.StrEnum):
    OVERALL = "overall"
    HELP_AND_PROTECTION = "help_and_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"
    LEADERSHIP = "leadership"
    NONE = "none"


STRAND_LABELS = {
    Strand.OVERALL: "Overall effectiveness",
    Strand.HELP_AND_PROTECTION: "Help and protection",
    Strand.CHILDREN_IN_CARE: "Children in care",
    Strand.CARE_LEAVERS: "Care leavers",
    Strand.LEADERSHIP: "Leadership",
    Strand.NONE: "No strand",
}


class Timescale(enum.StrEnum):
    IMMEDIATELY = "immediately"
    WITHIN_THREE_MONTHS = "within_three_months"
    WITHIN_SIX_MONTHS = "within_six_months"
    NONE = "none"


TIMESCALE_LABELS = {
    Timescale.IMMEDIATELY: "Immediately",
    Timescale.WITHIN_THREE_MONTHS: "Within three months",
    Timescale.WITHIN_SIX_MONTHS: "Within six months",
    Timescale.NONE: "No timescale",
}


def parse_grade(text, scale=None):
    """Read a grade from a document's words ("requires improvement", "Adequate", "grade 3").

    Returns a Grade or None. With a scale, a bare rank ("grade 3") maps to that scale's word.
    """
    words = " ".join(text.lower().replace("\u2019", "'").split())
    words = words.strip(" .,:;'\"*")
    if words.startswith("requires improvement"):
        return Grade.REQUIRES_IMPROVEMENT
    for grade in (Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.INADEQUATE):
        if words == grade.value.lower():
            return grade
    if scale is not None and words.removeprefix("grade ").strip() in ("1", "2", "3", "4"):
        return SCALE_GRADES[scale][int(words.removeprefix("grade ").strip()) - 1]
    return None
