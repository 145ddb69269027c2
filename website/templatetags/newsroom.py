"""Template helpers of the public site: absolute addresses, breadcrumbs, structured data."""

from __future__ import annotations

import functools
import json
from typing import Any

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.languages import native_name
from press.models import PressRelease
from press.translations import public_versions
from taxonomy.catalogue import term_catalogue
from taxonomy.kinds import BY_KEY, BY_MODEL
from taxonomy.models import MediaContact, Structure, TreeTerm
from website import videos

register = template.Library()

# What json_script escapes: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def iso(value) -> str:
    """A date-time as HTML's datetime attribute wants it: local time, whole seconds."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def releases_count(count: int) -> str:
    """A count of releases in words ("12 releases") in the page's language: the words of
    ``blocktranslate count``, at a fraction of its cost (the filters count a hundred
    options a page)."""
    return _releases_count(translation.get_language(), count)


@functools.lru_cache(maxsize=4096)
def _releases_count(language: str | None, count: int) -> str:
    # The same few hundred counts come back page after page, per language.
    return ngettext("%(counter)s release", "%(counter)s releases", count) % {
        "counter": formats.localize(count)
    }


@register.simple_tag
def facet_options(key: str, options) -> SafeString:
    """One filter's checkboxes, each with its count. Written out here, not in the template:
    a listing shows over a hundred of them, and the template engine took several times as
    long. Every value is escaped; a language's name is marked as written in that language."""
    key = escape(key)
    rows = []
    for option in options:
        value = escape(option.value)
        label = conditional_escape(option.label)
        if key == "language" and option.value != "all":
            label = f'<span lang="{value}">{label}</span>'
        checked = " checked" if option.selected else ""
        count = escape(releases_count(option.count))
        rows.append(
            f'<li><input type="checkbox" name="{key}" value="{value}" id="filter-{key}-{value}"'
            f'{checked}> <label for="filter-{key}-{value}">{label} '
            f'<span class="facet__count">({count})</span></label></li>'
        )
    return mark_safe("\n          ".join(rows))


@register.simple_tag
def language_fragment(template_name: str) -> SafeString:
    """A part of every page that depends on nothing but the language (the footer: links
    and words), rendered once per language and process instead of on every page. While
    developing (DEBUG) it is rendered each time, so that an edit shows at once."""
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name))
    return _language_fragment(template_name, translation.get_language())


@functools.lru_cache(maxsize=32)
def _language_fragment(template_name: str, language: str | None) -> SafeString:
    return mark_safe(render_to_string(template_name))


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str | None = None) -> str:
    request = context.get("request")
    path = path or (request.path if request else "/")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def json_ld(context, data: Any) -> SafeString:
    """A <script type="application/ld+json"> data block, safely serialised."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    nonce = context.get("csp_nonce")
    if nonce:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(payload)
        )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def breadcrumb_trail(subject: Any = None) -> list[tuple[str, str]]:
    """(label, address) pairs from the home page down to ``subject``.

    ``subject`` is a release, a term, "releases" (the listing) or the key of a kind of
    term whose index page it is ("country", ...).
    """
    trail = [(_("Home"), reverse("home"))]
    if subject == "releases":
        trail.append((_("Press releases"), reverse("press:list")))
    elif subject == "media-contacts":
        trail.append((_("Media contacts"), reverse("media-contacts")))
    elif subject == "events":
        trail.append((_("Upcoming events"), reverse("events")))
    elif isinstance(subject, str):
        kind = BY_KEY[subject]
        trail.append((str(kind.plural_label), reverse(kind.index_url_name)))
    elif isinstance(subject, PressRelease):
        trail.append((_("Press releases"), reverse("press:list")))
        trail.append((subject.title, subject.get_absolute_url()))
    elif type(subject) in BY_MODEL:
        kind = BY_MODEL[type(subject)]
        # Meeting series have no index page of their own: the menu lists them.
        if kind.index_url_name:
            trail.append((str(kind.plural_label), reverse(kind.index_url_name)))
        if isinstance(subject, TreeTerm):
            above = term_catalogue().ancestors(subject)
            trail.extend((a.name, a.get_absolute_url()) for a in above)
        trail.append((subject.name, subject.get_absolute_url()))
    return trail


@register.simple_tag(takes_context=True)
def breadcrumb_ld(context, trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": str(label),
                "item": absolute_url(context, url),
            }
            for n, (label, url) in enumerate(trail, start=1)
        ],
    }


@register.simple_tag
def lead_image(release: PressRelease) -> dict | None:
    """The lead image's renditions for srcset, or None when the release has none."""
    if not release.image:
        return None
    # Several parts of a page ask (meta tags, structured data, the figure): make them once.
    if not hasattr(release, "_lead_image"):
        try:
            release._lead_image = release.image_renditions()
        except OSError:
            # A missing or unreadable file must not take the page down; the text still reads.
            release._lead_image = None
    return release._lead_image


