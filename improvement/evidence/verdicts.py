"""The verdict the evidence finder proposes for a claim, and why, in plain words.

The evidence is read event by event (an inspection or visit), nearest first. The findings and areas for
improvement on the claim's theme speak for it; only for a claim with none at all do the grades of its strand
stand in. An event that weighs both ways is mixed, unless one side weighs more than twice the other.

- No event points either way: not yet tested.
- The first event to test the claim decides whether it was true: supports gives borne out, contradicts gives
  contradicted, mixed gives partly borne out.
- Later events show whether it lasted: a claim borne out at first whose latest test contradicts it held at first
  and did not last, so it is partly borne out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from improvement.models import ClaimAssessment

from .directions import Direction

Verdict = ClaimAssessment.Verdict
MIXED = "mixed"
QUOTE = 140  # characters of a finding quoted in a reason

EVENT_NAMES = {
    "full": "inspection", "standard": "inspection", "short": "short inspection", "follow_up": "follow-up inspection",
    "monitoring_visit": "monitoring visit", "focused_visit": "focused visit", "jtai": "joint targeted area inspection",
    "lscb_review": "review of the safeguarding board",
}


@dataclass
class Test:
    """What one inspection or visit says about a claim."""

    inspection: object
    items: list  # its Evidence that points one way or the other, in the finder's order
    direction: str  # a Direction, or MIXED

    @property
    def name(self):
        return f"the {self.inspection.start_date:%B %Y} {EVENT_NAMES.get(self.inspection.kind, 'inspection')}"

    @property
    def key_item(self):
        """The piece that says most for the event's direction: an area for improvement before a finding."""
        wanted = [i for i in self.items if self.direction in (MIXED, i.direction)]
        return max(wanted, key=lambda item: item.weight) if wanted else None


@dataclass
class Proposal:
    verdict: str
    reason: str
    evidence: object = None  # the Evidence the verdict rests on (the first test's key piece), or None
    tests: list = field(default_factory=list)

    @property
    def label(self):
        return Verdict(self.verdict).label


def tests_of(evidence):
    """The events that test the claim, nearest first: [Test]."""
    evidence = list(evidence)
    if any(item.is_themed for item in evidence):
        # Where inspectors wrote on the claim's own theme, their words decide; the grade of a whole strand
        # speaks to it only broadly, so it stands in only for a claim nothing on its theme has spoken to.
        evidence = [item for item in evidence if item.is_themed]
    by_event = {}
    for item in evidence:
        by_event.setdefault(item.inspection.pk, []).append(item)
    tests = []
    for items in by_event.values():
        speaking = [item for item in items if item.direction != Direction.NEUTRAL]
        if not speaking:
            continue
        support = sum(item.weight for item in speaking if item.direction == Direction.SUPPORTS)
        against = sum(item.weight for item in speaking if item.direction == Direction.CONTRADICTS)
        if against == 0 or support > 2 * against:
            direction = Direction.SUPPORTS
        elif support == 0 or against > 2 * support:
            direction = Direction.CONTRADICTS
        else:
            direction = MIXED
        tests.append(Test(items[0].inspection, speaking, direction))
    return tests


def propose(evidence):
    """A Proposal for one claim from its evidence (an EvidenceSet or a list of Evidence, nearest first)."""
    tests = tests_of(evidence)
    if not tests:
        count = len(list(evidence))
        why = (f"None of the {count} later items on its theme or strand points either way." if count
               else "No later inspection or visit has yet reported on its theme or strand.")
        return Proposal(Verdict.NOT_YET_TESTED, why)
    first, latest = tests[0], tests[-1]
    said = [_said(first)]
    if first.direction == Direction.SUPPORTS:
        if len(tests) > 1 and latest.direction == Direction.CONTRADICTS:
            verdict, outcome = Verdict.PARTLY_BORNE_OUT, "so it held at first and did not last"
        else:
            verdict, outcome = Verdict.BORNE_OUT, "so it held"
            lapses = [test for test in tests[1:-1] if test.direction == Direction.CONTRADICTS]
            if lapses:
                outcome += f", though {lapses[0].name} found otherwise"
            elif latest.direction == MIXED and len(tests) > 1:
                outcome += ", and the latest evidence is mixed"
            elif len(tests) > 1:
                outcome += " and lasted"
    elif first.direction == Direction.CONTRADICTS:
        verdict = Verdict.CONTRADICTED
        outcome = "so it did not hold" + (", though it was later put right" if latest.direction == Direction.SUPPORTS
                                          and len(tests) > 1 else "")
    else:
        verdict, outcome = Verdict.PARTLY_BORNE_OUT, "so it held only in part"
    if len(tests) > 1:
        said.append(_said(latest))
    reason = "; ".join(said) + f": {outcome}."
    return Proposal(verdict, reason[0].upper() + reason[1:], first.key_item, tests)


def _said(test):
    item = test.key_item
    if item.kind == "area_for_improvement":
        words = f"{test.name}'s area for improvement says “{_quote(item.text)}”"
    elif item.kind == "judgement":
        words = f"{test.name} graded {item.fact.area.rstrip('.')} {item.fact.grade.lower()}"
    else:
        words = f"{test.name} found “{_quote(item.text)}”"
    if test.direction == MIXED:
        words += " (its other findings point the other way)"
    return words


def _quote(text):
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[:QUOTE].rsplit(" ", 1)[0] + "…"
