"""Every public address of the design answers, shows what a reader needs, and leaks no draft."""

import datetime
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from listing.related import related_releases
from press.models import Status
from taxonomy.models import FormerName, Structure
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def releases(db):
    return [
        make_release(
            "Border college graduates in Dushanbe",
            countries=["tajikistan"],
            fields=["border-management"],
            structures=["programme-office-in-dushanbe"],
            meetings=["ministerial-council-meetings"],
            tags=["training"],
            dateline_city="DUSHANBE",
            dateline_date=datetime.date(2025, 3, 27),
        ),
        make_release(
            "Election observers deployed to Serbia",
            countries=["serbia"],
            fields=["elections"],
            source="office-for-democratic-institutions-and-human-rights",
            tags=["training"],
        ),
        make_release(
            "An unfinished draft about Tajikistan", status=Status.DRAFT, countries=["tajikistan"]
        ),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/press-releases/",
        "/countries/",
        "/countries/tajikistan/",
        "/fields-of-work/",
        "/fields-of-work/border-management/",
        "/structures/",
        "/structures/programme-office-in-dushanbe/",
        "/structures/mission-to-georgia/",
        "/meetings/ministerial-council-meetings/",
    ],
)
def test_every_page_answers_without_drafts(client, releases, url):
    html = html_of(client.get(url))
    assert "unfinished draft" not in html
    assert '<link rel="canonical" href="http://testserver' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html
    assert 'class="skip-link"' in html and 'role="search"' in html
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_every_page_has_its_own_title(client, releases):
    urls = [
        "/",
        "/press-releases/",
        "/press-releases/?country=serbia",
        "/countries/",
        "/countries/tajikistan/",
        "/fields-of-work/",
        "/fields-of-work/border-management/",
        "/structures/",
        "/structures/programme-office-in-dushanbe/",
        "/meetings/ministerial-council-meetings/",
        releases[0].get_absolute_url(),
    ]
    titles = [
        re.search(r"<title>(.*?)</title>", html_of(client.get(u)), re.S).group(1) for u in urls
    ]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize(
    "url",
    [
        "/countries/atlantis/",
        "/fields-of-work/nothing/",
        "/structures/nobody/",
        "/meetings/never/",
        "/press-releases/no-such-release/",
    ],
)
def test_unknown_slugs_are_styled_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_header_navigation_comes_from_the_reference_tables(client):
    html = html_of(client.get("/"))
    assert "Switzerland – OSCE Chairpersonship 2026" in html or "OSCE Chairpersonship" in html
    for href in [
        "/fields-of-work/border-management/",
        "/meetings/summit-meetings/",
        "/structures/mission-in-kosovo/",
        "/countries/japan/",
        "/countries/egypt/",
        "/structures/secretary-general/",
        "/structures/high-commissioner-on-national-minorities/",
    ]:
        assert f'href="{href}"' in html
    # Closed field operations are not in the menu of active ones.
    assert 'href="/structures/mission-to-georgia/"' not in html


def test_release_page_shows_everything_a_reader_needs(client, releases):
    release = releases[0]
    html = html_of(client.get(release.get_absolute_url()))
    assert "DUSHANBE" in html and "Press release" in html
    assert 'href="/press-releases/?country=tajikistan"' in html
    assert 'href="/press-releases/?field=border-management"' in html
    assert 'href="/press-releases/?tag=training"' in html
    assert "Last updated" in html
    # Shares a tag with the Serbian release: related; the draft never is.
    assert "Election observers deployed to Serbia" in html.split("Related releases")[1]


def test_release_page_carries_newsarticle_and_breadcrumb_json_ld(client, releases):
    release = releases[0]
    blocks = {b["@type"]: b for b in json_ld(html_of(client.get(release.get_absolute_url())))}
    article = blocks["NewsArticle"]
    assert article["headline"] == release.title
    millisecond = datetime.timedelta(milliseconds=1)
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert abs(published - release.published_at) < millisecond
    # Modified when readers last saw a change: never corrected, that is its publication.
    modified = datetime.datetime.fromisoformat(article["dateModified"])
    assert abs(modified - release.public_updated_at) < millisecond
    assert abs(modified - release.published_at) < millisecond
    assert article["publisher"]["@type"] == "Organization"
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Press releases", release.title]
    assert crumbs[-1]["item"] == "http://testserver" + release.get_absolute_url()


