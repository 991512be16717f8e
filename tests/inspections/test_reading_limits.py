"""Bad files cost little: a document is read in a child process under limits, and the two bombs of issue 10
are refused quickly, with a message naming the limit, while the importing process's memory stays where it was."""

import io
import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from inspections.importing.readers import limits as reading_limits
from inspections.importing.readers.limits import ReadingLimits, run_limited
from inspections.importing.readers.text import read_bytes, read_path
from inspections.importing.records import ParseError
from inspections.models import Document
from tests.conftest import REPORTS
from tests.inspections.bombs import flate_bomb, page_reference_bomb, zeros_deflated


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def refused(data, name="bomb.pdf", limits=None):
    started = time.monotonic()
    with pytest.raises(ParseError) as raised:
        read_bytes(name, data, limits=limits)
    return str(raised.value), time.monotonic() - started


def test_the_bombs_are_what_the_issue_describes():
    assert 12_000 < len(page_reference_bomb()) < 13_500
    assert page_reference_bomb().count(b"3 0 R") == 1000 + 1 and page_reference_bomb().count(b"4 0 R") == 1000  # (+ a parent)
    bomb = flate_bomb()
    assert len(bomb) < 6 * 1024 * 1024
    assert b"/Filter /FlateDecode" in bomb
    # The stream maker is exact: a small one inflates to the zeros it claims.
    import zlib
    assert zlib.decompress(zeros_deflated(4 << 20)) == bytes(4 << 20)


def test_a_million_page_references_are_refused_at_once():
    before = peak_mb()
    message, seconds = refused(page_reference_bomb())
    assert message == "bomb.pdf: the PDF has 1,000,000 page references; the limit is 300 pages"
    assert seconds < 10
    assert peak_mb() - before < 50


def test_a_stream_expanding_to_5_gb_is_refused_with_memory_bounded():
    before = peak_mb()
    message, seconds = refused(flate_bomb())
    assert message == "bomb.pdf: the PDF's streams expand to more than 64 MB; the limit is 64 MB"
    assert seconds < 10
    assert peak_mb() - before < 50  # the inflating happened in the child, which kept nothing


def test_without_the_expansion_check_the_cpu_limit_still_stops_the_reader():
    limits = ReadingLimits(expanded_bytes=10 ** 12, cpu_seconds=1, wall_seconds=30)
    before = peak_mb()
    message, seconds = refused(flate_bomb(), limits=limits)
    assert message == "bomb.pdf: reading took more than 1 s of CPU time; the limit is 1 s"
    assert peak_mb() - before < 50
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert children < before + limits.memory_bytes / 1024 / 1024 + 50  # the child's memory was bounded too


def test_memory_beyond_the_limit_is_refused():
    def greedy():
        return len(bytearray(512 * 1024 * 1024))

    with pytest.raises(ParseError, match=r"^big.pdf: reading needed more than 64 MB of memory; the limit is 64 MB$"):
        run_limited("big.pdf", greedy, limits=ReadingLimits(memory_bytes=64 * 1024 * 1024))


def test_a_reader_that_never_finishes_is_stopped_by_the_clock():
    def sleeper():
        time.sleep(60)

    started = time.monotonic()
    with pytest.raises(ParseError, match=r"^slow.pdf: reading took longer than 1 s; the limit is 1 s$"):
        run_limited("slow.pdf", sleeper, limits=ReadingLimits(wall_seconds=1))
    assert time.monotonic() - started < 10


def test_page_and_text_limits_name_the_file_and_the_limit():
    report = REPORTS / "leicester-2019-02-14-focused-visit.pdf"
    pages = len(read_path(report).pages)
    with pytest.raises(ParseError, match=rf"^{report.name}: the PDF has {pages} page references; the limit is 2 pages$"):
        read_path(report, limits=ReadingLimits(pages=2))
    with pytest.raises(ParseError, match=r"the text has [\d,]+ characters; the limit is 1,000 characters$"):
        read_path(report, limits=ReadingLimits(text_characters=1000))


def test_a_real_report_reads_the_same_in_the_child_as_in_the_process():
    report = REPORTS / "leicester-2019-02-14-focused-visit.pdf"
    assert read_path(report).pages == read_path(report, limits=ReadingLimits(in_child=False)).pages


