"""What the parsers return: dataclasses, no database.

Every fact carries source_ref, where in the document it was read: "page 3, paragraph 12",
"page 1, judgement table", "bullet 4".
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal


class ParseError(Exception):
    """A document that cannot be read as what it claims to be. The message says why, for a person."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self):
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self):
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def iso(self):
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def from_date(cls, value):
        return cls(value.year, value.month, value.day)


@dataclass
class JudgementRecord:
    area: str  # in the framework's own words
    grade: str | None  # a grade word from inspections.grades.Grade, or None if not graded
    strand: str = "none"  # inspections.grades.Strand value
    section: str = ""  # e.g. "Safeguarding services"; names the LSCB for the board's review
    source_ref: str = ""


@dataclass
class AreaForImprovementRecord:
    text: str
    timescale: str = "none"  # inspections.grades.Timescale value
    theme: str | None = None  # a theme slug (inspections.themes)
    source_ref: str = ""
    national_framework_tag: str = ""  # ILACS from April 2026: "outcome 2, national framework", "enabler: ..."


@dataclass
class FindingRecord:
    text: str
    kind: str = "finding"  # finding, strength, weakness, priority_action, evaluation
    theme: str | None = None
    source_ref: str = ""


@dataclass
class EarlierGrade:
    """A grade of an earlier inspection that this document cites."""

    date: PartialDate
    area: str
    grade: str
    strand: str = "overall"
    framework: str | None = None  # inspections.grades.Framework value, when the date or words tell
    source_ref: str = ""
    section: str = ""  # e.g. "Services for looked after children", where the cited framework had sections


@dataclass
class ClaimRecord:
    text: str
    kind: str = "quality"  # figure, quality, context or plan (families/self_evaluation/kinds.py)
    figure: Decimal | None = None
    unit: str = ""
    theme: str | None = None
    strand: str = "none"
    period_text: str = ""
    source_ref: str = ""


@dataclass
class DocumentRecord:
    document_type: str  # safeguarding_lac, safeguarding_followup, lac, sif, lscb_review, ilacs, monitoring_visit, focused_visit, jtai, self_evaluation
    authority: str  # as printed
    title: str = ""
    framework: str | None = None  # inspections.grades.Framework value; None for self-evaluations
    framework_version: str = ""  # e.g. "2026" for ILACS begun on or after 1 April 2026 (no overall judgement)
    inspection_kind: str | None = None  # full, standard, short, follow_up, monitoring_visit, focused_visit
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    published: PartialDate | None = None
    inspectors: list[str] = field(default_factory=list)  # lead first
    judgements: list[JudgementRecord] = field(default_factory=list)
    areas_for_improvement: list[AreaForImprovementRecord] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    verdict: str = ""  # a visit's progress in the letter's words
    theme_text: str = ""  # a visit's focus in the letter's words
    theme: str | None = None  # its theme slug
    strand: str | None = None  # the strand a visit looked at
    agencies: list[str] = field(default_factory=list)  # joint inspections: inspectorates and agencies, as named
    follows: EarlierGrade | None = None  # for monitoring visits: the inadequate inspection
    earlier_grades: list[EarlierGrade] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self):
        """The shape `import_report --dry-run --format json` prints (without `file` and `ons_code`)."""

        def iso(value):
            return value.iso() if value else None

        def plain(items, **rename):
            out = []
            for item in items:
                row = dataclasses.asdict(item)
                if "date" in row:
                    row["date"] = iso(item.date)
                if "figure" in row and row["figure"] is not None:
                    row["figure"] = float(row["figure"])
                for old, new in rename.items():
                    row[new] = row.pop(old)
                out.append(row)
            return out

        return {
            "document_type": self.document_type,
            "authority": self.authority,
            "start_date": iso(self.start_date),
            "end_date": iso(self.end_date),
            "published": iso(self.published),
            "inspectors": list(self.inspectors),
            "inspection_kind": self.inspection_kind,
            "framework_version": self.framework_version or None,
            "agencies": list(self.agencies),
            "judgements": [
                {"section": j.section, "area": j.area, "strand": j.strand, "grade": j.grade} for j in self.judgements
            ],
            "areas_for_improvement": plain(self.areas_for_improvement),
            "findings": plain(self.findings),
            "verdict": self.verdict or None,
            "theme": self.theme_text or None,
            "earlier_grades": [
                {"date": iso(g.date), "area": g.area, "strand": g.strand, "grade": g.grade} for g in self.earlier_grades
            ],
            "claims": plain(self.claims),
            "warnings": list(self.warnings),
        }