def test_json_ld_cannot_break_out_of_its_script(client):
    release = make_release("</script><script>alert(1)</script> & more")
    html = html_of(client.get(release.get_absolute_url()))
    assert "<script>alert(1)" not in html
    titles = [b.get("headline") for b in json_ld(html)]
    assert "</script><script>alert(1)</script> & more" in titles


def test_withdrawn_release_shows_its_notice(client):
    release = make_release(status=Status.WITHDRAWN, withdrawal_reason="Superseded.")
    html = html_of(client.get(release.get_absolute_url()))
    assert "Withdrawn on" in html and "Superseded." in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_staff_see_unpublished_release_with_a_banner_and_no_caching(client, status):
    release = make_release("Embargoed statement", status=status)
    assert client.get(release.get_absolute_url()).status_code == 404
    client.force_login(make_user(groups=["Author"]))
    response = client.get(release.get_absolute_url())
    html = html_of(response)
    assert "Embargoed statement" in html and "notice--preview" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_scheduled_release_is_404_to_the_public_and_a_preview_to_staff(client):
    release = make_release(published_at=timezone.now() + datetime.timedelta(days=2))
    assert client.get(release.get_absolute_url()).status_code == 404
    client.force_login(make_user(groups=["Editor"]))
    html = html_of(client.get(release.get_absolute_url()))
    assert "It goes live on" in html


def test_signed_in_user_without_permission_gets_404(client):
    release = make_release(status=Status.DRAFT)
    client.force_login(make_user(is_staff=False) if False else make_user())
    assert client.get(release.get_absolute_url()).status_code == 404


def test_live_release_seen_by_staff_has_no_preview_banner(client, releases):
    client.force_login(make_user(groups=["Editor"]))
    html = html_of(client.get(releases[0].get_absolute_url()))
    assert "notice--preview" not in html


def test_old_release_slug_redirects(client, releases):
    release = releases[0]
    release.slug = "renamed-release"
    release.save()
    response = client.get("/press-releases/border-college-graduates-in-dushanbe/")
    assert response.status_code == 301
    assert response["Location"] == "/press-releases/renamed-release/"


def test_country_page(client, releases):
    html = html_of(client.get("/countries/tajikistan/"))
    assert "Participating State" in html
    assert "Border college graduates in Dushanbe" in html
    assert 'href="/structures/programme-office-in-dushanbe/"' in html
    assert 'href="/press-releases/?country=tajikistan"' in html
    assert (
        'type="application/rss+xml"' in html and "/press-releases/feed/?country=tajikistan" in html
    )
    assert "Chairpersonship" in html_of(client.get("/countries/switzerland/"))
    assert "2026" in html_of(client.get("/countries/switzerland/"))


def test_structure_page_shows_tree_former_names_and_both_lists(client, releases):
    html = html_of(client.get("/structures/programme-office-in-dushanbe/"))
    assert 'href="/structures/field-operations/"' in html
    assert "Office in Tajikistan</span> (until 2017)" in html
    assert "Border college graduates in Dushanbe" in html.split("Releases about it")[1]
    odihr = html_of(client.get("/structures/office-for-democratic-institutions-and-human-rights/"))
    assert (
        "Election observers deployed to Serbia"
        in odihr.split("Releases issued")[1].split("Releases about it")[0]
    )


def test_closed_field_operation_has_a_closed_notice(client):
    html = html_of(client.get("/structures/mission-to-georgia/"))
    assert "This field operation closed in 2009" in html


def test_structure_index_lists_active_and_closed_field_operations(client):
    html = html_of(client.get("/structures/"))
    active, closed = html.split('id="closed"')
    assert "Mission to Moldova" in active.split('id="field-operations"')[1]
    assert "Mission to Georgia" in closed


def test_former_slug_of_a_structure_redirects(client):
    response = client.get("/structures/office-in-tajikistan/")
    assert response.status_code == 301
    assert response["Location"] == "/structures/programme-office-in-dushanbe/"


def test_renamed_term_keeps_its_old_slug_working_in_the_listing(client, releases):
    structure = Structure.objects.get(slug="programme-office-in-dushanbe")
    response = client.get("/press-releases/?structure=centre-in-dushanbe&year=2025&page=1")
    assert response.status_code == 301
    assert (
        response["Location"] == "/press-releases/?structure=programme-office-in-dushanbe&year=2025"
    )
    assert FormerName.objects.filter(object_id=structure.pk).exists()


def test_robots_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    # The admin's (configurable) address is not announced to the world.
    assert "admin" not in text


