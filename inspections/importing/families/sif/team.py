"""The inspection team of a SIF report: the lead first, then the deputy, team and shadow inspectors.

The block sits under "The inspection team", one role to a line ("Lead inspector: Jane Smith HMI", "Team
inspectors: A B (HMI), C D (OI) and E F"), names broken over lines, each with a grade of inspector in many
spellings ("(Associate Inspector)", ", Her Majesty's Inspector", "Senior HMI", "HMI designate"). The data
analyst and quality assurance manager that follow are not inspectors; a paragraph after the block (a second
visit, say) ends it. A name that appears twice is kept once, where it first appears.
"""

from __future__ import annotations

import re

# A role's label: a capitalised word, then lower-case ones, ending in a role noun ("Deputy lead inspector:",
# "Quality assurance manager:", "Lead inspector on site:"), so a name before it on the same line stays a name.
_LABEL_RE = re.compile(
    r"([A-Z][a-z]+(?:\s+(?:[a-z]+|Lead)){0,3}?\s*(?:inspectors?|authors?|analysts?|managers?|officers?)"
    r"(?:\s+on\s+site)?)\s*:"
)
_LINE = " | "  # where the block's lines were joined: a name may end there without a comma
_START_RE = re.compile(r"^Lead inspector[^:]{0,12}:", re.I)
# Roles whose names are the inspection team; every other label (data analyst, quality assurance manager,
# report author's editor ...) ends the team.
_TEAM_LABEL_RE = re.compile(r"inspectors?\b|report author", re.I)
# Words that say what grade of inspector someone is, never part of a name.
ROLE_WORDS = frozenset(
    "hmi hmis shmi senior her majesty's majestys inspector inspectors ofsted oi ai additional associate contracted "
    "seconded regulatory inspection manager managers designate desigate deputy lead team shadow social care "
    "on site local authority national n/a designated scri dr mr mrs ms".split()
)
_PARTICLES = frozenset("de del der van von le la du di da".split())
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z]|[dO]'[A-Z]|Mc[A-Z])[\w'\-.]*$")
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z']+\b")
_NOT_PROSE = {"and"} | _PARTICLES | ROLE_WORDS


def read_team(lines):
    """Inspectors' names in order, from [(page, line)]; [] when the report has no team block."""
    start = next((i for i, (_, line) in enumerate(lines) if _START_RE.match(line)), None)
    if start is None:
        return []
    page = lines[start][0]
    block = []
    for line_page, line in lines[start:]:
        label = _LABEL_RE.match(line)
        if line_page != page or (label and not _TEAM_LABEL_RE.search(label.group(1))) or _is_prose(line):
            break
        block.append(line)
    return _unique(_names(_join(block)))


def is_name(name):
    """A person's name: two to four words, each capitalised (or a particle such as 'de'), no role word."""
    tokens = name.split()
    return 2 <= len(tokens) <= 4 and all(
        _NAME_TOKEN_RE.match(token) or token in _PARTICLES for token in tokens
    ) and not any(token.lower().strip(",.") in ROLE_WORDS for token in tokens)


def _is_prose(line):
    """A sentence of the report, not a list of names: several lower-case words that are not role words."""
    words = _LOWER_WORD_RE.findall(re.sub(r"\([^)]*\)", " ", line))
    return sum(word not in _NOT_PROSE for word in words) >= 3


def _join(block):
    """The block's lines as one text; a name broken after a hyphen or "O'" is joined up again."""
    text = _LINE.join(block)
    return re.sub(r"(?<=[A-Za-z][-'])\s*\|\s*|(?<=[a-z]-)\s+(?=[A-Z])", "", text)


def _names(text):
    text = re.sub(r"\s*\([^)]*\)\s*(?=:)", "", text)  # "Team inspectors (all HMI unless stated):"
    text = re.sub(r"\([^)]*\)?", " , ", text)  # "(HMI)" parts two names printed without a comma
    parts = _LABEL_RE.split(text)
    names = []
    # parts alternate: text before the first label, then label, content, label, content ...
    for label, content in zip(parts[1::2], parts[2::2]):
        if not _TEAM_LABEL_RE.search(label):
            break
        for chunk in re.split(r"[;,&/]|\band\b|\.\s", content):
            names.extend(_rejoin([name for piece in chunk.split("|") for name in _names_in(piece, single=True)]))
    return [name for name in names if is_name(name)]


def _names_in(chunk, single=False):
    """The names in a chunk once role words are taken out: "HMI Susan Myers", "Jo Bloggs Senior HMI"."""
    out, run = [], []
    for token in chunk.replace("\u2019", "'").split() + ["hmi"]:
        if token.lower().strip(",.") in ROLE_WORDS:
            if run:
                out.append(" ".join(run))
            run = []
        else:
            run.append(token.strip(",."))
    return [name for name in out if is_name(name) or (single and len(name.split()) == 1 and is_name(name + " X"))]


def _rejoin(names):
    """A name broken over two lines ("Ralph" / "Trevelyan-Butler") comes back as one."""
    out = []
    for name in names:
        if out and (len(out[-1].split()) == 1 or len(name.split()) == 1):
            out[-1] = f"{out[-1]} {name}"
        else:
            out.append(name)
    return out


def _unique(names):
    seen, out = set(), []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out
