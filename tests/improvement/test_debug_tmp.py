import pytest
from tests.inspections.dashboard_world import signed_in, staff, world  # noqa
from improvement import journeys, calibration
pytestmark = pytest.mark.django_db

def test_debug(world, staff):
    docs = journeys.documents_for(world.leicestershire, staff)
    print(docs.query)
    print([(d.title, d.kind, d.event_on) for d in docs])
    print(list(world.leicestershire.documents.values_list("title", "kind")))
    qs = calibration.tracked_claims(staff)
    print(list(qs.prefetch_related(None).order_by().values("self_evaluation__authority__name", "verdict")))
    print(calibration.calibration(qs))
