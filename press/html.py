"""The body's HTML: what the editor can make is exactly what the sanitiser lets through."""

import posixpath
import re
from html.parser import HTMLParser
from typing import Any

import nh3
from django.conf import settings
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

from core.cleaning import without_control_characters

# One list drives both the editor's toolbar and nh3's allowlist.
BODY_EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Images of the release itself, inserted with a description by the body's tools
    # (admin/js/press-body-tools.js); the editor has no button for an address of its own.
    "Image": True,
}


def is_own_media(address: str) -> bool:
    """Whether ``address`` is a file under the site's own media, as the body's image tool
    writes it (``/media/press/…``): never another site, never a way out of the folder."""
    media = settings.MEDIA_URL
    if not media.startswith("/") or not address.startswith(media) or address.startswith("//"):
        return False
    if any(char in address for char in "\\<>\"'?#%") or not address.isprintable():
        return False
    return posixpath.normpath(address).startswith(media) and ".." not in address.split("/")


def own_media_path(address: str) -> str | None:
    """The path of ``address`` when it is one of the site's own media files, written
    relative (``/media/…``) or with the site's public address (pasted from a page), else
    None."""
    site = settings.NEWSROOM["SITE_URL"].rstrip("/")
    if site and address.startswith(site + "/"):
        address = address[len(site) :]
    return address if is_own_media(address) else None


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img":
        if attribute == "src":
            return own_media_path(value.strip())
        if attribute == "alt":
            # A blank description is none; the image goes with it (below).
            return " ".join(value.split()) or None
    return value


def _cleaner() -> nh3.Cleaner:
    allowed = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
    # An image is its address and its description; sizes come from the page's style.
    allowed["attributes"]["img"] = {"src", "alt"}
    return nh3.Cleaner(**allowed, attribute_filter=_filter_attribute)


_cleaner_instance = _cleaner()
# nh3 writes "<" and ">" inside attribute values as entities: a tag ends at the first ">".
IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
EMPTY_ELEMENT = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


def _keep_described_own_images(match: re.Match) -> str:
    tag = match.group(0)
    return tag if ' src="' in tag and ' alt="' in tag else ""


def _clean_once(html: str) -> str:
    cleaned = IMAGE_TAG.sub(_keep_described_own_images, _cleaner_instance.clean(html))
    # ProseMirror sends an empty paragraph for an empty text: stored as nothing.
    return "" if EMPTY_ELEMENT.match(cleaned) else cleaned


TOP_HEADING = re.compile(r"<(/?)h1(?=[\s>/])", re.IGNORECASE)


def sanitize_body(html: str) -> str:
    """The body with only what the editor can make. Cleaned again until nothing changes:
    the parser repairs some malformed nesting (a heading opened inside a heading) in a way
    that a second parse rearranges once more, and stored text must be a fixed point.
    nh3 keeps control characters in text: they are removed first."""
    html = without_control_characters(html)
    # A top-level heading (Word's Title and Heading 1, an imported page's <h1>) stays a section
    # heading: the page's own title is the only <h1>.
    html = TOP_HEADING.sub(r"<\1h2", html)
    for _attempt in range(4):
        cleaned = _clean_once(html)
        if cleaned == html:
            break
        html = cleaned
    return html


class SanitizedHTMLField(ProseEditorField):
    """Rich text that is cleaned on every way into the database.

    The parent cleans only in forms. ``pre_save`` also covers ``save()`` and ``bulk_create()``
    (and keeps the instance equal to what is stored); ``get_db_prep_save`` covers the paths
    that skip ``pre_save``: fixtures (raw saves), ``QuerySet.update()`` and ``bulk_update()``.
    Cleaning is idempotent, so doing it twice costs time, not content.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_body)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = self.sanitize(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str) and value:
            value = self.sanitize(value)
        return super().get_db_prep_save(value, connection)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, "press.html.SanitizedHTMLField", args, kwargs


class _ImageFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            found = dict(attrs)
            self.images.append(((found.get("src") or "").strip(), (found.get("alt") or "")))

    handle_startendtag = handle_starttag


def undescribed_images(html: str) -> list[tuple[int, str]]:
    """(position among the images, path) of each of the site's own images in ``html`` that
    has no description: the sanitiser would drop them, the form names them instead, so
    that the author can describe them."""
    finder = _ImageFinder()
    finder.feed(html or "")
    finder.close()
    return [
        (number, path)
        for number, (src, alt) in enumerate(finder.images, start=1)
        if (path := own_media_path(src)) and not " ".join(alt.split())
    ]
