"""The public site in a real Chromium: accessibility, valid HTML, layout at phone and desktop
widths, and the listing's in-place filtering."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from press.models import Status
from tests.browser_support import DESKTOP, PHONE, WCAG_TAGS, page_problems, report, validate_html
from tests.factories import make_contact, make_release, make_user

pytestmark = pytest.mark.django_db(transaction=True)

_axe = Axe()


def jpeg(width: int, height: int) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 80, 140)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


@pytest.fixture
def site(reference_data):
    """A small newsroom: enough for every page type to show its parts."""
    pictured = make_release(
        "Border college graduates in Dushanbe",
        countries=["tajikistan"],
        fields=["border-management"],
        structures=["programme-office-in-dushanbe"],
        meetings=["ministerial-council-meetings"],
        tags=["training"],
        dateline_city="DUSHANBE",
        image_alt="Graduates on the parade ground",
        image_caption="The graduation ceremony.",
        image_credit="OSCE/Example",
    )
    pictured.image.save("photo.jpg", jpeg(2000, 1200))
    # Whom to call: the release's source has none of its own, the Secretariat above it has.
    make_contact("Press and Public Information Section", languages="en, de, ru")
    make_contact("Jane Doe", role="Spokesperson", phone="+43 676 123 4567", email="")
    make_contact(
        "Programme Office press desk",
        structure="programme-office-in-dushanbe",
        languages="tg, ru, en",
    )
    for n in range(24):
        make_release(
            f"Election observation update number {n} with a rather long title to wrap",
            countries=["serbia", "tajikistan"][n % 2 : n % 2 + 1],
            fields=["elections"],
            tags=["training"] if n % 3 == 0 else [],
        )
    withdrawn = make_release(
        "A withdrawn statement",
        status=Status.WITHDRAWN,
        withdrawal_reason="Replaced by a corrected version.",
        countries=["tajikistan"],
    )
    return {"pictured": pictured, "withdrawn": withdrawn}


def page_types(site) -> dict[str, str]:
    return {
        "home": "/",
        "listing": "/press-releases/",
        "listing-filtered": "/press-releases/?country=tajikistan&field=elections&page=1&from=bad",
        "listing-search": "/press-releases/?q=graduates+Tajikistan&sort=relevance",
        "listing-structure-group": "/press-releases/?structure=field-operations",
        "release": site["pictured"].get_absolute_url(),
        "release-withdrawn": site["withdrawn"].get_absolute_url(),
        "countries": "/countries/",
        "country": "/countries/tajikistan/",
        "fields": "/fields-of-work/",
        "field": "/fields-of-work/elections/",
        "structures": "/structures/",
        "structure": "/structures/programme-office-in-dushanbe/",
        "structure-closed": "/structures/mission-to-georgia/",
        "meeting": "/meetings/ministerial-council-meetings/",
        "media-contacts": "/media-contacts/",
        "not-found": "/press-releases/no-such-release/",
    }


def test_every_page_type_is_accessible_valid_and_fits_phone_and_desktop(page, site, artifacts_dir):
    failures = page_problems(
        page, page_types(site), artifacts_dir, "public", status={"not-found": 404}
    )
    assert not failures, report(failures)


def test_russian_pages_are_accessible_valid_and_fit_phone_and_desktop(page, site, artifacts_dir):
    editor = make_user("translator", groups=["Editor"])
    russian = site["pictured"].add_translation("ru", by=editor)
    russian.title = "Выпускники пограничного колледжа в Душанбе"
    russian.lead = "Сорок офицеров окончили курс."
    russian.body = "<p>Сорок офицеров пограничной службы окончили курс по охране границ.</p>"
    russian.save()
    russian.publish(by=editor)
    pages = {
        "ru-home": "/ru/",
        "ru-listing": "/ru/press-releases/",
        "ru-listing-filtered": "/ru/press-releases/?country=tajikistan&language=all",
        "ru-listing-search": "/ru/press-releases/?q=границы",
        "ru-release": russian.get_absolute_url(),
        "ru-release-english-only": "/ru" + site["withdrawn"].get_absolute_url(),
        "ru-country": "/ru/countries/tajikistan/",
        "ru-structure": "/ru/structures/programme-office-in-dushanbe/",
        "ru-media-contacts": "/ru/media-contacts/",
        "ru-not-found": "/ru/press-releases/no-such-release/",
    }
    failures = page_problems(page, pages, artifacts_dir, "public-ru", status={"ru-not-found": 404})
    assert not failures, report(failures)


def test_open_navigation_menus_are_accessible_and_fit_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto("/")
    for summary in ("Our work", "Countries", "Structures and institutions"):
        page.locator("summary", has_text=summary).first.click()
        results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if summary == "Countries":
            chair = page.get_by_role("link", name=re.compile("OSCE Chairpersonship 2026"))
            assert chair.count() == 1
        # One menu open at a time.
        assert page.locator(".site-nav__group[open]").count() == 1
    page.keyboard.press("Escape")
    assert page.locator(".site-nav__group[open]").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Structures and institutions"


def test_lead_image_has_srcset_dimensions_and_alt(page, site):
    page.goto(site["pictured"].get_absolute_url())
    image = page.locator(".release__image img")
    assert image.get_attribute("alt") == "Graduates on the parade ground"
    assert image.get_attribute("width") and image.get_attribute("height")
    assert "960w" in image.get_attribute("srcset")
    assert "Photo: OSCE/Example" in page.locator(".release__image figcaption").inner_text()


def test_filters_update_results_in_place_and_the_address_stays_shareable(page, site):
    page.goto("/press-releases/")
    assert page.locator("#results-heading").inner_text() == "26 releases"
    page.evaluate("window.__sameDocument = true")
    page.locator("#facet-country summary").click()
    page.locator("#filter-country-serbia").check()
    page.wait_for_url("**/press-releases/?country=serbia")
    expect(page.locator("#results-heading")).to_have_text("12 releases")
    # No page load happened: the marker set on the old document is still there.
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator("#listing-status").inner_text() == "12 releases"

    page.locator("#facet-field summary").click()
    page.locator("#filter-field-elections").check()
    page.wait_for_url("**/press-releases/?country=serbia&field=elections")
    expect(page.locator("#results-heading")).to_have_text("12 releases")

    # Removing a filter from the summary sentence.
    page.locator(".results__summary a.chip", has_text="Serbia").click()
    page.wait_for_url("**/press-releases/?field=elections")
    expect(page.locator("#results-heading")).to_have_text("24 releases")
    # Back goes to the previous filters, still in place.
    page.go_back()
    page.wait_for_url("**/press-releases/?country=serbia&field=elections")
    expect(page.locator("#results-heading")).to_have_text("12 releases")
    assert page.evaluate("window.__sameDocument") is True

    # The shared address gives the same list in a fresh page.
    fresh = page.context.new_page()
    fresh.goto(page.url)
    assert fresh.locator("#results-heading").inner_text() == "12 releases"
    assert not [m for m in page.console_messages if m.type == "error" and "media" not in m.text]


def test_on_a_phone_the_results_come_first_and_the_filters_open_from_a_button(page, site):
    page.set_viewport_size(PHONE)
    page.goto("/press-releases/?country=serbia&field=elections")
    toggle = page.locator("summary.filters-panel__toggle")
    expect(toggle).to_have_text("Filter (2 active)")
    filters = page.locator("#release-filters")
    assert not filters.is_visible()
    # The first result is on the first screen, right under the button.
    first = page.locator(".release-card").first.bounding_box()
    assert first["y"] + first["height"] < PHONE["height"]

    toggle.focus()
    page.keyboard.press("Enter")
    expect(filters).to_be_visible()
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # A change made in the open panel keeps it open, and the button counts again.
    page.locator("#filter-field-elections").uncheck()
    page.wait_for_url("**/press-releases/?country=serbia")
    expect(page.locator("summary.filters-panel__toggle")).to_have_text("Filter (1 active)")
    expect(page.locator("#release-filters")).to_be_visible()

    # On a wide screen there is no button: the filters sit beside the results, open.
    page.goto("/press-releases/?country=serbia")
    page.set_viewport_size(DESKTOP)
    assert not page.locator("summary.filters-panel__toggle").is_visible()
    expect(page.locator("#release-filters")).to_be_visible()
    form = page.locator("#release-filters").bounding_box()
    results_box = page.locator(".results").bounding_box()
    assert form["x"] < results_box["x"] and abs(form["y"] - results_box["y"]) < 50


def test_listing_works_with_javascript_disabled(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/press-releases/")
    page.locator("#facet-country summary").click()
    page.locator("#filter-country-tajikistan").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/press-releases/?*country=tajikistan*")
    assert page.locator("#results-heading").inner_text() == "14 releases"
    assert page.get_by_role("link", name="Next page").count() == 0
    context.close()


def test_print_stylesheet_hides_the_chrome(page, site):
    page.goto(site["pictured"].get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()


def test_pages_fit_the_narrowest_phone(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    for name, path in page_types(site).items():
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)


def test_staff_preview_of_a_draft_is_marked_and_accessible(browser, live_server, site):
    from django.test import Client

    from tests.factories import make_user

    draft = make_release("Embargoed until Monday", status=Status.DRAFT, countries=["serbia"])
    client = Client()
    client.force_login(make_user(groups=["Editor"]))
    context = browser.new_context(base_url=live_server.url)
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    response = page.goto(draft.get_absolute_url())
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex"
    assert "Only staff can see this page" in page.locator(".notice--preview").inner_text()
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert validate_html(page.content()) == []
    context.close()
    anonymous = browser.new_context(base_url=live_server.url).new_page()
    assert anonymous.goto(draft.get_absolute_url()).status == 404
    anonymous.context.close()
