"""An editor corrects a published release in Chromium: the form asks whether the change is
major, a major one needs a note, and the public page then says "Updated" with the note and
lists the change history. The changed form and the page pass axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from press.models import ChangeNote
from tests.browser.test_authoring import csp_violations
from tests.browser.test_editing import editor_page
from tests.factories import make_release, make_user
from tests.taxonomy.test_admin_browser import WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Corrected the number of participants."


def violations(page, context: str | None = None) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    results = Axe().run(page, context=context, options=options)
    return [] if not results.violations_count else [results.generate_report()]


@pytest.fixture
def chief(browser, live_server):
    """An editor's page, closed after the test: an open release form keeps reporting to the
    server, and would write into the next test's database."""
    make_user("chief", groups=["Editor"])
    page = editor_page(browser, live_server, "chief")
    yield page
    page.context.close()


def test_an_editor_makes_a_major_change_with_a_note(chief, live_server):
    release = make_release(
        "Border officers graduate", lead="Twelve officers graduated.", countries=["tajikistan"]
    )
    page = chief
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")
    change = page.locator("fieldset.press-change")
    expect(change).to_contain_text("What kind of change is this?")
    assert violations(page, "fieldset.press-change") == []

    page.fill("#id_lead", "Twenty-one officers graduated.")
    page.get_by_label("Major change", exact=False).check()
    page.locator("input[name=_continue]").last.click()
    # Refused without a note, with the error beside the field and the text still there.
    expect(page.get_by_text("Please correct the error below.")).to_be_visible()
    expect(change.locator(".errorlist")).to_contain_text("A major change needs a note")
    expect(page.locator("#id_lead")).to_have_value("Twenty-one officers graduated.")
    expect(page.get_by_label("Major change", exact=False)).to_be_checked()
    assert violations(page, "fieldset.press-change") == []
    assert not ChangeNote.objects.exists()

    page.fill("#id_change_note", NOTE)
    page.locator("input[name=_continue]").last.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    (noted,) = ChangeNote.objects.all()
    assert noted.major and noted.note == NOTE
    assert csp_violations(page) == []

    # The public page.
    reader = page.context.browser.new_context(base_url=live_server.url).new_page()
    reader.goto(release.get_absolute_url())
    expect(reader.locator(".release__latest-change")).to_contain_text(NOTE)
    assert reader.locator(".release__latest-change time").get_attribute("datetime")
    history = reader.locator("#change-history")
    expect(history.get_by_role("heading", name="Change history")).to_be_visible()
    expect(history.locator("li")).to_have_count(2)
    expect(history.locator("li").first).to_contain_text(NOTE)
    expect(history.locator("li").last).to_contain_text("First published.")
    assert violations(reader) == []
    reader.context.close()
