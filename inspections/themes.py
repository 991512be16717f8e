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
              ("initial child protection conference", "initial child protection conferences", "icpc",
               "timeliness of child protection conference", "timely child protection conference", "15 working days")),
    ThemeSpec("pre-proceedings-plo", "Pre-proceedings and the Public Law Outline",
              ("public law outline", "pre-proceedings", "pre proceedings", "letters before proceedings",
               "letter before proceedings", "care proceedings", "legal planning", "court", "legal gateway",
               "legal planning meeting", "section 20", "s20", "legal proceedings", "court proceedings")),
    ThemeSpec("assessment-quality", "Assessment quality",
              ("assessment", "assessments", "analysis of risk", "risk analysis")),
    ThemeSpec("case-recording", "Case recording", ("recording", "case records", "case files", "chronolog", "recording of",
                                                 "access their records")),
    ThemeSpec("care-planning-permanence", "Care planning and permanence",
              ("care plan", "care planning", "permanence", "adoption", "special guardianship", "drift", "delay",
               "plans for children", "child in need plans", "child protection plan", "planning", "plans",
               "returning home", "return home", "reunification", "life story", "later-in-life", "later life letter",
               "permanent carers", "permanently", "core group", "contingency plan", "permanency", "adopted",
               "adopters", "post-adoption", "long term foster", "long-term foster", "foster to adopt",
               "foster-to-adopt")),
    # Help and protection for children in need and on protection plans as a service (a focused visit's theme since
    # 2018), apart from the quality of their plans (care planning): the service's own names, not the word "plan".
    ThemeSpec("children-in-need-protection", "Children in need and child protection",
              ("children in need", "child in need", "help and protection", "subject to a child protection plan",
               "subject to child protection plans", "on child protection plans", "on a child protection plan",
               "child protection enquiries", "child protection investigations", "section 47", "s47",
               "child protection work", "child protection practice",
               # A conference that is not the initial one, or not said to be: the protection work, not the timeliness.
               "child protection conference",
               # Disabled children are children in need in law: a text that names no other subject is about
               # that help (one word, so it counts for little beside any other subject).
               "disabled",
               # A plan to keep a child at risk safe; one for a child who goes missing says "missing" as well.
               "safety plan", "safety planning")),
    ThemeSpec("independent-reviewing-officers", "Independent reviewing officers",
              ("independent reviewing officer", "iro", "child protection chair", "conference chair",
               # The chair, not the conference: longer than "child protection conference", so it takes the words.
               "child protection conference chair")),
    ThemeSpec("supervision-oversight", "Supervision and management oversight",
              ("supervision", "management oversight", "managerial oversight", "oversight", "appraisal",
               "regular supervision", "reflective supervision", "supervision sessions", "management challenge",
               # What is recorded decides: the recording of supervision is supervision, not case recording.
               "recording of supervision", "records of supervision", "supervision records")),
    ThemeSpec("caseloads", "Caseloads", ("caseload", "caseloads", "workload", "workloads")),
    ThemeSpec("workforce-stability", "Workforce stability and agency staff",
              ("workforce", "agency staff", "agency workers", "agency social worker", "agency managers",
               "agency worker", "interim", "turnover", "recruitment",
               # Turnover as the subject it is (one word said less than the "drift" and "delay" it causes).
               "turnover of social workers", "turnover of staff", "staff turnover", "social worker turnover", "retention", "vacanc", "changes in social worker",
               "changes of social worker", "change of social worker", "stability of the workforce",
               "workforce stability",
               "stable staff", "staff told inspectors", "morale", "learning and development", "professional development",
               "workforce development", "induction", "staff survey", "social work academy", "career", "staff feel",
               "staff report", "staff are reporting", "staff surveys", "management capacity")),
    ThemeSpec("early-help-front-door", "Early help and the front door",
              ("early help", "early help assessment", "front door", "mash", "multi-agency safeguarding hub", "contact and referral",
               "referral", "referrals", "thresholds", "strategy meeting", "strategy discussion", "out of hours",
               "initial need and risk", "family help", "family support", "edge of care", "step-up", "step up",
               "step-down", "step down", "contacts", "duty team", "duty and assessment", "duty social worker",
               "level of need", "levels of need", "key workers", "family workers", "family support workers",
               "early signs", "low-level concerns", "early intervention", "prevention",
               # Names councils give their front door, as common as "MASH".
               "first response", "children's advice", "single point of access", "single point of contact")),
    ThemeSpec("missing-exploitation", "Missing children and exploitation",
              ("go missing", "goes missing", "went missing", "gone missing", "missing from", "missing children",
               "children missing", "child missing", "missing episodes", "episodes of missing", "when missing",
               "missing person", "exploitation", "sexual exploitation", "cse", "criminal exploitation", "trafficking",
               "return home interview", "return interview", "county lines", "gang", "serious youth violence",
               "grooming", "online harm", "extra-familial")),
    ThemeSpec("placement-stability-sufficiency", "Placement stability and sufficiency",
              ("placement", "placements", "sufficiency", "foster carer", "foster carers", "fostering", "residential",
               "unregistered", "matching", "children's home", "connected carer",
               "kinship", "family and friends carers", "stable homes", "homes that meet",
               "placed outside", "placed at a distance", "placed out of area", "placed with", "family or friends",
               "placement choice", "living arrangements", "homes for children",
               # Reports since 2018 say "home" for a placement: "homes that are stable", "a settled home".
               "stable home", "homes that are stable", "settled home", "too many moves", "placement moves")),
    ThemeSpec("health-of-children-in-care", "Health of children in care",
              ("health assessment", "health assessments", "emotional health", "mental health", "dental",
               "immunisation", "camhs", "strengths and difficulties", "health needs", "mental health services",
               "child and adolescent mental health")),
    ThemeSpec("education-virtual-school", "Education and the virtual school",
              ("virtual school", "personal education plan", "pep", "attainment", "school", "education",
               "missing from education", "missing education", "home educated", "elective home education",
               "part-time timetable", "exclusion", "school attendance", "attendance at school", "poor attendance",
               "absence", "pupils", "educational")),
    ThemeSpec("care-leavers", "Care leavers (education, employment and training; accommodation; pathway plans)",
              ("care leaver", "care leavers", "pathway plan", "leaving care", "personal adviser",
               # The national measure of care leavers ("care leavers in education, employment or training"): their
               # education is theirs, not the virtual school's.
               "care leavers in education", "care leavers who are in education",
               "not in education, employment or training", "neet", "suitable accommodation", "staying put",
               "local offer", "post-21", "staying close", "independent living", "into adulthood", "transition planning",
               "transitions to adult", "transition to adult", "preparing for adulthood", "adult social care")),
    ThemeSpec("voice-participation", "Voice and participation of children",
              ("voice", "wishes and feelings", "participation", "children in care council", "advocacy",
               "direct work", "views of children", "listen", "participate", "children's views",
               "mind of my own")),
    ThemeSpec("partnership-safeguarding-board", "Partnership working and the safeguarding board",
              ("partnership", "partners", "safeguarding board", "lscb", "safeguarding children board",
               "multi-agency", "police", "health partners", "safeguarding partnership", "serious case review",
               "case review", "hscb", "marac", "mappa", "safeguarding practice review", "partner agencies",
               # Reports name the safeguarding board "the Board" once they have introduced it.
               "the board", "joint commissioning", "health and wellbeing board",
               # The board works through sub-groups ("the performance management sub-group").
               "sub-group", "subgroup",
               # Health's statutory safeguarding partner: the clinical commissioning group, then the care board.
               "clinical commissioning group", "ccg", "integrated care board", "icb")),
    ThemeSpec("performance-quality-assurance", "Performance management and quality assurance",
              ("quality assurance", "audit", "audits", "performance management", "performance information",
               "performance data", "data", "self-evaluation", "self-assessment", "performance reports",
               "quality of practice", "learning reviews", "practice standards", "learning organisation",
               "learning organization")),
    ThemeSpec("leadership-corporate-parenting", "Leadership and corporate parenting",
              ("leadership", "leaders", "corporate parent", "corporate parenting", "elected members",
               "chief executive", "director of children's services", "improvement board", "political",
               "senior leaders", "council leaders", "lead member", "investment", "funding", "strategic plan",
               "improvement plan", "improvement journey")),
)


