import pytest
from tests.inspections.dashboard_world import signed_in, staff, world  # noqa
pytestmark = pytest.mark.django_db

def test_smoke(client, world, staff):
    c = signed_in(client, staff)
    for url in ["/journeys/", "/journeys/?authority=E10000018", "/journeys/?authority=E08000035", "/journeys/export.csv?authority=E06000016", "/claims/", "/claims/?_export=csv", "/cohorts/", "/cohorts/?_export=csv"]:
        r = c.get(url)
        assert r.status_code == 200, url
        body = b"".join(r.streaming_content) if r.streaming else r.content
        open("/tmp/jsmoke/" + url.replace("/", "_").replace("?", "Q") + ".html", "wb").write(body)