def test_limits_come_from_the_environment():
    limits = ReadingLimits.from_environment({"READING_MAX_PAGES": "40", "READING_MAX_MEMORY_MB": "128",
                                             "READING_MAX_CPU_SECONDS": "5", "READING_MAX_EXPANDED_MB": "32"})
    assert (limits.pages, limits.memory_bytes, limits.cpu_seconds, limits.expanded_bytes) == (40, 128 << 20, 5, 32 << 20)
    assert ReadingLimits.from_environment({}) == ReadingLimits()
    with pytest.raises(ValueError, match="READING_MAX_PAGES='many' is not a number"):
        ReadingLimits.from_environment({"READING_MAX_PAGES": "many"})


def test_the_reading_limits_come_from_the_environment_by_default(monkeypatch):
    monkeypatch.setenv("READING_MAX_PAGES", "1")
    assert reading_limits.current().pages == 1
    message, _ = refused((REPORTS / "leicester-2019-02-14-focused-visit.pdf").read_bytes(), "letter.pdf")
    assert message.endswith("; the limit is 1 pages")


@pytest.mark.django_db
def test_import_report_refuses_both_bombs_and_writes_nothing(tmp_path):
    (tmp_path / "pages.pdf").write_bytes(page_reference_bomb())
    (tmp_path / "stream.pdf").write_bytes(flate_bomb())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_report", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "pages.pdf: the PDF has 1,000,000 page references; the limit is 300 pages" in err.getvalue()
    assert "stream.pdf: the PDF's streams expand to more than 64 MB; the limit is 64 MB" in err.getvalue()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_the_admin_upload_refuses_both_bombs(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.com", "a-long-test-password"))
    files = [SimpleUploadedFile("pages.pdf", page_reference_bomb(), content_type="application/pdf"),
             SimpleUploadedFile("stream.pdf", flate_bomb(), content_type="application/pdf")]
    response = client.post(reverse("inspections_import_reports"), {"files": files})
    assert response.context["failures"] == [
        "pages.pdf: the PDF has 1,000,000 page references; the limit is 300 pages",
        "stream.pdf: the PDF's streams expand to more than 64 MB; the limit is 64 MB",
    ]
    assert response.context["previews"] == [] and Document.objects.count() == 0


def test_a_zip_container_that_expands_beyond_the_limit_is_refused():
    """A .docx is a zip: its parts may declare gigabytes (a zip bomb), refused before any is inflated."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"word/part{n}.xml", bytes(32 * 1024 * 1024))
    message, seconds = refused(out.getvalue(), "claims.docx")
    assert message == "claims.docx: the file's parts expand to 96 MB; the limit is 64 MB"


def test_workers_contain_a_bomb_and_read_the_other_files(tmp_path, monkeypatch):
    """Batch workers limit themselves (no child per file); a worker that a bomb takes past its CPU limit is ended,
    and the files it had not finished are read again, each in a limited child, so the culprit is named."""
    from inspections.importing.batch import parse_files

    monkeypatch.setenv("READING_MAX_EXPANDED_MB", "100000")  # let the bomb past the precise check
    monkeypatch.setenv("READING_MAX_CPU_SECONDS", "2")
    (tmp_path / "stream.pdf").write_bytes(flate_bomb())
    (tmp_path / "pages.pdf").write_bytes(page_reference_bomb())
    reports = sorted(REPORTS.glob("leicester*.pdf"))[:4]
    jobs = [(path, 20 * 1024 * 1024, "") for path in [*reports, tmp_path / "stream.pdf", tmp_path / "pages.pdf"]]
    parsed = {item.path.name: item for item in parse_files(jobs, workers=2)}
    assert parsed["stream.pdf"].error == "stream.pdf: reading took more than 2 s of CPU time; the limit is 2 s"
    assert parsed["pages.pdf"].error == "pages.pdf: the PDF has 1,000,000 page references; the limit is 300 pages"
    for report in reports:
        assert parsed[report.name].error == "" and parsed[report.name].record is not None
        assert parsed[report.name].pages == read_path(report).pages