def test_server_error_page_renders_without_a_request_context(rf):
    from website.machines import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def warm_navigation(client):
    """The header's navigation and the facet index are built once per content generation
    and then shared by every request: measure pages as readers get them."""
    from listing.index import current_index
    from press.translations import public_groups
    from taxonomy.catalogue import term_catalogue
    from taxonomy.contacts import contact_directory

    html_of(client.get("/robots.txt"))
    html_of(client.get("/fields-of-work/"))
    current_index()
    term_catalogue()
    contact_directory()
    public_groups()


def test_release_page_query_count_is_constant(client, django_assert_max_num_queries, releases):
    for _n in range(10):
        make_release(countries=["tajikistan"], fields=["border-management"], tags=["training"])
    warm_navigation(client)
    # The release with all its terms in one query, then the related releases' rows.
    with django_assert_max_num_queries(2):
        html = html_of(client.get(releases[0].get_absolute_url()))
    assert "Related releases" in html


def test_entity_pages_query_counts_do_not_grow(client, django_assert_max_num_queries):
    for _n in range(25):
        make_release(
            countries=["tajikistan"],
            structures=["programme-office-in-dushanbe"],
            source="programme-office-in-dushanbe",
            fields=["border-management"],
        )
    warm_navigation(client)
    for url, limit in [
        ("/countries/tajikistan/", 6),
        ("/structures/programme-office-in-dushanbe/", 8),
        ("/fields-of-work/border-management/", 4),
        ("/meetings/summit-meetings/", 4),
        ("/countries/", 4),
        ("/structures/", 4),
        ("/", 4),
    ]:
        with django_assert_max_num_queries(limit):
            html_of(client.get(url))


def test_related_releases_rank_by_shared_terms_then_newest(client):
    now = timezone.now()
    terms = {"countries": ["serbia"], "fields": ["elections"], "tags": ["training"]}
    subject = make_release("Subject", published_at=now - datetime.timedelta(days=1), **terms)
    older_three = make_release(
        "Older, three shared", published_at=now - datetime.timedelta(days=30), **terms
    )
    newer_three = make_release(
        "Newer, three shared", published_at=now - datetime.timedelta(days=20), **terms
    )
    one = make_release(
        "Newest, one shared", published_at=now - datetime.timedelta(hours=2), countries=["serbia"]
    )
    make_release("Unrelated", countries=["austria"])
    make_release("Draft sharing all", status=Status.DRAFT, **terms)
    related = related_releases(subject)
    assert [r.title for r in related] == [newer_three.title, older_three.title, one.title]
    html = html_of(client.get(subject.get_absolute_url()))
    assert "Draft sharing all" not in html and "Unrelated" not in html


def test_release_without_terms_has_no_related_section(client):
    release = make_release("Alone")
    assert "Related releases" not in html_of(client.get(release.get_absolute_url()))


def test_release_template_renders_a_shared_preview(rf):
    """Preview links render the release template with only the release and the flag."""
    from django.template.loader import render_to_string

    release = make_release("Under embargo", status=Status.DRAFT, countries=["serbia"])
    request = rf.get("/press-releases/preview/whatever/")
    html = render_to_string(
        "press/release_detail.html", {"release": release, "preview": True}, request=request
    )
    assert "Under embargo" in html and "notice--preview" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "NewsArticle" not in html


def test_release_with_image_has_srcset_dimensions_and_shares_it(client):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1800, 1200), (10, 60, 120)).save(buffer, "JPEG")
    release = make_release(
        "Pictured release", image_alt="Officers at the border", image_credit="OSCE/Photographer"
    )
    release.image.save("photo.jpg", ContentFile(buffer.getvalue()))
    html = html_of(client.get(release.get_absolute_url()))
    img = re.search(r"<img [^>]+>", html.split('class="release__image"')[1]).group(0)
    assert 'alt="Officers at the border"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "480w" in img and "960w" in img and "1600w" in img
    assert "Photo: OSCE/Photographer" in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/', html)
    assert 'name="twitter:card" content="summary_large_image"' in html
    article = next(b for b in json_ld(html) if b["@type"] == "NewsArticle")
    assert article["image"][0].startswith("http://testserver/media/")


def test_entity_pages_carry_breadcrumb_json_ld(client):
    html = html_of(client.get("/structures/programme-office-in-dushanbe/"))
    crumbs = next(b for b in json_ld(html) if b["@type"] == "BreadcrumbList")
    names = [c["name"] for c in crumbs["itemListElement"]]
    assert names == [
        "Home",
        "Structures and institutions",
        "Field operations",
        "Programme Office in Dushanbe",
    ]


def test_the_site_has_an_icon_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in client.get("/").content.decode()
