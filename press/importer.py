"""Imports pages scraped from the old website, in every shape its archive has.

A page is plain text, one paragraph a line. What the importer looks for, wherever it stands:

- an optional first line ``URL: https://www.osce.org/bih/12345`` (the page's address);
- navigation menus, a header ("Newsroom", a structure's name then "News") and a content-type
  label ("Press release", "News item", "Spot report"...), all optional;
- the title: the last title-like line before the text;
- metadata, with or without a leading dash: ``Date:``, ``Place:``, ``Source:``,
  ``Fields of work:``, their values on the same line or listed below;
- a bare date line ("23 October 2012") and photo captions ending in "(OSCE/Name)";
- the text, whose first paragraph may open with a dateline in any of the archive's forms
  ("BISHKEK, 18 March, 2010 -", "12 June 2025, Sarajevo –", "VIENNA- ...").

What the page does not say is inferred and the report says from what: the lead source from
the address, the header or the first sentence; the countries and fields of work from the
text. A page without a date or a source is imported as a draft flagged "needs review".
Analysing a page (``LegacyImporter.analyse``) writes nothing; ``LegacyImporter.save`` writes
one release in one transaction, keeping what an editor corrected since the last import.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import reversion
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from press.classifier import Classifier, normalise
from press.models import LINK_FIELDS, REFERENCE_PATTERN, PressRelease, ReleaseType, Status
from taxonomy.models import Country, FieldOfWork, FormerName, MeetingSeries, Structure


class LegacyPageError(Exception):
    """The page cannot be imported; the message says why, for the person running the import."""


MAX_FILE_BYTES = 5 * 1024 * 1024
IMPORT_COMMENT = "Imported from the old website."

# --- Dates -------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
} | {
    # Russian pages: "27 марта 2012 г." (the genitive of a date) and the nominative.
    name: number
    for number, names in enumerate(
        [
            ("января", "январь", "янв"),
            ("февраля", "февраль", "фев"),
            ("марта", "март", "мар"),
            ("апреля", "апрель", "апр"),
            ("мая", "май"),
            ("июня", "июнь", "июн"),
            ("июля", "июль", "июл"),
            ("августа", "август", "авг"),
            ("сентября", "сентябрь", "сен"),
            ("октября", "октябрь", "окт"),
            ("ноября", "ноябрь", "ноя"),
            ("декабря", "декабрь", "дек"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
# "2012 г." / "2012 года" after a Russian date.
YEAR_SUFFIX = r"(?:\s*г(?:ода\b|\.|\b))?"
WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# One date, the year optional (a dateline's year may come from the page's date).
DATE_TEXT = (
    rf"(?:(?P<d1>{DAY})\s+(?P<m1>{MONTH}),?(?:\s+(?P<y1>{YEAR}){YEAR_SUFFIX})?"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>{DAY})(?:,?\s+(?P<y2>{YEAR}){YEAR_SUFFIX})?"
    rf"|(?P<d3>\d{{1,2}})[./](?P<m3>\d{{1,2}})[./](?P<y3>{YEAR})"
    rf"|(?P<y4>{YEAR})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}}))"
)
DATE_ANYWHERE = re.compile(rf"\b{WEEKDAY}{DATE_TEXT}(?![\w])", re.IGNORECASE)
DATE_LINE = re.compile(
    rf"^{WEEKDAY}{DATE_TEXT}(?:\s*[,|–-]?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[A-Z]{{2,4}})?)?\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DayMonth:
    day: int
    month: int
    year: int | None

    def on(self, reference: datetime.date | None) -> datetime.date | None:
        """The date, its year from ``reference`` when the text gave none."""
        if self.year is not None:
            return _date(self.year, self.month, self.day)
        if reference is None:
            return None
        found = _date(reference.year, self.month, self.day)
        # "30 December" on a page dated 2 January: the year before.
        if found is not None and (found - reference).days > 183:
            found = _date(reference.year - 1, self.month, self.day)
        return found


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _day_month(match: re.Match) -> DayMonth | None:
    for n in "1234":
        day, month, year = match[f"d{n}"], match[f"m{n}"], match[f"y{n}"]
        if day is None and month is None:
            continue
        month_number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        parsed = DayMonth(
            int(re.sub(r"\D", "", day)), month_number, int(year) if year is not None else None
        )
        if parsed.on(datetime.date(2000, 1, 1)) is None and _date(2000, month_number, 1) is None:
            return None
        return parsed
    return None


def parse_date(value: str) -> datetime.date | None:
    """A complete date written alone ("23 October 2012", "Tuesday, 23 Oct 2012", 2012-10-23)."""
    match = DATE_LINE.match(" ".join(value.split()))
    parsed = _day_month(match) if match else None
    return parsed.on(None) if parsed else None


def find_date(text: str) -> datetime.date | None:
    """The first complete date anywhere in ``text`` (a photo caption)."""
    for match in DATE_ANYWHERE.finditer(text):
        parsed = _day_month(match)
        if parsed is not None and parsed.year is not None and parsed.on(None):
            return parsed.on(None)
    return None


# --- Datelines ---------------------------------------------------------------------------

# The dash after a dateline, in every form the archive has, "(OSCE)" sometimes before it.
SEPARATOR = r"\s*(?:\((?:OSCE|[A-Z][\w./ ]{0,20})\)\s*)?(?:-{1,2}|[–—]{1,2})\s*"
CITY = (
    r"(?P<city>[^\W\d_][^\W\d_’'./ ()-]{0,40}?"
    r"(?:[-’' /.]\s?[^\W\d_][^\W\d_’'./ ()]{0,30}?){0,3})"
)
DATELINE_FORMS = [
    # BISHKEK, 18 March, 2010 – / OSH, Kyrgyzstan, 14 March 2006- / VIENNA, 23 August –
    re.compile(
        rf"^{CITY}(?:\s*,\s*(?P<region>[^\W\d_][^,\d–—]{{1,40}}?))?\s*,\s*{DATE_TEXT}"
        rf"(?:{SEPARATOR}(?P<rest>.*)|\s*$)",
        re.IGNORECASE,
    ),
    # 12 June 2025, Sarajevo –
    re.compile(rf"^{DATE_TEXT}\s*,\s*{CITY}(?:{SEPARATOR}(?P<rest>.*)|\s*$)", re.IGNORECASE),
]
# 23 October 2012 – ... : a date and no city.
DATELINE_DATE_ONLY = re.compile(rf"^{DATE_TEXT}{SEPARATOR}(?P<rest>.+)$", re.IGNORECASE)
# VIENNA- ... / SKOPJE – ... : no date, the city in capitals.
DATELINE_NO_DATE = re.compile(
    r"^(?P<city>[^\W\d_][^\W\d_’'./ ]{1,40}?)\s*(?:\((?:OSCE|[A-Z][\w./ ]{0,20})\)\s*)?"
    r"(?:--|[–—]|-(?=\s))\s*(?P<rest>.+)$"
)
# A dateline whose date cannot be read ("DUSHANBE, 31 Smarch 2012 –").
DATELINE_UNREADABLE = re.compile(
    r"^(?P<city>[^\W\d_][^\W\d_’'./ ]{1,40}?)\s*,\s*(?P<date>[^–—]{1,30}?\d[^–—]{0,30}?)"
    r"\s*(?:--|[–—]|-(?=\s))\s*(?P<rest>.+)$"
)
LEAD_PUNCTUATION = " \t-–—:,"


@dataclass
class Dateline:
    city: str = ""
    region: str = ""
    date: DayMonth | None = None
    unreadable: str = ""  # the text of a date that could not be read


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline opening a paragraph, if any, and the paragraph without it."""
    for form in DATELINE_FORMS:
        match = form.match(paragraph)
        if match and _is_city(match["city"], capitals=False):
            region = (match.groupdict().get("region") or "").strip()
            rest = (match["rest"] or "").lstrip(LEAD_PUNCTUATION)
            return Dateline(match["city"].strip(), region, _day_month(match)), rest
    match = DATELINE_DATE_ONLY.match(paragraph)
    if match and (parsed := _day_month(match)) is not None and parsed.year is not None:
        return Dateline(date=parsed), match["rest"].lstrip(LEAD_PUNCTUATION)
    match = DATELINE_NO_DATE.match(paragraph)
    if match and _is_city(match["city"], capitals=True):
        return Dateline(match["city"].strip()), match["rest"].lstrip(LEAD_PUNCTUATION)
    match = DATELINE_UNREADABLE.match(paragraph)
    if match and _is_city(match["city"], capitals=True):
        dateline = Dateline(match["city"].strip(), unreadable=match["date"].strip())
        return dateline, match["rest"].lstrip(LEAD_PUNCTUATION)
    return None, paragraph


