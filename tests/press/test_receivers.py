"""Changes made outside a release's own save still reach the public site and search."""

import pytest
from django.test import Client

from press.models import PressRelease
from taxonomy.models import Country
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def listing_titles(query: str) -> str:
    return Client().get(f"/press-releases/?{query}").content.decode()


def test_tags_added_in_code_reach_the_listing_at_once():
    release = make_release("Border college opens", countries=["tajikistan"])
    make_release("Unrelated statement", tags=["elections"])
    assert "Border college opens" in listing_titles("")
    # Outside any save: taggit's own manager, as an import script would do it.
    PressRelease.objects.get(pk=release.pk).tags.add("border security")
    html = listing_titles("tag=border-security")
    assert "Border college opens" in html
    assert "Unrelated statement" not in html
    assert "not a known value" not in html


def test_tags_removed_in_code_leave_the_listing_at_once():
    release = make_release("Border college opens", tags=["border security"])
    make_release("Unrelated statement", tags=["border security"])
    assert "Border college opens" in listing_titles("tag=border-security")
    PressRelease.objects.get(pk=release.pk).tags.clear()
    html = listing_titles("tag=border-security")
    assert "Unrelated statement" in html
    assert "Border college opens" not in html


def test_a_country_linked_from_its_own_side_reaches_the_listing():
    release = make_release("Observers deployed")
    make_release("Serbian elections", countries=["serbia"])
    assert "Observers deployed" not in listing_titles("country=serbia")
    Country.objects.get(slug="serbia").releases.add(release)
    assert "Observers deployed" in listing_titles("country=serbia")
