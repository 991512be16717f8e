"""import_corpus: workers read and parse, one writer saves oldest first; the manifest's provenance and warnings."""

import dataclasses
import hashlib

import pytest
from django.core.management import call_command

from inspections.importing.manifest import read_manifest
from inspections.importing.records import ParseError
from inspections.loading.corpus import import_corpus
from inspections.models import Document, Inspection
from tests.national import MANIFEST, REPORTS

pytestmark = pytest.mark.django_db

# Three councils' reports, newest first on purpose: the writer must save them oldest first.
FILES = [REPORTS / "bolton-2023-10-27.pdf", REPORTS / "barnsley-2018-11-19.pdf", REPORTS / "bolton-2014-03-21.pdf"]


@pytest.fixture
def authorities():
    call_command("load_authorities", stdout=None)


def entries():
    return {e.sha256: e for e in read_manifest(MANIFEST).values()}


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_imports_in_workers_and_keeps_each_documents_source_url_and_urn(authorities):
    saved = []
    report = import_corpus(FILES, manifest=entries(), workers=2, on_outcome=lambda path, o: saved.append(path.name))
    assert report.failures == [] and len(report.imported) == 3
    assert saved == ["bolton-2014-03-21.pdf", "barnsley-2018-11-19.pdf", "bolton-2023-10-27.pdf"]
    bolton = Document.objects.get(filename="bolton-2014-03-21.pdf")
    assert bolton.url.startswith("https://files.ofsted.gov.uk/") and bolton.ofsted_urn == "80432"
    assert bolton.authority.ofsted_urn == "80432" and not any(w.startswith("manifest row") for w in bolton.warnings)


def test_a_second_run_reads_nothing_and_changes_nothing(authorities):
    import_corpus(FILES, manifest=entries(), workers=2)
    count = Inspection.history.count()
    again = import_corpus(FILES, manifest=entries(), workers=2)
    assert (again.present, again.imported, again.failures, again.changed) == (3, [], [], 0)
    assert Inspection.history.count() == count


def test_a_disagreement_with_the_manifest_is_a_warning_and_the_documents_reading_is_kept(authorities):
    bolton = FILES[2]
    wrong = dataclasses.replace(entries()[sha(bolton)], ofsted_urn="80482", ofsted_name="leicester")
    import_corpus([bolton], manifest={sha(bolton): wrong}, workers=1)
    document = Document.objects.get(filename=bolton.name)
    assert document.authority.name == "Bolton"
    assert any("URN 80482 (Leicester)" in w and "the document names Bolton" in w for w in document.warnings)


def test_a_document_already_held_gains_the_manifests_url_but_never_loses_a_persons(authorities):
    import_corpus(FILES[:2], workers=1)  # as from a folder with no manifest
    edited = Document.objects.get(filename=FILES[0].name)
    edited.url = "https://example.org/a-person-put-this-here"
    edited.save()
    report = import_corpus(FILES[:2], manifest=entries(), workers=1)
    assert report.provenance_added == 2  # both gain a URN; only the untouched one gains the URL
    kept = Document.objects.get(filename=FILES[0].name)
    assert kept.url == "https://example.org/a-person-put-this-here" and kept.ofsted_urn == "80432"
    assert Document.objects.get(filename=FILES[1].name).url.startswith("https://files.ofsted.gov.uk/")


def test_a_file_that_fails_is_reported_and_the_others_are_saved(authorities, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 this is not really a PDF")
    report = import_corpus([broken, FILES[2]], workers=1)
    assert len(report.imported) == 1 and len(report.failures) == 1
    assert report.failures[0].startswith("broken.pdf: the PDF is damaged")
    assert not Document.objects.filter(filename="broken.pdf").exists()


def test_a_manifest_row_that_does_not_fit_is_named(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(MANIFEST.read_text().splitlines()[0] + "\nreports/x.pdf,1,x,2020-13-01,,,"
                        + "0" * 64 + ",1\n")
    with pytest.raises(ParseError, match=r"manifest.csv, row 2: published '2020-13-01' is not a date"):
        read_manifest(manifest)
    manifest.write_text("file,ofsted_urn\nx,1\n")
    with pytest.raises(ParseError, match=r"row 1: no column 'ofsted_name'"):
        read_manifest(manifest)


def test_a_report_that_prints_no_publication_date_takes_ofsteds_and_says_so(authorities):
    brent = REPORTS / "brent-2026-06-17.pdf"
    import_corpus([brent], manifest=entries(), workers=1)
    document = Document.objects.get(filename=brent.name)
    inspection = document.inspections.get(start_date__year=2026)
    assert (document.published.isoformat(), inspection.published.isoformat()) == ("2026-06-17", "2026-06-17")
    assert "publication date 17 June 2026 from Ofsted's site (manifest row" in " ".join(document.warnings)
    assert inspection.end_date.isoformat() == "2026-05-01"  # the dates on site are still the document's own
