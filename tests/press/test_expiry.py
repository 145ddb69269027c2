"""A release with an expiry leaves the listing, its counts, the feeds, the search, the API
and the home page at that time, by itself; its page stays readable."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from tests.factories import make_release, make_user
from tests.press.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

LISTED_PATHS = [
    "/",
    "/press-releases/",
    "/press-releases/?q=notice",
    "/press-releases/?country=poland",
    "/press-releases/feed/",
    "/press-releases/feed/atom/",
    "/api/v1/releases",
]


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


@pytest.fixture
def expired(db):
    make_release("Still current notice", countries=["poland"])
    return make_release(
        "Vacancy notice for observers",
        countries=["poland"],
        published_at=ago(days=10),
        expires_at=ago(days=1),
    )


@pytest.mark.parametrize("path", LISTED_PATHS)
def test_an_expired_release_is_not_listed_anywhere(client, expired, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Vacancy notice for observers" not in response.text
    assert "Still current notice" in response.text


def test_its_page_stays_readable_and_the_counts_leave_it_out(client, expired):
    assert client.get(expired.get_absolute_url()).status_code == 200
    listing = client.get("/press-releases/")
    assert listing.context["listing"].count == 1


def test_a_release_leaves_the_listing_at_its_time_without_a_save(client):
    soon = timezone.now() + datetime.timedelta(seconds=1.5)
    make_release("Registration closes soon", expires_at=soon)
    assert "Registration closes soon" in client.get("/press-releases/").text  # now cached
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert "Registration closes soon" not in client.get("/press-releases/").text


def test_the_form_refuses_an_expiry_before_publication(client):
    client.force_login(make_user("editor", groups=["Editor"]))
    release = make_release("Talks in Vienna", published_at=ago(days=1))
    data = form_data(release)
    data["expires_at_0"], data["expires_at_1"] = (
        timezone.localtime(ago(days=2)).strftime("%Y-%m-%d"),
        "10:00",
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "cannot leave the listing before it goes live" in response.text


def test_editors_see_that_it_is_no_longer_listed(client, expired):
    client.force_login(make_user("editor", groups=["Editor"]))
    assert "Published (no longer listed)" in client.get("/admin/press/pressrelease/").text
