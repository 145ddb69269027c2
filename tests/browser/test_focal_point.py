"""The lead image in the release form, in Chromium: a chosen file shows with its size before
saving, and a click on the image sets the focal point that the crops keep in view."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from press.models import PressRelease
from tests.browser.test_authoring import csp_violations, log_in
from tests.browser.test_unsaved_work import notice_violations
from tests.factories import make_release, make_user
from tests.press.test_focal_point import RED, colour_at_the_left_edge, near, two_coloured

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_click_on_the_image_sets_the_focal_point_of_every_crop(page, tmp_path):
    make_user("editor", groups=["Editor"])
    release = make_release("Border officers graduate")
    log_in(page, "editor")
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")
    photo = tmp_path / "parade.png"
    photo.write_bytes(two_coloured())
    page.set_input_files("#id_image", str(photo))
    panel = page.locator(".press-focus")
    expect(panel.locator(".press-focus__facts")).to_contain_text("1600 × 900 pixels")
    image = panel.locator("img")
    expect(image).to_be_visible()

    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.08, "y": box["height"] * 0.5})
    expect(page.locator("#id_image_focus_x")).to_have_value("8")
    expect(page.locator("#id_image_focus_y")).to_have_value("50")
    assert panel.locator(".press-focus__marker").evaluate("m => m.style.left") == "8%"
    assert notice_violations(page, ".field-image_panel") == []

    page.fill("#id_image_alt", "Officers on parade")
    page.get_by_label("Minor change", exact=False).check()  # the release is public
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = PressRelease.objects.get(pk=release.pk)
    assert (saved.image_focus_x, saved.image_focus_y) == (8, 50)
    assert near(colour_at_the_left_edge(saved, "1x1"), RED)
    # After saving, the stored image is shown with the point where it was put.
    expect(page.locator(".press-focus img")).to_be_visible()
    assert page.locator(".press-focus__marker").evaluate("m => m.style.left") == "8%"
    assert csp_violations(page) == []
