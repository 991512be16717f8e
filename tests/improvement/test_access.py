import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from improvement.access import can_see_document, visible_claims, visible_documents, visible_self_evaluations
from improvement.models import Claim, SelfEvaluation
from inspections.models import Document, Membership
from tests import factories as f
from tests.inspections.dashboard_world import (  # noqa: F401
    YORKSHIRE,
    east_midlands_user,
    leeds_user,
    leicestershire_user,
    member,
    signed_in,
    staff,
    world,
)

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Leicestershire self-evaluation 2018"


@pytest.fixture
def leeds_self_evaluation(world):
    self_evaluation = f.make_self_evaluation(world.leeds, title="Leeds self-evaluation 2021")
    f.make_claim(self_evaluation, statement="Leeds claim")
    return self_evaluation


def titles(queryset):
    return sorted(self_evaluation.title for self_evaluation in queryset)


def test_a_member_sees_only_their_own_authoritys_self_evaluations(world, leeds_user, leeds_self_evaluation):
    assert titles(visible_self_evaluations(leeds_user)) == ["Leeds self-evaluation 2021"]
    assert [claim.statement for claim in visible_claims(leeds_user)] == ["Leeds claim"]


def test_a_regional_member_sees_every_authority_of_their_region(world, east_midlands_user, leeds_self_evaluation):
    assert titles(SelfEvaluation.objects.visible_to(east_midlands_user)) == [SECRET_TITLE]
    assert Claim.objects.visible_to(east_midlands_user).count() == 3
    yorkshire = member("yorkshire", region=YORKSHIRE, role=Membership.Role.REGIONAL)
    assert titles(SelfEvaluation.objects.visible_to(yorkshire)) == ["Leeds self-evaluation 2021"]


def test_staff_see_every_self_evaluation(world, staff, leeds_self_evaluation):
    assert titles(SelfEvaluation.objects.visible_to(staff)) == ["Leeds self-evaluation 2021", SECRET_TITLE]
    assert Claim.objects.visible_to(staff).count() == 4


def test_nobody_else_sees_any(world, leeds_self_evaluation):
    from django.contrib.auth.models import AnonymousUser

    stranger = f.make_user("stranger")
    retired = member("retired", authority=world.leicestershire, is_active=False)
    for user in (stranger, retired, AnonymousUser()):
        assert SelfEvaluation.objects.visible_to(user).count() == 0
        assert Claim.objects.visible_to(user).count() == 0


def test_a_member_of_two_authorities_sees_both(world, leeds_user, leeds_self_evaluation):
    Membership.objects.create(user=leeds_user, authority=world.leicestershire)
    assert titles(visible_self_evaluations(leeds_user)) == ["Leeds self-evaluation 2021", SECRET_TITLE]


def test_private_documents_follow_the_same_rule(world, leeds_user, leicestershire_user, staff):
    documents = Document.objects.filter(pk__in=[world.private_document.pk, world.report_2024.pk])
    assert list(visible_documents(leeds_user, documents)) == [world.report_2024]
    assert set(visible_documents(leicestershire_user, documents)) == {world.report_2024, world.private_document}
    assert not can_see_document(leeds_user, world.private_document)
    assert can_see_document(leeds_user, world.report_2024)
    assert can_see_document(staff, world.private_document)
    assert set(visible_documents(staff, documents)) == {world.report_2024, world.private_document}


def test_a_membership_must_name_its_authority_or_region(world):
    user = f.make_user("incomplete")
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Membership.Role.REGIONAL).full_clean()
    assert "region" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Membership.Role.AUTHORITY)


def leicestershire_pages(world):
    return [
        "/", "/?as_at=2019-01-01", "/authorities/", "/authorities/?_export=csv",
        "/authorities/?region=East+Midlands&_export=csv", "/authorities/E10000018/", "/authorities/E06000016/",
        f"/inspections/{world.ilacs_2024.pk}/", f"/inspections/{world.cited_2019.pk}/",
    ]


def test_a_leeds_user_never_sees_leicestershires_self_evaluation_or_claims(client, world, leeds_user):
    signed_in(client, leeds_user)
    for url in leicestershire_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert SECRET_TITLE not in content, url
        assert "Leicestershire claim number" not in content, url
        assert "Self-evaluations" not in content, url  # neither the timeline's row nor the list
    assert client.get(f"/documents/{world.private_document.pk}/download").status_code == 404


def test_a_leeds_users_chart_data_holds_no_self_evaluation(client, world, leeds_user):
    response = signed_in(client, leeds_user).get("/authorities/E10000018/")
    timeline = response.context["timeline"]
    assert "Self-evaluations" not in [trace["name"] for trace in timeline.figure["data"]]
    assert all(row[1] != "Self-evaluation" for row in timeline.rows)
    assert response.context["self_evaluations"] == []


def test_a_regional_user_sees_the_self_evaluations_of_their_region(client, world, east_midlands_user):
    response = signed_in(client, east_midlands_user).get("/authorities/E10000018/")
    assert f"{SECRET_TITLE} (February 2018): 3 claims" in response.content.decode()
    assert [row[4] for row in response.context["timeline"].rows if row[1] == "Self-evaluation"] == [SECRET_TITLE]


def test_staff_see_self_evaluations_on_every_authority_page(client, world, staff):
    response = signed_in(client, staff).get("/authorities/E10000018/")
    assert SECRET_TITLE in response.content.decode()
