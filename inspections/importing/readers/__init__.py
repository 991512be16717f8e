"""The readers every family shares: text, dates and lines, paragraphs, judgement tables, letter headings, cited grades, subjects. They never import a family."""
