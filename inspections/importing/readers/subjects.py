"""What a piece of text is about: its theme (from the controlled list) and the strand of service it concerns.

Plain Python, shared by the letter and self-evaluation parsers.
"""

from __future__ import annotations

from inspections.grades import Strand
from inspections.themes import suggest_theme

# The words that name a strand in a visit's focus or a claim, most specific first.
STRAND_WORDS = (
    (Strand.CARE_LEAVERS, ("care leaver", "leaving care", "pathway plan", "personal adviser")),
    (Strand.CHILDREN_IN_CARE, ("children in care", "child in care", "looked after", "permanence", "placement",
                               "fostering", "foster care", "adoption", "corporate parent")),
    (Strand.HELP_AND_PROTECTION, ("help and protection", "child protection", "children in need", "child in need",
                                  "front door", "contacts and referrals", "referral", "early help",
                                  "strategy discussion", "section 47", "pre-proceedings", "public law outline",
                                  "exploitation", "missing")),
)
# A visit's theme implies a strand where its words do not name one.
THEME_STRANDS = {
    "icpc-timeliness": Strand.HELP_AND_PROTECTION,
    "pre-proceedings-plo": Strand.HELP_AND_PROTECTION,
    "early-help-front-door": Strand.HELP_AND_PROTECTION,
    "missing-exploitation": Strand.HELP_AND_PROTECTION,
    "care-planning-permanence": Strand.CHILDREN_IN_CARE,
    "placement-stability-sufficiency": Strand.CHILDREN_IN_CARE,
    "health-of-children-in-care": Strand.CHILDREN_IN_CARE,
    "education-virtual-school": Strand.CHILDREN_IN_CARE,
    "independent-reviewing-officers": Strand.CHILDREN_IN_CARE,
    "care-leavers": Strand.CARE_LEAVERS,
    "leadership-corporate-parenting": Strand.LEADERSHIP,
    "performance-quality-assurance": Strand.LEADERSHIP,
    "workforce-stability": Strand.LEADERSHIP,
    "caseloads": Strand.LEADERSHIP,
    "supervision-oversight": Strand.LEADERSHIP,
}


def strand_of(text, theme=None):
    """The strand a focus or claim is about: from its words, else from its theme; "none" if neither tells."""
    lowered = text.lower()
    scores = [(sum(lowered.count(word) for word in words), strand) for strand, words in STRAND_WORDS]
    best = max(scores, key=lambda pair: pair[0])
    if best[0]:
        return best[1].value
    return THEME_STRANDS.get(theme, Strand.NONE).value


def theme_of(*texts):
    """The theme slug of the first text that suggests one."""
    for text in texts:
        theme = suggest_theme(text) if text else None
        if theme:
            return theme
    return None

