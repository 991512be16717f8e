"""The national corpus as load_demo imports it: every file, every date, every source. Prints the figures
(`pytest -s tests/test_national_import.py`)."""

import hashlib
from collections import Counter

import pytest

from inspections.models import AreaForImprovement, Document, Finding, Inspection, Judgement
from tests.national import corpus_files, manifest

pytestmark = pytest.mark.django_db


def test_every_file_of_the_corpus_is_imported(national_record):
    held = dict(Document.objects.values_list("sha256", "kind"))
    missing = [path.name for path in corpus_files() if hashlib.sha256(path.read_bytes()).hexdigest() not in held]
    kinds = Counter(held[hashlib.sha256(path.read_bytes()).hexdigest()] for path in corpus_files()
                    if path.name not in missing)
    print(f"\nNational corpus: {len(corpus_files())} files, {len(missing)} not imported; by kind {dict(kinds)}")
    frameworks = Counter(Inspection.objects.filter(known_from__isnull=True).values_list("framework", flat=True))
    print(f"Record: {Inspection.objects.count()} inspections and visits {dict(frameworks)}, "
          f"{Inspection.objects.filter(known_from__isnull=False).count()} known only from a citation; "
          f"{Judgement.objects.count()} judgements, {AreaForImprovement.objects.count()} areas for improvement, "
          f"{Finding.objects.count()} findings")
    assert missing == []
    assert kinds["jtai_letter"] == 6


def test_each_national_document_keeps_its_ofsted_source_and_urn(national_record):
    rows = manifest()
    documents = {d.filename: d for d in Document.objects.filter(filename__in=rows).select_related("authority")}
    assert len(documents) == len(rows)
    for name, row in rows.items():
        document = documents[name]
        assert document.url == row["source_url"], name
        assert document.ofsted_urn == row["ofsted_urn"], name
    disagreements = [(name, w) for name, d in documents.items() for w in d.warnings if w.startswith("manifest row")]
    print(f"\nManifest: {len(rows)} rows, {sum(1 for r in rows.values() if r['source_url'])} with a source URL; "
          f"{len(disagreements)} disagreements with the documents")
    for name, warning in disagreements:
        print(f"  {name}: {warning}")
    # The document names its council; the manifest files it under a URN: they agree, or the document says why.
    same_council = sum(1 for name, d in documents.items() if d.authority.ofsted_urn == rows[name]["ofsted_urn"])
    assert same_council + len({name for name, _ in disagreements}) >= len(rows)


def test_every_reported_inspection_has_dates_in_order_and_in_its_era(national_record):
    eras = {"lac": (2012, 2014), "sif": (2013, 2018), "ilacs": (2018, 2026), "jtai": (2016, 2026)}
    reported = Inspection.objects.filter(known_from__isnull=True).exclude(documents__kind="statistics").distinct()
    checked = 0
    for inspection in reported.filter(framework__in=eras):
        first, last = eras[inspection.framework]
        where = f"{inspection} (#{inspection.pk})"
        assert first <= inspection.start_date.year <= last, where
        assert inspection.end_date is None or inspection.start_date <= inspection.end_date, where
        if inspection.published and inspection.end_date:
            assert 0 <= (inspection.published - inspection.end_date).days <= 366, where
        checked += 1
    print(f"\nDates: {checked} inspections and visits read from their documents alone, all in order and in era")
    assert checked > 150


def test_no_report_disagrees_with_the_official_statistics_on_a_grade(national_record):
    documents = Document.objects.exclude(kind="statistics").filter(authority__isnull=False)
    disagreements = [(d.filename, w) for d in documents for w in d.warnings if "the report says" in w]
    warned = documents.exclude(warnings=[]).count()
    print(f"\nWarnings: {warned} documents carry a warning; {len(disagreements)} grades disagree with the statistics")
    for name, warning in disagreements:
        print(f"  {name}: {warning}")
    assert disagreements == []


def test_a_standalone_review_of_the_safeguarding_board_never_grades_the_council(national_record):
    review = Inspection.objects.get(documents__filename="surrey-2015-08-03.pdf")
    assert review.kind == "lscb_review" and review.get_kind_display().startswith("Review of the Local Safeguarding")
    assert [j.is_lscb for j in review.judgements.all()] == [True]
    assert review.overall_grade() is None
    assert not Judgement.objects.of_the_authority().filter(inspection=review).exists()
