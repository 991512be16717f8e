"""The site's self-evaluation upload (improvement.upload): who may upload for which council, the preview of the
proposed claims, confirm and cancel, on the real seed self-evaluation written as a Word document at test time.
Its privacy on every page is tested in test_upload_privacy.py."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from improvement.demo_accounts import ensure_demo_accounts
from improvement.models import SelfEvaluation
from inspections.importing.families import self_evaluation as parser
from inspections.importing.readers.text import read_path
from inspections.models import Document, Membership
from inspections.upload import previews_root
from tests.conftest import seed_path
from tests.inspections.dashboard_world import EAST_MIDLANDS, member, world  # noqa: F401
from tests.word_documents import seed_word_document

pytestmark = pytest.mark.django_db
URL = "improvement:upload-self-evaluation"
FILENAME = "Leicestershire SEF February 2018.docx"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def word_bytes():
    return seed_word_document("003")


@pytest.fixture
def accounts(world):
    """The demo logins, as load_demo makes them: leicestershire.manager, leeds.manager, staff.analyst."""
    ensure_demo_accounts()
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.filter(username__contains=".")}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def word_file(data, name=FILENAME):
    return SimpleUploadedFile(name, data, content_type=WORD)


def preview(client, data, authority="E10000018", name=FILENAME):
    return client.post(reverse(URL), {"step": "preview", "authority": authority, "file": word_file(data, name)})


def waiting():
    root = previews_root()
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def choices(response):
    return [str(label) for _value, label in response.context["form"].fields["authority"].choices]


def test_a_council_user_may_upload_only_for_their_own_council(accounts):
    response = as_user(accounts["leicestershire.manager"]).get(reverse(URL))
    assert response.status_code == 200
    assert choices(response) == ["Leicestershire"]
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]


def test_a_regional_adviser_may_upload_for_the_councils_of_their_region(world):
    adviser = member("em.adviser", region=EAST_MIDLANDS, role=Membership.Role.REGIONAL)
    assert choices(as_user(adviser).get(reverse(URL))) == ["Leicester", "Leicestershire"]


def test_staff_may_upload_for_any_council(accounts):
    assert choices(as_user(accounts["staff.analyst"]).get(reverse(URL))) == ["Leeds", "Leicester", "Leicestershire"]


def test_a_user_linked_to_no_council_is_told_why_and_signed_out_users_sign_in(world, client):
    from tests.factories import make_user

    response = as_user(make_user("unlinked")).get(reverse(URL))
    assert response.status_code == 403
    assert b"not linked to a council" in response.content
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_preview_shows_the_proposed_claims_and_saves_nothing(accounts, word_bytes, django_assert_max_num_queries):
    documents = Document.objects.count()
    client = as_user(accounts["leicestershire.manager"])
    with django_assert_max_num_queries(12):
        response = preview(client, word_bytes)
    assert response.status_code == 200
    expected = parser.parse(read_path(seed_path("003")).pages, "003.txt").claims
    claims = response.context["claims"]
    assert [(c["statement"], c["source_ref"]) for c in claims] == [(c.text, c.source_ref) for c in expected]
    kinds = {c["kind"] for c in claims}
    assert {"Figure claim", "Quality claim", "Context (not a claim)"} <= kinds
    # A figure claim with its figure written as people write it, its theme and its section and paragraph.
    with_figures = [c for c in claims if c["kind"] == "Figure claim" and c["figure"]]
    assert with_figures and all(c["theme"] and ", paragraph " in c["source_ref"] for c in with_figures[:3])
    page = response.content.decode()
    assert "Leicestershire (E10000018)" in page and "Confirm and save" in page
    assert response.context["dated"] == "February 2018"
    counts = re.fullmatch(r"(\d+) figure claims, (\d+) quality claims, (\d+) context figures \(not claims\), (\d+) plans",
                          response.context["counts"])
    assert counts and sum(map(int, counts.groups())) == len(claims), response.context["counts"]
    assert Document.objects.count() == documents and not SelfEvaluation.objects.filter(title__contains="Road").exists()
    token = response.context["token"]
    assert waiting() == [token]
    assert (previews_root() / token / FILENAME).read_bytes() == word_bytes
    # The waiting file has no address: media is not served, and the preview is no page of its own.
    assert client.get(f"/media/uploads/{token}/{FILENAME}").status_code == 404


def test_confirm_saves_a_private_self_evaluation_and_opens_its_review(accounts, word_bytes):
    client = as_user(accounts["leicestershire.manager"])
    response = preview(client, word_bytes)
    token, proposed = response.context["token"], len(response.context["claims"])
    response = client.post(reverse(URL), {"step": "confirm", "token": token})
    document = Document.objects.get(filename=FILENAME)
    assert document.is_private and document.kind == Document.Kind.SELF_EVALUATION
    assert document.authority.ons_code == "E10000018"
    assert document.file.read() == word_bytes
    self_evaluation = document.self_evaluation
    assert self_evaluation.claims.count() == proposed
    assert self_evaluation.published.isoformat() == "2018-02-01"
    try:
        expected = reverse("improvement:review", kwargs={"pk": self_evaluation.pk})
    except NoReverseMatch:  # until the review workbench is merged
        expected = f"{reverse('improvement:journeys')}?authority=E10000018&start={document.pk}"
    assert response.status_code == 302 and response["Location"] == expected
    assert waiting() == []
    # The token is spent: a second confirm is refused and saves nothing more.
    assert client.post(reverse(URL), {"step": "confirm", "token": token}).status_code == 403
    assert Document.objects.filter(filename=FILENAME).count() == 1


def test_cancel_deletes_the_file_and_saves_nothing(accounts, word_bytes):
    client = as_user(accounts["leicestershire.manager"])
    token = preview(client, word_bytes).context["token"]
    response = client.post(reverse(URL), {"step": "cancel", "token": token}, follow=True)
    assert waiting() == [] and not Document.objects.filter(filename=FILENAME).exists()
    assert "Upload cancelled" in response.content.decode()


def test_a_new_preview_replaces_the_sessions_last(accounts, word_bytes):
    client = as_user(accounts["leicestershire.manager"])
    first = preview(client, word_bytes).context["token"]
    second = preview(client, word_bytes).context["token"]
    assert waiting() == [second] != [first]


def test_another_session_cannot_confirm_or_cancel_the_preview(accounts, word_bytes):
    token = preview(as_user(accounts["leicestershire.manager"]), word_bytes).context["token"]
    staff = as_user(accounts["staff.analyst"])
    assert staff.post(reverse(URL), {"step": "confirm", "token": token}).status_code == 403
    assert staff.post(reverse(URL), {"step": "cancel", "token": token}).status_code == 403
    assert waiting() == [token] and not Document.objects.filter(filename=FILENAME).exists()


def test_an_expired_preview_is_refused_with_the_reason(accounts, word_bytes, settings):
    import os
    import time

    settings.UPLOAD_PREVIEW_SECONDS = 3600
    client = as_user(accounts["leicestershire.manager"])
    token = preview(client, word_bytes).context["token"]
    then = time.time() - 3601
    os.utime(previews_root() / token, (then, then))
    response = client.post(reverse(URL), {"step": "confirm", "token": token}, follow=True)
    assert "expired after 60 minutes" in response.content.decode()
    assert waiting() == [] and not Document.objects.filter(filename=FILENAME).exists()


def refusal(response):
    assert response.status_code == 400
    assert waiting() == []
    return " ".join(response.context["form"].errors["file"])


def test_another_councils_self_evaluation_is_refused(accounts, word_bytes):
    message = refusal(preview(as_user(accounts["leeds.manager"]), word_bytes, authority="E08000035"))
    assert message == (f"{FILENAME}: the document names Leicestershire ('Leicestershire County Council'), a council "
                       "you may not upload for; you may upload for Leeds")
    assert not Document.objects.filter(filename=FILENAME).exists()


def test_a_document_of_another_council_than_the_one_chosen_is_refused(world, word_bytes):
    adviser = member("em.adviser", region=EAST_MIDLANDS, role=Membership.Role.REGIONAL)
    message = refusal(preview(as_user(adviser), word_bytes, authority="E06000016"))
    assert message == f"{FILENAME}: the document names Leicestershire, not Leicester; choose Leicestershire if it is theirs"


def test_a_council_user_cannot_choose_another_council(accounts, word_bytes):
    response = preview(as_user(accounts["leeds.manager"]), word_bytes, authority="E10000018")
    assert response.status_code == 400 and "authority" in response.context["form"].errors


def test_an_ofsted_letter_is_not_a_self_evaluation(world):
    adviser = member("em.adviser", region=EAST_MIDLANDS, role=Membership.Role.REGIONAL)
    message = refusal(preview(as_user(adviser), seed_path("004").read_bytes(), authority="E06000016", name="letter.txt"))
    assert message.startswith("letter.txt: this reads as an Ofsted monitoring visit, not a council's self-evaluation")


def test_a_file_that_is_not_a_word_document_is_named_and_explained(accounts):
    message = refusal(preview(as_user(accounts["leicestershire.manager"]), b"\x00\x01binary", name="sef.docx"))
    assert message == "sef.docx: the file is named as a Word document but is not a .docx (it is not a zip archive)"


def test_a_path_in_the_uploaded_name_is_dropped(accounts, word_bytes):
    response = preview(as_user(accounts["leicestershire.manager"]), word_bytes, name="../../etc/sef.docx")
    assert response.status_code == 200
    assert [p.name for p in (previews_root() / response.context["token"]).iterdir()] == ["sef.docx"]


def test_the_same_self_evaluation_as_utf8_text_previews_the_same_claims(accounts, word_bytes):
    client = as_user(accounts["leicestershire.manager"])
    from_word = preview(client, word_bytes).context["claims"]
    from_text = preview(client, seed_path("003").read_bytes(), name="sef.txt").context["claims"]
    assert from_text == from_word and len(from_text) > 40


def test_the_query_count_does_not_grow_with_the_claims(accounts, word_bytes):
    """A document with a handful of claims costs the preview as many queries as one with seventy."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.word_documents import word_document

    short = "\n\n".join(seed_path("003").read_text(encoding="utf-8").split("\n\n")[:12])
    client = as_user(accounts["leicestershire.manager"])
    counts = []
    for data in (word_document(short), word_bytes):
        with CaptureQueriesContext(connection) as queries:
            response = preview(client, data)
        counts.append((len(response.context["claims"]), len(queries)))
    (few, few_queries), (many, many_queries) = counts
    assert 0 < few < 20 < 60 < many
    assert few_queries == many_queries
