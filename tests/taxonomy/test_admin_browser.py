"""A taxonomy manager at work in Chromium: the structure tree, a rename, a merge."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from press.models import PressRelease
from taxonomy.models import FieldOfWork, Structure
from tests.browser_support import validate_html
from tests.factories import make_release, make_user

pytestmark = [
    pytest.mark.browser,
    # Live server: real transactions; the reference data is restored for the next tests.
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"


WCAG_TAGS = ["wcag2a", "wcag2aa"]


def log_in_as_manager(page) -> None:
    make_user("keeper", groups=["Taxonomy manager"])
    page.goto("/admin/login/")
    page.fill("#id_username", "keeper")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("keeper")


def own_content_violations(page) -> list[str]:
    """Accessibility problems in what these pages add (the admin's own chrome is Django's)."""
    results = Axe().run(
        page, context="#content", options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    )
    return [] if not results.violations_count else [results.generate_report()]


def test_manager_merges_two_fields_of_work_through_the_admin(page):
    for _ in range(2):
        make_release(fields=["environmental-activities"])
    make_release(fields=["environmental-activities", "economic-activities"])
    old = FieldOfWork.objects.get(slug="environmental-activities")
    log_in_as_manager(page)

    page.goto("/admin/taxonomy/fieldofwork/")
    page.check(f"input[name=_selected_action][value='{old.pk}']")
    page.select_option("select[name=action]", "merge_into")
    page.click("button[name=index]")
    expect(page.locator("#content")).to_contain_text("3 releases are classified by the terms")
    assert validate_html(page.content()) == []
    assert own_content_violations(page) == []

    page.select_option("#id_target", label="Economic activities")
    page.click("input[type=submit][value=Continue]")
    expect(page.locator("#content")).to_contain_text(
        "3 releases will move to “Economic activities”."
    )
    assert validate_html(page.content()) == []
    page.click("input[type=submit][value='Yes, merge']")

    expect(page.locator(".messagelist")).to_contain_text("3 releases moved")
    target = FieldOfWork.objects.get(slug="economic-activities")
    assert PressRelease.objects.filter(fields_of_work=target).count() == 3
    response = page.request.get("/fields-of-work/environmental-activities/", max_redirects=0)
    assert response.status == 301


def test_manager_renames_a_field_operation_and_sees_the_tree(page):
    log_in_as_manager(page)

    page.goto("/admin/taxonomy/structure/")
    expect(page.locator("#result_list")).to_contain_text("└ Secretary General")
    assert validate_html(page.content()) == []

    moldova = Structure.objects.get(slug="mission-to-moldova")
    page.goto(f"/admin/taxonomy/structure/{moldova.pk}/change/")
    expect(page.locator("#id_record_former_name")).to_be_checked()
    page.fill("#id_name_en_gb", "Mission to the Republic of Moldova")
    page.fill("#id_slug", "mission-to-the-republic-of-moldova")
    page.fill("#id_renamed_in", "2024")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    moldova.refresh_from_db()
    former = moldova.former_names.get()
    assert (former.name, former.slug, former.until_year) == (
        "Mission to Moldova",
        "mission-to-moldova",
        2024,
    )
    page.goto("/structures/mission-to-moldova/")
    assert page.url.endswith("/structures/mission-to-the-republic-of-moldova/")
    expect(page.locator("main")).to_contain_text("Mission to Moldova (until 2024)")
