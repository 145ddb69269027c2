"""The sitemap: an index of sections, each split into pages of at most ``limit`` addresses."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from press.models import PressRelease
from press.translations import public_versions
from taxonomy.kinds import KINDS


class ReleaseSitemap(Sitemap):
    # 100,000 releases make 20 pages; every page stays far under the 50,000-URL limit.
    limit = 5000
    changefreq = "monthly"

    def items(self):
        return (
            PressRelease.objects.published()
            .order_by("-published_at", "-pk")
            .only("slug", "published_at", "major_change_at", "withdrawn_at")
        )

    def lastmod(self, item: PressRelease):
        # What readers saw change (publication, a major change, a withdrawal), as the page's
        # structured data says; a minor change does not send crawlers back.
        return item.public_updated_at

    def get_latest_lastmod(self):
        # One aggregate: the default would load every release to find the newest date.
        return self.items().latest_public_update()

    def _urls(self, page, protocol, domain):
        """Each release is its own address; one with public versions in other languages
        names them all (itself included) as ``xhtml:link`` alternates, reciprocally."""
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            versions = public_versions(url["item"])
            if not versions:
                continue
            url["alternates"] = [
                {"location": f"{protocol}://{domain}{version.url}", "lang_code": code}
                for code, version in versions.items()
            ]
            default = versions.get(settings.LANGUAGE_CODE) or next(
                version for version in versions.values() if version.is_original
            )
            url["alternates"].append(
                {"location": f"{protocol}://{domain}{default.url}", "lang_code": "x-default"}
            )
        return urls


class InEveryLanguage(Sitemap):
    """Pages that exist in every language at the same address under its prefix."""

    i18n = True
    alternates = True
    x_default = True


class TermSitemap(InEveryLanguage):
    changefreq = "weekly"

    def items(self):
        terms = []
        for kind in KINDS:
            terms.extend(kind.model.objects.only("slug").order_by("pk"))
        return terms


class PageSitemap(InEveryLanguage):
    changefreq = "daily"
    pages = ("home", "press:list", "taxonomy:countries", "taxonomy:fields", "taxonomy:structures")
    # Pages that list no releases: their date is not the newest release's.
    undated = ("media-contacts", "events")

    def items(self) -> list[str]:
        return [*self.pages, *self.undated]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str):
        if item in self.undated:
            return None
        # The pages list releases: they change when the newest release does.
        if not hasattr(self, "_latest"):
            latest = PressRelease.objects.published().aggregate(latest=Max("updated_at"))
            self._latest = latest["latest"]
        return self._latest


SITEMAPS = {"pages": PageSitemap, "releases": ReleaseSitemap, "terms": TermSitemap}
