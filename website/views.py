"""The public pages of the newsroom: home, the filtered listing and one release."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from listing.engine import Listing
from listing.related import related_releases
from press.models import PressRelease, ReleaseSlugRedirect, attach_lead_sources
from press.public_reads import public_release
from press.translations import public_versions
from website import videos
from website.videos import has_video

# Asked by the listing's script: only the part of the page that changes with the filters.
PARTIAL_HEADER = "X-Partial"
PARTIAL_NAME = "listing"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # The newest in the page's language: /ru/ opens on the Russian versions.
    listed = PressRelease.objects.listed().filter(language=translation.get_language())
    latest = attach_lead_sources(listed.newest_first()[:10])
    return render(request, "press/home.html", {"latest": latest})


@require_safe
def release_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(request.GET)
    listing_url = reverse("press:list")
    if listing.renamed:
        # A term was renamed: its old slug answers with the same list under the new one.
        query = listing.querystring(page=listing.page_number)
        return redirect(f"{listing_url}?{query}" if query else listing_url, permanent=True)
    try:
        page = listing.page()
    except EmptyPage:
        raise Http404(
            _("There is no page %(number)s of this list.") % {"number": listing.page_number}
        ) from None

    query = listing.querystring()
    canonical_query = listing.querystring(page=page.number)
    title = _("Press releases")
    described = listing.describe()
    summary = listing.summary_parts()
    if described:
        title = _("%(title)s: %(filters)s") % {"title": title, "filters": described}
    if page.number > 1:
        title = _("%(title)s – page %(number)s") % {"title": title, "number": page.number}
    context = {
        "page_title": title,
        "page_description": _(
            "Press releases, news and statements of the OSCE%(filters)s: %(count)s in all."
        )
        % {"filters": f" ({described})" if described else "", "count": page.paginator.count},
        "canonical_path": f"{listing_url}?{canonical_query}" if canonical_query else listing_url,
        "listing": listing,
        "form": listing.form,
        "page_obj": page,
        "facets": listing.facets(),
        "summary": summary,
        "active_filter_count": sum(len(group["items"]) for group in summary),
        "ignored": listing.ignored,
        "query": query,
        "canonical_query": canonical_query,
        "feed_query": query,
    }
    template = "press/release_list.html"
    if request.headers.get(PARTIAL_HEADER) == PARTIAL_NAME:
        template += f"#{PARTIAL_NAME}"
    response = render(request, template, context)
    patch_vary_headers(response, [PARTIAL_HEADER])
    return response


@require_safe
def release_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The lead source comes from the reference data, the terms in the release's own query:
    # one query for the release and all it is classified by.
    release = public_release(slug)
    preview = False
    if release is None and request.user.has_perm("press.view_pressrelease"):
        # Staff read drafts and scheduled releases where the public will, marked as such.
        release = PressRelease.objects.with_terms().filter(slug=slug).first()
        preview = release is not None
        if preview:
            attach_lead_sources([release])
    if release is None:
        moved = ReleaseSlugRedirect.objects.filter(old_slug=slug).select_related("release").first()
        if moved is not None and moved.release.is_live:
            return redirect(moved.release, permanent=True)
        raise Http404(_("No press release at this address."))
    if release.language != translation.get_language():
        # Each version lives under its own language's prefix; the others lead there.
        return redirect(release.get_absolute_url(), permanent=not preview)
    versions = public_versions(release)
    context = {
        "release": release,
        "preview": preview,
        "related": related_releases(release),
        "language_alternates": {code: version.url for code, version in versions.items()}
        or {release.language: release.get_absolute_url()},
        "og_alternate_languages": [code for code in versions if code != release.language],
    }
    response = render(request, "press/release_detail.html", context)
    if preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    if has_video(release.body):
        # Players may load only on a page with a video, and only from their hosts.
        response._csp_config = {**settings.SECURE_CSP, "frame-src": videos.PLAYER_HOSTS}
    return response
