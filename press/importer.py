"""Imports pages scraped from the old website.

A page is the site's navigation, then the content-type line (``Press release``), the title,
``- Date:`` and ``- Source:`` with their values, and the body, whose first paragraph opens
with the dateline ``CITY, D Month YYYY –``.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from press.classifier import Classifier, normalise
from press.models import PressRelease, ReleaseType, Status
from taxonomy.models import Structure


class LegacyPageError(Exception):
    """The page cannot be imported; the message says why, for the person running the import."""


DATELINE = re.compile(
    r"^(?P<city>[^\W\d_][^\W\d_ .’'/-]*(?:[ .’'/-]+[^\W\d_]+)*?),\s*"
    r"(?P<date>\d{1,2}\s+[^\W\d_]+\s+\d{4})\s*[–—-]\s*(?P<rest>.+)$"
)
FIELD_LINE = re.compile(r"^-\s*(?P<label>Date|Source):\s*(?P<value>.*)$")
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class LegacyPage:
    type: str
    title: str
    date: datetime.date | None
    source: str
    dateline_city: str
    dateline_date: datetime.date
    paragraphs: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.paragraphs[0]

    @property
    def body_html(self) -> str:
        # quote=False keeps the quotation marks as the authors typed them.
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs[1:])

    @property
    def published_on(self) -> datetime.date:
        return self.date or self.dateline_date


def parse_date(value: str) -> datetime.date | None:
    value = " ".join(value.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise LegacyPageError(f"cannot be read ({error.strerror})") from error
    if size == 0:
        raise LegacyPageError("is empty")
    if size > MAX_FILE_BYTES:
        raise LegacyPageError(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if b"\x00" in data:
        raise LegacyPageError("is a binary file, not a text page")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LegacyPageError("is not UTF-8 text") from error


def parse_page(text: str) -> LegacyPage:
    lines = [line.strip() for line in text.splitlines()]
    start = _content_start(lines)
    if start is None:
        raise LegacyPageError(
            "is not a press release page (no content type followed by a title and '- Date:')"
        )
    type_label, title = lines[start], lines[start + 1]
    values, body_start = _fields(lines, start + 2)
    paragraphs = [line for line in lines[body_start:] if line]
    if not paragraphs:
        raise LegacyPageError("has no body text")
    match = DATELINE.match(paragraphs[0])
    if match is None:
        raise LegacyPageError(
            f"has no dateline it can read (expected 'CITY, 27 March 2012 – ...', "
            f"found {paragraphs[0][:60]!r})"
        )
    dateline_date = parse_date(match["date"])
    if dateline_date is None:
        raise LegacyPageError(f"has a dateline date it cannot read: {match['date']!r}")
    date = None
    if values.get("Date"):
        date = parse_date(values["Date"])
        if date is None:
            raise LegacyPageError(f"has a Date it cannot read: {values['Date']!r}")
    if not values.get("Source"):
        raise LegacyPageError("names no Source")
    paragraphs[0] = match["rest"].strip()
    return LegacyPage(
        type=ReleaseType.from_label(type_label),
        title=title,
        date=date,
        source=values["Source"],
        dateline_city=match["city"].strip(),
        dateline_date=dateline_date,
        paragraphs=paragraphs,
    )


def _content_start(lines: list[str]) -> int | None:
    """The content-type line: a release type, then a title, then the Date field."""
    for i in range(len(lines) - 2):
        if (
            ReleaseType.from_label(lines[i])
            and lines[i + 1]
            and not lines[i + 1].startswith("-")
            and FIELD_LINE.match(lines[i + 2])
        ):
            return i
    return None


def _fields(lines: list[str], i: int) -> tuple[dict[str, str], int]:
    """``- Date:`` and ``- Source:`` with a value on the same line or the list item below."""
    values: dict[str, str] = {}
    while i < len(lines):
        match = FIELD_LINE.match(lines[i])
        if match is None:
            break
        label, value = match["label"], match["value"].strip()
        i += 1
        items = []
        while i < len(lines) and lines[i].startswith("-") and not FIELD_LINE.match(lines[i]):
            items.append(lines[i].lstrip("-").strip())
            i += 1
        values[label] = value or ", ".join(item for item in items if item)
    return values, i


def find_source(name: str) -> Structure:
    """The structure a Source line names, by name, acronym or former name."""
    wanted = normalise(re.sub(r"^\s*OSCE\s+", "", name, flags=re.IGNORECASE)).strip()
    for structure in Structure.objects.exclude(kind=Structure.Kind.GROUP).prefetch_related(
        "former_names"
    ):
        names = [structure.name, structure.acronym, *(f.name for f in structure.former_names.all())]
        if any(n and normalise(n).strip() == wanted for n in names):
            return structure
    raise LegacyPageError(f"names a source that is not a known structure: {name!r}")


def import_file(path: Path, classifier: Classifier) -> tuple[PressRelease, bool]:
    """Create or update the release of one legacy page; returns it and whether it is new."""
    page = parse_page(read_text(path))
    source = find_source(page.source)
    found = classifier.classify(page.title, page.lead, " ".join(page.paragraphs[1:]))
    published_at = timezone.make_aware(
        datetime.datetime.combine(page.published_on, datetime.time(0, 0))
    )
    key = f"legacy:{path.name}"
    with transaction.atomic():
        release = PressRelease.objects.filter(legacy_key=key).first()
        created = release is None
        if created:
            release = PressRelease(legacy_key=key, status=Status.PUBLISHED)
            release.slug = PressRelease.unique_slug(page.title)
        release.title = page.title
        release.type = page.type
        release.lead = page.lead
        release.body = page.body_html
        release.dateline_city = page.dateline_city
        release.dateline_date = page.dateline_date
        release.published_at = published_at
        release.lead_source = source
        release.save()
        release.countries.set(found.countries)
        release.fields_of_work.set(found.fields_of_work)
        release.structures.set(found.structures - {source.pk})
        release.meeting_series.set(found.meeting_series)
    return release, created
