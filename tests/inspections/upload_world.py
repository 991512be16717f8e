"""What the admin upload's tests share: an editor signed in, and the council the seed letters are about."""

import pytest

from inspections.models import Authority


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture
def leicester(db):
    return Authority.objects.create(name="Leicester", ons_code="E06000016", kind="unitary")
