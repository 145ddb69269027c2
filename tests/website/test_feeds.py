"""RSS and Atom feeds: valid, the same releases as the listing, never a draft."""

import datetime
import re

import feedparser
import pytest
from django.utils import timezone

from press.models import Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(db):
    made = []
    for n in range(6):
        made.append(
            make_release(
                f"Serbia release {n}",
                countries=["serbia"],
                fields=["elections" if n % 2 else "policing"],
                tags=["training"] if n % 3 == 0 else [],
            )
        )
    made.append(make_release("Austria release", countries=["austria"], fields=["elections"]))
    make_release("Draft about Serbia", status=Status.DRAFT, countries=["serbia"])
    make_release(
        "Scheduled about Serbia",
        countries=["serbia"],
        published_at=timezone.now() + datetime.timedelta(hours=3),
    )
    return made


def listing_links(client, query: str) -> list[str]:
    html = client.get("/press-releases/" + query).content.decode()
    return re.findall(r'class="release-card__title"><a href="([^"]+)"', html)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?country=serbia",
        "?field=elections",
        "?country=serbia&field=elections",
        "?tag=training",
        "?country=austria&country=serbia&sort=oldest",
        "?country=atlantis",
    ],
)
@pytest.mark.parametrize("feed", ["/press-releases/feed/", "/press-releases/feed/atom/"])
def test_feed_matches_the_listing(client, releases, feed, query):
    response = client.get(feed + query)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == ("atom10" if "atom" in feed else "rss20")
    links = [entry.link.removeprefix("http://testserver") for entry in parsed.entries]
    assert links == listing_links(client, query)
    assert all("Draft" not in e.title and "Scheduled" not in e.title for e in parsed.entries)


def test_feed_entries_carry_dates_summary_and_stable_ids(client, releases):
    parsed = feedparser.parse(client.get("/press-releases/feed/atom/?country=austria").content)
    assert parsed.feed.title.endswith("Country: Austria")
    (entry,) = parsed.entries
    assert entry.title == "Austria release"
    assert entry.summary == releases[-1].lead
    assert entry.id.endswith(f"release:{releases[-1].pk}")
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - releases[-1].published_at) < datetime.timedelta(seconds=1)
    assert entry.author == "Secretary General"


def test_feed_of_a_listing_page_is_linked_from_entity_pages(client, releases):
    html = client.get("/fields-of-work/elections/").content.decode()
    assert 'href="/press-releases/feed/?field=elections"' in html
    parsed = feedparser.parse(client.get("/press-releases/feed/?field=elections").content)
    assert {e.title for e in parsed.entries} == {
        "Serbia release 1",
        "Serbia release 3",
        "Serbia release 5",
        "Austria release",
    }
