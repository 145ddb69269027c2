"""Two editors open one release in Chromium: the second sees who is editing since when and
takes over; the first one's page says so within a report, without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_authoring import PASSWORD, csp_violations
from tests.browser.test_unsaved_work import notice_violations
from tests.factories import make_release, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _report_every_second(settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "EDITING_HEARTBEAT_SECONDS": 1.0}


def editor_page(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message))
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("Log out")
    return page


def test_the_second_editor_sees_who_is_editing_and_takes_over(browser, live_server):
    make_user("anna", groups=["Editor"], first_name="Anna", last_name="Berg")
    make_user("boris", groups=["Editor"])
    release = make_release("Talks in Vienna")
    address = f"/admin/press/pressrelease/{release.pk}/change/"

    anna = editor_page(browser, live_server, "anna")
    anna.goto(address)
    expect(anna.locator(".editing-notice__take-over")).to_be_hidden()
    anna.fill("#id_title", "Talks in Vienna resume")

    boris = editor_page(browser, live_server, "boris")
    boris.goto(address)
    notice = boris.locator(".editing-notice")
    expect(notice).to_contain_text("Anna Berg is editing this release since")
    assert notice_violations(boris, ".editing-notice") == []
    boris.get_by_role("button", name="Take over editing").click()
    expect(boris.locator(".messagelist")).to_contain_text("You took over editing from Anna Berg")
    expect(boris.locator(".editing-notice__take-over")).to_be_hidden()

    # Anna's page learns it at its next report; what she typed is still there.
    expect(anna.locator("#editing-status")).to_contain_text("boris took over editing at")
    expect(anna.get_by_role("button", name="Take over editing")).to_be_visible()
    expect(anna.locator("#id_title")).to_have_value("Talks in Vienna resume")
    assert notice_violations(anna, ".editing-notice") == []
    assert csp_violations(anna) == [] and csp_violations(boris) == []
    for page in (anna, boris):
        page.context.close()
