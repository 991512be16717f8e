"""Who a JTAI letter is addressed to: the area's council, and the partner agencies, as the letter names them.

A JTAI letter goes to the leaders of the local safeguarding partnership, one per line between the letter's date
and the salutation: "Name, Role, Organisation" ("Lauren Poultney, Chief Constable, South Yorkshire Police"),
sometimes "Name, Role of Organisation" ("Steve Ashman, Chief Constable of Northumbria police force"). Long lines
wrap. The council is the authority inspected; the police force, the health bodies, probation and youth justice
services and the safeguarding board are the partners. Plain Python.
"""

from __future__ import annotations

import re

from inspections.importing.readers.common import DATE_RE, normalise

SALUTATION_RE = re.compile(r"^\s*Dear\b")
# A new addressee starts with a person's name (two or more words) and a comma: "Jean Imray, Independent
# Scrutineer", "Cressida Dick DBE QPM, Commissioner". A wrapped line ("Council", "Services, Southend-on-Sea
# Borough Council", "Point & Rochford CCG") does not.
NEW_ADDRESSEE_RE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[\w'’.()-]+){1,6}\s*,")
# The role before an organisation, where one part gives both: "Chief Officer CCG", "Chair of South Tyneside LSCB",
# "Head of Youth Offending Service".
ROLE_RE = re.compile(
    r"^(?:(?:Interim|Deputy|Acting|Executive|Managing|Chief|Accountable|Independent|Divisional|Statutory|Senior|"
    r"Assistant|Lead|Strategic|Corporate|Regional|Area|Operational)\s+)*"
    r"(?:Director|Officer|Executive|Chair|Chairman|Chairperson|Head|Manager|Constable|Nurse|CEO|Commissioner|Lead|"
    r"Leader|Scrutineer|Superintendent)\b(?:\s*\([^)]*\))?\s*(?:of|for|,)?\s*",
    re.I,
)
COUNCIL_RE = re.compile(r"^(?:the\s+)?(?:(?:London|Royal) Borough of\s+\S.*|.*\S\s+Council|Council of the\s+\S.*|"
                        r"City of London Corporation)$")
# Partner organisations by the words their names end with; the match runs from the start of the part.
PARTNER_RES = (
    re.compile(r"^(?!.*Commissioner)\S.*?\s(?:Police|Constabulary|police force|Police Service|Police Force)$"),
    re.compile(r"^.*?\b(?:Clinical Commissioning Groups?|CCGs?|Integrated Care Boards?|ICB|Foundation Trust|NHS Trust|"
               r"Health(?:care)? Trust|Health Board|NHS England)$"),
    re.compile(r"^.*?\b(?:Probation Service|Community Rehabilitation Company|Youth (?:Offending|Justice) (?:Service|Team)|"
               r"Probation Trust)\b"),
    re.compile(r"^.*?\b(?:LSCB|Safeguarding Children(?:'s)? (?:Board|Partnership)|Safeguarding Partnership)$"),
    re.compile(r"^.*?\bChildren(?:'s)? (?:Services )?Trust$"),  # a trust running the council's services
)
# A bare place before a council part is the start of its name: "Bournemouth, Christchurch and Poole Council"
# (not a service's name: "Children's Services, Telford and Wrekin Council").
PLACE_PART_RE = re.compile(r"^(?!.*\b(?:Services?|Department|Directorate|People|Care|Health)\b)[A-Z][\w'-]+(?: [A-Z][\w'-]+)?$")


def addressee_lines(pages):
    """The addressees, one a line (wrapped lines joined), from the first page's lines before the salutation."""
    lines = []
    for raw in pages[0].split("\n") if pages else []:
        line = normalise(raw.replace("\ufffe", "-"))
        if SALUTATION_RE.match(line):
            return lines
        if not line or line.isdigit() or (DATE_RE.fullmatch(line)):
            continue
        if lines and not NEW_ADDRESSEE_RE.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return []  # no salutation on the first page: no addressee block to read


def organisations(line):
    """The organisations an addressee line names, in order: (kind, name), kind "council" or "partner"."""
    found = []
    parts = [p.strip() for p in line.split(",")[1:]]
    for index, part in enumerate(parts):
        name = ROLE_RE.sub("", part, count=1).strip()
        if COUNCIL_RE.match(name):
            before = parts[index - 1] if index else ""
            if " and " in name and PLACE_PART_RE.match(before) and not ROLE_RE.match(before):
                name = f"{before}, {name}"
            found.append(("council", re.sub(r"^the\s+", "", name)))
            continue
        match = next((m for m in (r.match(name) for r in PARTNER_RES) if m), None)
        if match:
            found.append(("partner", match.group(0).strip()))
    return found


def council_and_partners(lines):
    """(the council, every council named, every organisation named in order: councils and partners) from the
    addressee lines. The council is the one on the line of the director of children's services, else the first
    named; "" if none is."""
    councils, named = [], []
    for line in lines:
        for kind, name in organisations(line):
            if name.lower() not in {n.lower() for n in named}:
                named.append(name)
                if kind == "council":
                    councils.append(name)
    council = next(
        (name for line in lines if re.search(r"children['’]s services", line, re.I)
         for kind, name in organisations(line) if kind == "council"),
        councils[0] if councils else "",
    )
    return council, councils, named
