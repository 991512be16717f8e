"""Reading a file into pages of text, with a clear reason when it cannot be read.

PDFs are read with pypdfium2: on the 22 reports in ../shared/data/reports it extracts the same text as
pypdf and pdfplumber about ten times faster (see bench/import_reports.py). Text files (such as the
seeds, which a PDF-to-text tool produced) must be UTF-8; a form feed separates pages where present.
Word documents (.docx) are read by readers.docx.

Every read goes through the reading limits (readers/limits.py): the whole reading of a file runs in a child
process with bounded memory, CPU and time, and pages, expanded streams and text are counted against limits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from inspections.importing.readers import docx
from inspections.importing.readers import limits as reading_limits
from inspections.importing.records import ParseError

MAX_BYTES = 20 * 1024 * 1024
# A page with fewer characters than this is taken as having no text layer (a scanned image).
MIN_TEXT_PER_PAGE = 40


@dataclass
class SourceText:
    filename: str
    data: bytes
    pages: list[str]
    is_pdf: bool

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()

    @property
    def text(self):
        return "\n\f".join(self.pages)


def read_path(path, max_bytes=MAX_BYTES, limits=None):
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise ParseError(f"{path.name}: the file is {size / 1024 / 1024:.0f} MB; the limit is {max_bytes // 1024 // 1024} MB")
    return read_bytes(path.name, path.read_bytes(), max_bytes=max_bytes, limits=limits)


def read_bytes(filename, data, max_bytes=MAX_BYTES, limits=None):
    """The file's pages, read under the reading limits (from the environment unless given)."""
    limits = limits or reading_limits.current()
    if len(data) > max_bytes:
        raise ParseError(f"{filename}: the file is {len(data) / 1024 / 1024:.0f} MB; the limit is {max_bytes // 1024 // 1024} MB")
    pages, is_pdf = reading_limits.run_limited(filename, _read_pages, filename, data, max_bytes, limits, limits=limits)
    return SourceText(filename, data, pages, is_pdf=is_pdf)


def _read_pages(filename, data, max_bytes, limits):
    """(pages, is_pdf): the reading itself, which read_bytes runs under the limits."""
    reading_limits.check_archive(filename, data, limits)
    source = _read(filename, data, max_bytes, limits)
    reading_limits.check_text(filename, source.pages, limits)
    return source.pages, source.is_pdf


def _read(filename, data, max_bytes=MAX_BYTES, limits=None):
    if not data.strip():
        raise ParseError(f"{filename}: the file is empty")
    if len(data) > max_bytes:
        raise ParseError(f"{filename}: the file is {len(data) / 1024 / 1024:.0f} MB; the limit is {max_bytes // 1024 // 1024} MB")
    if data.lstrip()[:5] == b"%PDF-":
        return SourceText(filename, data, _pdf_pages(filename, data, limits), is_pdf=True)
    if docx.is_word(filename, data):
        return SourceText(filename, data, docx.docx_pages(filename, data), is_pdf=False)
    if filename.lower().endswith(".pdf"):
        raise ParseError(f"{filename}: the file is named .pdf but is not a PDF (it does not start with %PDF-)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"{filename}: the text is not UTF-8 (byte {error.start} is 0x{data[error.start]:02x}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise ParseError(f"{filename}: the file is binary, not text or PDF")
    return SourceText(filename, data, text.replace("\r\n", "\n").split("\f"), is_pdf=False)


def _pdf_pages(filename, data, limits):
    reading_limits.check_expanded(filename, data, limits)
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        reason = str(error)
        if "password" in reason.lower():
            raise ParseError(f"{filename}: the PDF is encrypted with a password") from None
        raise ParseError(f"{filename}: the PDF is damaged and cannot be read ({reason})") from None
    try:
        pages = []
        reading_limits.check_pages(filename, len(pdf), limits)
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
    except pypdfium2.PdfiumError as error:
        raise ParseError(f"{filename}: the PDF is damaged and cannot be read ({error})") from None
    finally:
        pdf.close()
    if not pages:
        raise ParseError(f"{filename}: the PDF has no pages")
    if sum(len(page.strip()) for page in pages) < MIN_TEXT_PER_PAGE * len(pages):
        raise ParseError(f"{filename}: the PDF has no text layer (a scanned image?); it needs OCR before import")
    return pages
