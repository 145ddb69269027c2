"""Words in the search box order the list by relevance unless the reader chose an order."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_release

pytestmark = pytest.mark.django_db


def selected_order(html: str) -> str:
    return re.search(r'<option value="([a-z]+)" selected>', html).group(1)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="release-card__title"><a [^>]*>([^<]+)</a>', html)


@pytest.fixture
def releases():
    now = timezone.now()
    make_release(
        "Border management college opens",
        published_at=now - datetime.timedelta(days=40),
        lead="Border officers from five countries begin a course on border management.",
    )
    make_release(
        "Weekly update",
        published_at=now - datetime.timedelta(days=1),
        body="<p>Among other things, a word on the border.</p>",
    )


def test_a_search_orders_by_relevance_by_default(client, releases):
    html = client.get("/press-releases/?q=border").content.decode()
    assert selected_order(html) == "relevance"
    assert 'href="http://testserver/press-releases/?q=border"' in html  # canonical: no sort
    if connection.vendor == "postgresql":
        # The release about borders comes before the newer one that mentions a border.
        assert titles(html) == ["Border management college opens", "Weekly update"]


def test_newest_first_stays_a_choice_for_a_search(client, releases):
    html = client.get("/press-releases/?q=border&sort=newest").content.decode()
    assert selected_order(html) == "newest"
    assert titles(html) == ["Weekly update", "Border management college opens"]
    assert "?q=border&amp;sort=newest" in html


def test_without_words_the_newest_come_first(client, releases):
    html = client.get("/press-releases/").content.decode()
    assert selected_order(html) == "newest"
    assert titles(html)[0] == "Weekly update"