def _is_city(city: str, *, capitals: bool) -> bool:
    words = city.split()
    if not words or len(words) > 4 or not city[0].isupper():
        return False
    if capitals:
        # Without a date only capitals say it is a dateline ("VIENNA –", not "The Mission –").
        return city == city.upper() and sum(ch.isalpha() for ch in city) >= 3
    # With a date: each word capitalised ("Sarajevo", "BANJA LUKA", "Nur-Sultan").
    return all(w[0].isupper() or w.lower() in {"de", "la", "am", "an", "der"} for w in words)


# --- Page structure ----------------------------------------------------------------------

# Content-type labels as the old site writes them. Reports are news items until the
# newsroom has a type of its own for them.
TYPE_LABELS = {
    "press release": ReleaseType.PRESS_RELEASE,
    "press releases": ReleaseType.PRESS_RELEASE,
    "news": ReleaseType.NEWS_ITEM,
    "news item": ReleaseType.NEWS_ITEM,
    "news release": ReleaseType.PRESS_RELEASE,
    "press statement": ReleaseType.STATEMENT,
    "statement": ReleaseType.STATEMENT,
    "joint statement": ReleaseType.STATEMENT,
    "spot report": ReleaseType.NEWS_ITEM,
    "daily report": ReleaseType.NEWS_ITEM,
    "weekly report": ReleaseType.NEWS_ITEM,
    "status report": ReleaseType.NEWS_ITEM,
    "report": ReleaseType.NEWS_ITEM,
    "feature": ReleaseType.FEATURE,
    "feature story": ReleaseType.FEATURE,
    "story": ReleaseType.FEATURE,
    "interview": ReleaseType.FEATURE,
    "op-ed": ReleaseType.FEATURE,
    "speech": ReleaseType.SPEECH,
    "speeches": ReleaseType.SPEECH,
    "media advisory": ReleaseType.MEDIA_ADVISORY,
    "press advisory": ReleaseType.MEDIA_ADVISORY,
    # The Russian site's labels.
    "пресс-релиз": ReleaseType.PRESS_RELEASE,
    "пресс-релизы": ReleaseType.PRESS_RELEASE,
    "новости": ReleaseType.NEWS_ITEM,
    "новость": ReleaseType.NEWS_ITEM,
    "заявление": ReleaseType.STATEMENT,
    "заявление для прессы": ReleaseType.STATEMENT,
    "совместное заявление": ReleaseType.STATEMENT,
    "статья": ReleaseType.FEATURE,
    "интервью": ReleaseType.FEATURE,
    "выступление": ReleaseType.SPEECH,
    "анонс для сми": ReleaseType.MEDIA_ADVISORY,
    "медиа-анонс": ReleaseType.MEDIA_ADVISORY,
}
# Lines of the site's frame around the content: headers, skip links, menus' headings.
FRAME_LINES = {
    "skip links",
    "skip to main content",
    "newsroom",
    "resources",
    "news and press releases",
    "latest news",
    "home",
    "menu",
    "search",
    "print",
    "share",
    "related",
}
# Headings after the text: where it ends.
FOOTER_LINES = {
    "related stories",
    "related content",
    "related news",
    "related",
    "contacts",
    "contact",
    "contact details",
    "share",
    "share this",
    "tags",
    "follow us",
    "see also",
}
# Titles that give their type away when no label does.
TITLE_TYPES = [
    (re.compile(r"^(?:joint\s+)?(?:press\s+)?statement\b", re.I), ReleaseType.STATEMENT),
    (
        re.compile(r"^(?:(?:opening|closing|keynote)\s+)?(?:speech|address|remarks)\s+by\b", re.I),
        ReleaseType.SPEECH,
    ),
    (re.compile(r"^(?:media|press)\s+advisory\b", re.I), ReleaseType.MEDIA_ADVISORY),
]
FIELD_LINE = re.compile(
    r"^(?:-\s*)?(?P<label>date|place|location|source|sources|fields? of work|type|reference"
    r"|дата|место|источник|источники|направления? работы|тип|номер документа)"
    r"\s*:\s*"
    r"(?P<value>.*)$",
    re.IGNORECASE,
)
URL_LINE = re.compile(r"^(?:URL|Address|Source URL)\s*:\s*(?P<url>\S+)\s*$", re.IGNORECASE)
CAPTION_CREDIT = re.compile(r"\((?:[^()]{0,60}/[^()]{1,80}|photo[^()]{0,80})\)\s*$", re.I)
CAPTION_START = re.compile(r"^(?:photo|picture)\s*:", re.I)
SENTENCE_END = re.compile(r"""[.!?…]["”’')\]]*$""")