def _crop(release: PressRelease, shape: str) -> dict | None:
    crops = release.__dict__.setdefault("_crops", {})
    if shape not in crops:
        try:
            crops[shape] = release.image_crop(shape)
        except OSError:  # as for lead_image: the page reads without the picture
            crops[shape] = None
    return crops[shape]


@register.simple_tag
def card_image(release: PressRelease) -> dict | None:
    """The lead image cropped to 16:9 around its focal point, for a lead story's card."""
    crop = _crop(release, "card") if release.image else None
    return {**crop, "alt": release.image_alt} if crop else None


@register.simple_tag
def social_image(release: PressRelease) -> dict | None:
    """The lead image cropped for a social card (1200×630) around its focal point."""
    crop = _crop(release, "social") if release.image else None
    return {**crop, "alt": release.image_alt} if crop else None


@register.simple_tag(takes_context=True)
def release_ld(context, release: PressRelease, image: dict | None = None) -> dict:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.lead,
        "url": absolute_url(context, release.get_absolute_url()),
        "mainEntityOfPage": absolute_url(context, release.get_absolute_url()),
        "datePublished": release.published_at,
        "dateModified": release.public_updated_at,
        "inLanguage": release.language,
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM["PUBLISHER"],
            "url": absolute_url(context, "/"),
        },
    }
    if release.lead_source_id:
        data["author"] = {"@type": "Organization", "name": release.lead_source.name}
    contacts = release.contacts_to_call
    if contacts:
        # Whom to call about the article, on the body that issued it (else the publisher).
        issuer = data.get("author", data["publisher"])
        issuer["contactPoint"] = [contact_point(context, contact) for contact in contacts]
    if image:
        # The shapes search engines show a news article's image in, each around its focus.
        crops = [_crop(release, shape) for shape in ("16x9", "4x3", "1x1")]
        data["image"] = [absolute_url(context, crop["src"]) for crop in crops if crop] or [
            absolute_url(context, image["src"])
        ]
    if release.dateline_city:
        data["dateline"] = release.dateline_city
    versions = public_versions(release)
    if versions:
        # The original names its translations; a translation names its original.
        if release.is_translation:
            original = next((v for v in versions.values() if v.is_original), None)
            if original is not None:
                data["translationOfWork"] = _work(context, original)
        else:
            data["workTranslation"] = [
                _work(context, version) for version in versions.values() if not version.is_original
            ]
    return data


def _work(context, version) -> dict:
    return {
        "@type": "NewsArticle",
        "url": absolute_url(context, version.url),
        "inLanguage": version.language,
    }


