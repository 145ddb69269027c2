"""The sitemap index, its sections and their pages; robots.txt points to it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from press.models import Status
from tests.factories import make_release
from website.sitemaps import ReleaseSitemap

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root: ET.Element) -> list[str]:
    return [el.text.removeprefix("http://testserver") for el in root.findall(".//s:loc", NS)]


def test_index_lists_paged_sections_and_each_page_holds_its_share(client, monkeypatch):
    published = [make_release(f"Public {n}") for n in range(7)]
    draft = make_release("A draft", status=Status.DRAFT)
    future = make_release("Later", published_at=timezone.now() + datetime.timedelta(days=1))
    # Pages of three, so seven releases need three pages (production pages hold 5,000).
    monkeypatch.setattr(ReleaseSitemap, "limit", 3)
    index = parse(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    sections = locations(index)
    release_pages = [loc for loc in sections if "releases" in loc]
    assert release_pages == [
        "/sitemap-releases.xml",
        "/sitemap-releases.xml?p=2",
        "/sitemap-releases.xml?p=3",
    ]
    assert "/sitemap-terms.xml" in sections and "/sitemap-pages.xml" in sections
    assert all(el.text for el in index.findall(".//s:lastmod", NS))

    seen = []
    for url in release_pages:
        root = parse(client, url)
        urls = root.findall("s:url", NS)
        assert 1 <= len(urls) <= 3
        for url_el in urls:
            assert url_el.find("s:lastmod", NS).text
        seen += locations(root)
    assert sorted(seen) == sorted(r.get_absolute_url() for r in published)
    assert draft.get_absolute_url() not in seen and future.get_absolute_url() not in seen
    assert client.get("/sitemap-releases.xml?p=4").status_code == 404


def test_terms_and_pages_sections(client):
    terms = locations(parse(client, "/sitemap-terms.xml"))
    assert "/countries/switzerland/" in terms and "/structures/mission-to-georgia/" in terms
    assert "/meetings/summit-meetings/" in terms and "/fields-of-work/youth/" in terms
    pages = locations(parse(client, "/sitemap-pages.xml"))
    english = ["/", "/press-releases/", "/countries/", "/fields-of-work/", "/structures/"]
    english += ["/media-contacts/", "/events/"]
    assert [
        page for page in pages if not page.startswith(("/ru/", "/fr/", "/de/", "/it/", "/es/"))
    ] == english
    # Every page in every language, under its prefix.
    for prefix in ("/ru", "/fr", "/de", "/it", "/es"):
        assert [page for page in pages if page.startswith(f"{prefix}/")] == [
            prefix + page for page in english
        ]


def test_unknown_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_release_sitemap_limit_allows_a_hundred_thousand_releases():
    assert ReleaseSitemap.limit * 20 >= 100_000 and ReleaseSitemap.limit <= 50_000
