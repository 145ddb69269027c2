"""Checks an author can run before submitting: what an editor would otherwise send back.

Accessibility (image descriptions, heading order, link text that says where it leads) and
quality (a lead, a classification, sentences a reader can follow, links to this site that
lead somewhere public). Each finding names the field to fix; none of them stops a save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from press.models import LinkCheck, PressRelease, ReleaseTerms

# Longer than this, a sentence is hard to follow (plain-language guides put it at 25-30).
LONG_SENTENCE_WORDS = 40
TITLE_CHARACTERS = 100
LEAD_WORDS = 60
# Link text that does not say where the link leads, read out of context by screen readers.
VAGUE_LINK_TEXT = {
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "more info",
    "more information",
    "link",
    "this link",
    "this",
    "see here",
    "go",
    "details",
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")


@dataclass(frozen=True)
class Finding:
    field: str  # the form field to fix
    message: str


class _BodyReader(HTMLParser):
    """Headings, links and paragraphs' text of the body, in order."""

    BLOCKS = {"p", "li", "blockquote", "h2", "h3", "h4", "td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self.blocks: list[str] = []
        self._heading: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._block: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._end_block()
        if tag in {"h2", "h3", "h4"}:
            self._heading = []
        elif tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        elif tag == "br":
            self._block.append(" ")

    def handle_endtag(self, tag):
        if tag in {"h2", "h3", "h4"} and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((href, " ".join("".join(text).split())))
            self._link = None
        if tag in self.BLOCKS:
            self._end_block()

    def handle_data(self, data):
        self._block.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def _end_block(self):
        text = " ".join("".join(self._block).split())
        if text:
            self.blocks.append(text)
        self._block = []

    def close(self):
        super().close()
        self._end_block()


def read_body(html: str) -> _BodyReader:
    reader = _BodyReader()
    reader.feed(html or "")
    reader.close()
    return reader


def long_sentences(text: str) -> list[str]:
    return [
        sentence
        for sentence in SENTENCE_END.split(text)
        if len(sentence.split()) > LONG_SENTENCE_WORDS
    ]


def _excerpt(text: str, words: int = 8) -> str:
    head = text.split()
    return " ".join(head[:words]) + ("…" if len(head) > words else "")


def site_path(href: str) -> str | None:
    """The path of a link to this site, or None for a link elsewhere."""
    parts = urlsplit(href)
    if parts.scheme in {"mailto", "tel"}:
        return None
    own = urlsplit(settings.NEWSROOM["SITE_URL"]).netloc
    if parts.netloc and parts.netloc not in {own, *settings.ALLOWED_HOSTS}:
        return None
    return parts.path or None


def _leads_nowhere(path: str) -> bool:
    """A link to this site whose page a reader would not find."""
    try:
        match = resolve(path)
    except Resolver404:
        return True
    if match.view_name == "press:detail":
        slug = match.kwargs.get("slug", "")
        return not PressRelease.objects.published().filter(slug=slug).exists()
    return False


def check(release: PressRelease, terms: ReleaseTerms) -> list[Finding]:
    """What to look at before submitting ``release`` classified by ``terms``."""
    findings: list[Finding] = []
    if len(release.title) > TITLE_CHARACTERS:
        findings.append(
            Finding(
                "title",
                _("The headline has %(count)d characters; keep it under about %(limit)d.")
                % {"count": len(release.title), "limit": TITLE_CHARACTERS},
            )
        )
    lead = (release.lead or "").strip()
    if not lead:
        findings.append(Finding("lead", _("There is no lead: lists, feeds and search show it.")))
    elif len(lead.split()) > LEAD_WORDS:
        findings.append(
            Finding(
                "lead",
                _("The lead has %(count)d words; one or two sentences read best.")
                % {"count": len(lead.split())},
            )
        )
    if release.image and not (release.image_alt or "").strip():
        findings.append(Finding("image_alt", _("Describe the image for people who cannot see it.")))
    if release.lead_source_id is None:
        findings.append(Finding("lead_source", _("Choose the source that issues the release.")))
    if not (terms.countries or terms.fields_of_work or terms.structures):
        findings.append(
            Finding(
                "countries",
                _(
                    "No country, field of work or structure is chosen: readers filtering by "
                    "them will not find the release."
                ),
            )
        )

    body = read_body(release.body)
    if not body.blocks:
        findings.append(Finding("body", _("The text is empty.")))
    previous = 1  # the headline is the page's only first-level heading
    for level, text in body.headings:
        if level > previous + 1:
            findings.append(
                Finding(
                    "body",
                    _(
                        "The heading “%(text)s” skips a level (Heading %(level)d after Heading "
                        "%(previous)d): screen reader users move through the page by them."
                    )
                    % {"text": _excerpt(text), "level": level, "previous": previous},
                )
            )
        if not text:
            findings.append(Finding("body", _("A heading is empty.")))
        previous = level
    for href, text in body.links:
        if text.casefold().strip(" .:!…›»") in VAGUE_LINK_TEXT or not text:
            findings.append(
                Finding(
                    "body",
                    _("The link “%(text)s” does not say where it leads; name the page instead.")
                    % {"text": text or href},
                )
            )
        path = site_path(href)
        if path is not None and _leads_nowhere(path):
            findings.append(
                Finding(
                    "body",
                    _("The link to %(href)s leads to a page that does not exist or is not public.")
                    % {"href": href},
                )
            )
    for broken in LinkCheck.objects.broken(href for href, _text in body.links):
        findings.append(
            Finding(
                "body",
                _("The link to %(href)s %(problem)s when it was checked on %(when)s.")
                % {
                    "href": broken.url,
                    "problem": broken.what_readers_meet,
                    "when": date_format(timezone.localtime(broken.checked_at), "DATETIME_FORMAT"),
                },
            )
        )
    for text in [lead, *body.blocks]:
        for sentence in long_sentences(text):
            findings.append(
                Finding(
                    "body" if text is not lead else "lead",
                    ngettext(
                        "A sentence of %(count)d word is hard to follow: “%(start)s”",
                        "A sentence of %(count)d words is hard to follow: “%(start)s”",
                        len(sentence.split()),
                    )
                    % {"count": len(sentence.split()), "start": _excerpt(sentence)},
                )
            )
    return findings
