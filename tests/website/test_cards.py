"""Release cards as readers see them in lists: title link, type, date, withdrawn badge,
source and lead; whatever an author typed shows as text, never as markup."""

import datetime
import re

import pytest

from press.models import ReleaseType, Status
from tests.factories import make_release
from tests.languages import get_in

pytestmark = pytest.mark.django_db


def card_of(html: str, title_fragment: str) -> str:
    cards = re.findall(r'<article class="release-card".*?</article>', html, re.DOTALL)
    found = [card for card in cards if title_fragment in card]
    assert len(found) == 1, cards
    return found[0]


def test_a_card_shows_what_a_reader_scans_a_list_for(client):
    make_release(
        "Forty officers graduate",
        type=ReleaseType.NEWS_ITEM,
        published_at=datetime.datetime(2012, 3, 27, 22, 30, tzinfo=datetime.UTC),
        lead="Forty officers graduated today. " + "word " * 60,
        source="programme-office-in-dushanbe",
        countries=["tajikistan"],
    )
    card = card_of(client.get("/press-releases/").content.decode(), "Forty officers")
    assert '<a href="/press-releases/forty-officers-graduate/">Forty officers graduate</a>' in card
    assert '<span class="release-card__type">News item</span>' in card
    # The site's time zone (Vienna): 22:30 UTC is already the next day there.
    assert '<time datetime="2012-03-28T00:30:00+02:00">28 March 2012</time>' in card
    assert "Programme Office in Dushanbe" in card
    # Forty words of the lead, then an ellipsis.
    lead = re.search(r'<p class="release-card__lead">(.*?)</p>', card).group(1)
    assert len(lead.split()) == 41 and lead.endswith(" …")
    assert "badge--withdrawn" not in card


def test_what_an_author_typed_shows_as_text(client):
    make_release(
        "Talks <script>alert(1)</script> & results",
        lead='A "quoted" <b>lead</b> & more.',
        countries=["serbia"],
    )
    card = card_of(client.get("/press-releases/").content.decode(), "Talks")
    assert "<script>" not in card and "<b>" not in card
    assert "Talks &lt;script&gt;alert(1)&lt;/script&gt; &amp; results" in card
    assert "A &quot;quoted&quot; &lt;b&gt;lead&lt;/b&gt; &amp; more." in card


def test_a_withdrawn_release_is_marked_on_its_card(client):
    make_release("Withdrawn statement", status=Status.WITHDRAWN)
    card = card_of(client.get("/press-releases/").content.decode(), "Withdrawn statement")
    assert '<strong class="badge badge--withdrawn">Withdrawn</strong>' in card


def test_a_card_in_another_language_than_the_page_is_marked_so(client):
    make_release("English release", countries=["serbia"])
    make_release("Русский релиз", language="ru", countries=["serbia"])
    html = client.get("/press-releases/?language=all").content.decode()
    assert '<article class="release-card">' in card_of(html, "English release")
    assert '<article class="release-card" lang="ru">' in card_of(html, "Русский релиз")
    russian = get_in(client, "ru", "/press-releases/?language=all").content.decode()
    assert '<article class="release-card" lang="en-gb">' in card_of(russian, "English release")
    card = card_of(russian, "Русский релиз")
    assert '<span class="release-card__type">Пресс-релиз</span>' in card


@pytest.mark.postgresql_only
def test_a_search_result_marks_the_words_found_in_its_lead(client):
    make_release("Border talks", lead="Officers & trainers on border management.")
    card = card_of(client.get("/press-releases/?q=border").content.decode(), "Border talks")
    assert "<mark>border</mark>" in card
    assert "Officers &amp; trainers" in card


def test_related_releases_and_term_pages_show_the_same_cards(client):
    subject = make_release("Subject release", countries=["serbia"], fields=["elections"])
    make_release("Neighbour release", countries=["serbia"], fields=["elections"])
    listing = card_of(client.get("/press-releases/").content.decode(), "Neighbour release")
    related = card_of(client.get(subject.get_absolute_url()).content.decode(), "Neighbour")
    term_page = card_of(client.get("/countries/serbia/").content.decode(), "Neighbour")
    assert listing == related == term_page
