"""Media advisories in Chromium: the events page and an advisory's page are accessible,
valid and fit a phone and a desktop; the editor's event fieldset follows the chosen type."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from press.models import ReleaseType, Status
from tests.browser.test_authoring import csp_violations, log_in
from tests.browser_support import page_problems, report
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db(transaction=True)

_axe = Axe()
DAY = datetime.timedelta(days=1)


def advisory(title: str, days: float, zone: str = "Europe/Vienna", **extra):
    start = (timezone.now() + days * DAY).replace(second=0, microsecond=0)
    return make_release(
        title,
        type=ReleaseType.MEDIA_ADVISORY,
        event_starts_at=start,
        event_ends_at=start + datetime.timedelta(hours=2),
        event_timezone=zone,
        countries=["austria"],
        meetings=["ministerial-council-meetings"],
        **extra,
    )


@pytest.fixture
def events(reference_data):
    conference = advisory(
        "Media advisory: press conference at the close of the Ministerial Council in Vienna",
        12,
        event_venue="Hofburg, Heldenplatz 1, 1010 Vienna, Press Centre (Redoutensaal)",
        accreditation_deadline=timezone.now() + 5 * DAY,
        accreditation_url="https://accreditation.example.org/ministerial-council",
        source="chairpersonship",
    )
    advisory("Election observers brief the press in Bishkek", 40, zone="Asia/Bishkek")
    past = advisory(
        "Opening of a regional media centre in Comrat",
        -20,
        zone="Europe/Chisinau",
        event_venue="Comrat State University",
    )
    advisory("A cancelled briefing", 8, status=Status.WITHDRAWN)
    return {"conference": conference, "past": past}


def test_event_pages_are_accessible_valid_and_fit_phone_and_desktop(page, events, artifacts_dir):
    paths = {
        "events": "/events/",
        "advisory": events["conference"].get_absolute_url(),
        "advisory-past": events["past"].get_absolute_url(),
        "country-with-events": "/countries/austria/",
    }
    failures = page_problems(page, paths, artifacts_dir, "events")
    assert not failures, report(failures)


def test_a_reader_goes_from_the_events_page_to_the_advisory_and_its_calendar(page, events):
    page.goto("/")
    page.locator(".site-footer").get_by_role("link", name="Upcoming events").click()
    expect(page.locator("h1")).to_have_text("Upcoming events")
    titles = page.locator("section[aria-labelledby=upcoming-heading] h3").all_inner_texts()
    assert titles[0].startswith("Media advisory: press conference") and len(titles) == 2
    page.get_by_role("link", name=events["conference"].title).click()
    box = page.locator("section.event")
    expect(box).to_contain_text("(Europe/Vienna, UTC+")
    expect(box).to_contain_text("Hofburg, Heldenplatz 1")
    with page.expect_download() as download:
        box.get_by_role("link", name="Add to calendar").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert csp_violations(page) == []


def test_the_event_fieldset_shows_for_advisories_only(page, reference_data, settings):
    # Changing the type is unsaved work the editor keeps every second: the test waits for
    # that request rather than leaving it to run after the test's database is gone.
    settings.NEWSROOM = {**settings.NEWSROOM, "AUTOSAVE_SECONDS": 1.0}
    make_user("writer", groups=["Author"])
    log_in(page, "writer")
    page.goto("/admin/press/pressrelease/add/")
    fieldset = page.locator("fieldset.press-event")
    expect(fieldset).to_be_hidden()
    page.select_option("#id_type", "media-advisory")
    expect(fieldset).to_be_visible()
    expect(page.locator("#id_event_timezone")).to_have_value("Europe/Vienna")
    with page.expect_response(lambda response: "autosave" in response.url):
        page.select_option("#id_type", "statement")
    expect(fieldset).to_be_hidden()
    assert csp_violations(page) == []
