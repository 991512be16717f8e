"""Benchmark: the national corpus into a fresh SQLite database.

    .venv/bin/python bench/import_reports.py [--top 15] [--compare-pdf-libraries]

1. Per document, on one core: seconds to read the text, to parse, and to save (one writer, oldest first), with
   the slowest documents listed and the totals.
2. `load_demo` as a user runs it (statistics, seeds, the 22 PDFs and the national corpus; workers read and parse,
   one writer saves), timed as a whole, with the peak memory of the process and of its largest worker.
Targets (issue 8): load_demo under 60 s on this 2-core machine, peak memory under 1 GB.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-import-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402

from inspections.importing.detect import parse_document  # noqa: E402
from inspections.importing.readers.text import read_path  # noqa: E402
from inspections.loading.files import examine, save  # noqa: E402


def per_document(files, top):
    call_command("migrate", verbosity=0)
    call_command("load_authorities", stdout=open(os.devnull, "w"))
    call_command("load_ofsted_outcomes", stdout=open(os.devnull, "w"))
    rows, examined, failed = {}, [], []
    for path in files:
        t0 = time.perf_counter()
        source = read_path(path)
        t1 = time.perf_counter()
        try:
            parse_document(source.pages, source.filename)
            t2 = time.perf_counter()
            examined.append(examine(path))
        except Exception as error:  # a failure is a figure too
            failed.append(f"{path.name}: {error}")
            continue
        rows[path.name] = [len(source.pages), t1 - t0, t2 - t1, 0.0]
    examined.sort(key=lambda e: (e.record.start_date or e.record.published).first_day())
    with override_settings(MEDIA_ROOT=f"{workdir}/media-1"):
        for item in examined:
            t0 = time.perf_counter()
            try:
                save(item)
            except Exception as error:
                failed.append(f"{item.source.filename}: {error}")
            rows[item.source.filename][3] = time.perf_counter() - t0
    print(f"{'slowest documents':48} {'pages':>5} {'text s':>7} {'parse s':>7} {'save s':>7} {'total s':>7}")
    for name, (pages, text, parse, saving) in sorted(rows.items(), key=lambda r: -sum(r[1][1:]))[:top]:
        print(f"{name:48} {pages:5d} {text:7.3f} {parse:7.3f} {saving:7.3f} {text + parse + saving:7.3f}")
    totals = [sum(r[1:]) for r in rows.values()]
    for i, what in ((1, "text"), (2, "parse"), (3, "save")):
        print(f"{what:>6}: {sum(r[i] for r in rows.values()):6.1f} s in all")
    print(f"Documents: {len(rows)}, failed {len(failed)}; seconds per document: median {statistics.median(totals):.3f}, "
          f"max {max(totals):.3f}; all {sum(totals):.1f} s on one core")
    for failure in failed:
        print(f"  FAILED {failure[:200]}")


def whole_load_demo():
    database = f"sqlite:///{workdir}/load-demo.sqlite3"
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_MEDIA_ROOT": f"{workdir}/media-2"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run = subprocess.run([*manage, "load_demo"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = next((line for line in run.stdout.splitlines() if line.startswith("Documents: ") and "imported" in line), "")
    print(f"\nload_demo on a fresh SQLite database: {seconds:.1f} s wall, {after.ru_utime - before.ru_utime:.1f} s CPU "
          f"(target < 60 s); exit {run.returncode}")
    print(f"  {summary}")
    print(f"  peak memory of the largest process: {after.ru_maxrss / 1024:.0f} MB (target < 1024 MB)")
    t0 = time.perf_counter()
    again = subprocess.run([*manage, "load_demo"], env=env, capture_output=True, text=True)
    said = "says nothing changed" if "Nothing changed" in again.stdout else "CHANGED SOMETHING"
    print(f"  a second load_demo: {time.perf_counter() - t0:.1f} s, {said}")


def compare_pdf_libraries(pdfs):
    import pypdf
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--compare-pdf-libraries", action="store_true")
    args = parser.parse_args()
    national = Path(settings.SHARED_DATA_DIR) / "data" / "national"
    files = sorted((national / "reports").glob("*.pdf")) + sorted((national / "jtai").glob("*.pdf"))
    per_document(files, args.top)
    whole_load_demo()
    if args.compare_pdf_libraries:
        compare_pdf_libraries(files[:40])


if __name__ == "__main__":
    main()
