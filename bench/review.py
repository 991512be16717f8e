"""Times the evidence finder and the review workbench on the demo record (run `manage.py load_demo` first).

    .venv/bin/python bench/review.py [--runs 10]

Prints, for each self-evaluation: its claims, how long finding the evidence and proposing verdicts takes, and the
review page's time (p50, p95), query count and size, fetched with the test client as a staff user. Then the time
of `propose_all` over every self-evaluation (what load_demo adds). Read-only: proposals already in step are
unchanged.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from improvement.evidence.finder import find_evidence  # noqa: E402
from improvement.evidence.proposing import claims_to_test, propose_all  # noqa: E402
from improvement.evidence.verdicts import propose  # noqa: E402
from improvement.models import SelfEvaluation  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    settings.ALLOWED_HOSTS = ["*"]
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    staff, _ = get_user_model().objects.get_or_create(username="bench.review", defaults={"is_staff": True})
    client = Client()
    client.force_login(staff)
    for self_evaluation in SelfEvaluation.objects.select_related("authority").order_by("pk"):
        claims = list(claims_to_test(self_evaluation))
        started = time.perf_counter()
        evidence = find_evidence(self_evaluation, claims)
        proposals = [propose(evidence[claim.pk]) for claim in claims]
        finding = time.perf_counter() - started
        url = f"/self-evaluations/{self_evaluation.pk}/review/"
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(f"{self_evaluation.authority.name}, {self_evaluation.published:%B %Y}: {len(claims)} claims, "
              f"{sum(len(e) for e in evidence.values())} pieces of evidence, {len(proposals)} proposals in "
              f"{finding * 1000:.0f} ms; review page {statistics.median(times) * 1000:.0f} ms p50, "
              f"{p95 * 1000:.0f} ms p95, {len(queries)} queries, {len(response.content) // 1024} KB "
              f"(status {response.status_code})")
    started = time.perf_counter()
    counts = propose_all()
    print(f"propose_all: {counts} in {time.perf_counter() - started:.1f} s")
    staff.delete()


if __name__ == "__main__":
    main()
