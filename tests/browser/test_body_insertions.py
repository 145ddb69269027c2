"""What the body's tools put in the text, in Chromium: a link to another release found by
its title, and the release's own image with its description."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from press.models import Status
from tests.browser.test_editing import editor_page
from tests.browser.test_unsaved_work import notice_violations
from tests.factories import make_release, make_user
from tests.press.test_media import with_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def erika(browser, live_server):
    make_user("erika", groups=["Editor"])
    page = editor_page(browser, live_server, "erika")
    yield page
    page.context.close()


def save(page):
    page.locator(".submit-row").first.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")


def test_link_to_a_release_found_by_its_title(erika):
    target = make_release("Border management training ends in Dushanbe")
    make_release("Next border training", status=Status.DRAFT)
    release = make_release("Talks in Vienna", status=Status.DRAFT, body="<p>See also </p>")
    page = erika
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")

    body = page.locator(".field-body .tiptap.ProseMirror")
    body.click()
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="Link to a release").click()
    dialog = page.get_by_role("dialog", name="Link to a release")
    dialog.get_by_label("Words of its title").fill("border training")
    expect(dialog.get_by_role("status")).to_contain_text("2 releases found")
    expect(dialog.get_by_role("button", name="not public yet")).to_contain_text(
        "Next border training"
    )
    assert notice_violations(page, "#release-link-dialog") == []
    dialog.get_by_role("button", name="Border management training ends in Dushanbe").click()
    expect(dialog).to_be_hidden()

    link = body.get_by_role("link", name=target.title)
    expect(link).to_have_attribute("href", target.get_absolute_url())
    save(page)
    release.refresh_from_db()
    assert f'<a href="{target.get_absolute_url()}">{target.title}</a>' in release.body


def test_insert_the_lead_image_with_a_description(erika):
    release = with_image(make_release("Talks in Vienna", status=Status.DRAFT))
    page = erika
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")

    page.locator(".field-body .tiptap.ProseMirror").click()
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="Insert an image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog.get_by_role("radio", name="Lead image")).to_be_checked()
    alt = dialog.get_by_label("Description (alt text)")
    expect(alt).to_have_value("A photo")  # the lead image's, as a start
    assert notice_violations(page, "#body-image-dialog") == []
    alt.fill("   ")
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_be_visible()  # no image without a description
    alt.fill("Officers on parade in Vienna")
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_be_hidden()

    image = page.locator(".field-body .tiptap.ProseMirror img")
    expect(image).to_have_attribute("alt", "Officers on parade in Vienna")
    expect(image).to_have_attribute("src", release.image.url)
    save(page)
    release.refresh_from_db()
    assert f'<img src="{release.image.url}" alt="Officers on parade in Vienna">' in release.body


def test_a_release_without_an_image_says_how_to_get_one(erika):
    release = make_release("Talks in Vienna", status=Status.DRAFT)
    page = erika
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")
    page.get_by_role("button", name="Insert an image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog).to_contain_text("This release has no image yet")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