def _key(line: str) -> str:
    return " ".join(line.lower().strip(" :.").split())


def _is_caption(line: str) -> bool:
    return bool(CAPTION_CREDIT.search(line) or CAPTION_START.match(line))


def _is_date_line(line: str) -> bool:
    return bool(DATE_LINE.match(line))


def _is_paragraph(line: str) -> bool:
    return len(line.split()) >= 12 and bool(SENTENCE_END.search(line))


def _type_of(line: str) -> str | None:
    return TYPE_LABELS.get(_key(line))


def _is_title_like(line: str) -> bool:
    if not line or line.startswith("-") or FIELD_LINE.match(line) or URL_LINE.match(line):
        return False
    key = _key(line)
    if key in FRAME_LINES or key in FOOTER_LINES or key in TYPE_LABELS:
        return False
    if _is_date_line(line) or _is_caption(line):
        return False
    words = len(line.split())
    # A line ending in a full stop is a sentence of the text, not a headline.
    return 2 <= words <= 60 and not (line.endswith(".") and not line.endswith("..."))


@dataclass
class LegacyPage:
    """What a page says, before anything is looked up."""

    title: str
    type_label: str = ""
    url: str = ""
    header: str = ""  # a structure's name in the page's header ("OSCE Mission to Skopje")
    fields: dict[str, str] = field(default_factory=dict)  # Date, Place, Source, Fields of work
    field_items: dict[str, list[str]] = field(default_factory=dict)
    date_line: datetime.date | None = None
    captions: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def body_html(self) -> str:
        # quote=False keeps the quotation marks as the authors typed them.
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs[1:])

    @property
    def reference(self) -> str:
        """The organisation's reference the page gives ("Reference: SEC.PR/123/12"), if it
        is one; anything else in that field is left out."""
        value = self.fields.get("Reference", "").strip()
        return value if len(value) <= 60 and re.fullmatch(REFERENCE_PATTERN, value) else ""

    def values(self, label: str) -> list[str]:
        """A metadata field's values: the items listed below it, else its value split at
        commas and semicolons."""
        if self.field_items.get(label):
            return self.field_items[label]
        value = self.fields.get(label, "")
        return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]


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


# The Russian site's field labels, as the English ones.
RUSSIAN_FIELDS = {
    "дата": "date",
    "место": "place",
    "источник": "source",
    "источники": "source",
    "тип": "type",
    "номер документа": "reference",
}


def _field_label(label: str) -> str:
    label = label.lower()
    if label.startswith("направлени"):
        return "Fields of work"
    label = RUSSIAN_FIELDS.get(label, label)
    if label.startswith("field"):
        return "Fields of work"
    return {"location": "Place", "sources": "Source"}.get(label, label.capitalize())


def parse_page(text: str) -> LegacyPage:
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines()]
    url = ""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (match := URL_LINE.match(lines[first])):
        url, lines[first] = match["url"], ""
    title_at = _title_index(lines)
    if title_at is None:
        raise LegacyPageError(
            "is not a press release page (no title followed by text: expected a headline "
            "line, then paragraphs)"
        )
    page = LegacyPage(title=lines[title_at].strip(), url=url)
    _read_head(page, lines[:title_at])
    body_start = _read_metadata(page, lines, title_at + 1)
    paragraphs = _read_body(page, lines[body_start:])
    if not paragraphs:
        raise LegacyPageError("has no body text")
    page.dateline, paragraphs[0] = split_dateline(paragraphs[0])
    if not paragraphs[0]:
        paragraphs.pop(0)  # the dateline stood on a line of its own
    if not paragraphs:
        raise LegacyPageError("has no body text")
    page.paragraphs = paragraphs
    return page


def _first_text_index(lines: list[str]) -> int | None:
    """The first line of running text: a paragraph, or a dateline opening one."""
    for i, line in enumerate(lines):
        if not line or line.startswith("-") or FIELD_LINE.match(line) or _is_caption(line):
            continue
        if _is_paragraph(line) or (split_dateline(line)[0] is not None and len(line) > 40):
            return i
    return None


