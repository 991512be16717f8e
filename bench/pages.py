"""Times the dashboard's pages on a national-scale database and prints each against a bare page.

    .venv/bin/python bench/pages.py [--runs 30] [--cache]

Builds a throwaway SQLite database in a temporary folder: 153 authorities, 20 inspections each (12 graded
with 5 judgements and 5 areas for improvement, 8 visits), 30 findings per inspection, 2 self-evaluations
per authority with 40 claims each, 10 statistical neighbours each in the 2021 groupings and 10 in the 2025
model, and the DfE statistics: every measure of inspections/data/dfe_measures.csv for every council, region
and England, 2013-2025 (some withheld), so that "How it compares" is exercised as on the real record. The
claims are tested as on the real record (bench/assessed.py): half carry the evidence finder's proposed verdict
on a finding of the visit after the self-evaluation, a tenth a person's verdict too, and one claim in eight is
a figure claim with its figure check against the council's official figure.
Each page is fetched with the test client as a signed-in staff user, the pages taken in turn in each round so
that the noise of a shared machine falls on all alike; the baseline is a bare view that renders base.html.
Target: within 10x the bare page at p95, with the page cache off (what the first visit after a change to the
record costs); --cache also times every page with the cache on (see inspections/record/caching.py). The query count is
that of one fetch of the page: it must not grow with the record (the tests assert it per page).
"""

import argparse
import csv
import datetime
import os
import statistics
import sys
import tempfile
import time
import types
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="bench-pages-")
# BENCH_PAGES_DB=path keeps the built database there and reuses it on the next run (to profile a page).
KEPT = os.environ.get("BENCH_PAGES_DB")
os.environ["DATABASE_URL"] = f"sqlite:///{KEPT or TMP.name + '/bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client speaks plain HTTP
os.environ["DJANGO_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from bench import assessed  # noqa: E402
from improvement.models import Claim, SelfEvaluation  # noqa: E402
from inspections.grades import FRAMEWORK_SCALE, SCALE_GRADES, Framework  # noqa: E402
from inspections.models import (  # noqa: E402
    AreaForImprovement,
    Authority,
    Document,
    Finding,
    Inspection,
    Judgement,
    Measure,
    MeasureValue,
    StatisticalNeighbour,
    Theme,
)

AUTHORITIES, INSPECTIONS, GRADED, FINDINGS, CLAIMS = 153, 20, 12, 30, 40
REGIONS = ["East Midlands", "East of England", "London", "North East", "North West", "South East", "South West",
           "West Midlands", "Yorkshire and The Humber"]
PERIODS = range(2013, 2026)
TARGET = 10  # times the bare page at p95 (issue 9)
STRANDS = ["overall", "help_and_protection", "children_in_care", "care_leavers", "leadership"]


def bare(request):
    return render(request, "base.html")


def use_bench_urls():
    """The project's URLs plus the baseline page."""
    from config import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("__bare__/", bare), *urls.urlpatterns]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def digest(n):
    return f"{n:064x}"


