import pytest
from inspections.models import Theme
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def test_0(offline_page, live_server):
    print("0", Theme.objects.count())

def test_a(signed_in, live_server):
    print("A", Theme.objects.count())

def test_c(signed_in, live_server):
    print("C", Theme.objects.count())
