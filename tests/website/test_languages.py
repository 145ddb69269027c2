"""The public site in the organisation's languages: every page under its language's
prefix (English at the addresses it always had), a release's versions linked both ways,
listings, counts, feeds and search per language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from press.models import Status
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    """An English original with a public Russian version, and a Russian draft elsewhere."""
    editor = make_user("translator", groups=["Editor"])
    original = make_release(
        "Border officers graduate in Dushanbe",
        body="<p>Forty border officers graduated after a course on border security.</p>",
        countries=["tajikistan"],
    )
    russian = original.add_translation("ru", by=editor)
    russian.title = "Пограничники окончили курс в Душанбе"
    russian.lead = "Сорок офицеров окончили курс."
    russian.body = "<p>Сорок офицеров пограничной службы окончили курс по охране границ.</p>"
    russian.save()
    russian.publish(by=editor)
    draft = make_release("Only an English release").add_translation("ru", by=editor)
    return original, russian, draft


def hreflangs(page: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', page))


def test_english_keeps_its_addresses_and_each_language_has_its_prefix(client, group):
    original, russian, _draft = group
    assert original.get_absolute_url() == f"/press-releases/{original.slug}/"
    english = client.get(original.get_absolute_url())
    assert english.status_code == 200
    assert '<html lang="en-gb"' in english.content.decode()
    page = client.get(russian.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ru"' in html
    assert "Пограничники окончили курс в Душанбе" in html
    assert "Vary" not in page or "Accept-Language" not in page["Vary"]


def test_a_version_at_another_languages_address_moves_to_its_own(client, group):
    original, russian, _draft = group
    response = client.get(f"/press-releases/{russian.slug}/")
    assert response.status_code == 301
    assert response.url == russian.get_absolute_url()
    response = client.get(f"/fr/press-releases/{original.slug}/")
    assert response.status_code == 301 and response.url == original.get_absolute_url()


def test_versions_name_each_other_as_alternates(client, group, settings):
    original, russian, _draft = group
    for release in (original, russian):
        links = hreflangs(client.get(release.get_absolute_url()).content.decode())
        assert links == {
            "en-gb": f"http://testserver{original.get_absolute_url()}",
            "x-default": f"http://testserver{original.get_absolute_url()}",
            "ru": f"http://testserver{russian.get_absolute_url()}",
        }


def test_the_switcher_leads_to_the_version_or_to_the_listing_with_a_notice(client, group):
    original, russian, _draft = group
    page = client.get(original.get_absolute_url()).content.decode()
    switcher = page[page.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert f'href="{russian.get_absolute_url()}" lang="ru"' in switcher
    assert 'href="/fr/press-releases/?untranslated=1" lang="fr"' in switcher
    assert 'aria-current="true">English<' in switcher
    notice = client.get("/fr/press-releases/?untranslated=1").content.decode()
    assert "La page d’où vous venez n’existe pas en" in notice


def test_a_draft_version_is_never_public(client, group):
    _original, _russian, draft = group
    assert client.get(draft.get_absolute_url()).status_code == 404
    english = client.get(draft.translation_of.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in english
    assert "ru" not in hreflangs(english)


def test_listings_counts_and_feeds_follow_the_pages_language(client, group):
    original, russian, _draft = group
    english = client.get(reverse("press:list")).content.decode()
    assert original.title in english and russian.title not in english
    ru = client.get("/ru/press-releases/")
    assert ru.status_code == 200
    html = ru.content.decode()
    assert russian.title in html and original.title not in html
    assert ru.context["page_obj"].paginator.count == 1
    every = client.get("/ru/press-releases/?language=all")
    assert every.context["page_obj"].paginator.count == 3  # two English, one Russian
    # An English title on a Russian page says what language it is in.
    assert (
        f'lang="en-gb">\n  <h3 class="release-card__title"><a href="{original.get_absolute_url()}"'
        in (every.content.decode())
    )
    feed = client.get("/ru/press-releases/feed/").content.decode()
    assert russian.title in feed and original.title not in feed
    home = client.get("/ru/").content.decode()
    assert russian.title in home and original.title not in home


def test_the_language_filter_is_a_facet_with_counts(client, group):
    response = client.get(reverse("press:list"), {"language": ["ru", "en-gb"]})
    assert response.context["page_obj"].paginator.count == 3
    facet = next(f for f in response.context["facets"] if f.key == "language")
    counts = {option.value: option.count for option in facet.options}
    assert counts["en-gb"] == 2 and counts["ru"] == 1 and counts["all"] == 3
    # The page's own language is the default: one address for one list.
    response = client.get(reverse("press:list"), {"language": "en-gb"})
    assert response.context["canonical_query"] == ""
    response = client.get(reverse("press:list"), {"language": "xx"})
    assert response.status_code == 200
    assert any(item.value == "xx" for item in response.context["ignored"])


def test_related_releases_stay_in_the_pages_language(client, group, editor):
    original, russian, _draft = group
    other = make_release("Another release about Tajikistan", countries=["tajikistan"])
    page = client.get(russian.get_absolute_url())
    assert other not in page.context["related"]
    assert original not in page.context["related"]


def test_structured_data_names_the_language_and_the_translations(client, group):
    original, russian, _draft = group
    english = client.get(original.get_absolute_url()).content.decode()
    assert '"inLanguage": "en-gb"' in english
    assert '"workTranslation": [{"@type": "NewsArticle", "url": "http://testserver' in english
    assert '<meta property="og:locale" content="en_GB">' in english
    assert '<meta property="og:locale:alternate" content="ru_RU">' in english
    russian_page = client.get(russian.get_absolute_url()).content.decode()
    assert '"inLanguage": "ru"' in russian_page
    assert '"translationOfWork": {"@type": "NewsArticle"' in russian_page
    assert '<meta property="og:locale" content="ru_RU">' in russian_page


def test_the_sitemap_links_the_versions_and_every_languages_pages(client, group):
    _original, russian, draft = group
    releases = client.get("/sitemap-releases.xml").content.decode()
    assert (
        f'<xhtml:link rel="alternate" hreflang="ru" href="http://testserver{russian.get_absolute_url()}"'
        in releases
    )
    assert draft.slug not in releases
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/ru/press-releases/</loc>" in pages
    assert 'hreflang="x-default" href="http://testserver/press-releases/"' in pages


def test_old_addresses_keep_working(client, group):
    for path in ("/", "/press-releases/", "/countries/", "/media-contacts/", "/events/"):
        assert client.get(path).status_code == 200, path
    for path in ("/ru/", "/ru/countries/", "/de/media-contacts/", "/es/events/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.postgresql_only
def test_search_stems_words_in_the_versions_language(client, group, editor):
    original, russian, _draft = group
    # "границы" (borders) finds "границ" in the Russian text, not through English stemming.
    found = client.get("/ru/press-releases/", {"q": "границы"}).context["page_obj"]
    assert [release.pk for release in found] == [russian.pk]
    german = original.add_translation("de", by=editor)
    german.title = "Grenzbeamte schließen Kurs ab"
    german.body = "<p>Vierzig Beamte lernten über die Grenze.</p>"
    german.save()
    german.publish(by=editor)
    found = client.get("/de/press-releases/", {"q": "Grenzen"}).context["page_obj"]
    assert [release.pk for release in found] == [german.pk]
    assert german.status == Status.PUBLISHED


@pytest.mark.postgresql_only
def test_a_version_is_found_by_its_countrys_name_in_its_language_and_in_english(client, group):
    _original, russian, _draft = group
    # Neither text names the country: its names come from the shared classification.
    for words in ("Таджикистан", "Tajikistan"):
        found = client.get("/ru/press-releases/", {"q": words}).context["page_obj"]
        assert [release.pk for release in found] == [russian.pk], words


def test_a_correction_of_the_original_shows_in_every_version(client, group):
    original, russian, _draft = group
    editor = make_user("corrector", groups=["Editor"])
    original.record_change(by=editor, major=True, note="Corrected the number of officers.")
    page = client.get(russian.get_absolute_url()).content.decode()
    assert '<span lang="en-gb">Corrected the number of officers.</span>' in page
    feed = client.get("/ru/press-releases/feed/atom/").content.decode()
    assert "Corrected the number of officers." in feed
