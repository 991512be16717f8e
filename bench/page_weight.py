"""Page weight on the wire: each page's compressed HTML plus the compressed static files it loads.

    .venv/bin/python bench/page_weight.py

Loads the demo record into a throwaway database, fetches every page as a staff user with
Accept-Encoding: gzip, and adds the brotli size of each script and stylesheet the page references
(whitenoise serves the .br copies collectstatic writes). Budget: 600 KB a page.
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-weight-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/weight.sqlite3"
os.environ["DJANGO_MEDIA_ROOT"] = f"{workdir}/media"
os.environ["DJANGO_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client speaks plain HTTP

import brotli  # noqa: E402
import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from inspections.models import Inspection  # noqa: E402

BUDGET = 600 * 1024
ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="/static/([^"?]+)"')


def asset_bytes(name):
    path = finders.find(name)
    return len(brotli.compress(Path(path).read_bytes(), quality=11)) if path else 0


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    client = Client()
    client.force_login(get_user_model().objects.create_user("weigher", is_staff=True))
    inspection = Inspection.objects.filter(authority__ons_code="E10000018", start_date__year=2024).first()
    pages = ["/", "/authorities/", "/authorities/E06000016/", f"/inspections/{inspection.pk}/",
             "/journeys/?authority=E06000016", "/journeys/?authority=E10000018", "/claims/", "/cohorts/"]
    cache = {}
    print(f"{'page':40} {'HTML KB':>8} {'gzip KB':>8} {'assets KB':>9} {'total KB':>9}  budget 600 KB")
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        wire = response.content
        html = gzip.decompress(wire) if response.get("Content-Encoding") == "gzip" else wire
        assets = set(ASSET.findall(html.decode()))
        raw = len(html)
        asset_total = sum(cache.setdefault(name, asset_bytes(name)) for name in assets)
        total = len(wire) + asset_total
        flag = "" if total <= BUDGET else "  OVER BUDGET"
        print(f"{url:40} {raw / 1024:8.0f} {len(wire) / 1024:8.0f} {asset_total / 1024:9.0f} {total / 1024:9.0f}{flag}")


if __name__ == "__main__":
    main()
