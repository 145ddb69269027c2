"""The release list and form at desktop and phone widths: nothing scrolls sideways, the
workflow buttons are at the top, and the changed parts pass axe-core."""

from __future__ import annotations

import pytest

from press.models import Status
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


LONG_TITLE = (
    "OSCE Chairpersonship and the Programme Office in Dushanbe host a regional conference on "
    "border management and security"
)


def sideways_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [1280, 375])
def test_release_list_and_form_fit_the_screen(erika, width):
    release = make_release(LONG_TITLE, status=Status.IN_REVIEW)
    for n in range(5):
        make_release(f"Release number {n} on the list")
    page = erika
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/admin/press/pressrelease/")
    assert sideways_overflow(page) <= 0
    title = page.locator("#result_list .field-title a", has_text="regional conference")
    box = title.bounding_box()
    # The headline is read in at most three lines, not one word a line.
    assert box["height"] < 4 * 22
    assert notice_violations(page, "#result_list") == []

    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")
    assert sideways_overflow(page) <= 0
    top_row = page.locator(".submit-row").first
    assert top_row.bounding_box()["y"] < page.locator("#id_title").bounding_box()["y"]
    assert top_row.locator("button[value=publish]").inner_text() == "Save and publish now"
    assert top_row.locator("button[value=schedule]").inner_text() == "Save and schedule"
    assert "In review" in top_row.locator(".press-status").inner_text()
    assert notice_violations(page, ".submit-row") == []

    page.goto(f"/admin/press/pressrelease/{release.pk}/history/")
    assert sideways_overflow(page) <= 0
