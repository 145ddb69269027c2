"""Which subscriptions a release goes to: those whose listing would show it.

One definition of a filter, the listing engine's: a subscription keeps the listing's
canonical query string, and a release matches when it is among that listing's matching
releases in the facet index (the same bit set the listing page pages through). Only live
releases that are published and not withdrawn are ever matched: drafts, releases in
review and scheduled releases not yet live are not in the index, and withdrawn ones are
left out here.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from core.generations import forget_state
from listing.engine import Listing
from listing.forms import ALL_LANGUAGES, FILTERS
from press.models import PressRelease, Status

logger = logging.getLogger(__name__)


def listing_for(query: str) -> Listing:
    return Listing(QueryDict(query))


def canonical_query(listing: Listing) -> str:
    """The listing's filters as a subscription keeps them: canonical order, no sorting
    and no page (they change what is shown first, not what is shown)."""
    values = {key: listing.values.get(key, []) for key in FILTERS}
    # The page's language, which the listing leaves out of its own addresses, is said when it
    # is not the site's: a worker (in the site's language) then matches what the page showed.
    languages = listing.form.languages or [ALL_LANGUAGES]
    values["language"] = [] if languages == [settings.LANGUAGE_CODE] else languages
    return listing.querystring(values)


def sendable(release: PressRelease) -> bool:
    """Whether the public may be told of ``release`` now: published, live, not withdrawn."""
    return release.status == Status.PUBLISHED and release.is_live


def fresh_releases():
    """The releases that may still be announced: published and live, not withdrawn, and
    gone live recently (an imported archive is not news)."""
    since = timezone.now() - datetime.timedelta(hours=settings.ALERTS["LOOKBACK_HOURS"])
    return PressRelease.objects.published().filter(status=Status.PUBLISHED, published_at__gte=since)


def use_current_generation() -> None:
    """Make sure this process reads the newest content generation. A worker with a cache
    of its own (no Redis) never hears of the web's changes: it starts a generation of its
    own, which touches nobody else's pages."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        forget_state()


def matching_queries(releases: list[PressRelease], queries: list[str]) -> dict[int, set[str]]:
    """For each release (by id), the queries among ``queries`` whose listing shows it.

    A query the listing does not fully understand any more (a term deleted since) matches
    nothing: the listing would show more than was asked for.
    """
    found: dict[int, set[str]] = defaultdict(set)
    if not releases or not queries:
        return found
    for query in queries:
        listing = listing_for(query)
        if listing.ignored:
            logger.warning("Alert filter %r is no longer understood; not matched", query)
            continue
        bits = listing.matching()
        for release in releases:
            position = listing.index.position(release.pk)
            if position >= 0 and bits >> position & 1:
                found[release.pk].add(query)
    return found


def indexed(releases: list[PressRelease]) -> list[PressRelease]:
    """The releases the current facet index holds (one not there yet is matched later)."""
    index = listing_for("").index
    return [release for release in releases if index.position(release.pk) >= 0]
