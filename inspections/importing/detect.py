"""Naming a document's family from its content, and parsing it with that family's parser."""

from __future__ import annotations

from inspections.importing.families import focused, ilacs, jtai, lac, monitoring, self_evaluation, sif, slac
from inspections.importing.readers.common import normalise
from inspections.importing.records import DocumentRecord, ParseError

# Most specific first: a follow-up is told from a full 2009-12 inspection inside slac; letters before reports,
# since reports mention visits; JTAI letters before visit letters, since they mention earlier visits ("the focused
# visit to ... in 2019"); SIF before ILACS, since a SIF cover is told by its title under the council's name while a
# SIF report may cite an earlier "inspection of ... children's services" on its second page; the council's own
# self-evaluation last, since Ofsted documents are ruled out first.
FAMILIES = (jtai, monitoring, focused, sif, ilacs, lac, slac, self_evaluation)

KNOWN_KINDS = (
    "a 2009-12 safeguarding and looked after children inspection or follow-up, a 2012-13 looked after children "
    "inspection, a SIF or ILACS report (or a SIF review of a safeguarding children board), a monitoring or "
    "focused visit letter, a joint targeted area inspection letter, or a council self-evaluation"
)


def family_of(pages, filename=""):
    """The parser module for these pages; ParseError if none recognises them."""
    head = normalise(" ".join(pages[:2]))
    for family in FAMILIES:
        if family.detect(head):
            return family
    first_words = " ".join(head.split()[:12])
    raise ParseError(
        f"{filename}: not a document this importer knows (expected {KNOWN_KINDS}); it begins: {first_words!r}"
    )


def parse_document(pages, filename="") -> DocumentRecord:
    record = family_of(pages, filename).parse(pages, filename)
    if not record.authority:
        raise ParseError(f"{filename}: could not find the authority's name")
    return record
