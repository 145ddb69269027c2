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