def build():
    themes = list(Theme.objects.all())
    authorities = Authority.objects.bulk_create([
        Authority(name=f"Council {i:03d}", name_key=f"council {i:03d}", ons_code=f"E06{i:06d}", kind="unitary",
                  ofsted_region=REGIONS[i % len(REGIONS)])
        for i in range(AUTHORITIES)
    ])
    # Two models, as loaded: the 2021 groupings and the 2025 model (other neighbours), each in force in its years.
    StatisticalNeighbour.objects.bulk_create([
        StatisticalNeighbour(authority=a, neighbour=authorities[(i + k * step) % AUTHORITIES], position=k, model=model)
        for model, step in (("2021", 1), ("2025", 7)) for i, a in enumerate(authorities) for k in range(1, 11)
    ])
    documents = Document.objects.bulk_create([
        Document(kind="report", title=f"Report {a.pk}-{n}", authority=a, sha256=digest(a.pk * 100 + n),
                 published=datetime.date(2005 + n, 6, 1))
        for a in authorities for n in range(INSPECTIONS)
    ])
    inspections = Inspection.objects.bulk_create([
        Inspection(
            authority=d.authority, framework="ilacs" if n < GRADED else "sif",
            kind="standard" if n < GRADED else "focused_visit", start_date=datetime.date(2005 + n, 3, 1),
            end_date=datetime.date(2005 + n, 3, 12), published=d.published,
            theme=None if n < GRADED else themes[n % len(themes)],
        )
        for d, n in ((d, i % INSPECTIONS) for i, d in enumerate(documents))
    ])
    Inspection.documents.through.objects.bulk_create([
        Inspection.documents.through(inspection=i, document=d) for i, d in zip(inspections, documents)
    ])
    grades = SCALE_GRADES[FRAMEWORK_SCALE[Framework.ILACS]]
    graded = [(i, d) for i, d in zip(inspections, documents) if i.kind == "standard"]
    Judgement.objects.bulk_create([
        Judgement(inspection=i, document=d, area=strand, strand=strand, grade=grades[(i.pk + k) % 4], scale="B",
                  position=k, source_ref=f"paragraph {k}")
        for i, d in graded for k, strand in enumerate(STRANDS)
    ], batch_size=2000)
    AreaForImprovement.objects.bulk_create([
        AreaForImprovement(inspection=i, document=d, text=f"Area {k}", theme=themes[k % len(themes)], position=k)
        for i, d in graded for k in range(5)
    ], batch_size=2000)
    findings = Finding.objects.bulk_create([
        Finding(inspection=i, document=d, text=f"Finding {k} of inspection {i.pk}", theme=themes[k % len(themes)],
                position=k)
        for i, d in zip(inspections, documents) for k in range(FINDINGS)
    ], batch_size=5000)
    private = Document.objects.bulk_create([
        Document(kind="self_evaluation", is_private=True, title=f"Self-evaluation {a.pk}-{n}", authority=a,
                 sha256=digest(10**9 + a.pk * 10 + n))
        for a in authorities for n in range(2)
    ])
    evaluations = SelfEvaluation.objects.bulk_create([
        SelfEvaluation(authority=d.authority, document=d, title=d.title, published=assessed.PUBLISHED)
        for d in private
    ])
    build_statistics(authorities)
    official = assessed.official_figures()
    claims = Claim.objects.bulk_create([assessed.claim(s, k, official) for s in evaluations for k in range(CLAIMS)],
                                       batch_size=5000)
    assessed.build_assessments(claims, findings, official)
    return authorities, graded


def build_statistics(authorities):
    """Every DfE measure the project loads, for every council, region and England, 2013-2025: about 60,000
    figures, as many as the real files give. One council in forty has a figure withheld ("c")."""
    with (ROOT / "inspections" / "data" / "dfe_measures.csv").open(newline="", encoding="utf-8") as handle:
        specs = list(csv.DictReader(handle))
    measures = Measure.objects.bulk_create([
        Measure(slug=m["slug"], name=m["name"], unit=m["unit"], publication=m["publication"], source_file=m["file"],
                source_column=m["column"], breakdown=m["breakdown"], polarity=m["polarity"], polarity_reason=m["why"])
        for m in specs
    ])
    source = Document.objects.create(kind="statistics", title="DfE statistics (bench)", sha256=digest(10**12))
    regions = {name: f"E12{n:06d}" for n, name in enumerate(REGIONS, start=1)}
    values = []
    for m, measure in enumerate(measures):
        for period in PERIODS:
            row = len(values)
            values.append(MeasureValue(measure=measure, period=period, level="england", code="E92000001",
                                       name="England", value=Decimal(20 + m), document=source, source_row=row))
            for name, code in regions.items():
                values.append(MeasureValue(measure=measure, period=period, level="region", code=code, name=name,
                                           value=Decimal(18 + m + len(name) % 5), document=source, source_row=row))
            for i, a in enumerate(authorities):
                withheld = (i + m + period) % 40 == 0
                values.append(MeasureValue(
                    measure=measure, period=period, level="authority", code=a.ons_code, name=a.name, authority=a,
                    region_code=regions[a.ofsted_region], region_name=a.ofsted_region,
                    value=None if withheld else Decimal(i % 37 + m) + Decimal("0.5"), symbol="c" if withheld else "",
                    document=source, source_row=row + i))
    MeasureValue.objects.bulk_create(values, batch_size=5000)


def fetch(client, url):
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return response


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