# Phrases that hold a theme's keyword but are about something else: their words count for no theme.
# "In partnership with parents" is social work with a family, not the safeguarding partnership; "parental mental
# health" is the parents', not a child in care's, and adult mental health services are partners; "multi-agency
# attendance" is at a meeting, not at school.
NEUTRAL = ("in partnership with parents", "partnership with parents", "in partnership with families",
           "partnership with families", "parental mental health", "adult mental health", "adult mental health services",
           "multi-agency attendance", "plans to",
           "improvement plans", "action plans", "action planning", "planning to")
# Subjects inspectors write about that no theme of the list covers: a text mostly about one has no theme.
# Allegations against staff go to the local authority designated officer (LADO), a service of its own.
OUTSIDE_THE_LIST = ("private fostering", "privately fostered", "privately fostering", "allegations against",
                    "designated officer", "lado")
# A phrase of more than three words says no more than one of three: "director of children's services" is one
# mention of leadership, not four (measured: capping at three did better than no cap, and as well as two).
MAX_WEIGHT = 3


def suggest_theme(text, themes=THEMES):
    """The slug of the theme whose keywords the text mentions most, or None (see theme_scores)."""
    return best_theme(theme_scores(text, themes), themes)


def best_theme(scores, themes=THEMES):
    """The slug with the highest score (None for OUTSIDE_THE_LIST), or None; on a tie the theme listed first."""
    order = {theme.slug: n for n, theme in enumerate(themes)}
    ranked = sorted((score, -order.get(slug, -1), slug) for slug, score in scores.items() if score)
    return ranked[-1][2] if ranked else None


