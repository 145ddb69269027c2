"""Search on both databases: PostgreSQL full text, and the SQLite fallback."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from press.fulltext import AGE_HALVING_DAYS, ParsedQuery, text_rank, web_query
from press.models import PressRelease, SearchHead, Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def found(text):
    return titles(PressRelease.objects.published().search(text))


@pytest.fixture
def releases():
    return {
        "border": make_release(
            "Border guards complete training in Dushanbe",
            lead="Forty officers graduated from the border management course.",
            body="<p>The course covered <strong>risk analysis</strong> and customs.</p>",
            countries=["tajikistan"],
            structures=["programme-office-in-dushanbe"],
        ),
        "media": make_release(
            "Media freedom conference opens in Vienna",
            lead="Journalists and editors discuss safety.",
            body="<p>The Representative on Freedom of the Media opened the event.</p>",
            countries=["austria"],
        ),
        "elections": make_release(
            "Observers deployed for parliamentary elections",
            lead="The observation mission will follow the campaign.",
            body="<p>Training for observers took place in Warsaw.</p>",
            countries=["poland"],
        ),
        "draft": make_release(
            "Border guards draft never published",
            status=Status.DRAFT,
            lead="Secret border text.",
        ),
    }


def test_words_anywhere_in_title_lead_or_body(releases):
    assert found("Dushanbe") == {releases["border"].title}
    assert found("risk analysis") == {releases["border"].title}
    assert found("journalists safety") == {releases["media"].title}


def test_drafts_are_never_found(releases):
    assert releases["draft"].title not in found("border")


def test_exclusion_and_or(releases):
    assert found("training -Dushanbe") == {releases["elections"].title}
    assert found("Vienna or Warsaw") == {releases["media"].title, releases["elections"].title}


def test_quoted_phrases(releases):
    assert found('"media freedom"') == {releases["media"].title}
    assert found('"freedom media"') == set()


def test_markup_in_the_body_does_not_match(releases):
    assert found("strong") == set()


def test_engine_specific_behaviour(releases):
    if connection.vendor == "postgresql":
        # English stemming: "graduate" finds "graduated", "trains" finds "training".
        assert found("graduate") == {releases["border"].title}
        assert releases["elections"].title in found("trains")
        # Taxonomy names are searchable, former names included.
        assert found("Tajikistan") == {releases["border"].title}
        assert found('"Office in Tajikistan"') == {releases["border"].title}
        # Highlighted snippet from the lead.
        hit = PressRelease.objects.published().search("officers").get()
        assert "<mark>officers</mark>" in hit.highlighted_lead
        # A title match outranks a body match.
        ranked = list(PressRelease.objects.published().search("observers").order_by("-search_rank"))
        assert ranked[0] == releases["elections"]
    else:
        # The fallback matches substrings: stems are found as parts of words.
        assert found("graduat") == {releases["border"].title}


def test_search_combines_with_filters(releases):
    in_poland = PressRelease.objects.published().filter(countries__slug="poland")
    assert titles(in_poland.search("training")) == {releases["elections"].title}


def test_vector_follows_edits(releases):
    if connection.vendor != "postgresql":
        assert found("Lisbon") == set()
    release = releases["media"]
    release.lead = "The conference moved to Lisbon."
    release.save()
    assert found("Lisbon") == {release.title}


def test_hostile_queries_do_not_break_search(releases):
    public = {r.pk for r in releases.values() if r.status != Status.DRAFT}
    for text in ['"', "-", "or or or", "!!!", "a" * 5000, "'; DROP TABLE x; --", "\x00"]:
        results = {r.pk for r in PressRelease.objects.published().search(text)}
        # An answer, not an error, and never more than the public releases.
        assert results <= public, text
    assert found("a" * 5000) == set()
    assert found("'; DROP TABLE x; --") == set()
    assert PressRelease.objects.count() == len(releases)  # nothing was dropped


def test_query_parser_for_the_fallback():
    parsed = ParsedQuery.parse('"border guards" -customs or police')
    assert parsed.groups == [(["border guards"], ["customs"]), (["police"], [])]


def test_a_search_naming_a_term_offers_its_filter(client, releases):
    html = client.get("/press-releases/", {"q": "Office in Tajikistan"}).content.decode()
    suggestions = html.split('class="results__suggestions"')[1].split("</p>")[0]
    assert "Structure: Programme Office in Dushanbe" in suggestions
    assert "structure=programme-office-in-dushanbe" in suggestions
    assert "Country: Tajikistan" in suggestions
    # A filter already chosen is not offered again.
    html = client.get(
        "/press-releases/", {"q": "Tajikistan", "country": "tajikistan"}
    ).content.decode()
    assert "results__suggestions" not in html


def test_highlighted_snippets_in_results_escape_the_lead(client):
    make_release("Safe title", lead="Officers <b>trained</b> & graduated")
    html = client.get("/press-releases/", {"q": "graduated"}).content.decode()
    card = html.split('class="release-card__lead"')[1].split("</p>")[0]
    assert "<b>" not in card
    assert "trained" in card
    assert "&amp;" in card
    if connection.vendor == "postgresql":
        assert "<mark>graduated</mark>" in card


def test_listing_by_relevance_matches_the_database_ranking(client):
    """The listing orders by relevance in the facet index, from the ranks of the search
    heads (title, lead, classification): their rank tempered by age, then the releases
    that have the words in their text only, newest first."""
    now = timezone.now()
    days = datetime.timedelta(days=1)
    make_release("Border training in Dushanbe", published_at=now - 400 * days)
    make_release("Border news", lead="Training for border guards.", published_at=now - 3 * days)
    make_release(
        "Customs", body="<p>Border training, border training.</p>", published_at=now - days
    )
    make_release("Border training and border training", published_at=now - 2000 * days)
    make_release("Unrelated", lead="Nothing to see.", published_at=now - days)
    # As the English listing asks: in English's configuration.
    matches = list(PressRelease.objects.published().search("border training", ["en-gb"]))
    assert len(matches) == 4
    head_ranks = {}  # SQLite ranks every match the same
    if connection.vendor == "postgresql":
        query = web_query("border training", ["en-gb"])
        head_ranks = dict(
            SearchHead.objects.filter(vector=query)
            .annotate(rank=text_rank("vector", query))
            .values_list("release_id", "rank")
        )

    def relevance(release):
        age_days = (now - release.published_at).total_seconds() / 86400
        tempered = head_ranks.get(release.pk, 0.0) / (1 + age_days / AGE_HALVING_DAYS)
        return (-tempered, -release.published_at.timestamp())

    expected = [release.title for release in sorted(matches, key=relevance)]
    html = client.get("/press-releases/", {"q": "border training", "sort": "relevance"})
    shown = [
        part.split(">", 1)[1].split("<", 1)[0]
        for part in html.content.decode().split('class="release-card__title"><a href=')[1:]
    ]
    assert shown == expected
    if connection.vendor == "postgresql":
        # Ranked, not merely newest first: the release with the words in its text only
        # comes last, though it is the newest.
        assert shown[-1] == "Customs"
        assert len(head_ranks) == 3


def test_pages_by_relevance_run_on_from_the_ranked_to_the_rest(client, settings):
    """Every match once across the pages: those with the words in their head first, then
    those with them in the text only, newest first, whichever page the turn falls on."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_SIZE": 4}
    now = timezone.now()
    for n in range(3):
        make_release(f"Water talks {n}", published_at=now - datetime.timedelta(days=30 + n))
    for n in range(7):
        make_release(
            f"Weekly digest {n}",
            body="<p>Among other things, water.</p>",
            published_at=now - datetime.timedelta(days=n),
        )
    shown = []
    for page in (1, 2, 3):
        html = client.get("/press-releases/", {"q": "water", "page": page}).content.decode()
        shown += re.findall(r'class="release-card__title"><a href="[^"]+">([^<]+)<', html)
    assert len(shown) == len(set(shown)) == 10
    digests = [f"Weekly digest {n}" for n in range(7)]
    if connection.vendor == "postgresql":
        assert sorted(shown[:3]) == [f"Water talks {n}" for n in range(3)]
        assert shown[3:] == digests
    else:  # every match ranks the same: newest first
        assert shown[:7] == digests


@pytest.mark.postgresql_only
def test_a_search_leaves_the_planner_settings_of_its_callers_transaction_alone():
    from django.db import transaction

    from press.search import matching_release_ids

    release = make_release("Hydrography of the Danube delta")
    with transaction.atomic(), connection.cursor() as cursor:
        assert matching_release_ids(PressRelease.objects.all(), "hydrography") == [release.pk]
        cursor.execute("SELECT current_setting('enable_seqscan')")
        assert cursor.fetchone() == ("on",)
