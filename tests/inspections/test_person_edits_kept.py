"""A person's edit is never overwritten by a re-import: each loader keeps what an admin corrected and reports the
conflict (the object, the field, the person's value, the file's value) instead of reverting it.

Each edit is made the way a person makes it: a POST of the admin change form, as a signed-in staff user."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from improvement.loading import apply_curation
from improvement.models import Claim, ClaimAssessment
from inspections.models import Authority, Inspection, Judgement, MeasureValue
from tests.admin_forms import form_data
from tests.conftest import OFSTED, REPORTS, SHARED, seed_path

pytestmark = pytest.mark.django_db
CURATED = Path(__file__).resolve().parents[2] / "improvement" / "curated" / "leicestershire-2018.json"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password"))
    return client


def edit(client, obj, **changes):
    """Change fields of obj through its admin change form, as a person would."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = {**form_data(client.get(url)), **{name: str(value) for name, value in changes.items()}}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    obj.refresh_from_db()
    for name, value in changes.items():
        assert str(getattr(obj, name)) == str(value)
    return obj


def run(command, *args, **options):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out, **options)
    return out.getvalue()


def load_statistics():
    return run("load_authorities", data_dir=OFSTED) + run("load_ofsted_outcomes", data_dir=OFSTED)


def test_load_authorities_keeps_an_authority_name_a_person_corrected(editor):
    load_statistics()
    leicester = edit(editor, Authority.objects.get(ons_code="E06000016"), name="Leicester City")
    output = run("load_authorities", data_dir=OFSTED)
    leicester.refresh_from_db()
    assert leicester.name == "Leicester City"
    assert ("conflict: kept a person's edit: authority Leicester City, name: 'Leicester City' (edited by editor); "
            "the file says 'Leicester'") in output
    assert Authority.objects.matching("Leicester").get() == leicester  # the file's name is still found
    # The person's edit is still theirs on the next run: reported again, never reverted.
    assert "name: 'Leicester City' (edited by editor)" in run("load_authorities", data_dir=OFSTED)
    assert Authority.objects.get(ons_code="E06000016").name == "Leicester City"


def test_load_ofsted_outcomes_keeps_a_grade_a_person_corrected(editor):
    load_statistics()
    judgement = Judgement.objects.filter(
        document__kind="statistics", strand="overall", grade="Good").select_related("inspection__authority").first()
    edit(editor, judgement, grade="Outstanding")
    output = run("load_ofsted_outcomes", data_dir=OFSTED)
    judgement.refresh_from_db()
    assert judgement.grade == "Outstanding"
    assert "grade: 'Outstanding' (edited by editor); the file says 'Good'" in output
    assert "conflict: kept a person's edit: judgement" in output
    # A judgement nobody edited is still the file's.
    assert Judgement.objects.filter(document__kind="statistics", grade="Good").exists()


def test_load_dfe_statistics_keeps_a_figure_a_person_corrected(editor):
    run("load_authorities", data_dir=OFSTED)
    dfe = SHARED / "data" / "dfe"
    run("load_dfe_statistics", data_dir=dfe)
    figure = MeasureValue.objects.filter(value__isnull=False, level="authority").order_by("pk").first()
    file_value = figure.value
    edit(editor, figure, value="12.345")
    output = run("load_dfe_statistics", data_dir=dfe)
    figure.refresh_from_db()
    assert str(figure.value) == "12.345"
    said = re.search(r"value: Decimal\('12\.345'\) \(edited by editor\); the file says Decimal\('([\d.]+)'\)", output)
    assert said and Decimal(said.group(1)) == file_value
    assert "Figures: 0 created, 0 updated" in output


def test_import_report_keeps_a_statistics_grade_a_person_corrected(editor):
    load_statistics()
    report = REPORTS / "leicestershire-2024-07-12.pdf"
    inspection = Inspection.objects.get(authority__ons_code="E10000018", start_date__year=2024, kind="standard")
    overall = inspection.judgements.get(strand="overall")
    persons = "Good" if overall.grade != "Good" else "Requires improvement to be good"
    file_grade = overall.grade
    edit(editor, overall, grade=persons)
    output = run("import_report", str(report))
    overall.refresh_from_db()
    assert overall.grade == persons
    assert f"grade: {persons!r} (edited by editor); the file says {file_grade!r}" in output
    # The report's other judgements replaced the statistics' as usual.
    assert inspection.judgements.filter(document__filename=report.name).exists()


def test_import_report_again_keeps_a_claim_a_person_reworded(editor):
    run("load_authorities", data_dir=OFSTED)
    self_evaluation = seed_path("003")
    run("import_report", str(self_evaluation))
    claim = Claim.objects.filter(document__filename=self_evaluation.name).order_by("position").first()
    edit(editor, claim, statement="The council's own wording, corrected by a person.")
    assert "already present" in run("import_report", str(self_evaluation))
    claim.refresh_from_db()
    assert claim.statement == "The council's own wording, corrected by a person."


def test_the_curation_keeps_a_claim_statement_and_a_verdict_a_person_corrected(editor):
    run("load_authorities", data_dir=OFSTED)
    run("load_dfe_statistics", data_dir=SHARED / "data" / "dfe")  # the curation confirms a figure check
    run("import_report", str(seed_path("002")), str(seed_path("003")))
    apply_curation(CURATED)
    claim = Claim.objects.filter(status="confirmed").order_by("pk").first()
    file_statement = claim.statement
    edit(editor, claim, statement="A person's own wording of the claim.")
    # A curated assessment (a person's, resting on a finding, area or grade), not one the evidence finder proposed.
    curated = ClaimAssessment.objects.filter(status="confirmed", claim__status="confirmed", measure_value=None)
    assessment = curated.exclude(judgement=None, finding=None, area_for_improvement=None).order_by("pk").first()
    file_verdict = assessment.verdict
    persons_verdict = "contradicted" if file_verdict != "contradicted" else "borne_out"
    edit(editor, assessment, verdict=persons_verdict)

    counts = apply_curation(CURATED)
    claim.refresh_from_db()
    assessment.refresh_from_db()
    assert claim.statement == "A person's own wording of the claim."
    assert assessment.verdict == persons_verdict
    conflicts = "\n".join(map(str, counts["conflicts"]))
    assert f"statement: \"A person's own wording of the claim.\" (edited by editor); the file says {file_statement!r}" in conflicts
    assert f"verdict: {persons_verdict!r} (edited by editor); the file says {file_verdict!r}" in conflicts
    assert (counts["confirmed"], counts["assessments"]) == (0, 0)
