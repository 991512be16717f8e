"""Every kind of bad input gets one clear line naming the file, a non-zero exit, and an unchanged database."""

import io
import shutil

import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.models import Authority, Document, Inspection, Judgement
from tests.conftest import REPORTS, seed_path


@pytest.fixture
def leicester(db):
    return Authority.objects.create(name="Leicester", ons_code="E06000016", kind="unitary")


def blank_pdf(pages=2, password=None):
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def run_import(*paths):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_report", *map(str, paths), stdout=out, stderr=err)
    return str(raised.value), err.getvalue()


def database_counts():
    return (Document.objects.count(), Inspection.objects.count(), Judgement.objects.count())


BAD_FILES = {
    "empty.pdf": (b"", "the file is empty"),
    "letter.pdf": (b"Dear Ms Craven, this is a Word file saved as .pdf", "is not a PDF"),
    "corrupt.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref", "damaged"),
    "latin1.txt": ("Inspection of services: caf\u00e9 r\u00e9sum\u00e9".encode("latin-1"), "not UTF-8"),
    "shopping.txt": (
        b"A list of things to buy this week: bread, milk, and apples for the children's party.\n" * 5,
        "not a document this importer knows",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_it_rejects_a_bad_file_with_one_clear_line(tmp_path, leicester, name):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = database_counts()
    message, err = run_import(path)
    assert name in err and reason in err
    assert "1 of 1 file(s) failed" in message
    assert database_counts() == before


def test_it_rejects_an_encrypted_pdf(tmp_path, leicester):
    path = tmp_path / "locked.pdf"
    path.write_bytes(blank_pdf(password="secret"))
    message, err = run_import(path)
    assert "locked.pdf: the PDF is encrypted with a password" in err
    assert Document.objects.count() == 0


def test_it_rejects_a_scanned_pdf_without_a_text_layer(tmp_path, leicester):
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf(pages=3))
    message, err = run_import(path)
    assert "scan.pdf: the PDF has no text layer" in err
    assert Document.objects.count() == 0


def test_it_rejects_a_50_mb_file_before_reading_it(tmp_path, leicester):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(50 * 1024 * 1024)
    message, err = run_import(path)
    assert "huge.pdf: the file is 50 MB; the limit is 20 MB" in err


def test_it_rejects_a_report_about_an_authority_it_does_not_know(tmp_path, leicester):
    path = tmp_path / "leeds-2022.pdf"
    shutil.copy(REPORTS / "leeds-2022-05-09.pdf", path)
    message, err = run_import(path)
    assert "leeds-2022.pdf: authority not found: 'Leeds'" in err
    assert database_counts() == (0, 0, 0)


def test_a_folder_import_carries_on_past_a_bad_file(tmp_path, leicester):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    shutil.copy(seed_path("004"), tmp_path / "b-letter.txt")
    message, err = run_import(tmp_path)
    assert "a-empty.txt: the file is empty" in err
    assert "1 of 2 file(s) failed" in message
    visit = Inspection.objects.get(kind="monitoring_visit")
    assert visit.kind == "monitoring_visit" and visit.authority == leicester


def test_an_unforeseen_error_in_one_file_is_reported_and_the_folder_carries_on(tmp_path, leicester, monkeypatch):
    from inspections.importing import batch as files  # fewer than four files are read in this process

    real = files.parse_document

    def fragile(pages, filename=""):
        if filename.startswith("a-"):
            raise RuntimeError("a table the parser never met")
        return real(pages, filename)

    monkeypatch.setattr(files, "parse_document", fragile)
    shutil.copy(seed_path("004"), tmp_path / "a-letter.txt")
    # Another file, not a byte-for-byte copy (two copies of one file are one document).
    (tmp_path / "b-letter.txt").write_text(seed_path("004").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    message, err = run_import(tmp_path)
    assert "a-letter.txt: could not be read (RuntimeError: a table the parser never met)" in err
    assert "1 of 2 file(s) failed" in message
    assert Inspection.objects.filter(kind="monitoring_visit").count() == 1


def test_a_dry_run_still_prints_what_it_read_of_a_report_whose_authority_is_unknown(tmp_path, leicester):
    import json

    path = tmp_path / "leeds-2022.pdf"
    shutil.copy(REPORTS / "leeds-2022-05-09.pdf", path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_report", str(path), "--dry-run", "--format", "json", stdout=out, stderr=err)
    printed = json.loads(out.getvalue())
    assert (printed["authority"], printed["ons_code"], printed["start_date"]) == ("Leeds", None, "2022-02-21")
    assert any("authority not found" in warning for warning in printed["warnings"])
    assert "leeds-2022.pdf: authority not found" in err.getvalue()