def _title_index(lines: list[str]) -> int | None:
    text_at = _first_text_index(lines)
    if text_at is None:
        return None
    # A content-type label followed by a headline marks the title outright.
    for i in range(text_at - 1, -1, -1):
        if _type_of(lines[i]):
            following = next((j for j in range(i + 1, text_at + 1) if lines[j]), None)
            if following is not None and _is_title_like(lines[following]):
                return following
    # Otherwise the last headline-like line before the text (skipping metadata, dates,
    # captions and the items of lists).
    fallback = None
    for i in range(text_at - 1, -1, -1):
        line = lines[i]
        if _is_title_like(line):
            return i
        if _type_of(line) or _key(line) in FRAME_LINES:
            break  # the frame of the page: the headline is below it
        if (
            line
            and not line.startswith("-")
            and not (FIELD_LINE.match(line) or _is_date_line(line) or _is_caption(line))
        ):
            fallback = i  # a headline ending in a full stop
    if fallback is not None:
        return fallback
    # A long headline read as text: the first line, with text after it.
    following = [j for j in range(text_at + 1, len(lines)) if lines[j]]
    if (
        all(not line for line in lines[:text_at])
        and len(lines[text_at].split()) <= 30
        and following
        and _is_paragraph(lines[following[0]])
    ):
        return text_at
    return None


def _read_head(page: LegacyPage, head: list[str]) -> None:
    """The label, the header's structure name and metadata given before the title."""
    i = 0
    while i < len(head):
        i = _read_field(page, head, i) if FIELD_LINE.match(head[i]) else i + 1
    near = [line for line in head if line][-4:]
    for i, line in enumerate(near):
        if _type_of(line):
            page.type_label = line
        elif (
            i + 1 < len(near)
            and _key(near[i + 1]) in {"news", "newsroom", "press releases"}
            and not line.startswith("-")
            and _key(line) not in FRAME_LINES
        ):
            page.header = line


def _read_metadata(page: LegacyPage, lines: list[str], i: int) -> int:
    """Fields, date lines and captions between the title and the text; returns where the
    text begins."""
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
        elif FIELD_LINE.match(line):
            i = _read_field(page, lines, i)
        elif _is_date_line(line):
            page.date_line = page.date_line or parse_date(line)
            i += 1
        elif _is_caption(line):
            page.captions.append(line)
            i += 1
        elif _type_of(line) and not page.type_label:
            page.type_label = line  # a label under the title
            i += 1
        else:
            break
    return i


def _read_field(page: LegacyPage, lines: list[str], i: int) -> int:
    """One metadata field at ``lines[i]``, its value on the line, in the dash items below or
    on the next line; returns the index after it."""
    match = FIELD_LINE.match(lines[i])
    label, value = _field_label(match["label"]), match["value"].strip()
    i += 1
    items = []
    while i < len(lines) and lines[i].startswith("-") and not FIELD_LINE.match(lines[i]):
        if item := lines[i].lstrip("-").strip():
            items.append(item)
        i += 1
    if not value and not items:
        # The value on the next line ("Date:", blank, "23 October 2012").
        j = i
        while j < len(lines) and not lines[j]:
            j += 1
        if (
            j < len(lines)
            and not FIELD_LINE.match(lines[j])
            and not _is_paragraph(lines[j])
            and len(lines[j].split()) <= 20
            and (label != "Date" or _is_date_line(lines[j]))
        ):
            value, i = lines[j], j + 1
    if value or items or label not in page.fields:
        page.fields[label] = value or ", ".join(items)
        page.field_items[label] = items
    return i


