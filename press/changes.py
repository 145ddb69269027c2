"""Readable changes between two stored versions of a release, for the history's comparison.

People compare texts, not markup: the body is read as paragraphs of plain text (headings, list
items and quotations each a paragraph of their own), paragraphs are matched between the two
versions, and inside a changed paragraph the words removed and added are marked. Title, lead
and every other text field get the same word-level comparison; classifications are listed as
terms removed and added, by name.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from press.models import PressRelease

# Elements that begin a paragraph of their own when the body is read as text.
BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"}
    | {"td", "th", "dt", "dd", "div", "tr", "table", "ul", "ol"}
)
# Below this share of words in common, a "changed" paragraph reads better as one removed and
# one added: marking almost every word is noise.
SIMILAR_ENOUGH = 0.4
WORDS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass
class Paragraph:
    kind: str  # "same", "changed", "removed" or "added"
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


class _BlockText(HTMLParser):
    """Collects the text of an HTML fragment, one string per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []

    def _break(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._break()
        elif tag == "br":
            self._current.append(" ")
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            self._current.append(f"[{alt}]" if alt else "")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data):
        self._current.append(data)

    def close(self):
        super().close()
        self._break()


def paragraphs_of(html: str) -> list[str]:
    """The text of an HTML fragment as paragraphs, without markup."""
    parser = _BlockText()
    parser.feed(html or "")
    parser.close()
    return parser.paragraphs


def word_changes(old: str, new: str) -> list[Segment]:
    """``old`` to ``new`` as runs of words kept, removed and added."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("removed", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("added", "".join(after[j1:j2])))
    return [segment for segment in segments if segment.text]


def _similarity(old: str, new: str) -> float:
    """The share of words two paragraphs have in common, in order (spaces not counted)."""
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def text_changes(old_paragraphs: list[str], new_paragraphs: list[str]) -> list[Paragraph]:
    """Paragraphs matched between two versions; changed ones compared word by word."""
    result: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept = old_paragraphs[i1:i2]
            result.extend(Paragraph("same", [Segment("same", text)]) for text in kept)
            continue
        removed, added = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        # Pair the paragraphs of a replaced run in order: an edited paragraph stays one
        # paragraph with its words marked, when enough of it is still there.
        for index in range(max(len(removed), len(added))):
            old = removed[index] if index < len(removed) else None
            new = added[index] if index < len(added) else None
            if old is not None and new is not None and _similarity(old, new) >= SIMILAR_ENOUGH:
                result.append(Paragraph("changed", word_changes(old, new)))
                continue
            if old is not None:
                result.append(Paragraph("removed", [Segment("removed", old)]))
            if new is not None:
                result.append(Paragraph("added", [Segment("added", new)]))
    return result


@dataclass
class FieldChange:
    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)  # texts
    removed: list[str] = field(default_factory=list)  # classifications
    added: list[str] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return bool(self.paragraphs)


def version_changes(older: Version, newer: Version) -> list[FieldChange]:
    """Field-by-field differences between two stored versions of a release, for people."""
    changes: list[FieldChange] = []
    before, after = older.field_dict, newer.field_dict
    opts = PressRelease._meta
    for model_field in [*opts.concrete_fields, *opts.many_to_many]:
        attname = model_field.attname
        if attname not in after or model_field.name in ("version", "updated_at", "preview_key"):
            continue
        old, new = before.get(attname), after.get(attname)
        label = str(model_field.verbose_name)
        if model_field.many_to_many:
            if not isinstance(new, list | tuple):
                continue  # tags: compared below, from the revisions' link rows
            old_ids, new_ids = set(old or ()), set(new or ())
            if old_ids != new_ids:
                names = dict(
                    model_field.related_model.objects.filter(pk__in=old_ids | new_ids).values_list(
                        "pk", "name"
                    )
                )
                changes.append(
                    FieldChange(
                        label,
                        removed=sorted(names.get(pk, str(pk)) for pk in old_ids - new_ids),
                        added=sorted(names.get(pk, str(pk)) for pk in new_ids - old_ids),
                    )
                )
            continue
        if old == new:
            continue
        old_text, new_text = _as_text(model_field, old), _as_text(model_field, new)
        if model_field.name == "body":
            paragraphs = text_changes(paragraphs_of(old_text), paragraphs_of(new_text))
        else:
            paragraphs = text_changes(_one(old_text), _one(new_text))
        if any(paragraph.kind != "same" for paragraph in paragraphs):
            changes.append(FieldChange(label, paragraphs=paragraphs))
    old_tags, new_tags = _tags_of(older), _tags_of(newer)
    if old_tags != new_tags:
        changes.append(
            FieldChange(
                str(opts.get_field("tags").verbose_name),
                removed=sorted(old_tags - new_tags),
                added=sorted(new_tags - old_tags),
            )
        )
    return changes


def _one(text: str) -> list[str]:
    return [text] if text else []


def _as_text(model_field, value) -> str:
    if model_field.is_relation:
        term = model_field.related_model._default_manager.filter(pk=value).first()
        return str(term) if term is not None else ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value or ""))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value or "")


def _tags_of(version: Version) -> set[str]:
    """The names of the tags the release had in ``version``'s revision."""
    links = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(TaggedItem)
    )
    tag_ids = {
        link.field_dict["tag_id"]
        for link in links
        if str(link.field_dict.get("object_id")) == str(version.object_id)
    }
    return set(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))
