import datetime
import hashlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import Authority, Document, Inspection, Membership
from tests.admin_forms import form_data, inline_row, manager  # noqa: F401 - the fixture
from tests.factories import (
    make_alias,
    make_area_for_improvement,
    make_authority,
    make_document,
    make_finding,
    make_inspection,
    make_inspector,
    make_judgement,
    make_measure,
    make_measure_value,
    make_neighbour,
    make_user,
    theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    """One saved object of every inspections model, keyed by model name."""
    city = make_authority(name="Riverside", ons_code="E06000901", la_number="901")
    report = make_document(title="Riverside SLAC report", authority=city, published=datetime.date(2012, 1, 20))
    inspection = make_inspection(city, documents=[report], start_date=datetime.date(2011, 11, 21))
    inspector = make_inspector(inspection, name="A. Inspector")
    return {
        "authority": city,
        "authorityalias": make_alias(city, name="Riverside City Council"),
        "membership": Membership.objects.create(user=make_user("riverside.reader"), authority=city),
        "statisticalneighbour": make_neighbour(city, make_authority(name="Lakeside"), closeness="Very Close"),
        "measure": (caseload := make_measure(name="Average caseload per worker", unit="cases per worker")),
        "measurevalue": make_measure_value(caseload, city, value=Decimal("17.4")),
        "document": report,
        "theme": theme("case-recording"),
        "inspection": inspection,
        "inspector": inspector,
        "inspectioninspector": inspection.team.get(),
        "judgement": make_judgement(inspection, report, section="Safeguarding services",
                                    area="Overall effectiveness", strand="help_and_protection", grade="Adequate"),
        "finding": make_finding(inspection, report, text="Case records are up to date"),
        "areaforimprovement": make_area_for_improvement(inspection, report, text="Improve supervision records"),
    }


def admin_url(obj_or_model, view, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


MODELS = [m for m in apps.get_app_config("inspections").get_models() if not m.__name__.startswith("Historical")]


def test_every_inspections_model_is_registered():
    assert {"Authority", "Inspection", "Judgement", "InspectionInspector"} <= {m.__name__ for m in MODELS}
    assert [m.__name__ for m in MODELS if m not in admin.site._registry] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_changelist_lists_the_object(model, record, client, manager):
    obj = record[model._meta.model_name]
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert str(obj)[:40] in response.content.decode()


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
    page = response.content.decode()
    assert f"Change {model._meta.verbose_name}" in page
    assert response.context["original"] == obj


def test_the_inspection_page_groups_its_fields_and_inlines(record, client, manager):
    page = client.get(admin_url(Inspection, "change", record["inspection"].pk)).content.decode()
    for heading in ["The event", "For visits", "Sources", "Judgements", "Findings", "Areas for improvement",
                    "Inspectors (in the order the report names them)", "History"]:
        assert heading in page
    assert "Overall effectiveness" in page and "A. Inspector" in page


def test_blank_judgement_rows_start_with_the_inspections_first_document(record, client, manager):
    response = client.get(admin_url(Inspection, "change", record["inspection"].pk))
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "judgements")
    assert len(formset.extra_forms) == 3 and formset.max_num >= 22
    assert formset.extra_forms[0]["document"].value() == record["document"].pk


def test_twenty_two_judgements_are_entered_on_one_page_and_numbered_in_order(client, manager):
    report = make_document(title="A full report")
    inspection = make_inspection(documents=[report])
    data = form_data(client.get(admin_url(Inspection, "change", inspection.pk)))
    data["judgements-TOTAL_FORMS"] = 22
    for i in range(22):
        data.update(inline_row("judgements", i, area=f"Area {i:02d}", section="Safeguarding services",
                               strand="none", grade="Good", document=report.pk, position=0, source_ref=""))
    response = client.post(admin_url(Inspection, "change", inspection.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    saved = list(inspection.judgements.values_list("position", "area"))
    assert saved[:3] == [(1, "Area 00"), (2, "Area 01"), (3, "Area 02")] and saved[-1] == (22, "Area 21")


def test_an_off_scale_grade_is_refused_on_the_grade_field_of_the_change_page(record, client, manager):
    url = admin_url(Inspection, "change", record["inspection"].pk)
    data = form_data(client.get(url))
    data["judgements-0-grade"] = "Requires improvement to be good"
    response = client.post(url, data)
    assert response.status_code == 200
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "judgements")
    [message] = formset.forms[0].errors["grade"]
    assert "not a grade of the Safeguarding and looked after children (2009-12) scale" in message
    assert "is not a grade of the" in response.content.decode()
    assert record["judgement"].__class__.objects.get(pk=record["judgement"].pk).grade == "Adequate"


def test_an_off_scale_grade_is_refused_on_the_add_page_too(client, manager):
    authority = make_authority()
    data = form_data(client.get(admin_url(Inspection, "add")))
    data.update(authority=authority.pk, kind="full", framework="slac", start_date="2011-11-21",
                date_precision="day", documents=[make_document().pk])
    data.update({"judgements-TOTAL_FORMS": 1, "findings-TOTAL_FORMS": 0, "areas_for_improvement-TOTAL_FORMS": 0,
                 "team-TOTAL_FORMS": 0})
    data.update(inline_row("judgements", 0, area="Overall effectiveness", strand="overall",
                           grade="Requires improvement to be good", document=data["documents"][0], position=1))
    response = client.post(admin_url(Inspection, "add"), data)
    assert response.status_code == 200
    assert "is not a grade of the Safeguarding and looked after children (2009-12) scale" in response.content.decode()
    assert not Inspection.objects.exists()
    data["judgements-0-grade"] = "Adequate"
    assert client.post(admin_url(Inspection, "add"), data).status_code == 302
    assert Inspection.objects.get().judgements.get().grade == "Adequate"


def test_the_changelist_shows_overall_grades_without_a_query_per_row(client, manager):
    def changelist_queries(count):
        for n in range(count):
            inspection = make_inspection(framework="ilacs", kind="standard", start_date=datetime.date(2018 + n, 5, 1))
            make_judgement(inspection, area="Overall effectiveness", strand="overall",
                           grade="Requires improvement to be good")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(admin_url(Inspection, "changelist")).content.decode()
        assert page.count("Requires improvement to be good") >= count
        return len(queries)

    assert changelist_queries(1) == changelist_queries(4)


def test_the_history_page_shows_who_changed_what(record, client, manager):
    url = admin_url(Authority, "change", record["authority"].pk)
    data = form_data(client.get(url))
    data["name"] = "Riverside upon Sea"
    assert client.post(url, data).status_code == 302
    page = client.get(admin_url(Authority, "history", record["authority"].pk)).content.decode()
    assert "manager" in page
    assert "Riverside upon Sea" in page and "Riverside" in page
    latest = record["authority"].history.first()
    assert (latest.history_user, latest.history_type, latest.name) == (manager, "~", "Riverside upon Sea")


def test_authorities_are_found_by_alias_and_filtered_by_current_or_ended(record, client, manager):
    make_authority(name="Old shire", end_date=datetime.date(2009, 3, 31))
    found = client.get(admin_url(Authority, "changelist"), {"q": "Riverside City Council"}).context["cl"]
    assert [a.name for a in found.result_list] == ["Riverside"]
    ended = client.get(admin_url(Authority, "changelist"), {"current": "no"}).context["cl"]
    assert [a.name for a in ended.result_list] == ["Old shire"]
    current = client.get(admin_url(Authority, "changelist"), {"current": "yes"}).context["cl"]
    assert "Old shire" not in [a.name for a in current.result_list]


def test_a_document_added_with_a_file_gets_its_sha256_and_a_second_copy_is_refused(client, manager):
    content = b"A short inspection letter, saved as text."
    data = {"kind": "monitoring_letter", "title": "A letter", "text": "", "url": "", "filename": "", "authority": "",
            "published": ""}
    response = client.post(admin_url(Document, "add"), {**data, "file": SimpleUploadedFile("letter.txt", content)})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert (document.filename, document.text.strip()) == ("letter.txt", content.decode())
    again = client.post(admin_url(Document, "add"), {**data, "file": SimpleUploadedFile("copy.txt", content)})
    assert "This file is already imported as “A letter”." in again.content.decode()
    without = client.post(admin_url(Document, "add"), data)
    assert "Upload the document&#x27;s file" in without.content.decode()
    assert Document.objects.count() == 1


def test_the_sha256_and_import_time_are_read_only(record, client, manager):
    response = client.get(admin_url(Document, "change", record["document"].pk))
    assert "sha256" not in response.context["adminform"].form.fields
    assert record["document"].sha256 in response.content.decode()