def _read_body(page: LegacyPage, lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    for line in lines:
        if not line:
            continue
        if _key(line) in FOOTER_LINES and paragraphs:
            break
        if _is_caption(line) and not _is_paragraph(line.rsplit("(", 1)[0] + "."):
            page.captions.append(line)
            continue
        if _is_caption(line) and line in page.captions:
            continue  # the caption repeated
        if not paragraphs and _is_date_line(line):
            page.date_line = page.date_line or parse_date(line)
            continue
        paragraphs.append(line)
    return paragraphs


# --- Reference data ----------------------------------------------------------------------

# Sections of the old site's addresses (osce.org/<section>/...) that are not a structure's
# slug, acronym or former slug.
URL_SECTIONS = {
    "bih": "mission-to-bosnia-and-herzegovina",
    "fom": "representative-on-freedom-of-the-media",
    "rfom": "representative-on-freedom-of-the-media",
    "cio": "chairpersonship",
    "chairmanship": "chairpersonship",
    "sg": "secretary-general",
    "eea": "office-of-the-co-ordinator-of-osce-economic-and-environmental-activities",
    "oceea": "office-of-the-co-ordinator-of-osce-economic-and-environmental-activities",
    "cthb": "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-"
    "in-human-beings",
    "secretariat/trafficking": "office-of-the-special-representative-and-co-ordinator-for-"
    "combating-trafficking-in-human-beings",
    "gender": "gender-issues-programme",
    "youth": "opportunities-for-youth",
    "pa": "parliamentary-assembly",
    "skopje": "mission-to-skopje",
    "kosovo": "mission-in-kosovo",
    "albania": "presence-in-albania",
    "ashgabat": "centre-in-ashgabat",
    "astana": "programme-office-in-astana",
    "almaty": "programme-office-in-astana",
    "bishkek": "programme-office-in-bishkek",
    "dushanbe": "programme-office-in-dushanbe",
    "tashkent": "project-co-ordinator-in-uzbekistan",
    "yerevan": "office-in-yerevan",
    "baku": "project-co-ordinator-in-baku",
    "minsk": "office-in-minsk",
    "zagreb": "office-in-zagreb",
    "ukraine-smm": "special-monitoring-mission-to-ukraine",
    "smm": "special-monitoring-mission-to-ukraine",
}
# Sections naming a meeting series: its releases come from the Chairpersonship.
URL_MEETINGS = {
    "pc": "plenary-meetings-of-the-permanent-council",
    "permanent-council": "plenary-meetings-of-the-permanent-council",
    "fsc": "plenary-meetings-of-the-forum-for-security-co-operation",
    "mc": "ministerial-council-meetings",
    "ministerial-council": "ministerial-council-meetings",
}
LANGUAGE_SECTIONS = {"en", "ru", "fr", "de", "it", "es", "sq", "sr", "mk", "uk", "ky", "tg", "hy"}
PA_HOSTS = {"oscepa.org", "www.oscepa.org"}
CHAIR_WORDS = re.compile(r"\bchair(?:man|person)?(?:ship)?(?:[- ]in[- ]office)?\b", re.I)


@dataclass(frozen=True)
class Source:
    structure: Structure | None
    meeting: MeetingSeries | None = None


class ReferenceData:
    """Structures, meeting series and fields by every name a page may use; read once."""

    def __init__(self, classifier: Classifier):
        self.classifier = classifier
        self.structures = {s.pk: s for s in Structure.objects.exclude(kind=Structure.Kind.GROUP)}
        self.meetings = {m.pk: m for m in MeetingSeries.objects.all()}
        self.fields = {f.pk: f for f in FieldOfWork.objects.all()}
        self.countries = {c.pk: c for c in Country.objects.all()}
        self.by_slug = {s.slug: s for s in self.structures.values()}
        self.meeting_by_slug = {m.slug: m for m in self.meetings.values()}
        self.chair = next(
            (s for s in self.structures.values() if s.kind == Structure.Kind.CHAIRPERSONSHIP),
            None,
        )
        self.names: dict[str, Structure] = {}
        self.former_slugs: dict[str, Structure] = {}
        for s in self.structures.values():
            for name in (s.name, s.acronym):
                if name:
                    self.names[normalise(name).strip()] = s
        structure_formers = FormerName.objects.filter(
            content_type__app_label="taxonomy", content_type__model="structure"
        )
        for former in structure_formers:
            if (s := self.structures.get(former.object_id)) is not None:
                self.names.setdefault(normalise(former.name).strip(), s)
                self.former_slugs[former.slug] = s
        self.meeting_names = {normalise(m.name).strip(): m for m in self.meetings.values()}

    def resolve(self, name: str) -> Source | None:
        """The body a Source line names, as the old site named it."""
        cleaned = re.sub(r"\((?:closed|former|until[^)]*)\)", "", name, flags=re.I)
        cleaned = re.sub(r"\b(?:19|20)\d{2}\b", "", cleaned)
        wanted = normalise(cleaned).strip()
        wanted = re.sub(r"^(?:the )?(?:osce )?", "", wanted)
        if not wanted:
            return None
        for candidate in (wanted, f"osce {wanted}"):
            if candidate in self.names:
                return Source(self.names[candidate])
            if candidate in self.meeting_names:
                return Source(self.chair, self.meeting_names[candidate])
        found = self.classifier.classify(cleaned)
        if (meeting := found.first("meeting")) is not None and found.first("structure") is None:
            return Source(self.chair, self.meetings[meeting])
        if (pk := found.first("structure")) is not None and pk in self.structures:
            return Source(self.structures[pk])
        if CHAIR_WORDS.search(cleaned):
            return Source(self.chair)
        return None

    def from_url(self, url: str, year: int | None) -> Source | None:
        """The body whose section of the old site the page's address lies in."""
        parts = urlsplit(url if "//" in url else f"//{url}")
        if parts.hostname in PA_HOSTS:
            return Source(self.by_slug.get("parliamentary-assembly"))
        segments = [s for s in parts.path.lower().split("/") if s]
        while segments and segments[0] in LANGUAGE_SECTIONS:
            segments.pop(0)
        for depth in (2, 1):
            section = "/".join(segments[:depth])
            if len(segments) < depth:
                continue
            if section in URL_MEETINGS and URL_MEETINGS[section] in self.meeting_by_slug:
                return Source(self.chair, self.meeting_by_slug[URL_MEETINGS[section]])
            structure = (
                self.by_slug.get(URL_SECTIONS.get(section, ""))
                or self.by_slug.get(section)
                or self.former_slugs.get(section)
                or self.names.get(section.replace("-", " "))
                or self._hosted_in(section, year)
            )
            if structure is not None:
                return Source(structure)
        return None

    def countries_in_url(self, url: str) -> set[int]:
        """Countries an address names (osce.org/odihr/elections/ukraine/...)."""
        if not url:
            return set()
        by_slug = {c.slug: c.pk for c in self.countries.values()}
        parts = urlsplit(url if "//" in url else f"//{url}")
        return {by_slug[s] for s in parts.path.lower().split("/")[2:] if s in by_slug}

    def _hosted_in(self, slug: str, year: int | None) -> Structure | None:
        """The field operation a country's section meant in that year."""
        country = next((c for c in self.countries.values() if c.slug == slug), None)
        if country is None:
            return None
        hosted = [
            s
            for s in self.structures.values()
            if s.host_country_id == country.pk and s.kind == Structure.Kind.FIELD_OPERATION
        ]
        if year is not None:
            hosted = [
                s for s in hosted if (s.opened_year or 0) <= year <= (s.closed_year or 9999)
            ] or hosted
        hosted.sort(key=lambda s: (s.closed_year is not None, s.position))
        return hosted[0] if len(hosted) == 1 or year is not None else None

    def field_ids(self, names: list[str]) -> set[int]:
        """Fields of work given outright, by name or wording."""
        ids = set()
        by_name = {normalise(f.name).strip(): f.pk for f in self.fields.values()}
        for name in names:
            wanted = normalise(name).strip()
            if wanted in by_name:
                ids.add(by_name[wanted])
            else:
                ids |= self.classifier.classify(name).fields_of_work
        return ids


# --- One page's outcome ------------------------------------------------------------------


@dataclass
class PageReport:
    """What the importer made of one file: stored fields, where each came from, how sure."""

    file: str
    key: str = ""
    action: str = ""  # created, updated, failed, or analysed (a dry run)
    status: str = ""
    needs_review: bool = False
    reasons: list[str] = field(default_factory=list)
    title: str = ""
    type: str = ""
    date: str = ""
    dateline_city: str = ""
    lead_source: str = ""
    supporting_sources: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    fields_of_work: list[str] = field(default_factory=list)
    structures: list[str] = field(default_factory=list)
    meeting_series: list[str] = field(default_factory=list)
    inferred_from: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # fields an editor corrected, left as they are
    language: str = ""
    translation_of: str = ""  # the slug of the original this page is a version of
    url: str = ""
    error: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    CSV_COLUMNS = (
        "file",
        "key",
        "action",
        "status",
        "needs_review",
        "reasons",
        "title",
        "type",
        "date",
        "dateline_city",
        "lead_source",
        "supporting_sources",
        "countries",
        "fields_of_work",
        "structures",
        "meeting_series",
        "inferred_from",
        "confidence",
        "kept",
        "url",
        "error",
    )

    def as_row(self) -> dict[str, str]:
        row = {}
        for column in self.CSV_COLUMNS:
            value = getattr(self, column)
            if isinstance(value, list):
                value = "; ".join(value)
            elif isinstance(value, dict):
                value = "; ".join(f"{k}: {v}" for k, v in value.items())
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            row[column] = value
        return row


@dataclass
class Analysis:
    """A page read and classified, ready to be written."""

    page: LegacyPage
    report: PageReport
    title: str
    type: str
    published_on: datetime.date | None
    dateline_city: str
    dateline_date: datetime.date | None
    lead_source: Structure | None
    supporting_sources: set[int]
    countries: set[int]
    fields_of_work: set[int]
    structures: set[int]
    meeting_series: set[int]

    @property
    def needs_review(self) -> bool:
        return bool(self.report.reasons)

    @property
    def links(self) -> dict[str, set[int]]:
        return {name: getattr(self, name) for name in LINK_FIELDS}


def legacy_key(path: Path, url: str) -> str:
    """The page's address when known, else its file name."""
    if url:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").removeprefix("www.")
        key = f"{host}{parts.path.rstrip('/')}"
        if key and len(key) <= 200:
            return key
    return f"legacy:{path.name}"[:200]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text, maxsplit=1)[0]


