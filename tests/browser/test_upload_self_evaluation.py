"""Uploading a Word self-evaluation in a real browser: the form, the preview of the claims (accessible, by axe),
confirm; the file is the real seed 003 written as .docx at test time."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from inspections.models import Document
from tests.browser.conftest import PASSWORD
from tests.inspections.dashboard_world import member
from tests.word_documents import seed_word_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_council_user_uploads_previews_and_confirms_a_word_self_evaluation(offline_page, live_server, world, tmp_path,
                                                                              screenshot_dir):
    member("leicestershire.manager", authority=world.leicestershire)
    page = offline_page
    page.goto(f"{live_server.url}/accounts/login/?next=/self-evaluations/upload/")
    page.fill("#id_username", "leicestershire.manager")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/self-evaluations/upload/")
    assert page.locator("#id_authority option").all_inner_texts() == ["Leicestershire"]
    path = tmp_path / "Leicestershire self-evaluation 2018.docx"
    path.write_bytes(seed_word_document("003"))
    page.set_input_files("#id_file", str(path))
    page.click("text=Preview the claims")
    page.locator("#proposed-claims").wait_for()
    assert "Figure claim" in page.locator("#proposed-claims").inner_text()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=str(screenshot_dir / "upload-preview.png"), full_page=False)
    page.click("text=Confirm and save")
    page.wait_for_url(lambda url: "/self-evaluations/upload/" not in url)  # the review, or its journey until merged
    document = Document.objects.get(filename=path.name)
    assert document.is_private and document.self_evaluation.claims.count() > 40
