"""A search's matches kept from one content generation to the next: brought up to date from
the change log, asked again in full when the log cannot say what changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.signals import terms_changed
from listing import matches
from press.models import PressRelease, Status
from taxonomy.models import Country
from tests.factories import make_release

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]


def found(client, words: str) -> list[str]:
    page = client.get("/press-releases/", {"q": words}).context["page_obj"]
    return sorted(release.title for release in page)


def document_queries(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "press_searchdocument" in q["sql"]]


@pytest.fixture(autouse=True)
def nothing_kept(settings):
    settings.PUBLIC_PAGE_CACHE = False  # every search below is answered, not replayed
    matches.forget()
    yield
    matches.forget()


def test_a_publication_is_found_at_once_and_only_it_is_asked_about(client):
    make_release("Hydrography of the Danube delta")
    make_release("Customs reform")
    assert found(client, "hydrography") == ["Hydrography of the Danube delta"]

    with CaptureQueriesContext(connection) as same_generation:
        assert found(client, "hydrography") == ["Hydrography of the Danube delta"]
    assert document_queries(same_generation) == []

    added = make_release("Hydrography survey of Lake Ohrid")
    with CaptureQueriesContext(connection) as next_generation:
        assert found(client, "hydrography") == [
            "Hydrography of the Danube delta",
            "Hydrography survey of Lake Ohrid",
        ]
    # Only the release the change log names was asked about, not the whole archive.
    (asked,) = document_queries(next_generation)
    assert str(added.pk) in asked


def test_an_edit_that_removes_the_word_and_a_withdrawal_show_at_once(client):
    survey = make_release("Hydrography survey", body="<p>Depths of the lake.</p>")
    delta = make_release("Hydrography of the Danube delta")
    assert found(client, "hydrography") == ["Hydrography of the Danube delta", "Hydrography survey"]

    survey.title = "Lake survey"
    survey.save()
    assert found(client, "hydrography") == ["Hydrography of the Danube delta"]
    assert found(client, "lake") == ["Lake survey"]

    delta.status = Status.DRAFT
    delta.save()
    assert found(client, "hydrography") == []
    PressRelease.objects.filter(pk=delta.pk).delete()
    assert found(client, "hydrography") == []


def test_a_renamed_term_is_asked_about_in_full(client):
    make_release("Border officers graduate", countries=["tajikistan"])
    assert found(client, "Tadzhikistan") == []
    tajikistan = Country.objects.get(slug="tajikistan")
    tajikistan.name = "Tadzhikistan"
    tajikistan.save()
    terms_changed.send(sender=Country, ids=[tajikistan.pk], names_changed=True)
    assert found(client, "Tadzhikistan") == ["Border officers graduate"]


def test_kept_matches_equal_a_fresh_search_after_each_edit():
    """Carried from index to index through the patches, set again for the releases the
    patches put in: the same bits as asking the whole archive again."""
    from listing.index import current_index
    from press.search import head_ranks, matching_release_ids

    def kept_and_fresh():
        index = current_index()
        kept, order = matches.search_matches("harbour", ["en-gb"], index, ranked=True)
        fresh = index.positions_of(
            matching_release_ids(PressRelease.objects.all(), "harbour", ["en-gb"])
        )
        fresh_order = index.relevance_order(head_ranks("harbour", ["en-gb"]))
        # The same releases in the same order of relevance.
        assert index.relevance_page(kept, order, 0, 50) == index.relevance_page(
            fresh, fresh_order, 0, 50
        )
        return kept, fresh

    releases = [make_release(f"Harbour report {n}") for n in range(4)]
    make_release("Weekly digest", body="<p>News from the harbour.</p>")  # ranked last
    others = [make_release(f"Customs report {n}") for n in range(4)]
    kept, fresh = kept_and_fresh()
    assert kept == fresh and kept.bit_count() == 5

    edits = [
        lambda: make_release("Harbour opens"),  # a new match, newest
        lambda: make_release("Old harbour", published_at=others[2].published_at),  # mid-list
        lambda: setattr(others[0], "title", "Customs at the harbour") or others[0].save(),
        lambda: setattr(releases[1], "title", "Port report") or releases[1].save(),
        lambda: setattr(releases[2], "status", Status.DRAFT) or releases[2].save(),
        lambda: PressRelease.objects.filter(pk=releases[3].pk).delete(),
    ]
    for edit in edits:
        edit()
        kept, fresh = kept_and_fresh()
        assert kept == fresh
    assert kept.bit_count() == 5  # 5 - 1 renamed - 1 draft - 1 deleted + 3 new
