"""The starting list of themes (DOMAIN.md) with the words that suggest each one.

Plain Python: the importers use it to suggest a theme, and a data migration loads it as Theme rows.
Admins may add themes; the keywords of those come from the database.
"""

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeSpec:
    slug: str
    name: str
    keywords: tuple[str, ...]


THEMES = (
    ThemeSpec("icpc-timeliness", "Initial child protection conference timeliness",
              ("initial child protection conference", "icpc", "child protection conference")),
    ThemeSpec("pre-proceedings-plo", "Pre-proceedings and the Public Law Outline",
              ("public law outline", "pre-proceedings", "pre proceedings", "letters before proceedings",
               "letter before proceedings", "care proceedings", "legal planning", "court", "legal gateway",
               "legal planning meeting", "section 20", "s20")),
    ThemeSpec("assessment-quality", "Assessment quality",
              ("assessment", "assessments", "analysis of risk", "risk analysis")),
    ThemeSpec("case-recording", "Case recording", ("recording", "case records", "case files", "chronolog")),
    ThemeSpec("care-planning-permanence", "Care planning and permanence",
              ("care plan", "care planning", "permanence", "adoption", "special guardianship", "drift", "delay",
               "plans for children", "child in need plans", "child protection plan", "children in need",
              "child in need", "planning", "returning home", "reunification", "life story", "later-in-life",
              "later life letter", "permanent carers", "permanently", "core group", "contingency plan")),
    ThemeSpec("independent-reviewing-officers", "Independent reviewing officers",
              ("independent reviewing officer", "iro", "child protection chair", "conference chair")),
    ThemeSpec("supervision-oversight", "Supervision and management oversight",
              ("supervision", "management oversight", "managerial oversight", "oversight")),
    ThemeSpec("caseloads", "Caseloads", ("caseload", "caseloads", "workload", "workloads")),
    ThemeSpec("workforce-stability", "Workforce stability and agency staff",
              ("workforce", "agency", "turnover", "recruitment", "retention", "vacanc", "changes in social worker",
               "stable staff", "staff told inspectors", "morale", "learning and development", "professional development",
               "workforce development", "induction", "staff survey", "social work academy", "career")),
    ThemeSpec("early-help-front-door", "Early help and the front door",
              ("early help", "front door", "mash", "multi-agency safeguarding hub", "contact and referral",
               "referral", "referrals", "thresholds", "strategy meeting", "strategy discussion", "out of hours",
               "initial need and risk", "family help", "family support", "edge of care", "step-up", "step up",
               "step-down", "step down", "contacts", "duty", "level of need", "levels of need")),
    ThemeSpec("missing-exploitation", "Missing children and exploitation",
              ("missing", "exploitation", "sexual exploitation", "cse", "criminal exploitation", "trafficking",
               "return home interview", "return interview", "county lines", "gang", "serious youth violence",
               "grooming", "online harm", "extra-familial")),
    ThemeSpec("placement-stability-sufficiency", "Placement stability and sufficiency",
              ("placement", "placements", "sufficiency", "foster carer", "fostering", "residential",
               "unregistered", "matching", "children's home", "connected carer",
               "kinship", "family and friends carers", "stable homes", "homes that meet",
               "placed outside", "placed at a distance", "placed out of area")),
    ThemeSpec("health-of-children-in-care", "Health of children in care",
              ("health assessment", "health assessments", "emotional health", "mental health", "dental",
               "immunisation", "camhs", "strengths and difficulties", "health needs", "mental health services",
               "child and adolescent mental health")),
    ThemeSpec("education-virtual-school", "Education and the virtual school",
              ("virtual school", "personal education plan", "pep", "attainment", "school", "education",
               "missing from education", "missing education", "home educated", "elective home education",
               "part-time timetable", "exclusion", "attendance", "absence", "pupils")),
    ThemeSpec("care-leavers", "Care leavers (education, employment and training; accommodation; pathway plans)",
              ("care leaver", "care leavers", "pathway plan", "leaving care", "personal adviser",
               "not in education, employment or training", "neet", "suitable accommodation", "staying put",
               "local offer", "post-21", "staying close", "independent living", "into adulthood")),
    ThemeSpec("voice-participation", "Voice and participation of children",
              ("voice", "wishes and feelings", "participation", "children in care council", "advocacy",
               "direct work", "views of children", "listen")),
    ThemeSpec("partnership-safeguarding-board", "Partnership working and the safeguarding board",
              ("partnership", "partners", "safeguarding board", "lscb", "safeguarding children board",
               "multi-agency", "police", "health partners", "safeguarding partnership", "serious case review",
               "case review", "hscb", "marac", "mappa", "safeguarding practice review", "partner agencies")),
    ThemeSpec("performance-quality-assurance", "Performance management and quality assurance",
              ("quality assurance", "audit", "audits", "performance management", "performance information",
               "performance data", "data", "self-evaluation", "self-assessment")),
    ThemeSpec("leadership-corporate-parenting", "Leadership and corporate parenting",
              ("leadership", "leaders", "corporate parent", "corporate parenting", "elected members",
               "chief executive", "director of children's services", "improvement board", "political",
               "senior leaders", "council leaders", "lead member", "investment", "funding", "strategic plan",
               "improvement plan")),
)


def suggest_theme(text, themes=THEMES):
    """The slug of the theme whose keywords the text mentions most, or None.

    Longer keywords count more: "management oversight" says more than "data". (Weighting the first clause
    more was measured with bench/classifiers.py and did no better overall, so it is not done.)
    """
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    best, best_score = None, 0
    for theme in themes:
        score = sum(len(pattern.findall(lowered)) * weight for pattern, weight in _patterns(theme.keywords))
        if score > best_score:
            best, best_score = theme.slug, score
    return best


@functools.lru_cache(maxsize=256)
def _patterns(keywords):
    # Not after a hyphen either: "agency" (agency staff) is not in "multi-agency".
    return tuple((re.compile(r"(?<![\w-])" + re.escape(keyword)), len(keyword.split())) for keyword in keywords)
