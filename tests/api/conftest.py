"""A small archive for the API's tests: public releases of every kind, and the ones the public
must never see (drafts, releases in review, scheduled ones)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from press.models import Status
from tests.factories import make_release


@pytest.fixture
def archive(db):
    """Public releases with terms, tags and a withdrawn one; plus what is not public."""
    now = timezone.now()
    public = [
        make_release(
            "Border training in Tajikistan",
            countries=["tajikistan"],
            fields=["border-management"],
            structures=["programme-office-in-dushanbe"],
            tags=["training"],
            published_at=now - datetime.timedelta(days=3),
            type="news-item",
        ),
        make_release(
            "Elections observed in Austria",
            countries=["austria"],
            fields=["elections"],
            structures=["office-for-democratic-institutions-and-human-rights"],
            source="office-for-democratic-institutions-and-human-rights",
            tags=["elections", "training"],
            published_at=now - datetime.timedelta(days=40),
            dateline_city="VIENNA",
        ),
        make_release(
            "Statement on Ukraine",
            countries=["ukraine"],
            published_at=now - datetime.timedelta(days=400),
            type="statement",
        ),
        make_release(
            "Chairpersonship opens Ministerial Council",
            countries=["austria", "ukraine"],
            meetings=["ministerial-council-meetings"],
            published_at=now - datetime.timedelta(days=800),
        ),
        make_release(
            "A corrected release",
            status=Status.WITHDRAWN,
            countries=["austria"],
            published_at=now - datetime.timedelta(days=5),
        ),
    ]
    # Same moment, to show that ties are ordered by id.
    tied = now - datetime.timedelta(days=10)
    public += [
        make_release(f"Tied release {n}", countries=["serbia"], published_at=tied) for n in (1, 2)
    ]
    hidden = [
        make_release("A draft about Austria", status=Status.DRAFT, countries=["austria"]),
        make_release("In review about Austria", status=Status.IN_REVIEW, countries=["austria"]),
        make_release(
            "Scheduled about Austria",
            countries=["austria"],
            published_at=now + datetime.timedelta(days=2),
        ),
    ]
    return {"public": public, "hidden": hidden}


@pytest.fixture
def generous_limit(settings):
    """A rate limit no test reaches unless it means to."""
    settings.NEWSROOM = {**settings.NEWSROOM, "API_RATE_LIMIT": 1_000_000}
