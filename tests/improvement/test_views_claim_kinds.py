"""/claims/: each claim's kind, its filter, and context (a count describing the area) never counted as a claim."""

import pytest

from improvement.models import Claim
from tests import factories as f
from tests.improvement.journey_world import fast_password_hashing, staff, world  # noqa: F401
from tests.improvement.test_views_claims import CLAIMS, export, get, statements

pytestmark = pytest.mark.django_db
CONTEXT = "There are 544 children in care."


@pytest.fixture
def with_context(world):
    f.make_claim(world.self_evaluation, statement=CONTEXT, figure=544, unit="children in care",
                 kind=Claim.Kind.CONTEXT, source_ref="page 2", position=5)
    return world


def test_context_is_listed_with_its_kind_but_not_counted_in_the_calibration(client, with_context, staff):
    response = get(client, staff, CLAIMS)
    assert CONTEXT in statements(response)
    leicestershire = next(row for row in response.context["calibration"].rows if row[0] == "Leicestershire")
    assert leicestershire[-1] == 3  # the three claims of the world, the context left out
    assert "Context (not a claim)" in response.content.decode()


def test_context_is_not_among_the_claims_not_yet_tested(client, with_context, staff):
    untested = statements(get(client, staff, f"{CLAIMS}?verdict=not_yet_tested"))
    assert CONTEXT not in untested and "Families are heard." in untested


def test_the_kind_filter_and_the_csv_column(client, with_context, staff):
    assert statements(get(client, staff, f"{CLAIMS}?kind=context")) == [CONTEXT]
    assert CONTEXT not in statements(get(client, staff, f"{CLAIMS}?kind=quality"))
    rows = {row["Claim"]: row for row in export(client, staff)}
    assert rows[CONTEXT]["Kind"] == "Context (not a claim)"
    assert rows[CONTEXT]["Verdict"] == "Context, not a claim"
    assert rows["Families are heard."]["Kind"] == "Quality claim"


def test_a_self_evaluations_claim_count_leaves_out_context(with_context):
    from improvement.models import SelfEvaluation

    counted = SelfEvaluation.objects.with_claim_counts().get(pk=with_context.self_evaluation.pk)
    assert counted.claim_count == 4  # the world's four (one rejected, counted as before), not the context