@register.simple_tag(takes_context=True)
def event_ld(context, release: PressRelease) -> dict:
    """A media advisory's event as a schema.org Event, beside the article announcing it."""
    zone = release.event_zone
    url = absolute_url(context, release.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": release.title[:300],
        "url": url,
        # In the event's zone, with its offset: the local time attendees will see.
        "startDate": release.event_starts_at.astimezone(zone).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if release.event_is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {
            "@type": "Organization",
            "name": release.lead_source.name
            if release.lead_source_id
            else settings.NEWSROOM["PUBLISHER"],
            "url": absolute_url(context, "/"),
        },
    }
    if release.event_ends_at:
        data["endDate"] = release.event_ends_at.astimezone(zone).isoformat()
    if release.lead:
        data["description"] = release.lead
    if release.event_venue:
        data["location"] = {"@type": "Place", "name": release.event_venue}
    return data


def contact_point(context, contact: MediaContact) -> dict[str, Any]:
    """A media contact as a schema.org ContactPoint."""
    point: dict[str, Any] = {
        "@type": "ContactPoint",
        "contactType": "media relations",
        "name": contact.name,
        "url": absolute_url(context, contact.get_vcard_url()),
    }
    if contact.role:
        point["description"] = contact.role
    if contact.phone:
        point["telephone"] = contact.phone_uri.removeprefix("tel:")
    if contact.email:
        point["email"] = contact.email
    if contact.language_codes:
        point["availableLanguage"] = contact.language_codes
    return point


@register.simple_tag(takes_context=True)
def media_contacts_ld(context, groups: list[tuple[Structure, list[MediaContact]]]) -> dict:
    """The organisation and each structure with its media contacts."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.NEWSROOM["PUBLISHER"],
        "url": absolute_url(context, "/"),
        "subOrganization": [
            {
                "@type": "Organization",
                "name": structure.name,
                "url": absolute_url(context, structure.get_absolute_url()),
                "contactPoint": [contact_point(context, contact) for contact in contacts],
            }
            for structure, contacts in groups
        ],
    }


# Languages: the switcher, hreflang alternates, OpenGraph locales.

OG_LOCALES = {
    "en-gb": "en_GB",
    "ru": "ru_RU",
    "fr": "fr_FR",
    "de": "de_DE",
    "it": "it_IT",
    "es": "es_ES",
}


@register.filter
def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, translation.to_locale(language or settings.LANGUAGE_CODE))


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict[str, Any]]:
    """The page in each of the site's languages, for the switcher and ``hreflang``.

    A view that knows better gives ``language_alternates`` ({code: path}, the release page:
    only the versions that exist, the others leading to the listing in that language with a
    notice); every other page exists in every language at the same address under its prefix.
    Each entry: code, name in its own language, path, whether it is this page's language
    and whether the page really exists there (only those are ``hreflang`` alternates).
    """
    request = context.get("request")
    current = translation.get_language()
    given = context.get("language_alternates")
    # The switcher and the hreflang links both ask, in one render: work it out once.
    asked = (current, tuple(given.items()) if given is not None else None)
    known = getattr(request, "_language_versions", None)
    if known is not None and known[0] == asked:
        return known[1]
    query = request.GET.urlencode() if request is not None else ""
    versions = []
    for code, _name in settings.LANGUAGES:
        if given is not None:
            exists = code in given
            path = given.get(code) or _listing_without_version(code)
        else:
            exists = True
            path = translate_url(request.path, code) if request is not None else "/"
            if query:
                path = f"{path}?{query}"
        versions.append(
            {
                "code": code,
                "name": native_name(code),
                "path": path,
                "current": code == current,
                "exists": exists,
            }
        )
    if request is not None:
        request._language_versions = (asked, versions)
    return versions


@functools.cache
def _listing_without_version(code: str) -> str:
    # The same address for the whole process: the URLconf does not change under it.
    with translation.override(code):
        return reverse("press:list") + "?untranslated=1"


@register.filter
def with_video_players(body: str) -> SafeString:
    """The stored (sanitised) body, its lone YouTube and Vimeo links as click-to-load
    videos (website/videos.py)."""
    # Translators: %(provider)s is YouTube or Vimeo.
    label = _("Play video (loads content from %(provider)s)")
    return mark_safe(videos.with_players(body, label))
