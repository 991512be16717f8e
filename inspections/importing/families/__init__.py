"""One package per document family, each with detect(head) and parse(pages, filename)."""
