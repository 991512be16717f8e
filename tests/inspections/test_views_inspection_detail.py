import pytest

from inspections.models import Document
from tests import factories as f
from tests.inspections.dashboard_world import add_history, signed_in, staff, world  # noqa: F401

pytestmark = pytest.mark.django_db


def page(client, user, inspection):
    response = signed_in(client, user).get(f"/inspections/{inspection.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_answers_404_for_an_unknown_inspection(client, world, staff):
    assert signed_in(client, staff).get("/inspections/999999/").status_code == 404


def test_it_shows_each_judgement_with_its_grade_tag_and_source(client, world, staff):
    html = page(client, staff, world.sif_2015)
    assert "Children who need help and protection" in html
    assert '<strong class="govuk-tag grade-tag grade-tag--inadequate">Inadequate</strong>' in html
    assert "Review of the Local Safeguarding Children Board" in html  # shown here, in its own section
    report = world.sif_2015.documents.get()
    assert f'<a class="govuk-link" href="/documents/{report.pk}/download">Leicester SIF report 2015</a>, paragraph 2' in html


def test_it_groups_areas_for_improvement_by_timescale_in_order(client, world, staff):
    for timescale, text in (("within_six_months", "Later item."), ("immediately", "Urgent item.")):
        f.make_area_for_improvement(world.ilacs_2024, world.report_2024, text=text, timescale=timescale)
    html = page(client, staff, world.ilacs_2024)
    assert html.index(">Immediately</h3>") < html.index(">Within six months</h3>") < html.index(">No timescale</h3>")
    assert html.index("Urgent item.") < html.index("Later item.") < html.index("Timeliness of initial conferences.")
    assert "What needs to improve, 1" in html
    assert "(theme: Initial child protection conference timeliness)" in html


def test_it_groups_a_visits_findings_by_theme(client, world, staff):
    html = page(client, staff, world.monitoring_2017)
    assert '<span class="govuk-details__summary-text">Pre-proceedings and the Public Law Outline (1)</span>' in html
    assert "Letters before proceedings are clearer." in html and "bullet 3" in html
    assert "steady progress" in html
    assert f'href="/inspections/{world.sif_2015.pk}/">Full inspection, 12 January to 4 February 2015</a>' in html


def test_it_lists_the_earlier_grades_its_documents_cite(client, world, staff):
    html = page(client, staff, world.ilacs_2024)
    assert "Earlier grades cited" in html
    assert f'href="/inspections/{world.cited_2019.pk}/">Standard inspection</a>' in html
    assert "September 2019" in html


def test_a_cited_inspection_says_which_document_it_is_known_from(client, world, staff):
    html = page(client, staff, world.cited_2019)
    assert "A later document: Leicestershire ILACS report 2024" in html
    assert "Requires improvement to be good" in html


def test_it_links_each_source_document_for_download(client, world, staff):
    html = page(client, staff, world.ilacs_2024)
    link = f'<a class="govuk-link" href="/documents/{world.report_2024.pk}/download">Leicestershire ILACS report 2024</a>'
    assert link in html


def test_it_hides_a_private_source_document_from_those_not_allowed(client, world):
    private = f.make_document(kind=Document.Kind.SELF_EVALUATION, authority=world.leicestershire,
                              title="Leicestershire internal audit")
    world.ilacs_2024.documents.add(private)
    outsider = f.make_user("outsider")
    html = page(client, outsider, world.ilacs_2024)
    assert "Leicestershire internal audit" not in html
    assert f"/documents/{private.pk}/download" not in html


def test_its_query_count_does_not_grow_with_the_facts(client, world, staff, django_assert_num_queries):
    # session, user, inspection, judgements, areas, findings, visible documents, cited and their judgements,
    # record currency (statistics, reports)
    signed_in(client, staff)
    with django_assert_num_queries(11):
        client.get(f"/inspections/{world.ilacs_2024.pk}/")
    add_history(world.leicestershire, 5)
    for n in range(20):
        f.make_finding(world.ilacs_2024, world.report_2024, text=f"Finding {n}.", theme=f.theme("caseloads"))
        f.make_area_for_improvement(world.ilacs_2024, world.report_2024, theme=f.theme("caseloads"))
    with django_assert_num_queries(11):
        html = client.get(f"/inspections/{world.ilacs_2024.pk}/").content.decode()
    assert "Finding 19." in html
