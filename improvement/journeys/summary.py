"""The summary on top of a journey: each strand's path in one line, and how the starting claims fared.

Read from what build_journey has already loaded (no query of its own): the grades in force at the start and
the later judgements, and for a self-evaluation start its claims with their verdicts. A start is only ever a
document the user may see, so a user who may not see a self-evaluation never reaches its claims here.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement.models import ClaimAssessment
from inspections.grades import NO_OVERALL_LABEL, STRAND_LABELS, Strand
from inspections.models.latest import SHOWN_STRANDS

Verdict = ClaimAssessment.Verdict
# A path reads as people say it: "Requires improvement 2017", as inspectors and councils shorten the grade.
SPOKEN = {"Requires improvement to be good": "Requires improvement"}


@dataclass
class StrandPath:
    strand: str
    label: str
    steps: list  # "Inadequate 2015", ...: each grade (as SPOKEN) with the year of its inspection

    @property
    def line(self):
        return ", ".join(self.steps)


@dataclass
class ClaimCounts:
    borne_out: int = 0
    partly_borne_out: int = 0
    contradicted: int = 0
    not_yet_tested: int = 0

    @property
    def total(self):
        return self.borne_out + self.partly_borne_out + self.contradicted + self.not_yet_tested


def strand_paths(journey):
    """One StrandPath per strand with a grade, from the grade in force at the start to the latest.

    An inspection that makes no overall judgement (2026 framework) is a step of the overall path saying so."""
    judgements = [*journey.standing, *journey.later]
    if journey.superseded_overall is not None:
        judgements.insert(0, journey.superseded_overall)
    judgements.sort(key=lambda j: (j.inspection.start_date, j.inspection.pk))
    steps = {strand: [] for strand in SHOWN_STRANDS}
    seen_without_overall = set()
    for judgement in judgements:
        inspection, year = judgement.inspection, judgement.inspection.start_date.year
        if not inspection.makes_overall_judgement and inspection.pk not in seen_without_overall:
            seen_without_overall.add(inspection.pk)
            steps[Strand.OVERALL].append(f"{NO_OVERALL_LABEL} {year}")
        if judgement.strand in steps and judgement.grade:
            steps[judgement.strand].append(f"{SPOKEN.get(judgement.grade, judgement.grade)} {year}")
    labels = {strand: journey_label(strand, judgements) for strand in SHOWN_STRANDS}
    return [StrandPath(strand, labels[strand], line) for strand, line in steps.items() if line]


def journey_label(strand, judgements):
    """The strand's name as the record displays it (a judgement's get_strand_display), else ours."""
    for judgement in judgements:
        if judgement.strand == strand:
            return judgement.get_strand_display()
    return STRAND_LABELS.get(strand, str(strand))


def claim_counts(journey):
    """How the starting self-evaluation's claims fared, by each claim's latest verdict; None for a start that is
    not a self-evaluation. A claim nobody has assessed is not yet tested."""
    if journey.start is None or not journey.start.is_self_evaluation:
        return None
    counts = ClaimCounts()
    for section in journey.sections:
        for item in section.start_items:
            code = item.verdicts[-1].code if item.verdicts else Verdict.NOT_YET_TESTED
            setattr(counts, code, getattr(counts, code) + 1)
    return counts