def theme_scores(text, themes=THEMES):
    """{theme slug (None: a subject outside the list): how much the text says about it}.

    Longer keywords count more (up to MAX_WEIGHT): "management oversight" says more than "data". A stretch of the
    text counts for one theme only, that of the longest keyword found there: "health assessment" is the health of
    children in care, and its "assessment" is not counted again for assessment quality. (Two keywords of the same
    theme on one stretch, "caseload" in "caseloads", both count: measured, it does as well, and keeps a subject
    named in the plural ahead of a phrase that only qualifies it.) A neutral phrase takes its words out of the count (NEUTRAL), and one of the subjects the
    list leaves out (OUTSIDE_THE_LIST) competes as "no theme". On a tie the theme listed first wins.
    (Weighting the first clause, or the first sentence, more and breaking ties by the earliest or the most
    specific mention were measured with bench/classifiers.py and did no better overall, so they are not done.
    Measured again with the 126-row unseen sample: weighting the first sentence's subject, counting a purpose
    clause ("to ensure that ...") for less, or the earliest mention on a tie, each lost items never tuned on.
    Measured a third time on the tuned sample and unseen rounds 1-2 (314 items): the first words of an area for
    improvement counting double (its subject: "The quality of assessments to ..."), a stretch of one theme's
    keywords capped at three, and the earliest mention on a tie each did as well or worse, so words were added
    instead.)
    """
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    found = []  # (start, end, weight, slug or None)
    for slug, keywords in [(None, NEUTRAL + OUTSIDE_THE_LIST), *((theme.slug, theme.keywords) for theme in themes)]:
        for pattern, weight in _patterns(keywords):
            for match in pattern.finditer(lowered):
                neutral = slug is None and match.group(0) in NEUTRAL
                found.append((match.start(), match.end(), 0 if neutral else weight, slug))
    taken, scores = [], {}
    for start, end, weight, slug in sorted(found, key=lambda m: (m[0] - m[1], m[0])):  # longest first
        if any(start < other_end and other_start < end and other != slug for other_start, other_end, other in taken):
            continue
        taken.append((start, end, slug))
        scores[slug] = scores.get(slug, 0) + min(weight, MAX_WEIGHT)
    return scores


@functools.lru_cache(maxsize=256)
def _patterns(keywords):
    # Not after a hyphen either: "agency" (agency staff) is not in "multi-agency".
    return tuple((re.compile(r"(?<![\w-])" + re.escape(keyword)), len(keyword.split())) for keyword in keywords)
