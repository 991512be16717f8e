from .access import Membership
from .authorities import Authority, AuthorityAlias, StatisticalNeighbour
from .documents import Document, Theme
from .record import AreaForImprovement, Finding, Inspection, InspectionInspector, Inspector, Judgement
from .statistics import Measure, MeasureValue

__all__ = [
    "AreaForImprovement",
    "Authority",
    "AuthorityAlias",
    "Document",
    "Finding",
    "Inspection",
    "InspectionInspector",
    "Inspector",
    "Judgement",
    "Measure",
    "MeasureValue",
    "Membership",
    "StatisticalNeighbour",
    "Theme",
]
