"""Times load_dfe_statistics on the real data/dfe files: a first load and a second (idempotent) run, and the
queries and time of an authority's "How it compares" figures.

    .venv/bin/python bench/load_dfe_statistics.py

Builds a throwaway SQLite database in a temporary folder (authorities from data/ofsted first).
"""

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="bench-dfe-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP.name}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from inspections.compare import how_it_compares  # noqa: E402
from inspections.models import Authority, MeasureValue  # noqa: E402


def timed(label, *args):
    started = time.perf_counter()
    call_command(*args, stdout=StringIO())
    print(f"{label}: {time.perf_counter() - started:.2f} s")


call_command("migrate", verbosity=0)
timed("load_authorities", "load_authorities")
timed("load_dfe_statistics (first run)", "load_dfe_statistics")
timed("load_dfe_statistics (second run, nothing changes)", "load_dfe_statistics")
print(f"figures: {MeasureValue.objects.count()}")
authority = Authority.objects.get(ons_code="E10000018")
with CaptureQueriesContext(connection) as queries:
    started = time.perf_counter()
    how_it_compares(authority)
print(f"how_it_compares(Leicestershire): {len(queries)} queries, {1000 * (time.perf_counter() - started):.0f} ms")
