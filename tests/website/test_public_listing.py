"""The listing as a reader uses it: odd addresses, the summary, pagination, the fragment."""

import re

import pytest

from tests.factories import make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(db):
    made = [
        make_release(f"Serbian release {n}", countries=["serbia"], fields=["elections"])
        for n in range(25)
    ]
    made.append(make_release("Austrian release", countries=["austria"], tags=["training"]))
    return made


def page(client, query: str):
    response = client.get("/press-releases/" + query)
    assert response.status_code == 200, (query, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("?country=atlantis", "“atlantis” for country"),
        ("?from=2026-02-30", "“2026-02-30” for from"),
        ("?to=yesterday", "“yesterday” for to"),
        ("?page=abc", "“abc” for page"),
        ("?page=-3", "“-3” for page"),
        ("?sort=random", "“random” for sort"),
        ("?year=99999", "“99999” for year"),
        ("?type=gossip", "“gossip” for type"),
        ("?tag=nonexistent-tag", "“nonexistent-tag” for tag"),
        ("?from=2000-05-01&to=2000-01-01", "“2000-01-01” for to"),
        ("?page=%C2%B2", "“²” for page"),
        ("?year=%C2%B2%C2%B2%C2%B2%C2%B2", "“²²²²” for year"),
        ("?to=9999-12-31", "“9999-12-31” for to"),
    ],
)
def test_malformed_values_are_ignored_and_reported(client, releases, query, says):
    html = page(client, query)
    assert "were not understood and have been ignored" in html
    assert says in html
    assert "26 releases" in html


def test_a_tag_only_drafts_use_is_unknown_to_the_public(client, releases):
    make_release("Unannounced visit", status="draft", tags=["secret-visit"])
    html = page(client, "?tag=secret-visit")
    # The same answer as for a tag that does not exist: its name is nowhere on the page.
    assert "“secret-visit” for tag: not a known value" in html
    assert "Secret-visit" not in html and "secret-visit</" not in html
    assert "26 releases" in html
    assert "<title>Press releases –" in html or "<title>Press releases" in html
    assert "Tag:" not in html.split("<title>")[1].split("</title>")[0]


def test_control_characters_are_refused_not_an_error(client, releases):
    assert client.get("/press-releases/?q=%00%01").status_code in (200, 400)


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 5000,
        "?q=%22unbalanced",
        "?country=" + "&country=".join(["serbia"] * 300),
        "?from=0000-00-00",
        "?page=1e9",
        "?year=1&year=abcd&year=",
        "?country[]=serbia",
        "?field=%F0%9F%92%A5",
    ],
)
def test_hostile_values_never_fail(client, releases, query):
    page(client, query)


def test_page_past_the_end_is_404(client, releases):
    assert client.get("/press-releases/?page=999999").status_code == 404
    assert client.get("/press-releases/?country=serbia&page=3").status_code == 404
    assert client.get("/press-releases/?country=serbia&page=2").status_code == 200


def test_filters_or_within_a_key_and_across_keys(client, releases):
    assert "26 releases" in page(client, "?country=serbia&country=austria")
    assert "25 releases" in page(client, "?country=serbia&country=austria&field=elections")
    assert "0 releases" in page(client, "?country=austria&field=elections")


def test_summary_names_each_filter_with_a_remove_link(client, releases):
    html = page(client, "?field=elections&country=austria&country=serbia")
    summary = html.split('class="results__summary"')[1].split("</p>")[0]
    assert "Country: " in summary and "Austria" in summary and "Serbia" in summary
    # Removing Serbia keeps the rest, in canonical order.
    assert 'href="?country=austria&amp;field=elections"' in summary
    assert 'href="?country=serbia&amp;field=elections"' in summary
    assert 'href="?country=austria&amp;country=serbia"' in summary


def test_canonical_link_normalises_the_parameter_order(client, releases):
    html = page(client, "?sort=newest&year=2026&country=serbia&country=austria&page=1")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert (
        canonical
        == "http://testserver/press-releases/?country=austria&amp;country=serbia&amp;year=2026"
    )


def test_pagination_keeps_the_filters(client, releases):
    html = page(client, "?field=elections")
    assert 'href="?field=elections&amp;page=2"' in html
    second = page(client, "?field=elections&page=2")
    assert 'rel="prev" data-listing-link href="?field=elections"' in second
    assert "Page 2 of 2" in second


def test_facet_options_show_counts_and_hide_empty_options(client, releases):
    html = page(client, "?field=elections")
    assert 'id="filter-country-serbia"' in html
    assert "25 releases" in html.split('for="filter-country-serbia"')[1].split("</label>")[0]
    # Austria has no release on elections: not offered.
    assert 'id="filter-country-austria"' not in html
    assert 'id="filter-country-albania"' not in html


def test_chosen_option_stays_checked(client, releases):
    html = page(client, "?country=serbia")
    assert re.search(r'value="serbia" id="filter-country-serbia" checked', html)


def test_the_fragment_is_the_listing_without_the_page_around_it(client, releases):
    response = client.get("/press-releases/?country=austria", headers={"X-Partial": "listing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="release-filters"' in html
    assert "Austrian release" in html and "Serbian release" not in html
    assert 'data-canonical-query="country=austria"' in html
    assert "X-Partial" in response["Vary"]


def test_feeds_are_announced_with_the_same_filters(client, releases):
    html = page(client, "?tag=training&country=austria")
    assert 'type="application/rss+xml"' in html
    assert 'href="/press-releases/feed/?country=austria&amp;tag=training"' in html
    assert 'href="/press-releases/feed/atom/?country=austria&amp;tag=training"' in html


def test_listing_works_without_javascript(client, releases):
    html = page(client, "")
    form = html.split('id="release-filters"')[1].split("</form>")[0]
    assert 'method="get"' in html.split('id="release-filters"')[0][-200:] + form[:200]
    assert 'type="submit"' in form
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def warm_navigation(client):
    """The header's navigation is cached between requests: measure pages as readers get them."""
    client.get("/countries/")


def test_listing_query_count_does_not_grow(client, releases, django_assert_max_num_queries):
    warm_navigation(client)
    with django_assert_max_num_queries(18):
        page(client, "?country=serbia&field=elections&year=2026")
    for n in range(30):
        make_release(f"More {n}", countries=["serbia"], fields=["elections"], tags=[f"t{n}"])
    warm_navigation(client)
    with django_assert_max_num_queries(18):
        page(client, "?country=serbia&field=elections&year=2026&tag=t1")


def test_fragment_and_full_page_are_never_served_for_each_other(client, releases):
    fragment = client.get("/press-releases/?country=serbia", headers={"X-Partial": "listing"})
    full = client.get("/press-releases/?country=serbia")
    assert "<html" not in fragment.content.decode()
    assert "<html" in full.content.decode()
    again = client.get("/press-releases/?country=serbia", headers={"X-Partial": "listing"})
    assert "<html" not in again.content.decode()
