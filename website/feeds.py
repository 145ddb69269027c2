"""RSS 2.0 and Atom feeds of the listing: the same parameters give the same releases."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from core.cleaning import without_control_characters
from listing.engine import Listing
from press.models import PressRelease, attach_change_history

FEED_SIZE = 50


def _cleaned(value):
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_cleaned(part) for part in value)
    return value


class XMLSafeText:
    """Feed text without the control characters XML forbids. Saving cleans them already;
    this keeps a feed answering on rows stored before that or written around the models."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_cleaned, args), **{k: _cleaned(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_cleaned, args), **{k: _cleaned(v) for k, v in kwargs.items()})


class RssFeed(XMLSafeText, Rss201rev2Feed):
    pass


class AtomFeed(XMLSafeText, Atom1Feed):
    pass


class ReleaseFeed(Feed):
    feed_type = RssFeed

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
        # The latest public change of every corrected item, in one query.
        return attach_change_history(listing.results()[:FEED_SIZE])

    def item_title(self, item: PressRelease) -> str:
        return item.title

    def item_description(self, item: PressRelease) -> str:
        # Readers show a description as HTML: the lead and the note are plain text, escaped.
        change = item.latest_change
        if change is None:
            return escape(item.lead)
        # An updated entry says first what changed, so a reader seeing it again knows why.
        updated = _("Updated %(date)s: %(note)s") % {
            "date": date_format(timezone.localtime(change.noted_at), "DATE_FORMAT"),
            "note": change.note,
        }
        return format_html("<p>{}</p><p>{}</p>", updated, item.lead)

    def item_pubdate(self, item: PressRelease):
        return item.published_at

    def item_updateddate(self, item: PressRelease):
        # A major change (or a withdrawal) moves the entry's date; a minor one does not, so
        # readers are not sent back to a release for a corrected typo.
        return item.public_updated_at

    def item_author_name(self, item: PressRelease) -> str | None:
        return item.lead_source.name if item.lead_source_id else None

    def item_guid(self, item: PressRelease) -> str:
        # Stable across slug changes: readers must not see a renamed release as new.
        return f"tag:{settings.NEWSROOM['SITE_NAME'].replace(' ', '').lower()},release:{item.pk}"

    item_guid_is_permalink = False


class AtomReleaseFeed(ReleaseFeed):
    feed_type = AtomFeed

    def subtitle(self, listing: Listing) -> str:
        return self.description(listing)
