"""The body's editor in Chromium: a word count that follows the text, a button that clears
formatting, and a pasted Word heading 1 kept as a section heading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_editing import editor_page
from tests.browser.test_unsaved_work import notice_violations
from tests.factories import make_release, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def erika(browser, live_server):
    """An editor's signed-in page, closed after the test: an open release form keeps
    reporting to the server, and would write into the next test's database."""
    make_user("erika", groups=["Editor"])
    page = editor_page(browser, live_server, "erika")
    yield page
    page.context.close()


PASTE = """(html) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "Pasted");
  const box = document.querySelector(".field-body .tiptap.ProseMirror");
  box.focus();
  const options = {clipboardData: data, bubbles: true, cancelable: true};
  box.dispatchEvent(new ClipboardEvent("paste", options));
}"""

CARET_COLLAPSED = """() => document.querySelector(".field-body .tiptap.ProseMirror")
  .editor.state.selection.empty"""


def test_word_count_clear_formatting_and_pasted_heading(erika):
    release = make_release(body="<p>Forty officers <strong>graduated</strong> today.</p>")
    page = erika
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")

    count = page.locator(".press-body-tools__count")
    expect(count).to_have_text("4 words")
    body = page.locator(".field-body .tiptap.ProseMirror")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Two more.")
    expect(count).to_have_text("6 words")

    page.keyboard.press("Control+a")
    page.get_by_role("button", name="Clear formatting").click()
    expect(body.locator("strong")).to_have_count(0)
    expect(body).to_contain_text("Forty officers graduated today.")

    # The caret after the last word (the whole text is still selected until the editor has
    # taken the keystroke), then a Word title pasted there: it stays a heading of its own,
    # after the paragraph, which keeps every word.
    page.keyboard.press("Control+End")
    page.wait_for_function(CARET_COLLAPSED)
    page.keyboard.type(" Done.")
    expect(body.locator("p")).to_have_text("Forty officers graduated today. Two more. Done.")
    word_html = '<h1 class="MsoTitle">Next steps</h1><p class="MsoNormal">Talks go on.</p>'
    page.evaluate(PASTE, word_html)
    expect(body.locator("h2", has_text="Next steps")).to_have_count(1)
    expect(body.locator("h1")).to_have_count(0)
    expect(body.locator("p").first).to_have_text("Forty officers graduated today. Two more. Done.")
    expect(body.locator("p").last).to_have_text("Talks go on.")
    assert notice_violations(page, ".press-body-tools") == []

    page.get_by_label("Minor change", exact=False).check()  # the release is public
    page.locator(".submit-row").first.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    release.refresh_from_db()
    kept = "<p>Forty officers graduated today. Two more. Done.</p><h2>Next steps</h2>"
    assert kept in release.body
    assert "<strong>" not in release.body
