"""No typed work is lost in the release editor: leaving asks first, and what was typed is
kept on the server and offered back. In Chromium, under the site's CSP."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from press.models import Autosave, PressRelease
from tests.browser.test_authoring import csp_violations, log_in
from tests.factories import make_user
from tests.taxonomy.test_admin_browser import WCAG_TAGS


def notice_violations(page, context: str = ".autosave-notice") -> list[str]:
    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    )
    return [] if not results.violations_count else [results.generate_report()]


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _autosave_every_second(settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "AUTOSAVE_SECONDS": 1.0}


def test_leaving_a_form_with_unsaved_changes_asks_first(page):
    make_user("writer", groups=["Author"])
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    page.locator("#id_title").press_sequentially("A title that must not be lost")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "Stay on this page"

    page.on("dialog", answer)
    # A sidebar or header link, as in the reported loss.
    page.locator("#user-tools a", has_text="View site").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_title")).to_have_value("A title that must not be lost")
    # The form stays, and its text reaches the server (no request is left in flight).
    expect(page.locator("#autosave-status")).to_contain_text("Unsaved changes kept at")


def test_submitting_the_form_does_not_ask(page):
    make_user("writer", groups=["Author"])
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.locator("#id_title").press_sequentially("Saved properly")
    page.fill("#id_lead", "A lead.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert dialogs == []


def test_typed_text_is_kept_and_restored_after_the_tab_is_gone(browser, live_server):
    make_user("writer", groups=["Author"])
    context = browser.new_context(base_url=live_server.url)
    first = context.new_page()
    log_in(first, "writer")
    first.goto("/admin/press/pressrelease/add/")
    first.locator("#id_title").press_sequentially("Observers deployed to the region")
    first.fill("#id_lead", "Observers arrived today.")
    first.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    first.keyboard.type("Forty observers from twenty States.")
    expect(first.locator("#autosave-status")).to_contain_text("Unsaved changes kept at")
    first.close(run_before_unload=False)  # the tab is closed, nothing was saved
    assert not PressRelease.objects.exists()
    assert Autosave.objects.count() == 1

    second = context.new_page()
    second.console_messages = []
    second.on("console", lambda message: second.console_messages.append(message))
    second.goto(live_server.url + "/admin/press/pressrelease/add/")
    expect(second.locator(".autosave-notice")).to_contain_text("Unsaved changes were kept")
    assert notice_violations(second) == []
    # The whole form, with the widgets' own controls named.
    assert notice_violations(second, "#content") == []
    second.get_by_role("link", name="Restore the kept changes").click()
    expect(second.locator("#id_title")).to_have_value("Observers deployed to the region")
    expect(second.locator("#id_lead")).to_have_value("Observers arrived today.")
    expect(second.locator(".prose-editor .ProseMirror[contenteditable=true]")).to_contain_text(
        "Forty observers from twenty States."
    )
    second.click("input[name=_save]")
    expect(second.locator(".messagelist")).to_be_visible()
    release = PressRelease.objects.get()
    assert "Forty observers" in release.body
    assert not Autosave.objects.exists()
    assert csp_violations(second) == []
    context.close()
