"""Times the dashboard's pages on a national-scale database and prints each against a bare page.

    .venv/bin/python bench/pages.py [--runs 30]

Builds a throwaway SQLite database in a temporary folder: 153 authorities, 20 inspections each (12 graded
with 5 judgements and 5 areas for improvement, 8 visits), 30 findings per inspection, 2 self-evaluations
per authority with 40 claims each, 10 statistical neighbours each. Each page is fetched with the test client
as a signed-in staff user; the baseline is a bare view that renders base.html. Target: within 3x.
Each page is timed twice: with the page cache off (what the first visit after a change to the record
costs) and on (every later visit until the record changes; see inspections/caching.py).
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="bench-pages-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP.name}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client speaks plain HTTP
os.environ["DJANGO_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from improvement.models import Claim, SelfEvaluation  # noqa: E402
from inspections.grades import FRAMEWORK_SCALE, SCALE_GRADES, Framework  # noqa: E402
from inspections.models import (  # noqa: E402
    AreaForImprovement,
    Authority,
    Document,
    Finding,
    Inspection,
    Judgement,
    StatisticalNeighbour,
    Theme,
)

AUTHORITIES, INSPECTIONS, GRADED, FINDINGS, CLAIMS = 153, 20, 12, 30, 40
REGIONS = ["East Midlands", "East of England", "London", "North East", "North West", "South East", "South West",
           "West Midlands", "Yorkshire and The Humber"]
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
    StatisticalNeighbour.objects.bulk_create([
        StatisticalNeighbour(authority=a, neighbour=authorities[(i + k) % AUTHORITIES], position=k)
        for i, a in enumerate(authorities) for k in range(1, 11)
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
    Finding.objects.bulk_create([
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
        SelfEvaluation(authority=d.authority, document=d, title=d.title, published=datetime.date(2018, 2, 1))
        for d in private
    ])
    Claim.objects.bulk_create([
        Claim(self_evaluation=s, document=s.document, statement=f"Claim {k}", position=k)
        for s in evaluations for k in range(CLAIMS)
    ], batch_size=5000)
    return authorities, graded


def timed(client, url, runs):
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def main():
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    authorities, graded = build()
    print(f"Built {Authority.objects.count()} authorities, {Inspection.objects.count()} inspections, "
          f"{Judgement.objects.count()} judgements, {Finding.objects.count()} findings, "
          f"{Claim.objects.count()} claims in {time.perf_counter() - started:.1f} s "
          f"({settings.DATABASES['default']['ENGINE']})")
    use_bench_urls()
    client = Client()
    client.force_login(get_user_model().objects.create_user("bench", is_staff=True))
    middle = authorities[AUTHORITIES // 2]
    pages = [
        ("bare base.html", "/__bare__/"),
        ("overview", "/"),
        ("overview as at 2012", "/?as_at=2012-03-31"),
        ("authorities", "/authorities/"),
        ("authorities by grade, filtered", "/authorities/?sort=overall&region=London"),
        ("authorities CSV (all 153)", "/authorities/?_export=csv"),
        ("authority detail", f"/authorities/{middle.ons_code}/"),
        ("inspection detail (30 findings)", f"/inspections/{graded[len(graded) // 2][0].pk}/"),
        ("journey", f"/journeys/?authority={middle.ons_code}"),
        ("journey, a theme in full", f"/journeys/?authority={middle.ons_code}&theme=caseloads"),
        ("journeys CSV (one authority)", f"/journeys/export.csv?authority={middle.ons_code}"),
        ("claims tracker", "/claims/"),
        ("claims CSV", "/claims/?_export=csv"),
        ("cohorts", "/cohorts/?inadequate_in=2010"),
        ("cohort CSV (all 153)", "/cohorts/?_export=csv"),
    ]
    from django.core.cache import cache

    results = {}
    for cached in (False, True):
        settings.PAGE_CACHE_SECONDS = 600 if cached else 0
        cache.clear()
        for name, url in pages:
            results[name, cached] = timed(client, url, runs)
    bare_p50, bare_p95 = results["bare base.html", False]
    print(f"{'':34} {'page cache off':>31}   {'page cache on':>31}")
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'p50 x':>6} {'p95 x':>6}   "
          f"{'p50 ms':>8} {'p95 ms':>8} {'p50 x':>6} {'p95 x':>6}")
    for name, _ in pages:
        row = f"{name:34}"
        for cached in (False, True):
            p50, p95 = results[name, cached]
            row += f" {p50:8.1f} {p95:8.1f} {p50 / bare_p50:6.1f} {p95 / bare_p95:6.1f}  "
        print(row)
    print("x: ratio to the bare page with the cache off (p50 to p50, p95 to p95). Target within 3x.")


if __name__ == "__main__":
    main()