def detect_language(page: LegacyPage) -> str:
    """The page's language as far as its script tells: Cyrillic text is the Russian site's
    (the default language otherwise; ``--language`` says it for others)."""
    text = " ".join([page.title, *page.paragraphs[:3]])
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    return "ru" if letters and cyrillic / len(letters) > 0.5 else settings.LANGUAGE_CODE


def _without_language_prefix(key: str) -> str:
    """``osce.org/ru/secretariat/90123`` -> ``osce.org/secretariat/90123``."""
    host, _slash, path = key.partition("/")
    first, _slash, rest = path.partition("/")
    return f"{host}/{rest}" if first in dict(settings.LANGUAGES) and rest else key


class LegacyImporter:
    """Reads, classifies and writes legacy pages. Build once per run (a few queries)."""

    def __init__(self, classifier: Classifier | None = None, language: str | None = None):
        self.classifier = classifier or Classifier.from_database()
        self.reference = ReferenceData(self.classifier)
        # Given by --language: the language of every page of the run.
        self.language = language

    # Reading.

    def analyse(self, path: Path, url: str = "") -> Analysis:
        page = parse_page(read_text(path))
        page.url = url or page.url
        report = PageReport(file=str(path), url=page.url, key=legacy_key(path, page.url))
        report.language = self.language or detect_language(page)
        ref, inferred, confidence = self.reference, report.inferred_from, report.confidence

        # Type.
        release_type = _type_of(page.type_label) if page.type_label else None
        if release_type:
            inferred["type"], confidence["type"] = f"label {page.type_label!r}", "high"
        else:
            release_type = next((t for p, t in TITLE_TYPES if p.search(page.title)), None)
            if release_type:
                inferred["type"], confidence["type"] = "title", "medium"
            else:
                release_type = ReleaseType.PRESS_RELEASE if page.dateline else ReleaseType.NEWS_ITEM
                inferred["type"] = "dateline" if page.dateline else "no dateline"
                confidence["type"] = "low"

        # Dates: the Date field, the dateline, a date line, a photo caption.
        field_date = None
        if page.fields.get("Date"):
            field_date = parse_date(page.fields["Date"]) or find_date(page.fields["Date"])
            if field_date is None:
                report.reasons.append(f"Date it cannot read: {page.fields['Date']!r}")
        caption_date = next((d for c in page.captions if (d := find_date(c))), None)
        page_date = field_date or page.date_line or caption_date
        dateline = page.dateline or Dateline()
        dateline_date = dateline.date.on(page_date) if dateline.date else None
        if dateline.unreadable:
            report.reasons.append(f"dateline date it cannot read: {dateline.unreadable!r}")
        published_on = field_date or dateline_date or page.date_line or caption_date
        for source, value in (
            ("Date field", field_date),
            ("dateline", dateline_date),
            ("date line", page.date_line),
            ("photo caption", caption_date),
        ):
            if value is not None and value == published_on:
                inferred["date"] = source
                confidence["date"] = "medium" if source == "photo caption" else "high"
                break
        if published_on is None:
            report.reasons.append("no date")
            inferred["date"], confidence["date"] = "none", "none"

        # Dateline city: the dateline, else the Place field.
        city = dateline.city
        if city:
            inferred["dateline_city"] = "dateline"
        elif page.fields.get("Place"):
            city = page.fields["Place"].split(",")[0].strip()
            inferred["dateline_city"] = "Place field"

        # Sources.
        lead, supporting, meetings = None, set(), set()
        named = page.values("Source")
        if named:
            for name in named:
                found = ref.resolve(name)
                if found is None or found.structure is None:
                    report.reasons.append(f"source that is not a known structure: {name!r}")
                    continue
                if found.meeting is not None:
                    meetings.add(found.meeting.pk)
                if lead is None:
                    lead = found.structure
                elif found.structure.pk != lead.pk:
                    supporting.add(found.structure.pk)
            if lead is not None:
                inferred["lead_source"], confidence["lead_source"] = "Source field", "high"
        if lead is None:
            lead = self._infer_source(page, published_on, meetings, report)

        # Classification: the title and lead say what the release is about; the rest of
        # the text counts for a field of work when it names it twice.
        head_text = [page.title, page.lead]
        head = self.classifier.classify(*head_text, dateline.region)
        body = self.classifier.classify(*page.paragraphs[1:])
        countries = head.countries | self.classifier.named_outright(body, "country")
        # The title and lead count with the places and bodies they name (a field operation
        # stands for its host country), the rest of the text with the countries it names.
        if lead is not None and lead.host_country_id:
            countries.add(lead.host_country_id)
        countries |= ref.countries_in_url(page.url)
        given_fields = page.values("Fields of work")
        if given_fields:
            fields = ref.field_ids(given_fields)
            inferred["fields_of_work"], confidence["fields_of_work"] = "Fields of work", "high"
        else:
            repeated = {pk for pk in body.fields_of_work if body.mentions[("field", pk)] >= 2}
            fields = head.fields_of_work | repeated
            if lead is not None:
                fields |= self.classifier.fields_implied_by(lead.pk)
            inferred["fields_of_work"], confidence["fields_of_work"] = "text", "medium"
        inferred["countries"], confidence["countries"] = "text", "medium"
        structures = (head.structures | body.structures) - {lead.pk if lead else None}
        structures -= supporting
        structures &= set(ref.structures)
        meetings |= head.meeting_series | body.meeting_series

        if lead is None:
            report.reasons.append("no source")
        return Analysis(
            page=page,
            report=report,
            title=page.title[:300],
            type=release_type,
            published_on=published_on,
            dateline_city=city[:100],
            dateline_date=dateline_date,
            lead_source=lead,
            supporting_sources=supporting,
            countries=countries,
            fields_of_work=fields,
            structures=structures,
            meeting_series=meetings,
        )

    def _infer_source(self, page, published_on, meetings, report) -> Structure | None:
        """With no Source field: the address, the header, the first sentence, the title."""
        ref = self.reference
        candidates: list[tuple[str, Structure]] = []
        if page.url:
            found = ref.from_url(page.url, published_on.year if published_on else None)
            if found is not None and found.structure is not None:
                candidates.append((f"address {urlsplit(page.url).path or page.url}", found))
        if page.header and (found := ref.resolve(page.header)) and found.structure:
            candidates.append(("header", found))
        # The body a headline or a first sentence names first is the one it is about.
        for where, text in (
            ("title", page.title),
            ("first sentence", _first_sentence(page.lead)),
            ("lead", page.lead),
            ("text", " ".join(page.paragraphs[1:])),
        ):
            classified = self.classifier.classify(text)
            pk = classified.first("structure")
            if pk is not None and pk in ref.structures:
                candidates.append((where, Source(ref.structures[pk])))
        if not candidates:
            return None
        where, chosen = candidates[0]
        if chosen.meeting is not None:
            meetings.add(chosen.meeting.pk)
        agree = sum(1 for _, c in candidates if c.structure.pk == chosen.structure.pk)
        report.inferred_from["lead_source"] = where
        if where in {"lead", "text"} and agree == 1:
            report.confidence["lead_source"] = "low"
            report.reasons.append(f"source guessed from the {where}")
        else:
            report.confidence["lead_source"] = "high" if agree > 1 else "medium"
        return chosen.structure

    # Writing.

    def save(self, analysis: Analysis) -> tuple[PressRelease, bool]:
        """Create or update the release of one analysed page, all or nothing; returns it
        and whether it is new. What an editor changed since the last import is kept."""
        report = analysis.report
        published_at = (
            timezone.make_aware(datetime.datetime.combine(analysis.published_on, datetime.time()))
            if analysis.published_on
            else None
        )
        values = {
            "title": analysis.title,
            "type": analysis.type,
            "reference": analysis.page.reference,
            "lead": analysis.page.lead,
            "body": analysis.page.body_html,
            "dateline_city": analysis.dateline_city,
            "dateline_date": analysis.dateline_date,
            "published_at": published_at,
            "lead_source_id": analysis.lead_source.pk if analysis.lead_source else None,
            "needs_review": analysis.needs_review,
        }
        links = analysis.links
        file_key = f"legacy:{Path(report.file).name}"
        with transaction.atomic():
            release = (
                PressRelease.objects.filter(legacy_key=report.key).first()
                or PressRelease.objects.filter(legacy_key=file_key).first()
            )
            created = release is None
            if created:
                release = PressRelease(legacy_key=report.key, language=report.language)
                original = self._original_of(analysis, report.language)
                if original is not None:
                    release.translation_of = original
                    base = f"{original.slug}-{report.language}"
                else:
                    # A title in another script slugifies to nothing: say the language.
                    base = (
                        analysis.title if slugify(analysis.title) else f"release-{report.language}"
                    )
                release.slug = PressRelease.unique_slug(base)
                release.status = Status.DRAFT if analysis.needs_review else Status.PUBLISHED
            else:
                release.legacy_key = report.key
                report.kept = self._editor_changes(release)
            if release.translation_of is not None:
                # A version's source and classification are its original's: what the page
                # says of them (often a name in its own language) needs no review.
                report.reasons = [r for r in report.reasons if "source" not in r]
                values["lead_source_id"] = release.translation_of.lead_source_id
                values["needs_review"] = bool(report.reasons)
                if created:
                    release.status = Status.DRAFT if report.reasons else Status.PUBLISHED
            for name, value in values.items():
                if name not in report.kept:
                    setattr(release, name, value)
            if (
                not created
                and release.status == Status.DRAFT
                and not release.needs_review
                and "needs_review" not in report.kept
                and release.published_at
                and release.lead_source_id
            ):
                # A page flagged before, readable now and never touched since: publish it.
                release.status = Status.PUBLISHED
            release.save()
            if release.is_translation:
                # A version's classification is its original's.
                release.translation_of.share_classification(versions=[release])
                report.translation_of = release.translation_of.slug
            else:
                for name, ids in links.items():
                    if name not in report.kept:
                        getattr(release, name).set(ids)
                self._adopt_versions(release)
            if reversion.is_registered(PressRelease):
                # One version of what this import wrote, the links included: what the next
                # import compares with to find an editor's corrections.
                with reversion.create_revision():
                    reversion.set_comment(IMPORT_COMMENT)
                    reversion.add_to_revision(release)
        report.status = release.status
        return release, created

    @staticmethod
    def _original_of(analysis: Analysis, language: str) -> PressRelease | None:
        """The imported original a page in another language is a version of: the page at
        the same address without the language's prefix, else the one original of that day
        with the same dateline date and source that has no version in the language yet."""
        if language == settings.LANGUAGE_CODE:
            return None
        candidates = PressRelease.objects.filter(translation_of__isnull=True).exclude(
            language=language
        )
        key = analysis.report.key
        if (unprefixed := _without_language_prefix(key)) != key:
            found = candidates.filter(legacy_key=unprefixed).first()
            if found is not None:
                return found
        if analysis.dateline_date is None:
            return None
        same_day = candidates.filter(
            legacy_key__isnull=False, dateline_date=analysis.dateline_date
        ).exclude(translations__language=language)
        if analysis.lead_source is not None:
            same_day = same_day.filter(lead_source=analysis.lead_source)
        matches = list(same_day[:2])
        if len(matches) == 1:
            analysis.report.reasons.append(
                "linked to its original by the dateline's date and the source"
            )
            return matches[0]
        return None

    @staticmethod
    def _adopt_versions(original: PressRelease) -> None:
        """Pages in other languages imported before their original: linked to it now."""
        host, _slash, path = (original.legacy_key or "").partition("/")
        if not path:
            return
        keys = [f"{host}/{code}/{path}" for code, _name in settings.LANGUAGES]
        orphans = PressRelease.objects.filter(
            legacy_key__in=keys, translation_of__isnull=True
        ).exclude(language=original.language)
        for version in orphans:
            if not original.translations.filter(language=version.language).exists():
                version.translation_of = original
                version.save(update_fields=["translation_of"])
                original.share_classification(versions=[version])

    @staticmethod
    def _editor_changes(release: PressRelease) -> list[str]:
        """The fields that differ from what the last import wrote: an editor's corrections."""
        if not reversion.is_registered(PressRelease):
            return []
        version = (
            Version.objects.get_for_object(release)
            .filter(revision__comment=IMPORT_COMMENT)
            .order_by("-revision__date_created", "-pk")
            .first()
        )
        if version is None:
            return []
        imported = version.field_dict
        changed = []
        for name in (
            "title",
            "type",
            "reference",
            "lead",
            "body",
            "dateline_city",
            "dateline_date",
            "published_at",
            "lead_source_id",
            "needs_review",
        ):
            if name in imported and imported[name] != getattr(release, name):
                changed.append(name)
        for name in LINK_FIELDS:
            if name in imported:
                now = {str(pk) for pk in getattr(release, name).values_list("pk", flat=True)}
                if {str(pk) for pk in imported[name]} != now:
                    changed.append(name)
        return changed

    def describe(self, analysis: Analysis) -> PageReport:
        """Fill the report's stored fields with names, for people."""
        report, ref = analysis.report, self.reference
        report.title = analysis.title
        report.type = analysis.type
        report.date = analysis.published_on.isoformat() if analysis.published_on else ""
        report.dateline_city = analysis.dateline_city
        report.lead_source = analysis.lead_source.name if analysis.lead_source else ""
        report.needs_review = analysis.needs_review
        report.supporting_sources = _names(ref.structures, analysis.supporting_sources)
        report.countries = _names(ref.countries, analysis.countries)
        report.fields_of_work = _names(ref.fields, analysis.fields_of_work)
        report.structures = _names(ref.structures, analysis.structures)
        report.meeting_series = _names(ref.meetings, analysis.meeting_series)
        if not report.status:
            report.status = Status.DRAFT if analysis.needs_review else Status.PUBLISHED
        return report

    def import_file(self, path: Path, url: str = "", *, dry_run: bool = False) -> PageReport:
        """Read one file and (unless ``dry_run``) write its release. Raises LegacyPageError
        for a page it cannot read."""
        analysis = self.analyse(path, url)
        if dry_run:
            analysis.report.action = "analysed"
        else:
            _release, created = self.save(analysis)
            analysis.report.action = "created" if created else "updated"
        return self.describe(analysis)


