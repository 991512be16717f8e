"""Reading Word documents (inspections.importing.readers.docx), through read_bytes and read_path as any
document is read: the seed self-evaluation written as a .docx reads as its text does; bad files are named."""

import io
import zipfile

import docx
import pytest

from inspections.importing.families import self_evaluation
from inspections.importing.readers import docx as docx_reader
from inspections.importing.readers.text import read_bytes, read_path
from inspections.importing.records import ParseError
from tests.conftest import seed_path
from tests.word_documents import seed_word_document, word_document


def claims_of(source, filename):
    record = self_evaluation.parse(source.pages, filename)
    return record, [(c.source_ref, c.text, c.kind, c.theme, c.figure, c.unit) for c in record.claims]


def test_the_seed_self_evaluation_as_word_gives_the_same_claims_and_references_as_its_text():
    from_word, word_claims = claims_of(read_bytes("self-evaluation.docx", seed_word_document("003")), "self-evaluation.docx")
    from_text, text_claims = claims_of(read_path(seed_path("003")), "003.txt")
    assert len(word_claims) == len(text_claims) > 40
    assert word_claims == text_claims
    assert (from_word.authority, from_word.published, from_word.title) == (from_text.authority, from_text.published, from_text.title)
    # A claim under a heading is referenced by its section and paragraph, as in the text.
    assert any(ref.startswith("First Response, paragraph") for ref, *_ in word_claims)


def test_a_word_document_is_read_from_a_path_too(tmp_path):
    path = tmp_path / "Leicestershire SEF.docx"
    path.write_bytes(seed_word_document("003"))
    source = read_path(path)
    assert not source.is_pdf and source.filename == "Leicestershire SEF.docx"
    assert "Leicestershire County Council" in source.pages[0]


def structured_document():
    document = docx.Document()
    document.add_heading("Children in Care", level=1)
    document.add_paragraph("Placement stability has improved this year.")
    document.add_paragraph("Visits are timely", style="List Bullet")
    document.add_paragraph("Plans are reviewed", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Measure", "2017"
    table.cell(1, 0).text, table.cell(1, 1).text = "Children in care", "544"
    document.add_page_break()
    document.add_heading("Care Leavers", level=1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_headings_list_items_tables_and_page_breaks_are_kept():
    pages = read_bytes("structure.docx", structured_document()).pages
    assert len(pages) == 2
    blocks = pages[0].strip().split("\n\n")
    assert blocks == [
        "Children in Care", "Placement stability has improved this year.", "\u2022 Visits are timely",
        "\u2022 Plans are reviewed", "Measure | 2017", "Children in care | 544",
    ]
    assert pages[1].strip() == "Care Leavers"


def test_a_line_break_inside_a_paragraph_stays_one_paragraph():
    pages = read_bytes("lines.docx", word_document("First line\nsecond line of the same paragraph.")).pages
    assert pages[0].strip() == "First line\nsecond line of the same paragraph."


def test_a_file_named_docx_that_is_not_one_is_refused():
    with pytest.raises(ParseError, match=r"^notes\.docx: .*not a \.docx \(it is not a zip archive\)"):
        read_bytes("notes.docx", b"This is plain text pretending to be Word.")


def zipped(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_that_is_not_a_word_document_is_refused():
    with pytest.raises(ParseError, match=r"^figures\.docx: the file is a zip archive but not a Word document \(no word/document\.xml"):
        read_bytes("figures.docx", zipped({"xl/workbook.xml": "<workbook/>"}))


def test_a_damaged_word_document_is_refused():
    with pytest.raises(ParseError, match=r"^broken\.docx: the Word document is damaged"):
        read_bytes("broken.docx", zipped({"word/document.xml": "<not-closed"}))
    with pytest.raises(ParseError, match=r"^cut\.docx: the Word document is damaged"):
        read_bytes("cut.docx", seed_word_document("003")[:5000])


def ole_file(*streams):
    """An OLE compound file's signature and its directory's stream names, as Word writes them."""
    return docx_reader.OLE_MAGIC + b"\x00" * 504 + b"".join(name.encode("utf-16-le") + b"\x00" * 8 for name in streams)


def test_an_encrypted_word_document_is_refused_with_the_reason():
    with pytest.raises(ParseError, match=r"^secret\.docx: the Word document is encrypted with a password"):
        read_bytes("secret.docx", ole_file("EncryptionInfo", "EncryptedPackage"))


def test_an_old_word_document_is_refused_with_the_fix():
    with pytest.raises(ParseError, match=r"^old\.doc: this is an old-format Word document \(\.doc\); save it as \.docx"):
        read_bytes("old.doc", ole_file("WordDocument", "1Table"))


def test_an_empty_word_document_is_refused():
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(ParseError, match=r"^blank\.docx: the Word document has no text"):
        read_bytes("blank.docx", out.getvalue())


def test_a_word_document_without_a_date_is_refused_by_the_parser():
    text = seed_path("003").read_text(encoding="utf-8").replace("February 2018", "").replace("Self-Evaluation 2018", "Self-Evaluation")
    source = read_bytes("undated.docx", word_document(text))
    with pytest.raises(ParseError, match=r"^undated\.docx: could not find the document's date"):
        self_evaluation.parse(source.pages, "undated.docx")


def test_a_word_document_that_would_unpack_beyond_the_limit_is_refused_before_decompressing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(docx_reader.MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024  # a small file...
    # The reading limits (readers/limits.py) refuse it first, on the expansion any container may reach...
    with pytest.raises(ParseError, match=r"^bomb\.docx: the file's parts expand to 201 MB; the limit is 64 MB"):
        read_bytes("bomb.docx", data)
    # ...and the Word reader's own limit holds behind them, on the declared sizes, before decompressing.
    with pytest.raises(ParseError, match=r"^bomb\.docx: the \.docx would unpack to 201 MB; the limit is 200 MB"):
        docx_reader.docx_pages("bomb.docx", data)


def test_a_word_document_with_too_much_xml_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w") as member:
            member.write(b"<w:document>")
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(docx_reader.MAX_XML_BYTES // len(chunk) + 1):
                member.write(chunk)
    with pytest.raises(ParseError, match=r"^long\.docx: the \.docx holds 51 MB of XML; the limit is 50 MB"):
        read_bytes("long.docx", out.getvalue())


def test_a_macro_enabled_word_document_is_refused_with_the_fix():
    data = io.BytesIO(seed_word_document("003"))
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            target.writestr(member, content)
    with pytest.raises(ParseError, match=r"^macros\.docm: the file is a Word template or macro-enabled document"):
        read_bytes("macros.docm", out.getvalue())
