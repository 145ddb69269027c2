"""Alerts signed up for on a page in another language follow that language's releases."""

from __future__ import annotations

import pytest
from django.utils import translation

from alerts.matching import canonical_query, listing_for, matching_queries
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def test_a_subscription_made_in_russian_matches_the_russian_versions():
    english = make_release("Observers deployed", countries=["austria"])
    russian = make_release("Наблюдатели направлены", countries=["austria"], language="ru")
    with translation.override("ru"):
        query = canonical_query(listing_for("country=austria"))
    assert query == "country=austria&language=ru"
    english_query = canonical_query(listing_for("country=austria"))
    assert english_query == "country=austria"  # as subscriptions always were
    # The worker runs in the site's language, whatever the page was.
    found = matching_queries([english, russian], [query, english_query])
    assert found[russian.pk] == {query}
    assert found[english.pk] == {english_query}
