"""A release goes to a subscription exactly when the listing with its filter shows it;
never a draft, a release in review, a scheduled one not yet live or a withdrawn one."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from alerts import tasks
from alerts.matching import listing_for
from alerts.models import Announcement, Delivery, DeliveryStatus
from core.generations import forget_state
from press.models import PressRelease, Status
from tests.alerts.conftest import subscribe
from tests.factories import make_release

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)

# Keys alone and together, several values of one key (OR), structures by their tree,
# tags, types, years, dates and words.
QUERIES = [
    "",
    "country=austria",
    "country=austria&country=serbia",
    "country=serbia&field=elections",
    "field=elections&type=statement",
    "structure=secretariat",
    "structure=office-for-democratic-institutions-and-human-rights",
    "structure=field-operations",
    "structure=programme-office-in-dushanbe",
    "tag=training",
    "tag=training&country=serbia",
    "type=speech",
    f"year={timezone.localdate().year}",
    f"from={(timezone.localdate() - datetime.timedelta(days=1)).isoformat()}",
    "q=observers",
    "q=observers&country=serbia",
    "meeting=ministerial-council-meetings",
]


@pytest.fixture
def releases():
    """Fresh releases across the filters (live within the last hours)."""

    def made(title, **kwargs):
        return make_release(title, published_at=timezone.now() - HOUR, **kwargs)

    return [
        made("Vienna statement", countries=["austria"], type="statement"),
        made("Election observers deployed", countries=["serbia"], fields=["elections"]),
        made(
            "Observers statement",
            countries=["serbia", "austria"],
            fields=["elections"],
            type="statement",
            tags=["training"],
        ),
        made(
            "ODIHR training",
            source="office-for-democratic-institutions-and-human-rights",
            tags=["training"],
        ),
        made("A speech", type="speech", structures=["secretariat"]),
        made("Ministerial", meetings=["ministerial-council-meetings"]),
        made("Untagged news"),
        made("Dushanbe", source="programme-office-in-dushanbe", countries=["tajikistan"]),
    ]


def test_matching_equals_the_listing_for_filter_combinations(releases):
    past = timezone.now() - 2 * HOUR
    subscriptions = {
        query: subscribe(f"reader{n}@example.org", query, created_at=past)
        for n, query in enumerate(QUERIES)
    }
    assert tasks.match_releases([r.pk for r in releases]) > 0
    for query, subscription in subscriptions.items():
        listing = listing_for(query)
        assert not listing.ignored, query
        shown = {release.pk for release in listing.results()[:]} & {r.pk for r in releases}
        sent = set(
            Delivery.objects.filter(subscription=subscription).values_list("release", flat=True)
        )
        assert sent == shown, query
    # Some filters find some releases, and not all filters find all.
    assert 0 < Delivery.objects.count() < len(QUERIES) * len(releases)


def test_drafts_reviews_scheduled_and_withdrawn_releases_are_never_matched():
    subscribe("all@example.org", "", created_at=timezone.now() - 3 * HOUR)
    draft = make_release("Draft", status=Status.DRAFT)
    review = make_release("Review", status=Status.IN_REVIEW)
    scheduled = make_release("Scheduled", published_at=timezone.now() + HOUR)
    withdrawn = make_release(
        "Withdrawn", status=Status.WITHDRAWN, published_at=timezone.now() - HOUR
    )
    ids = [draft.pk, review.pk, scheduled.pk, withdrawn.pk]
    assert tasks.match_releases(ids) == 0
    tasks.scan()
    assert not Delivery.objects.exists()
    assert not Announcement.objects.exists()


def test_a_scheduled_release_is_sent_when_it_goes_live(smtp_server):
    subscribe("austria@example.org", "country=austria", created_at=timezone.now() - 3 * HOUR)
    release = make_release(
        "Embargoed statement", countries=["austria"], published_at=timezone.now() + HOUR
    )
    tasks.match_releases([release.pk])
    tasks.scan()
    assert smtp_server.messages == []
    # Time passes: the release is live without anyone touching it (no signal).
    PressRelease.objects.filter(pk=release.pk).update(published_at=timezone.now() - HOUR / 60)
    # The content generation ends at a go-live (core.generations); here time was moved, not
    # waited for, so the generation is ended by hand.
    forget_state()
    tasks.scan()
    [message] = smtp_server.messages
    assert message["Subject"] == "Embargoed statement"
    tasks.scan()
    assert len(smtp_server.messages) == 1


def test_a_release_withdrawn_before_it_is_sent_is_not_sent(smtp_server):
    subscription = subscribe("d@example.org", "", "daily", created_at=timezone.now() - 3 * HOUR)
    release = make_release("Soon withdrawn", published_at=timezone.now() - HOUR)
    tasks.match_releases([release.pk])
    PressRelease.objects.filter(pk=release.pk).update(
        status=Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    tasks.send_digests("daily")
    assert smtp_server.messages == []
    assert Delivery.objects.get(subscription=subscription).status == DeliveryStatus.CANCELLED


def test_newcomers_paused_and_old_news_are_not_sent():
    release = make_release("Before", countries=["austria"], published_at=timezone.now() - HOUR)
    old = make_release(
        "Archive", countries=["austria"], published_at=timezone.now() - 30 * HOUR * 24
    )
    subscribe("new@example.org", "country=austria")  # subscribed after it went live
    subscribe(
        "paused@example.org", "country=austria", paused=True, created_at=timezone.now() - 2 * HOUR
    )
    subscribe("early@example.org", "country=austria", created_at=timezone.now() - 60 * 24 * HOUR)
    tasks.match_releases([release.pk, old.pk])
    assert list(Delivery.objects.values_list("subscription__subscriber__email", "release")) == [
        ("early@example.org", release.pk)
    ]


def test_a_filter_naming_a_deleted_term_matches_nothing():
    subscribe("gone@example.org", "tag=no-such-tag", created_at=timezone.now() - 2 * HOUR)
    release = make_release("Anything", published_at=timezone.now() - HOUR)
    tasks.match_releases([release.pk])
    assert not Delivery.objects.exists()


def test_publishing_matches_through_the_release_signal(django_capture_on_commit_callbacks, editor):
    subscribe("austria@example.org", "country=austria", created_at=timezone.now() - HOUR)
    release = make_release("Draft first", status=Status.DRAFT, countries=["austria"])
    with django_capture_on_commit_callbacks(execute=True):
        release.publish(by=editor)
    assert Delivery.objects.filter(release=release, status=DeliveryStatus.SENT).count() == 1