def _names(terms: dict, ids: set[int]) -> list[str]:
    return sorted(terms[pk].name for pk in ids if pk in terms)


def import_file(path: Path, classifier: Classifier | None = None) -> tuple[PressRelease, bool]:
    """Create or update the release of one legacy page; returns it and whether it is new."""
    importer = LegacyImporter(classifier)
    return importer.save(importer.analyse(path))


# --- Measuring -----------------------------------------------------------------------------

# The fields measured against a set of pages whose right values are known.
FIELDS = ("title", "date", "dateline_city", "lead_source", "countries", "fields_of_work", "type")


@dataclass
class Evaluation:
    pages: int = 0
    imported: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.total[name] if self.total[name] else 1.0

    def overall(self) -> float:
        total = sum(self.total.values())
        return sum(self.right.values()) / total if total else 1.0


def _comparable(name: str, value):
    if name in {"countries", "fields_of_work"}:
        return frozenset(value or ())
    if name == "dateline_city":
        return (value or "").casefold()
    if name == "title":
        return " ".join((value or "").split())
    return value or ""


def evaluate(reports: list[PageReport], expected: dict[str, dict]) -> Evaluation:
    """Per-field accuracy of ``reports`` against ``expected`` (file name -> field values).
    A page that could not be imported counts wrong in every field."""
    by_name = {Path(r.file).name: r for r in reports}
    result = Evaluation()
    for name, wanted in sorted(expected.items()):
        report = by_name.get(name)
        result.pages += 1
        ok = report is not None and report.action != "failed"
        result.imported += ok
        for field_name in FIELDS:
            if field_name not in wanted:
                continue
            result.total[field_name] += 1
            want = _comparable(field_name, wanted[field_name])
            got = _comparable(field_name, getattr(report, field_name)) if ok else None
            if got == want:
                result.right[field_name] += 1
            else:
                shown = sorted(got) if isinstance(got, frozenset) else got
                expected_shown = sorted(want) if isinstance(want, frozenset) else want
                result.misses.append(f"{name} {field_name}: {shown!r}, expected {expected_shown!r}")
    return result
