"""A video in a release's text in Chromium: a link and a button until the reader asks, then
the player from the video site's privacy-respecting host, which the page's policy allows."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_authoring import csp_violations
from tests.browser_support import WCAG_TAGS
from tests.factories import make_release

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_player_loads_only_when_the_reader_asks(page):
    release = make_release(
        body='<p>The Council met.</p><p><a href="https://youtu.be/dQw4w9WgXcQ">Opening</a></p>'
    )
    asked_elsewhere: list[str] = []

    def outside(route):
        # No network beyond this machine: note what the page asks of the video site.
        asked_elsewhere.append(route.request.url)
        route.abort()

    page.route("https://**/*", outside)
    page.goto(release.get_absolute_url())
    button = page.get_by_role("button", name="Play video (loads content from YouTube)")
    expect(button).to_be_visible()
    assert page.locator("iframe").count() == 0
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert asked_elsewhere == []

    button.click()
    player = page.locator(".video-embed iframe")
    expect(player).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    expect(player).to_have_attribute("title", "Opening")
    page.wait_for_timeout(300)
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in asked_elsewhere)
    assert csp_violations(page) == []
