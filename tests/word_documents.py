"""Word documents built at test time from the real seeds' text, as a council would have written them.

Nothing of the seeds' prose is committed: the .docx is made in the test from the seed file. Each blank-line
separated block of the text becomes a paragraph (its lines kept with Word's line breaks), a short title-like
line a heading, and a "- " line a bulleted list paragraph.
"""

import io
import re

import docx

from tests.conftest import seed_path

BULLET_LINE = re.compile(r"^\s*[-\u2022]\s+")


def word_document(text):
    """The bytes of a .docx holding this text."""
    document = docx.Document()
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and _title_like(lines[0]):
            document.add_heading(lines[0].strip(), level=2)
            continue
        paragraph = None
        for line in lines:
            if BULLET_LINE.match(line):
                document.add_paragraph(BULLET_LINE.sub("", line), style="List Bullet")
                paragraph = None
            elif paragraph is None:
                paragraph = document.add_paragraph(line)
            else:
                paragraph.add_run().add_break()
                paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_word_document(prefix="003"):
    """The seed self-evaluation (by default Leicestershire's of February 2018) as a .docx."""
    return word_document(seed_path(prefix).read_text(encoding="utf-8"))


def _title_like(line):
    words = line.split()
    return 0 < len(words) <= 12 and line.strip()[:1].isupper() and not line.rstrip().endswith((".", "?", "!", ";", ","))
