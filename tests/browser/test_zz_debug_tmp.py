import pytest
from inspections.models import Theme
from tests.improvement.journey_world import build_world
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

@pytest.fixture
def world(transactional_db):
    print("W", Theme.objects.count())
    return build_world()

def test_a(signed_in, live_server):
    signed_in.goto(f"{live_server.url}/authorities/")

def test_c(signed_in, live_server):
    print("C", Theme.objects.count())
