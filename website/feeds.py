"""RSS 2.0 and Atom feeds of the listing: the same parameters give the same releases."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from listing.engine import Listing
from press.models import PressRelease

FEED_SIZE = 50


class ReleaseFeed(Feed):
    def get_object(self, request, *args, **kwargs) -> Listing:
        return Listing(request.GET)

    def title(self, listing: Listing) -> str:
        site = settings.NEWSROOM["SITE_NAME"]
        described = listing.describe()
        if described:
            return _("%(site)s: press releases – %(filters)s") % {
                "site": site,
                "filters": described,
            }
        return _("%(site)s: press releases") % {"site": site}

    def link(self, listing: Listing) -> str:
        query = listing.querystring()
        url = reverse("press:list")
        return f"{url}?{query}" if query else url

    def description(self, listing: Listing) -> str:
        return _("The latest press releases, news and statements of the OSCE.")

    def items(self, listing: Listing):
        return listing.results()[:FEED_SIZE]

    def item_title(self, item: PressRelease) -> str:
        return item.title

    def item_description(self, item: PressRelease) -> str:
        return item.lead

    def item_pubdate(self, item: PressRelease):
        return item.published_at

    def item_updateddate(self, item: PressRelease):
        return item.updated_at

    def item_author_name(self, item: PressRelease) -> str | None:
        return item.lead_source.name if item.lead_source_id else None

    def item_guid(self, item: PressRelease) -> str:
        # Stable across slug changes: readers must not see a renamed release as new.
        return f"tag:{settings.NEWSROOM['SITE_NAME'].replace(' ', '').lower()},release:{item.pk}"

    item_guid_is_permalink = False


class AtomReleaseFeed(ReleaseFeed):
    feed_type = Atom1Feed

    def subtitle(self, listing: Listing) -> str:
        return self.description(listing)
