import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from improvement.models import Claim, ClaimAssessment, FigureCheck, FigureTolerance, SelfEvaluation
from inspections.models import Membership
from tests.admin_forms import form_data, inline_row, manager  # noqa: F401 - the fixture
from tests.factories import (
    make_assessment,
    make_authority,
    make_claim,
    make_document,
    make_finding,
    make_inspection,
    make_judgement,
    make_self_evaluation,
    make_user,
    theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    county = make_authority(name="Hillshire", ons_code="E10000902", kind="county")
    evaluation = make_self_evaluation(county, title="Hillshire self-evaluation 2018")
    claim = make_claim(evaluation, statement="Conferences are held on time", figure=Decimal("96.8"),
                       unit="% within 15 working days", theme=theme("icpc-timeliness"))
    inspection = make_inspection(county, framework="ilacs", kind="standard", start_date=datetime.date(2024, 4, 29),
                                 documents=[make_document(title="Hillshire ILACS 2024", authority=county)])
    finding = make_finding(inspection, text="Conference timeliness needs to improve", theme=theme("icpc-timeliness"))
    assessment = make_assessment(claim, verdict="contradicted", finding=finding, note="Later report disagrees")
    membership = Membership.objects.create(user=make_user("reader"), authority=county)
    check = FigureCheck.objects.create(claim=claim, low=claim.figure, high=claim.figure,
                                       reason="No official measure: none covers conference timeliness.")
    return {"membership": membership, "selfevaluation": evaluation, "claim": claim, "claimassessment": assessment,
            "finding": finding, "figurecheck": check, "figuretolerance": FigureTolerance.objects.get(unit="%")}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


MODELS = [m for m in apps.get_app_config("improvement").get_models() if not m.__name__.startswith("Historical")]


def test_every_improvement_model_is_registered():
    assert {"Claim", "ClaimAssessment", "SelfEvaluation"} <= {m.__name__ for m in MODELS}
    assert [m.__name__ for m in MODELS if m not in admin.site._registry] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_changelist_lists_the_object(model, record, client, manager):
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert str(record[model._meta.model_name])[:40] in response.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_add_page_renders(model, client, manager):
    response = client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert f"Add {model._meta.verbose_name}" in response.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_change_page_shows_the_object(model, record, client, manager):
    obj = record[model._meta.model_name]
    response = client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert f"Change {model._meta.verbose_name}" in response.content.decode()
    assert response.context["original"] == obj


def test_the_self_evaluation_page_lists_its_claims_inline(record, client, manager):
    page = client.get(admin_url(SelfEvaluation, "change", record["selfevaluation"].pk)).content.decode()
    assert "Claims" in page and "Conferences are held on time" in page and "96.80" in page
    assert "Period as written" in page


def test_a_claim_added_inline_takes_the_self_evaluations_document(record, client, manager):
    evaluation = record["selfevaluation"]
    url = admin_url(SelfEvaluation, "change", evaluation.pk)
    data = form_data(client.get(url))
    data["claims-TOTAL_FORMS"] = 2
    data.update(inline_row("claims", 1, statement="Caseloads are manageable", figure="18", unit="children per worker",
                           period_text="2017-18", theme="", strand="none", status="proposed", source_ref="page 4"))
    assert client.post(url, data).status_code == 302
    added = evaluation.claims.get(statement="Caseloads are manageable")
    assert (added.document, added.figure, added.position) == (evaluation.document, Decimal("18"), 1)


def test_a_figure_without_a_unit_is_refused_on_the_unit_field(record, client, manager):
    url = admin_url(SelfEvaluation, "change", record["selfevaluation"].pk)
    data = form_data(client.get(url))
    data["claims-0-unit"] = ""
    response = client.post(url, data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["unit"] == ["A claim's figure needs a unit."]


def test_confirm_selected_claims_confirms_them_and_keeps_history(record, client, manager):
    other = make_claim(record["selfevaluation"], statement="Supervision is regular")
    response = client.post(
        admin_url(Claim, "changelist"),
        {"action": "confirm", "_selected_action": [record["claim"].pk, other.pk]},
        follow=True,
    )
    assert "Confirmed 2 claims." in response.content.decode()
    assert set(Claim.objects.values_list("status", flat=True)) == {"confirmed"}
    assert other.history.first().history_user == manager


def test_claims_are_filtered_by_status_theme_and_strand(record, client, manager):
    make_claim(record["selfevaluation"], statement="Care leavers are in touch", strand="care_leavers")
    by_theme = client.get(admin_url(Claim, "changelist"), {"theme__id__exact": theme("icpc-timeliness").pk})
    assert [c.statement for c in by_theme.context["cl"].result_list] == ["Conferences are held on time"]
    by_strand = client.get(admin_url(Claim, "changelist"), {"strand__exact": "care_leavers"})
    assert [c.statement for c in by_strand.context["cl"].result_list] == ["Care leavers are in touch"]
    assert client.get(admin_url(Claim, "changelist"), {"status__exact": "confirmed"}).context["cl"].result_count == 0


def test_an_assessment_uses_autocomplete_for_its_claim_and_evidence(client, manager):
    response = client.get(admin_url(ClaimAssessment, "add"))
    form = response.context["adminform"].form
    for name in ["claim", "judgement", "finding", "area_for_improvement"]:
        assert form.fields[name].widget.widget.__class__.__name__ == "AutocompleteSelect"
    assert form.initial["assessed_by"] == manager.pk


def test_an_assessment_with_two_pieces_of_evidence_is_refused_naming_the_field(record, client, manager):
    url = admin_url(ClaimAssessment, "change", record["claimassessment"].pk)
    data = form_data(client.get(url))
    judgement = make_judgement(record["finding"].inspection, area="Overall effectiveness", grade="Good")
    response = client.post(url, {**data, "judgement": judgement.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["finding"] == ["Set only one piece of evidence per assessment."]
    assert ClaimAssessment.objects.get().judgement is None


def test_the_figure_check_actions_confirm_and_reject_with_who(record, client, manager):
    check = record["figurecheck"]
    url = admin_url(FigureCheck, "changelist")
    response = client.post(url, {"action": "confirm_checks", "_selected_action": [check.pk]})
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.status, check.confirmed_by) == (FigureCheck.Status.CONFIRMED, manager)
    assert check.assessment is None  # no official measure: nothing to test the claim against
    client.post(url, {"action": "reject_checks", "_selected_action": [check.pk]})
    check.refresh_from_db()
    assert check.status == FigureCheck.Status.REJECTED and check.history.count() == 3
