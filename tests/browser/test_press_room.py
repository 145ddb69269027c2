"""The press room in a real Chromium: a journalist signs in through the form and reads an
embargoed release; every page is accessible (axe-core) and valid (Nu Html Checker)."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from django.utils import timezone

from press.models import JOURNALIST_GROUP, Status
from tests.browser_support import validate_html
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"
_axe = Axe()


def assert_accessible_and_valid(page) -> None:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert validate_html(page.content()) == []


def test_a_journalist_signs_in_and_reads_the_embargoed_release(page, reference_data):
    release = make_release("Ceasefire agreement reached", status=Status.IN_REVIEW)
    release.embargo(
        by=make_user(groups=["Editor"]), until=timezone.now() + datetime.timedelta(days=1)
    )
    journalist = User.objects.create_user("reporter", "reporter@example.org", PASSWORD)
    journalist.groups.add(Group.objects.get(name=JOURNALIST_GROUP))

    page.goto("/press-room/request/")
    assert_accessible_and_valid(page)
    page.get_by_role("button", name="Send the request").click()
    assert page.locator("[role=alert]").count() == 1
    assert_accessible_and_valid(page)  # with its errors shown

    page.goto("/press-room/")
    assert "/press-room/login/" in page.url
    assert_accessible_and_valid(page)
    page.get_by_label("Username").fill("reporter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/press-room/")
    assert_accessible_and_valid(page)

    page.get_by_role("link", name="Ceasefire agreement reached").click()
    page.wait_for_url(f"**/press-room/{release.slug}/")
    banner = page.locator(".notice--embargo").inner_text()
    assert "Embargoed until" in banner and "not for publication before then" in banner
    assert_accessible_and_valid(page)
