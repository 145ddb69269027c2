"""An author writes a release in the rich-text editor and submits it; an editor publishes it;
the public reads it. All in Chromium, under the site's Content Security Policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from press.models import PressRelease, Status
from tests.factories import make_user

PASSWORD = "correct horse battery staple"


def log_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def csp_violations(page) -> list[str]:
    return [
        message.text
        for message in page.console_messages
        if "Content Security Policy" in message.text or "Refused to" in message.text
    ]


@pytest.mark.django_db(transaction=True)
def test_author_writes_editor_publishes_public_reads(page):
    make_user("writer", groups=["Author"])
    make_user("chief", groups=["Editor"])

    # The author writes a release with the rich-text editor.
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    # Typed key by key: the slug is filled from the title as the author types.
    page.locator("#id_title").press_sequentially("Border officers graduate in Dushanbe")
    expect(page.locator("#id_slug")).to_have_value("border-officers-graduate-in-dushanbe")
    page.fill("#id_lead", "Forty officers from Central Asia completed their training.")
    editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("The course covered risk analysis. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Forty officers")
    page.keyboard.press("Control+b")
    page.keyboard.type(" graduated in Tajikistan.")
    page.keyboard.press("Enter")
    page.keyboard.type("A second paragraph.")

    # Suggested terms come from the text and are added with one click.
    page.click(".press-suggestions__run")
    suggestion = page.locator(".press-suggestions__add", has_text="Tajikistan").first
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.locator("#id_countries option:checked")).to_have_text(["Tajikistan"])

    # The source, through its autocomplete widget.
    page.click(".field-lead_source .select2-selection")
    page.fill(".select2-dropdown .select2-search__field", "Secretary General")
    page.locator(".select2-results__option", has_text="Secretary General").first.click()

    page.click("button[name=_step][value=submit]")
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    release = PressRelease.objects.get(slug="border-officers-graduate-in-dushanbe")
    assert release.status == Status.IN_REVIEW
    assert "<strong>Forty officers</strong>" in release.body
    assert release.body.count("<p>") == 2
    assert [c.slug for c in release.countries.all()] == ["tajikistan"]
    assert page.locator("button[name=_step][value=publish]").count() == 0
    assert csp_violations(page) == []

    # The public cannot see it yet.
    page.context.clear_cookies()
    assert page.request.get(release.get_absolute_url()).status == 404

    # The editor publishes it.
    log_in(page, "chief")
    page.goto(f"/admin/press/pressrelease/{release.pk}/change/")
    expect(page.locator(".prose-editor .ProseMirror strong")).to_have_text("Forty officers")
    page.click("button[name=_step][value=publish]")
    expect(page.locator(".messagelist")).to_contain_text("Published")
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and release.is_live
    page.goto("/admin/press/pressrelease/")
    expect(page.locator("#result_list")).to_contain_text("Published")
    assert csp_violations(page) == []

    # The public page shows it.
    page.context.clear_cookies()
    page.goto(release.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Border officers graduate in Dushanbe")
    expect(page.locator("strong", has_text="Forty officers")).to_be_visible()
    expect(page).to_have_title(re.compile("Border officers graduate"))
    assert csp_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_tag_field_offers_existing_tags_as_you_type(page):
    from tests.factories import make_release

    make_release(tags=["water security"])
    make_user("tagger", groups=["Author"])
    log_in(page, "tagger")
    page.goto("/admin/press/pressrelease/add/")
    page.locator("#id_tags").press_sequentially("youth, wat")
    options = page.locator("#id_tags_suggestions option")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "youth, water security"
    assert csp_violations(page) == []
