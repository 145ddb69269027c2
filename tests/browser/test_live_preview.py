"""The live preview in Chromium: the public page beside the form follows what is typed,
at desktop and phone widths, before anything is saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from press.models import PressRelease
from tests.browser.test_authoring import csp_violations, log_in
from tests.browser.test_unsaved_work import notice_violations
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_preview_follows_the_unsaved_form_at_both_widths(page):
    make_user("writer", groups=["Author"])
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    toggle = page.get_by_role("button", name="Live preview")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    page.locator("#id_title").press_sequentially("Observers deployed to the region")
    page.fill("#id_lead", "Forty observers arrived today.")
    preview = page.frame_locator(".live-preview__frame")
    expect(preview.locator("h1")).to_have_text("Observers deployed to the region")
    expect(preview.locator(".release__lead")).to_contain_text("Forty observers arrived today.")
    expect(preview.locator(".notice--preview")).to_contain_text("Your unsaved changes")

    page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("A paragraph typed in the editor.")
    expect(preview.locator(".release__body")).to_contain_text("A paragraph typed in the editor.")

    frame = page.locator(".live-preview__frame")
    page.get_by_role("button", name="Phone").click()
    expect(page.get_by_role("button", name="Phone")).to_have_attribute("aria-pressed", "true")
    assert frame.evaluate("f => f.style.width") == "375px"
    # The page inside is laid out for a phone: nothing wider than the frame.
    preview_width = frame.evaluate("f => f.contentDocument.documentElement.scrollWidth")
    assert preview_width <= 375
    page.get_by_role("button", name="Desktop").click()
    assert frame.evaluate("f => f.style.width") == "1280px"

    assert notice_violations(page, "#live-preview") == []
    assert csp_violations(page) == []
    assert not PressRelease.objects.exists()  # nothing was saved

    page.get_by_role("button", name="Close preview").click()
    expect(page.locator("#live-preview")).to_be_hidden()
    expect(toggle).to_be_focused()


def test_the_checks_run_on_what_is_typed_and_lead_to_the_field(page):
    make_user("writer", groups=["Author"])
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    page.locator("#id_title").press_sequentially("Observers deployed")
    page.get_by_role("button", name="Run the checks").click()
    checks = page.locator(".press-checks")
    expect(checks.locator(".press-checks__summary")).to_contain_text("things to look at")
    expect(checks.get_by_role("link", name="Lead")).to_be_visible()
    assert notice_violations(page, ".press-checks") == []

    page.fill("#id_lead", "Forty observers arrived today.")
    page.get_by_role("button", name="Run the checks").click()
    expect(checks.get_by_role("link", name="Lead")).to_have_count(0)
    assert csp_violations(page) == []
