"""Benchmark: import the 22 report PDFs and 5 seeds into a fresh database.

    .venv/bin/python bench/import_reports.py

Prints seconds per document (text extraction, parsing, saving), totals and peak memory, and compares
pypdfium2 (which the importer uses) with pypdf on text extraction. Target: under 1 s per PDF on one core.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-import-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ["DJANGO_MEDIA_ROOT"] = f"{workdir}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from inspections.importing.detect import parse_document  # noqa: E402
from inspections.importing.readers.text import read_path  # noqa: E402
from inspections.loading.files import examine, save  # noqa: E402


def main():
    shared = Path(settings.SHARED_DATA_DIR)
    files = sorted((shared / "data" / "reports").glob("*.pdf")) + sorted((shared / "seeds").glob("*.txt"))
    call_command("migrate", verbosity=0)
    call_command("load_authorities", stdout=open(os.devnull, "w"))
    call_command("load_ofsted_outcomes", stdout=open(os.devnull, "w"))

    examined, rows = [], []
    for path in files:
        t0 = time.perf_counter()
        source = read_path(path)
        t1 = time.perf_counter()
        parse_document(source.pages, source.filename)
        t2 = time.perf_counter()
        examined.append((path, examine(path)))
        rows.append([path.name, len(source.pages), t1 - t0, t2 - t1])
    examined.sort(key=lambda item: (item[1].record.start_date or item[1].record.published).first_day())
    saving = {}
    for path, item in examined:
        t0 = time.perf_counter()
        save(item)
        saving[path.name] = time.perf_counter() - t0

    print(f"{'document':48} {'pages':>5} {'text s':>7} {'parse s':>7} {'save s':>7} {'total s':>7}")
    totals = []
    for name, pages, text, parse in rows:
        total = text + parse + saving[name]
        totals.append((name, total))
        print(f"{name:48} {pages:5d} {text:7.3f} {parse:7.3f} {saving[name]:7.3f} {total:7.3f}")
    pdf_times = [t for name, t in totals if name.endswith(".pdf")]
    print(f"\nPDFs: {len(pdf_times)}; seconds per PDF: median {statistics.median(pdf_times):.3f}, "
          f"max {max(pdf_times):.3f} (target < 1 s)")
    print(f"All documents: {sum(t for _, t in totals):.2f} s for {len(totals)}")
    print(f"Peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    compare_pdf_libraries([p for p in files if p.suffix == ".pdf"])


def compare_pdf_libraries(pdfs):
    try:
        import pypdf
    except ImportError:
        return
    import pypdfium2

    def with_pdfium(path):
        pdf = pypdfium2.PdfDocument(str(path))
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
        return text

    def with_pypdf(path):
        return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)

    for name, extract in (("pypdfium2", with_pdfium), ("pypdf", with_pypdf)):
        t0 = time.perf_counter()
        characters = sum(len(extract(path)) for path in pdfs)
        print(f"Text extraction with {name:9}: {time.perf_counter() - t0:6.2f} s for {len(pdfs)} PDFs, {characters} characters")


if __name__ == "__main__":
    main()
