"""Turning Ofsted documents into records: plain Python, no database.

- records.py: what every parser returns (DocumentRecord and its facts, ParseError).
- detect.py: names a document's family from its content and parses it with that family.
- families/: one package per document family (slac, lac, sif, ilacs, monitoring, focused, jtai, self_evaluation),
  each with detect(head) and parse(pages, filename). A family's reading stays inside its own package.
- readers/: what every family shares (text, dates and lines, paragraphs, judgement tables, letter headings,
  cited grades, subjects). Readers never import a family.
- statistics/: Ofsted's and the DfE's statistics files and the authority lookups.

inspections/loading/ (outside this package) saves records through the ORM.
"""
