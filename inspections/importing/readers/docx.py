"""Reading a Word document (.docx) into pages of text, the shape readers.text gives for a text file.

Councils write their self-evaluations in Word. python-docx reads the body in order; each paragraph and each
table row becomes a block of text with a blank line after it, as a text conversion of the document would give,
so the self-evaluation parser finds the same headings, paragraphs and list items (and so the same source
references) as in the text version. List paragraphs get a bullet, since Word keeps the bullet in the
numbering definitions rather than in the text. A hard page break starts a new page.

A .docx is a zip archive: its members' sizes are checked before anything is decompressed, and one that would
unpack beyond MAX_UNPACKED_BYTES is refused. Plain Python: bytes in, pages out, no database.
"""

from __future__ import annotations

import io
import zipfile

from inspections.importing.records import ParseError

ZIP_MAGIC = b"PK\x03\x04"
# Word's encrypted documents and its old .doc format are OLE compound files, not zip archives.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# The XML is parsed into a tree many times its size; images are only held as bytes. A long self-evaluation's
# XML is a few MB.
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 5000
BULLET = "\u2022"
MAIN_PART = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_word(filename, data):
    """Whether these bytes are (or are named as) a Word document, so readers.text hands them here."""
    return data[:4] == ZIP_MAGIC or data[:8] == OLE_MAGIC or filename.lower().endswith((".docx", ".doc", ".docm"))


def docx_pages(filename, data, max_unpacked=MAX_UNPACKED_BYTES):
    """The document's text as pages; raises ParseError naming the file and what was expected."""
    if data[:8] == OLE_MAGIC:
        if ENCRYPTED_MARK in data:
            raise ParseError(f"{filename}: the Word document is encrypted with a password; save it without one")
        raise ParseError(f"{filename}: this is an old-format Word document (.doc); save it as .docx")
    if data[:4] != ZIP_MAGIC:
        raise ParseError(f"{filename}: the file is named as a Word document but is not a .docx (it is not a zip archive)")
    _check_archive(filename, data, max_unpacked)
    import docx  # python-docx; imported here so reading PDFs and text never pays for it

    try:
        document = docx.Document(io.BytesIO(data))
        pages = _pages(document)
    except ParseError:
        raise
    except ValueError as error:
        if "is not a Word file" not in str(error):
            raise ParseError(f"{filename}: the Word document is damaged and cannot be read ({error})") from None
        # A macro-enabled document or a template: python-docx reads only plain documents.
        raise ParseError(f"{filename}: the file is a Word template or macro-enabled document; save it as a plain .docx") from None
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors... on a damaged package
        raise ParseError(f"{filename}: the Word document is damaged and cannot be read ({type(error).__name__}: {error})") from None
    if not any(page.strip() for page in pages):
        raise ParseError(f"{filename}: the Word document has no text")
    return pages


def _check_archive(filename, data, max_unpacked):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ParseError(f"{filename}: the Word document is damaged: not a readable zip archive ({error})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ParseError(f"{filename}: the .docx holds {len(members)} files; the limit is {MAX_MEMBERS}")
        if any(member.flag_bits & 0x1 for member in members):
            raise ParseError(f"{filename}: the Word document is encrypted; save it without a password")
        # zipfile stops each member at its declared size, so the declared sizes bound what is decompressed.
        unpacked = sum(member.file_size for member in members)
        if unpacked > max_unpacked:
            raise ParseError(
                f"{filename}: the .docx would unpack to {unpacked / 1024 / 1024:.0f} MB; the limit is "
                f"{max_unpacked // 1024 // 1024} MB (MAX_UNPACKED_BYTES)"
            )
        xml = sum(member.file_size for member in members if member.filename.endswith((".xml", ".rels")))
        if xml > MAX_XML_BYTES:
            raise ParseError(
                f"{filename}: the .docx holds {xml / 1024 / 1024:.0f} MB of XML; the limit is "
                f"{MAX_XML_BYTES // 1024 // 1024} MB (MAX_XML_BYTES)"
            )
        if MAIN_PART not in archive.namelist():
            raise ParseError(f"{filename}: the file is a zip archive but not a Word document (no {MAIN_PART} in it)")


def _pages(document):
    from docx.table import Table

    pages, blocks = [], []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item))
            continue
        if item._p.pPr is not None and item._p.pPr.find(f"{W}pageBreakBefore") is not None and blocks:
            pages.append(blocks)
            blocks = []
        text = item.text.strip("\n")
        if text.strip():
            blocks.append(f"{BULLET} {text.strip()}" if _is_list(item) else text)
        if item._p.xpath('.//w:br[@w:type="page"]') and blocks:
            pages.append(blocks)
            blocks = []
    pages.append(blocks)
    return ["\n\n".join(page) + "\n" for page in pages]


def _is_list(paragraph):
    """A bulleted or numbered paragraph: Word's numbering on the paragraph, or a list style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith("List")


def _table_rows(table):
    """Each row as one block, its distinct cells joined (a merged cell repeats in python-docx)."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
