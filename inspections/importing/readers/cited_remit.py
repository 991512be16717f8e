"""What an earlier inspection a report cites was an inspection of. Plain Python.

Reports cite more than the authority's own children's services inspections: the "Other Ofsted inspections" of a
SIF report list the adoption and fostering agencies', the children's homes' and the youth offending service's
grades beside the safeguarding and looked after children inspections. Only the authority's own inspections are
its record; a grade of another remit is never its overall grade. Before the SIF (November 2013) three frameworks
overlap: the safeguarding and looked after children inspection (2009 to summer 2012, with its two halves), the
inspection of arrangements for the protection of children (from June 2012) and the inspection of services for
looked after children (2012-13); the words cited and the date tell them apart.
"""

from __future__ import annotations

import re

from inspections.grades import Framework, Strand

# Inspections that are not of the authority's children's services as a whole, named as the subject cited.
OTHER_REMIT = re.compile(
    r"\b(?:(?:private\s+)?(?:adoption|fostering)\s+(?:services?|agency|agencies|support\b)|private\s+fostering"
    r"|children['’]s\s+homes?|short\s+breaks?\s+(?:unit|home|centre|service)|secure\s+(?:children['’]s\s+home|"
    r"training\s+centre|unit)|residential\s+(?:special\s+)?schools?|boarding\s+schools?|children['’]s\s+centres?"
    r"|youth\s+(?:offending|justice)|\bYO[TS]\b|special\s+educational\s+needs|\bSEND\b|local\s+area\s+inspection"
    r"|joint\s+targeted\s+area|\bJTAI\b|joint\s+(?:area\s+)?inspection|safeguarding\s+children\s+(?:board|partnership)"
    r"|\bLSCB\b)",
    re.I,
)
# A sentence about "it" or "the service" continues the one before: "The authority operates one children's home.
# ... It was judged as adequate at its last full inspection in April 2013."
CONTINUES = re.compile(r"^(?:It|They|This|These|The\s+(?:service|home|agency|unit|school|centre))\b")
PROTECTION_OF_CHILDREN = re.compile(
    r"\bprotection\s+of\s+children\b|\bchild\s+protection\s+inspection|\barrangements\s+to\s+protect\b", re.I
)
SAFEGUARDING = re.compile(r"\bsafeguarding\b", re.I)
BOTH_HALVES = re.compile(r"\bsafeguarding\s+and\s+(?:services\s+for\s+)?looked[\s-]+after\b|\bSLAC\b", re.I)

SIF_BEGAN = (2013, 11)
SLAC_ENDED = (2012, 6)  # the last safeguarding and looked after children inspections ran into summer 2012
CHILD_PROTECTION_AREA = "Arrangements for the protection of children"
SLAC_AREAS = {
    Strand.HELP_AND_PROTECTION: "Safeguarding services",
    Strand.CHILDREN_IN_CARE: "Services for looked after children",
}


def other_remit(basis):
    """The words naming another remit (an adoption agency, a children's home, a JTAI...) in what a citation
    rests on, or None where it is the authority's own inspection."""
    match = OTHER_REMIT.search(basis)
    return match.group(0) if match else None


def with_antecedent(sentence, before):
    """The sentence, after the sentences of its bullet it refers back to ("It was judged ...")."""
    if not CONTINUES.match(sentence):
        return sentence
    return f"{before} {sentence}"


def pre_sif_reading(date, strand, basis, halves_on):
    """(framework, strand, area) for a grade cited of an inspection before the SIF, or None to leave it open;
    a framework or area of None is left to the date and the grade (the loader) and to the strand's usual words.

    halves_on: the (year, month) dates at which the same document cites both halves of one inspection
    (safeguarding and looked after children), which only the 2009-12 framework had.
    """
    key = (date.year, date.month or 0)
    if key >= SIF_BEGAN:
        return None
    after = key >= SLAC_ENDED if date.month else date.year >= 2013
    paired = (date.year, date.month) in halves_on or bool(BOTH_HALVES.search(basis))
    protection = bool(PROTECTION_OF_CHILDREN.search(basis))
    if strand == Strand.HELP_AND_PROTECTION or (strand == Strand.OVERALL and protection):
        if (after or (protection and date.year == 2012 and not date.month and not SAFEGUARDING.search(basis))) \
                and not paired:
            return Framework.CHILD_PROTECTION, Strand.HELP_AND_PROTECTION, CHILD_PROTECTION_AREA
        return Framework.SLAC, Strand.HELP_AND_PROTECTION, SLAC_AREAS[Strand.HELP_AND_PROTECTION]
    if strand == Strand.CHILDREN_IN_CARE:
        framework = Framework.LAC if after and not paired else Framework.SLAC
        return framework, strand, SLAC_AREAS[Strand.CHILDREN_IN_CARE]
    framework = None if after else Framework.SLAC
    if strand == Strand.OVERALL:
        # Those inspections gave no single overall grade (each half had its own): "services were judged good"
        # keeps its words, on no strand.
        return framework, Strand.NONE, None
    return (framework, strand, None) if framework else None