def timed(client, pages, runs):
    """{url: (p50, p95)} in ms, every page fetched once per round, so that noise falls on all of them alike."""
    for _, url in pages:
        for _ in range(2):
            fetch(client, url)
    samples = {url: [] for _, url in pages}
    for _ in range(runs):
        for _, url in pages:
            start = time.perf_counter()
            fetch(client, url)
            samples[url].append((time.perf_counter() - start) * 1000)
    return {url: percentiles(times) for url, times in samples.items()}


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def main():
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cache", action="store_true", help="also time every page with the page cache on")
    parser.add_argument("--profile", metavar="NAME", help="print where the time of the page so named goes, and stop")
    args = parser.parse_args()
    reuse = KEPT and Path(KEPT).exists()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if reuse:
        authorities = list(Authority.objects.order_by("pk"))
        graded = [(i, None) for i in Inspection.objects.filter(kind="standard").order_by("pk")]
    else:
        authorities, graded = build()
    print(f"Built {Authority.objects.count()} authorities, {Inspection.objects.count()} inspections, "
          f"{Judgement.objects.count()} judgements, {Finding.objects.count()} findings, "
          f"{Claim.objects.count()} claims, {MeasureValue.objects.count()} DfE figures of "
          f"{Measure.objects.count()} measures, {StatisticalNeighbour.objects.count()} neighbour links "
          f"in {time.perf_counter() - started:.1f} s ({settings.DATABASES['default']['ENGINE']})")
    use_bench_urls()
    client = Client()
    client.force_login(get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})[0])
    middle = authorities[AUTHORITIES // 2]
    years = cohort_years()
    pages = [
        ("bare base.html", "/__bare__/"),
        ("overview", "/"),
        ("overview as at 2012", "/?as_at=2012-03-31"),
        ("authorities", "/authorities/"),
        ("authorities by grade, filtered", "/authorities/?sort=overall&region=London"),
        ("authorities CSV (all 153)", "/authorities/?_export=csv"),
        ("* authority with How it compares", f"/authorities/{middle.ons_code}/"),
        ("how it compares CSV", f"/authorities/{middle.ons_code}/how-it-compares.csv"),
        ("how it compares XLSX", f"/authorities/{middle.ons_code}/how-it-compares.xlsx"),
        ("inspection detail (30 findings)", f"/inspections/{graded[len(graded) // 2][0].pk}/"),
        ("* journey", f"/journeys/?authority={middle.ons_code}"),
        ("journey, a theme in full", f"/journeys/?authority={middle.ons_code}&theme=caseloads"),
        ("journeys CSV (one authority)", f"/journeys/export.csv?authority={middle.ons_code}"),
        ("* claims tracker", "/claims/"),
        ("* claims CSV", "/claims/?_export=csv"),
        (f"* cohorts ({years[0][1]} councils)", f"/cohorts/?inadequate_in={years[0][0]}"),
        ("cohort CSV", f"/cohorts/?inadequate_in={years[0][0]}&_export=csv"),
    ]
    from django.core.cache import cache

    if args.profile:
        return profile(client, next(url for name, url in pages if args.profile in name))
    counts = {}
    for name, url in pages:
        try:
            counts[url] = queries(client, url)
        except AssertionError as error:  # a page not built on this branch: said, not timed
            print(f"  {name}: {error}")
    pages = [(name, url) for name, url in pages if url in counts]
    results = {}
    for cached in (False, True) if args.cache else (False,):
        settings.PAGE_CACHE_SECONDS = 600 if cached else 0
        cache.clear()
        results[cached] = timed(client, pages, args.runs)
    bare_p50, bare_p95 = results[False]["/__bare__/"]
    print(f"\n{args.runs} fetches of each page, page cache off" + (" (then on)" if args.cache else ""))
    print(f"{'page (* a target of issue 9)':38} {'p50 ms':>8} {'p95 ms':>8} {'p95 x':>6} {'queries':>7}  "
          f"{'10x':4}" + (f" {'cached p95 ms':>14}" if args.cache else ""))
    for name, url in pages:
        p50, p95 = results[False][url]
        ratio = p95 / bare_p95
        row = f"{name:38} {p50:8.1f} {p95:8.1f} {ratio:6.1f} {counts[url]:7}  {'PASS' if ratio <= TARGET else 'MISS':4}"
        if args.cache:
            row += f" {results[True][url][1]:14.1f}"
        print(row)
    print(f"p95 x: the page's p95 over the bare page's ({bare_p95:.1f} ms); target within {TARGET}x, cache off. "
          "Figures vary with the machine's load: compare the ratios.")


def profile(client, url):
    import cProfile
    import pstats

    settings.PAGE_CACHE_SECONDS = 0
    fetch(client, url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        fetch(client, url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(45)


def cohort_years():
    """[(year, councils inadequate that year)], the largest cohort first: the cohort page's heaviest case."""
    from improvement import cohorts

    rows = cohorts.overall_judgements().filter(grade="Inadequate").values_list(
        "inspection__start_date", "inspection__authority_id")
    by_year = {}
    for day, authority_id in rows:
        by_year.setdefault(day.year, set()).add(authority_id)
    return sorted(((year, len(ids)) for year, ids in by_year.items()), key=lambda pair: -pair[1])


if __name__ == "__main__":
    main()
