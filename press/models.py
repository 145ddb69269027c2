"""Press releases and their editorial workflow."""

from __future__ import annotations

import datetime
import functools
import http.client
import json
import re
import secrets
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, URLValidator
from django.db import connection, models, transaction
from django.db.models import F, Max, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from sorl.thumbnail import get_thumbnail
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from core.cleaning import PlainCharField, PlainTextField, without_control_characters
from core.signals import release_changed
from press.fulltext import apply_search, highlighted
from press.html import SanitizedHTMLField
from press.renditions import IMAGE_FOLDER, IMAGE_SUFFIXES, delete_renditions
from taxonomy.catalogue import term_catalogue
from taxonomy.contacts import contact_directory
from taxonomy.kinds import KINDS, TermKind
from taxonomy.models import (
    Country,
    FieldOfWork,
    MediaContact,
    MeetingSeries,
    Structure,
    Term,
)


class InvalidTransition(Exception):
    """The release is not in a state from which that step can be taken."""


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Withdrawn releases stay readable (with the reason shown); they only stop being current.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN)
EDITABLE_STATUSES = (Status.DRAFT, Status.IN_REVIEW)


class ReleaseType(models.TextChoices):
    PRESS_RELEASE = "press-release", _("Press release")
    NEWS_ITEM = "news-item", _("News item")
    STATEMENT = "statement", _("Statement")
    SPEECH = "speech", _("Speech")
    FEATURE = "feature", _("Feature")
    MEDIA_ADVISORY = "media-advisory", _("Media advisory")

    @classmethod
    def from_label(cls, label: str) -> str | None:
        wanted = slugify(label)
        return wanted if wanted in cls.values else None


# The release's links to terms: one per kind of term, plus the sources supporting the lead.
LINK_FIELDS: tuple[str, ...] = (*(kind.release_field for kind in KINDS), "supporting_sources")
# What the versions of a release in other languages share with their original (edited
# there, once), and what each has of its own but starts from the original's.
GROUP_FIELDS = (
    "type",
    "lead_source",
    "reference",
    "event_starts_at",
    "event_ends_at",
    "event_timezone",
    "accreditation_deadline",
    "accreditation_url",
)
GROUP_LINKS = (*LINK_FIELDS, "media_contacts")
TRANSLATED_FIELDS = (
    "title",
    "lead",
    "body",
    "dateline_city",
    "dateline_date",
    "event_venue",
    "image",
    "image_focus_x",
    "image_focus_y",
    "image_alt",
    "image_caption",
    "image_credit",
    *GROUP_FIELDS,
)


@dataclass
class ReleaseTerms:
    """What a release is classified by, each list in the navigation's order."""

    by_kind: dict[str, list[Term]] = field(default_factory=dict)
    supporting_sources: list[Structure] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    # The media contacts chosen for the release (none: its lead source's are shown).
    media_contact_ids: list[int] = field(default_factory=list)

    def __getattr__(self, name: str) -> list[Term]:
        # ``terms.countries``: a kind's terms under the name of the release's link field.
        for kind in KINDS:
            if kind.release_field == name:
                return self.by_kind.get(kind.key, [])
        raise AttributeError(name)

    @classmethod
    def chosen(cls, cleaned: dict) -> ReleaseTerms:
        """The terms a release form's cleaned data chooses, as a saved release would show them
        (the live preview shows what is not saved yet)."""
        catalogue = term_catalogue()

        def ids(name: str) -> list[int]:
            return [term.pk for term in cleaned.get(name) or ()]

        names = sorted(set(cleaned.get("tags") or ()), key=str.casefold)
        return cls(
            by_kind={
                kind.key: catalogue.terms(kind.model, ids(kind.release_field)) for kind in KINDS
            },
            supporting_sources=catalogue.terms(Structure, ids("supporting_sources")),
            tags=[Tag(name=name, slug=slugify(name)) for name in names],
            media_contact_ids=ids("media_contacts"),
        )

    def groups(self) -> list[tuple[TermKind, list[Term]]]:
        """The kinds the release is classified by, each with its terms, in page order."""
        return [(kind, self.by_kind[kind.key]) for kind in KINDS if self.by_kind.get(kind.key)]

    def __bool__(self) -> bool:
        # Sources are who issued the release, not what it is about.
        return any(self.by_kind.values()) or bool(self.tags)


# The numbers of the chosen media contacts' and the tags' rows in _terms_sql.
CONTACTS_LINK, TAGS_LINK = len(LINK_FIELDS), len(LINK_FIELDS) + 1


@functools.cache
def _terms_sql(release: str = "%s") -> str:
    """One statement for every link of one release: (link number, term id, tag name, tag
    slug) rows, the link tables in the order of LINK_FIELDS, then the chosen media contacts,
    then the tags. ``release`` is the release's id: a parameter, or the outer query's id
    column when the statement is a subquery (``with_terms``); the tags' content type is
    always a parameter."""
    quote = connection.ops.quote_name
    parts = []
    for number, name in enumerate((*LINK_FIELDS, "media_contacts")):
        m2m = PressRelease._meta.get_field(name)
        parts.append(
            f"SELECT {number} AS link, {quote(m2m.m2m_reverse_name())} AS term, "
            "NULL AS tag_name, NULL AS tag_slug "
            f"FROM {quote(m2m.m2m_db_table())} WHERE {quote(m2m.m2m_column_name())} = {release}"
        )
    parts.append(
        f"SELECT {TAGS_LINK}, t.id, t.name, t.slug "
        f"FROM {quote(TaggedItem._meta.db_table)} i "
        f"JOIN {quote(Tag._meta.db_table)} t ON t.id = i.tag_id "
        f"WHERE i.object_id = {release} AND i.content_type_id = %s"
    )
    return " UNION ALL ".join(parts)


def _terms_subquery() -> RawSQL:
    """Every link of the outer query's release as one JSON array of ``_terms_sql`` rows."""
    quote = connection.ops.quote_name
    links = _terms_sql(f"{quote(PressRelease._meta.db_table)}.{quote('id')}")
    if connection.vendor == "postgresql":
        rows = "json_agg(json_build_array(link, term, tag_name, tag_slug))::text"
    else:
        rows = "json_group_array(json_array(link, term, tag_name, tag_slug))"
    content_type = ContentType.objects.get_for_model(PressRelease)
    return RawSQL(
        f"SELECT {rows} FROM ({links}) AS links",
        [content_type.pk],
        output_field=models.TextField(),
    )


def attach_lead_sources(releases: Iterable[PressRelease]) -> list[PressRelease]:
    """Give each release its lead source from the reference data's catalogue: what
    ``select_related("lead_source")`` does, without the join (public pages' hot path)."""
    sources = term_catalogue().by_id[Structure]
    releases = list(releases)
    for release in releases:
        source = sources.get(release.lead_source_id)
        if source is not None:
            release.lead_source = source
    return releases


class PressReleaseQuerySet(models.QuerySet):
    # Language versions.

    def missing_in(self, language: str) -> PressReleaseQuerySet:
        """Originals in another language with no version in ``language`` yet."""
        return (
            self.filter(translation_of__isnull=True)
            .exclude(language=language)
            .exclude(translations__language=language)
        )

    def outdated_translations(self) -> PressReleaseQuerySet:
        """Versions whose original's text changed after theirs last did."""
        return self.filter(
            translation_of__isnull=False,
            translation_of__text_changed_at__gt=F("text_changed_at"),
        )

    def published(self, now: datetime.datetime | None = None):
        """What the public may read: published or withdrawn, and already live (at ``now``,
        the present unless given).

        The one publication rule. Scheduled releases are published rows with a future
        datetime, so they go live at that moment with no job to run.
        """
        return self.filter(status__in=PUBLIC_STATUSES, published_at__lte=now or timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def listed(self):
        """What the listing, its counts, the feeds and the home page show: the public
        releases that have not passed their expiry (an expired release stays readable)."""
        now = timezone.now()
        return self.published().filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def under_embargo(self):
        """Scheduled releases shared with accredited journalists before they go live,
        soonest first. Nothing here is public: the publication rule above still hides them
        until their time, when they go live like any scheduled release."""
        return self.scheduled().filter(shared_under_embargo=True).order_by("published_at", "pk")

    def advisories(self):
        """Public media advisories with an event, the withdrawn ones included (calendars
        tell subscribers their events are cancelled)."""
        return self.published().filter(
            type=ReleaseType.MEDIA_ADVISORY, event_starts_at__isnull=False
        )

    def with_event_over_at(self):
        return self.annotate(event_over=Coalesce("event_ends_at", "event_starts_at"))

    def events_to_come(self):
        """Advisories whose event has not ended yet (under way included), soonest first,
        withdrawn ones included: what calendars are told, a cancellation included."""
        return (
            self.advisories()
            .with_event_over_at()
            .filter(event_over__gt=timezone.now())
            .order_by("event_starts_at", "pk")
        )

    def upcoming_events(self):
        """The events to come that pages list: withdrawn advisories are left out, nobody
        should plan to attend them."""
        return self.events_to_come().filter(status=Status.PUBLISHED)

    def past_events(self):
        """Advisories whose event has taken place, the latest first."""
        return (
            self.advisories()
            .filter(status=Status.PUBLISHED)
            .with_event_over_at()
            .filter(event_over__lte=timezone.now())
            .order_by("-event_starts_at", "-pk")
        )

    def next_event_over(self) -> datetime.datetime | None:
        """When the next public event has taken place: its pages say so from then on."""
        return (
            self.advisories()
            .with_event_over_at()
            .filter(event_over__gt=timezone.now())
            .order_by("event_over")
            .values_list("event_over", flat=True)
            .first()
        )

    def next_expiry(self) -> datetime.datetime | None:
        """When the next listed release leaves the listing, if any."""
        return (
            self.filter(status__in=PUBLIC_STATUSES, expires_at__gt=timezone.now())
            .order_by("expires_at")
            .values_list("expires_at", flat=True)
            .first()
        )

    def with_public_image(self):
        """Releases whose lead image the public may see: published and live. A withdrawn
        release stays readable, but its image is no longer shown (a withdrawal is often
        about the picture: rights, the wrong person)."""
        return self.published().filter(status=Status.PUBLISHED)

    def next_go_live(self) -> datetime.datetime | None:
        """When the next scheduled release goes live, if any."""
        return (
            self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_public_update(self):
        """Annotated with ``public_update``: the SQL of ``PressRelease.public_updated_at``
        (publication, latest major change or withdrawal, whichever is last)."""
        published = F("published_at")
        return self.annotate(
            public_update=Greatest(
                published,
                Coalesce("major_change_at", published),
                Coalesce("withdrawn_at", published),
            )
        )

    def latest_public_update(self) -> datetime.datetime | None:
        """The newest ``public_updated_at`` among these releases, in one aggregate."""
        return self.with_public_update().order_by().aggregate(latest=Max("public_update"))["latest"]

    def search(self, query: str, languages: list[str] | None = None):
        """Releases matching a free-text query, annotated with ``search_rank``.

        Web-search syntax: ``"quoted phrase"``, ``or``, ``-excluded``. On PostgreSQL also
        ``search_snippet``: the lead with the matches in ``<mark>``. The words are stemmed
        as ``languages`` stem them (every site language's way when None).
        """
        return apply_search(self, query, languages)

    def with_terms(self):
        """Each release read with everything it is classified by, in the same statement:
        ``release.terms`` then asks nothing more (the release page: one query fewer)."""
        return self.annotate(term_links=_terms_subquery())

    def involving(self, user):
        """The releases ``user`` wrote or was asked to write with, whatever their state."""
        shared = PressRelease.shared_with.through.objects.filter(user_id=user.pk)
        return self.filter(Q(created_by_id=user.pk) | Q(pk__in=shared.values("pressrelease_id")))

    def titled(self, text: str):
        """Releases whose title holds every word of ``text``, in any order and case: what an
        editor types to find a release to link to. Live ones first, the newest of them first,
        then the others, the latest written first."""
        words = without_control_characters(text).split()[:10]
        if not words:
            return self.none()
        matching = self
        for word in words:
            matching = matching.filter(title__icontains=word[:100])
        return matching.order_by(
            F("published_at").desc(nulls_last=True), "-updated_at", "-pk"
        ).defer("body")


def lead_image_path(instance: PressRelease, filename: str) -> str:
    # Generated names: nothing of the uploader's file name reaches the file system.
    suffix = PurePath(filename).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        suffix = ""
    return f"{IMAGE_FOLDER}{uuid.uuid4().hex}{suffix}"


# An OSCE document reference: "PC.DEC/1162", "SEC.PR/123/12", "CIO.GAL/45/25 Rev.1".
REFERENCE_PATTERN = r"[A-Za-z0-9]+(?:[./ -]+[A-Za-z0-9]+)*"


def validate_reference(value: str) -> None:
    if not re.fullmatch(REFERENCE_PATTERN, value):
        raise ValidationError(
            _(
                "A reference is letters and digits, parts separated by full stops, slashes, "
                "hyphens or spaces, e.g. PC.DEC/1162 or SEC.PR/123/12."
            ),
            code="invalid_reference",
        )


@functools.cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone; choose one such as Europe/Vienna."),
            code="invalid_time_zone",
            params={"value": value},
        )


# The fields of a media advisory's event: empty on every other type of release.
EVENT_FIELDS = (
    "event_starts_at",
    "event_ends_at",
    "event_timezone",
    "event_venue",
    "accreditation_deadline",
    "accreditation_url",
)


SLUG_LEADS_ELSEWHERE = _(
    "This address is taken: it is an old address of another release, and links to it lead "
    "readers there. Choose another slug."
)


class PressRelease(models.Model):
    title = PlainCharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        help_text=_("The last part of the address. Changing it keeps the old address working."),
    )
    type = models.CharField(
        _("type"), max_length=32, choices=ReleaseType, default=ReleaseType.PRESS_RELEASE
    )
    lead = PlainTextField(
        _("lead"),
        blank=True,
        help_text=_("One or two plain sentences: shown in lists, feeds and search results."),
    )
    body = SanitizedHTMLField(_("body"), blank=True)
    dateline_city = PlainCharField(
        _("dateline city"), max_length=100, blank=True, help_text=_("e.g. VIENNA")
    )
    dateline_date = models.DateField(_("dateline date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publication date and time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the release: it goes live by itself then."),
    )
    expires_at = models.DateTimeField(
        _("leaves the listing on"),
        null=True,
        blank=True,
        help_text=_("After this time the release is no longer listed; its page stays readable."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DRAFT, editable=False
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawal_reason = PlainTextField(_("reason for withdrawal"), blank=True, editable=False)

    lead_source = models.ForeignKey(
        Structure,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases_issued",
        help_text=_("The body issuing the release."),
    )
    supporting_sources = models.ManyToManyField(
        Structure,
        verbose_name=_("supporting sources"),
        blank=True,
        related_name="releases_supported",
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="releases"
    )
    fields_of_work = models.ManyToManyField(
        FieldOfWork, verbose_name=_("fields of work"), blank=True, related_name="releases"
    )
    structures = models.ManyToManyField(
        Structure,
        verbose_name=_("structures concerned"),
        blank=True,
        related_name="releases_about",
    )
    meeting_series = models.ManyToManyField(
        MeetingSeries, verbose_name=_("meeting series"), blank=True, related_name="releases"
    )
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Free keywords, comma-separated."))
    media_contacts = models.ManyToManyField(
        MediaContact,
        verbose_name=_("media contacts"),
        blank=True,
        related_name="releases",
        help_text=_("Whom journalists should call. Left empty: the source's media contacts."),
    )
    reference = PlainCharField(
        _("reference number"),
        max_length=60,
        blank=True,
        db_index=True,
        validators=[validate_reference],
        help_text=_("The organisation's document reference, if any, e.g. PC.DEC/1162."),
    )

    # Language versions: each is its own release (text, address, workflow, schedule and
    # withdrawal of its own) in a group around one original, whose classification the
    # versions share (GROUP_FIELDS, copied by share_classification()).
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        db_index=True,
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
        editable=False,
        help_text=_("The original this release is a language version of."),
    )
    # When the headline, lead or text last changed (not a workflow step): a translation
    # older than its original's is outdated.
    text_changed_at = models.DateTimeField(
        _("text last changed"), default=timezone.now, editable=False
    )

    # A media advisory announces an event to the press. Times are stored in UTC; the zone is
    # where the event happens, and the page, the form and the calendar speak in it.
    event_starts_at = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_ends_at = models.DateTimeField(_("event ends"), null=True, blank=True)
    event_timezone = models.CharField(
        _("event time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Europe/Vienna; its times are read in it."),
    )
    event_venue = PlainCharField(
        _("venue"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Hofburg, Heldenplatz 1, Vienna"),
    )
    accreditation_deadline = models.DateTimeField(
        _("accreditation deadline"), null=True, blank=True
    )
    accreditation_url = models.URLField(
        _("accreditation link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https"])],
        help_text=_("Where journalists apply for accreditation (https only)."),
    )

    image = models.ImageField(
        _("lead image"),
        upload_to=lead_image_path,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The point every cropped rendition keeps in view (a face, a sign), in per cent of the
    # image's width and height from its top left corner; the middle unless set.
    image_focus_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    image_focus_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    image_alt = PlainCharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_caption = PlainCharField(_("caption"), max_length=500, blank=True)
    image_credit = PlainCharField(_("credit"), max_length=200, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Authors who write this release together with its author: they may edit and submit it
    # while it is a draft. Changed by the author and editors only (see can_share).
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared with"),
        blank=True,
        related_name="+",
        help_text=_("Authors who may edit and submit this draft too."),
    )
    # Set only by ``embargo()``: the release is scheduled (published_at is the embargo's
    # end) and accredited journalists may read it in the press room until then.
    shared_under_embargo = models.BooleanField(
        _("shared with accredited journalists under embargo"), default=False, editable=False
    )
    # When the public was last told of a change (the newest major ChangeNote), kept on the
    # row so pages, feeds and the sitemap date a release without reading its notes; set by
    # ``record_change()`` (and the demo data). Minor changes leave it alone, as they leave
    # readers alone. A revert never takes it back (see press/admin.py's WORKFLOW_FIELDS).
    major_change_at = models.DateTimeField(
        _("last major change"), null=True, blank=True, editable=False
    )
    legacy_key = models.CharField(
        _("legacy key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Identifies the page of the old site this release was imported from."),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_(
            "Set by the importer on a page it could not read with confidence (no date, no "
            "source, a guessed classification): check it, then clear the flag."
        ),
    )
    # Incremented on every save: an edit form carries the version it started from, so a
    # second editor's stale save is refused instead of silently overwriting the first.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Part of every signed preview link: replacing it revokes all links shared so far.
    preview_key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_pressrelease", _("Can publish, schedule and withdraw releases"))]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["published", "withdrawn"]),
                name="press_public_newest",
            ),
            models.Index(fields=["status", "-published_at"], name="press_status_date"),
            # The editors' list: every release, newest first (drafts, undated, on top).
            models.Index(fields=["-published_at", "-id"], name="press_newest"),
            # Every new content generation asks when the next release expires and the next
            # event is over, and a patch of the facet index which expired meanwhile: without
            # these, each question reads the whole table (half a second at a million).
            models.Index(
                fields=["expires_at"], condition=Q(expires_at__isnull=False), name="press_expiry"
            ),
            models.Index(
                Coalesce("event_ends_at", "event_starts_at"),
                condition=Q(event_starts_at__isnull=False),
                name="press_event_over",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in-review", "published", "withdrawn"]),
                name="press_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(type__in=ReleaseType.values), name="press_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in-review"]) | Q(published_at__isnull=False),
                name="press_public_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in-review"]) | Q(lead_source__isnull=False),
                name="press_public_has_source",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(withdrawn_at__isnull=False),
                name="press_withdrawn_has_date",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="press_title_not_empty"),
            # A media advisory's event, as clean() explains it to the form.
            models.CheckConstraint(
                condition=Q(type=ReleaseType.MEDIA_ADVISORY)
                | Q(
                    event_starts_at__isnull=True,
                    event_ends_at__isnull=True,
                    accreditation_deadline__isnull=True,
                    event_venue="",
                    accreditation_url="",
                ),
                name="press_event_only_on_advisories",
                violation_error_message=_("Only a media advisory announces an event."),
            ),
            models.CheckConstraint(
                condition=Q(event_starts_at__isnull=True) | ~Q(event_timezone=""),
                name="press_event_has_time_zone",
                violation_error_message=_("An event's times need its time zone."),
            ),
            models.CheckConstraint(
                condition=Q(event_ends_at__isnull=True)
                | Q(event_starts_at__isnull=False, event_ends_at__gt=F("event_starts_at")),
                name="press_event_ends_after_start",
                violation_error_message=_("An event ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(accreditation_deadline__isnull=True)
                | Q(
                    event_starts_at__isnull=False,
                    accreditation_deadline__lt=F("event_starts_at"),
                ),
                name="press_accreditation_before_event",
                violation_error_message=_("Accreditation closes before the event starts."),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="press_slug_not_empty"),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=Q(translation_of__isnull=False),
                name="press_one_version_per_language",
                violation_error_message=_("The release has a version in this language already."),
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")), name="press_not_its_own_translation"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Save, keeping the release's addresses straight: a slug from the title when none
        is given, an address of another release refused, the old address of a public
        release kept as a redirect; and a new version number, against stale edits."""
        if not self.slug:
            self.slug = self.unique_slug(self.title)
        moved_from = getattr(self, "_stored_slug", None)
        if moved_from != self.slug and self.slug_leads_elsewhere():
            # Every save path (a form checks first, see validate_unique): taking the address
            # would break the links that lead readers to the other release.
            raise ValidationError({"slug": SLUG_LEADS_ELSEWHERE})
        text = (self.title, self.lead, self.body)
        if self.pk and getattr(self, "_stored_text", text) != text:
            self.text_changed_at = timezone.now()
        with transaction.atomic():
            if self.pk:
                self.version += 1
            super().save(*args, **kwargs)
            if moved_from != self.slug:
                ReleaseSlugRedirect.objects.record_move(self, moved_from)
            replaced = getattr(self, "_stored_image", "")
            current = self.__dict__.get("image", replaced)  # a deferred image is unchanged
            current = getattr(current, "name", current) or ""
            if replaced and replaced != current:
                # The old file stays while a version needs it (manage.py clean_media); its
                # renditions go now, and are made again should a revert bring it back.
                transaction.on_commit(functools.partial(delete_renditions, replaced))
        self._stored_slug = self.slug
        self._stored_image = current
        self._stored_text = text

    # What a card shows (title, type, date, withdrawn badge, source, lead) and a lead story's
    # cropped picture needs: a list of cards reads only these columns.
    CARD_FIELDS = (
        "id", "title", "slug", "language", "type", "status", "published_at", "lead",
        "lead_source_id", "image", "image_width", "image_height", "image_focus_x",
        "image_focus_y", "image_alt",
    )  # fmt: skip

    def get_absolute_url(self) -> str:
        # Under its own language's prefix: /ru/press/… for a Russian version. A page asks
        # several times (canonical, alternates, structured data): reversed once per address.
        key = (self.language, self.slug)
        known = self.__dict__.get("_absolute_url")
        if known is None or known[0] != key:
            with translation.override(self.language):
                known = (key, reverse("press:detail", kwargs={"slug": self.slug}))
            self._absolute_url = known
        return known[1]

    def get_type_display(self) -> str:
        # Django's generated method builds a dict of every choice on each call; every card
        # shows the type (twenty a listing page), so the label is looked up directly.
        try:
            return str(ReleaseType(self.type).label)
        except ValueError:  # a type no longer offered: shown as stored, as Django does
            return self.type

    # Language versions.

    @property
    def is_translation(self) -> bool:
        return self.translation_of_id is not None

    @property
    def original(self) -> PressRelease:
        return self.translation_of if self.is_translation else self

    def versions(self) -> PressReleaseQuerySet:
        """Every version of this release's group, the original first."""
        root = self.translation_of_id or self.pk
        return PressRelease.objects.filter(Q(pk=root) | Q(translation_of_id=root)).order_by(
            F("translation_of").asc(nulls_first=True), "language"
        )

    @property
    def is_outdated(self) -> bool:
        """A translation whose original's text changed after its own last did."""
        return self.is_translation and self.translation_of.text_changed_at > self.text_changed_at

    def missing_languages(self, versions: Iterable[PressRelease] | None = None) -> list[str]:
        """The codes of the languages the group has no version in yet."""
        have = {version.language for version in (versions or self.versions())}
        return [code for code, _name in settings.LANGUAGES if code not in have]

    def add_translation(self, language: str, *, by) -> PressRelease:
        """A draft version in ``language``, its text the original's to be translated, its
        classification the group's. Until its text is edited it counts as outdated."""
        original = self.original
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(_("Not one of the site's languages."))
        if language not in original.missing_languages():
            raise ValidationError(_("The release has a version in this language already."))
        version = PressRelease(
            translation_of=original,
            language=language,
            slug=PressRelease.unique_slug(f"{original.slug}-{language}"),
            created_by=by,
            text_changed_at=original.text_changed_at - datetime.timedelta(microseconds=1),
            **{name: getattr(original, name) for name in TRANSLATED_FIELDS},
        )
        with transaction.atomic():
            version.save()
            original.share_classification(versions=[version])
        return version

    def share_classification(self, versions: Iterable[PressRelease] | None = None) -> None:
        """Give the group's versions the original's classification: it is edited once, on
        the original (a translation's form shows it read-only)."""
        if self.is_translation:
            return self.translation_of.share_classification()
        versions = list(self.translations.all() if versions is None else versions)
        if not versions:
            return None
        shared = {name: getattr(self, name) for name in GROUP_FIELDS}
        if shared["lead_source"] is None:
            shared.pop("lead_source")  # a public version keeps a source
        PressRelease.objects.filter(pk__in=[v.pk for v in versions]).update(**shared)
        links = {name: list(getattr(self, name).all()) for name in GROUP_LINKS}
        tags = list(self.tags.all())
        for version in versions:
            for name, terms in links.items():
                getattr(version, name).set(terms)
            version.tags.set(tags)
            version.__dict__.pop("terms", None)
        return None

    @cached_property
    def terms(self) -> ReleaseTerms:
        """Everything this release is classified by, read in one query: the link ids from
        the link tables, the terms themselves from the reference data's catalogue.

        Read once per instance: for showing a release, not while editing its links.
        """
        ids: list[set[int]] = [set() for _link in range(TAGS_LINK)]
        tags = []
        for number, term_id, tag_name, tag_slug in self._term_rows():
            if number < TAGS_LINK:
                ids[number].add(term_id)
            else:
                tags.append(Tag(pk=term_id, name=tag_name, slug=tag_slug))
        catalogue = term_catalogue()
        return ReleaseTerms(
            by_kind={
                kind.key: catalogue.terms(kind.model, ids[number])
                for number, kind in enumerate(KINDS)
            },
            supporting_sources=catalogue.terms(Structure, ids[len(KINDS)]),
            tags=sorted(tags, key=lambda tag: tag.name.casefold()),
            media_contact_ids=sorted(ids[CONTACTS_LINK]),
        )

    def _term_rows(self) -> list[tuple[int, int, str | None, str | None]]:
        read_with_release = self.__dict__.pop("term_links", ...)  # annotated by with_terms()
        if read_with_release is not ...:
            # No links at all: PostgreSQL's json_agg gives NULL, SQLite's an empty array.
            return [tuple(row) for row in json.loads(read_with_release or "[]")]
        content_type = ContentType.objects.get_for_model(PressRelease)
        with connection.cursor() as cursor:
            cursor.execute(_terms_sql(), [self.pk] * TAGS_LINK + [self.pk, content_type.pk])
            return cursor.fetchall()

    @property
    def contacts_to_call(self) -> list[MediaContact]:
        """Whom journalists call about this release: the active contacts chosen for it,
        else those of its lead source. Read from the directory, never copied."""
        return contact_directory().for_release(self.lead_source_id, self.terms.media_contact_ids)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_slug = instance.__dict__.get("slug")
        instance._stored_image = instance.__dict__.get("image") or ""
        fields = instance.__dict__
        if {"title", "lead", "body"} <= fields.keys():
            instance._stored_text = (fields["title"], fields["lead"], fields["body"])
        return instance

    def slug_leads_elsewhere(self) -> bool:
        """Whether this release's slug is an old address of another release (it answers with
        a 301 to that release, so it is taken)."""
        return (
            ReleaseSlugRedirect.objects.filter(old_slug=self.slug)
            .exclude(release_id=self.pk)
            .exists()
        )

    def validate_unique(self, exclude=None):
        errors = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if (
            "slug" not in (exclude or ())
            and "slug" not in errors
            and self.slug
            and self.slug_leads_elsewhere()
        ):
            errors["slug"] = [ValidationError(SLUG_LEADS_ELSEWHERE, code="unique")]
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.type != ReleaseType.MEDIA_ADVISORY:
            for name in EVENT_FIELDS:
                # A zone alone is only the form's default; the rest is an event's.
                if name != "event_timezone" and getattr(self, name):
                    errors[name] = ValidationError(
                        _(
                            "Only a media advisory announces an event: choose that type, or "
                            "leave this empty."
                        ),
                        code="not_an_advisory",
                    )
            if not errors:
                self.event_timezone = ""
        elif self.event_starts_at is None:
            errors["event_starts_at"] = ValidationError(
                _("A media advisory announces an event: give the time it starts."),
                code="event_needs_start",
            )
        if self.event_starts_at is not None and not self.event_timezone:
            errors["event_timezone"] = ValidationError(
                _("Choose the time zone where the event takes place."), code="required"
            )
        start = self.event_starts_at
        if start is not None and self.event_ends_at is not None and self.event_ends_at <= start:
            errors["event_ends_at"] = ValidationError(
                _("The event must end after it starts."), code="event_ends_before_start"
            )
        deadline = self.accreditation_deadline
        if deadline is not None and (start is None or deadline >= start):
            errors["accreditation_deadline"] = ValidationError(
                _("Accreditation must close before the event starts."),
                code="accreditation_after_start",
            )
        if errors:
            raise ValidationError(errors)

    # A media advisory's event.

    @property
    def has_event(self) -> bool:
        return self.type == ReleaseType.MEDIA_ADVISORY and self.event_starts_at is not None

    @property
    def event_zone(self) -> zoneinfo.ZoneInfo:
        """The zone the event happens in (the site's when none was stored)."""
        name = self.event_timezone if self.event_timezone in time_zone_names() else None
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)

    @property
    def event_utc_offset(self) -> str:
        """The event zone's offset from UTC at the event's start, e.g. "UTC+01:00"."""
        if self.event_starts_at is None:
            return ""
        return "UTC" + self.event_starts_at.astimezone(self.event_zone).strftime("%:z")

    @property
    def event_over_at(self) -> datetime.datetime | None:
        """When the event has taken place: its end, or its start when no end is given."""
        return self.event_ends_at or self.event_starts_at

    @property
    def event_has_taken_place(self) -> bool:
        return self.has_event and self.event_over_at <= timezone.now()

    @property
    def event_is_cancelled(self) -> bool:
        # A withdrawn advisory's event is off: calendars are told it is cancelled.
        return self.has_event and self.is_withdrawn

    @classmethod
    def unique_slug(cls, title: str, exclude_pk: int | None = None) -> str:
        base = (slugify(title) or "release")[:240].strip("-")
        taken = set(
            cls.objects.filter(slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        ) | set(
            ReleaseSlugRedirect.objects.filter(old_slug__startswith=base).values_list(
                "old_slug", flat=True
            )
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def highlighted_lead(self) -> str | None:
        """The lead with the search words marked, when it came from a full-text search."""
        snippet = getattr(self, "search_snippet", None)
        if not snippet:
            return None
        return highlighted(snippet)

    # State, as the newsroom speaks of it.

    @property
    def is_live(self) -> bool:
        return (
            self.status in PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def embargo_until(self) -> datetime.datetime | None:
        """Until when journalists holding this release may not publish it, if it is shared
        with them under embargo and the embargo has not lifted."""
        if self.shared_under_embargo and self.is_scheduled:
            return self.published_at
        return None

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def has_been_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def has_expired(self) -> bool:
        """Past its expiry: no longer listed, still readable."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def public_updated_at(self) -> datetime.datetime | None:
        """When the public last saw the release change: its publication, its latest major
        change, or its withdrawal (which changes the page as much). Minor changes do not
        count: readers were not told of them. Structured data, the feeds, the sitemap and
        the page's "Updated" line all use this date."""
        moments = [self.published_at, self.major_change_at, self.withdrawn_at]
        return max((moment for moment in moments if moment is not None), default=None)

    @cached_property
    def change_history(self) -> list[ChangeNote]:
        """The major changes readers are told of, newest first. No query for the many
        releases never corrected (``major_change_at`` says whether there are any)."""
        if self.pk is None or self.major_change_at is None:
            return []
        # A version shows its own corrections and its original's.
        own = [self.pk, self.translation_of_id] if self.is_translation else [self.pk]
        return list(ChangeNote.objects.major().filter(release__in=own).select_related("release"))

    @property
    def latest_change(self) -> ChangeNote | None:
        """The newest major change, shown as "Updated …" beside the date."""
        return self.change_history[0] if self.change_history else None

    @property
    def asks_for_change_kind(self) -> bool:
        """Whether a save must say if it is a major or a minor change: once readers can see
        the release, a change to it may be one they should be told of."""
        return self.pk is not None and self.is_live

    def record_change(self, *, by, major: bool, note: str = "") -> ChangeNote:
        """Record a change just saved to this live release. A major one carries a note for
        the public ("Corrected the figures") and dates the release as updated; a minor one
        (a typo, a link) is kept for the newsroom only and changes no public date."""
        if not self.can_edit(by):
            raise PermissionDenied(_("You are not allowed to do this."))
        if not self.has_been_public:
            raise InvalidTransition(_("Only a release the public can read has change notes."))
        note = (note or "").strip()
        if major and not note:
            raise InvalidTransition(_("A major change needs a note for readers."))
        with transaction.atomic():
            change = ChangeNote.objects.create(release=self, note=note, major=major, made_by=by)
            if major:
                # An update, not a save: the note is no new version of the text, and an
                # editor's open form must not turn stale because of it.
                type(self).objects.filter(pk=self.pk).update(major_change_at=change.noted_at)
                self.major_change_at = change.noted_at
                self.__dict__.pop("change_history", None)
                # A correction of the original is one of every version: each shows it.
                self.translations.update(major_change_at=change.noted_at)
        if major and self.translations.exists():
            release_changed.send(
                sender=PressRelease, ids=list(self.translations.values_list("pk", flat=True))
            )
        return change

    @property
    def display_status(self) -> str:
        if self.is_scheduled:
            return _("Scheduled")
        if self.is_live and self.has_expired:
            return _("Published (no longer listed)")
        return self.get_status_display()

    # Who may do what. Editors (publish permission) edit every release; an author edits a
    # release while it is a draft and it is theirs or shared with them. Once submitted, a
    # release is the editors' until one returns it to draft.

    def is_editor(self, user) -> bool:
        return user is not None and user.has_perm("press.publish_pressrelease")

    def involves(self, user) -> bool:
        """``user`` wrote the release or it was shared with them."""
        if user is None:
            return False
        if self.pk is None:
            return True  # a release being written is its writer's
        return self.created_by_id == user.pk or self.shared_with.filter(pk=user.pk).exists()

    def can_edit(self, user) -> bool:
        """Whether ``user`` may change this release's text (and submit, revert, share a
        preview of it). A release not saved yet is its future author's."""
        if user is None or not user.has_perm("press.change_pressrelease"):
            return False
        if self.is_editor(user):
            return True
        return self.status == Status.DRAFT and self.involves(user)

    def can_share(self, user) -> bool:
        """Whether ``user`` may choose whom the release is shared with: its author and
        editors (an author it was shared with may not pass it on)."""
        if not self.can_edit(user):
            return False
        return self.is_editor(user) or self.pk is None or self.created_by_id == user.pk

    def available_transitions(self, user) -> list[str]:
        """The workflow steps ``user`` may take from this release's current state.

        The names are the methods below; the admin offers exactly these as buttons.
        """
        steps: list[str] = []
        if user is None or not user.has_perm("press.change_pressrelease"):
            return steps
        if self.status == Status.DRAFT and self.can_edit(user):
            steps.append("submit")
        if not user.has_perm("press.publish_pressrelease"):
            return steps
        if self.status in EDITABLE_STATUSES:
            steps += ["publish", "schedule"]
        if self.status in EDITABLE_STATUSES or self.is_scheduled:
            steps.append("embargo")
        if self.status == Status.IN_REVIEW:
            steps.append("return_to_draft")
        if self.is_scheduled:
            steps.append("unschedule")
        if self.status == Status.PUBLISHED and self.is_live:
            steps.append("withdraw")
        if self.status == Status.WITHDRAWN:
            steps.append("reinstate")
        return steps

    def revoke_preview_links(self) -> None:
        """Invalidate every preview link shared so far.

        An update, not a save: revoking links is not an edit of the release, so it makes no
        new revision and does not make an editor's open form stale.
        """
        self.preview_key = uuid.uuid4()
        type(self).objects.filter(pk=self.pk).update(preview_key=self.preview_key)

    # Lead image renditions for responsive pages.

    RENDITION_WIDTHS = (480, 960, 1600)
    # Added to the image addresses of a preview page: "?preview=<token>" (press/preview.py).
    image_url_query = ""

    def body_images(self) -> list[dict[str, str]]:
        """The images its body may show: the release's own, so far its lead image. Each
        with its address and the lead image's description, offered as a start."""
        if not self.image or self.pk is None:
            return []
        return [{"url": self.image.url, "alt": self.image_alt, "label": _("Lead image")}]

    def image_renditions(self) -> dict | None:
        """Resized copies of the lead image for ``srcset``, or None without an image.

        Returns ``{"webp_srcset", "jpeg_srcset", "src", "width", "height", "sizes",
        "alt"}``: a page renders ``<picture><source type="image/webp" srcset=…>
        <img src=… srcset=jpeg_srcset sizes=… width=… height=… alt=…></picture>``.
        Widths beyond the original are left out (never upscaled); sorl-thumbnail makes each
        file once and remembers it.
        """
        if not self.image or not self.image_width or self.status == Status.WITHDRAWN:
            return None
        widths = [w for w in self.RENDITION_WIDTHS if w < self.image_width] or [
            min(self.image_width, self.RENDITION_WIDTHS[0])
        ]
        if self.image_width < self.RENDITION_WIDTHS[-1] and self.image_width not in widths:
            widths.append(self.image_width)
        webp, jpeg = [], []
        for width in widths:
            options = {"upscale": False, "quality": 82}
            webp.append((get_thumbnail(self.image, str(width), format="WEBP", **options), width))
            jpeg.append((get_thumbnail(self.image, str(width), format="JPEG", **options), width))
        fallback = jpeg[min(1, len(jpeg) - 1)][0]
        # A preview page's images carry its link (press/media.py lets its holder see them).
        query = self.image_url_query
        return {
            "webp_srcset": ", ".join(f"{thumb.url}{query} {width}w" for thumb, width in webp),
            "jpeg_srcset": ", ".join(f"{thumb.url}{query} {width}w" for thumb, width in jpeg),
            "src": fallback.url + query,
            "width": fallback.width,
            "height": fallback.height,
            "sizes": "(min-width: 60em) 50em, 100vw",
            "alt": self.image_alt,
        }

    # Crops for sharing: the social card, and the three shapes search engines ask of a news
    # article's image. Each keeps the focal point in view.
    CROPS = {
        "social": (1200, 630),
        "16x9": (1200, 675),
        "4x3": (1200, 900),
        "1x1": (1200, 1200),
        # The home page's lead stories: a third of a wide screen, all of a phone's.
        "card": (800, 450),
    }

    def focal_cropbox(self, width: int, height: int) -> tuple[int, int, int, int]:
        """The largest box of the ``width``:``height`` shape inside the image, centred on the
        focal point as far as the image's edges allow (x, y, x2, y2 in pixels)."""
        image_width, image_height = self.image_width, self.image_height
        box_width = min(image_width, round(image_height * width / height))
        box_height = min(image_height, round(box_width * height / width))
        left = round(image_width * self.image_focus_x / 100 - box_width / 2)
        top = round(image_height * self.image_focus_y / 100 - box_height / 2)
        left = max(0, min(left, image_width - box_width))
        top = max(0, min(top, image_height - box_height))
        return left, top, left + box_width, top + box_height

    def image_crop(self, shape: str) -> dict | None:
        """A rendition of the lead image in one of ``CROPS``' shapes, never upscaled, or
        None when the release has no image the public may see."""
        if not self.image or not self.image_width or self.status == Status.WITHDRAWN:
            return None
        width, height = self.CROPS[shape]
        box = self.focal_cropbox(width, height)
        size = f"{min(width, box[2] - box[0])}x{min(height, box[3] - box[1])}"
        thumb = get_thumbnail(
            self.image,
            size,
            cropbox=",".join(map(str, box)),
            crop="center",
            format="JPEG",
            quality=82,
            upscale=False,
        )
        return {
            "src": thumb.url + self.image_url_query,
            "width": thumb.width,
            "height": thumb.height,
        }

    # Workflow: one transactional method per transition, each recorded.

    def submit(self, *, by, note: str = "") -> None:
        """An author hands a draft to the editors."""
        self._require(by, "press.change_pressrelease")
        if not self.can_edit(by):
            # Someone else's draft: only its authors and editors hand it on.
            raise PermissionDenied(_("You are not allowed to do this."))
        self._transition({Status.DRAFT}, Status.IN_REVIEW, by=by, note=note)

    def return_to_draft(self, *, by, note: str = "") -> None:
        """An editor sends a release in review back to its author, or takes one offline."""
        self._require(by, "press.publish_pressrelease")
        self._transition({Status.IN_REVIEW, Status.PUBLISHED}, Status.DRAFT, by=by, note=note)

    def schedule(self, *, by, at, note: str = "") -> None:
        """Publish at ``at``, a moment in the future: until then only staff see it."""
        if at is None or at <= timezone.now():
            raise InvalidTransition(_("A release is scheduled for a time in the future."))
        self.publish(by=by, at=at, note=note)

    def publish(self, *, by, at=None, note: str = "") -> None:
        """Publish now, or schedule when ``at`` is in the future."""
        self._require(by, "press.publish_pressrelease")
        when = at or timezone.now()

        def apply(release):
            release.published_at = when
            # An ordinary publication or schedule ends any sharing under embargo.
            release.shared_under_embargo = False

        self._transition(
            {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED},
            Status.PUBLISHED,
            by=by,
            note=note,
            apply=apply,
        )

    def embargo(self, *, by, until: datetime.datetime, note: str = "") -> None:
        """Schedule the release for ``until`` and share it with accredited journalists
        before then. Going live at that moment is ordinary scheduling: nothing to run."""
        self._require(by, "press.publish_pressrelease")
        if until is None or timezone.is_naive(until) or until <= timezone.now():
            raise InvalidTransition(_("An embargo ends at a time in the future."))

        def apply(release):
            release.published_at = until
            release.shared_under_embargo = True

        self._transition(
            {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED},
            Status.PUBLISHED,
            by=by,
            note=note,
            apply=apply,
        )

    def unschedule(self, *, by, note: str = "") -> None:
        """Take a scheduled release back to review before it goes live."""
        self._require(by, "press.publish_pressrelease")
        if not self.is_scheduled:
            raise InvalidTransition(_("Only a scheduled release can be unscheduled."))

        def apply(release):
            release.published_at = None
            release.shared_under_embargo = False

        self._transition({Status.PUBLISHED}, Status.IN_REVIEW, by=by, note=note, apply=apply)

    def withdraw(self, *, by, reason: str) -> None:
        """Mark a live release withdrawn: it stays readable, with the reason shown."""
        self._require(by, "press.publish_pressrelease")
        reason = (reason or "").strip()
        if not reason:
            raise InvalidTransition(_("Give the public a reason for the withdrawal."))
        if not self.is_live:
            raise InvalidTransition(_("Only a live release can be withdrawn."))

        def apply(release):
            release.withdrawn_at = timezone.now()
            release.withdrawal_reason = reason

        self._transition({Status.PUBLISHED}, Status.WITHDRAWN, by=by, note=reason, apply=apply)

    def reinstate(self, *, by, note: str = "") -> None:
        """Undo a withdrawal."""
        self._require(by, "press.publish_pressrelease")

        def apply(release):
            release.withdrawn_at = None
            release.withdrawal_reason = ""

        self._transition({Status.WITHDRAWN}, Status.PUBLISHED, by=by, note=note, apply=apply)

    @staticmethod
    def _require(user, permission: str) -> None:
        if user is None or not user.has_perm(permission):
            raise PermissionDenied(_("You are not allowed to do this."))

    def _transition(self, sources, target, *, by, note="", apply=None) -> None:
        with transaction.atomic():
            # Lock the row: two editors clicking at once must not both succeed.
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if current.status not in sources:
                raise InvalidTransition(
                    _("A release that is %(status)s cannot go to %(target)s.")
                    % {"status": current.get_status_display(), "target": Status(target).label}
                )
            previous = current.status
            self.status = target
            if apply is not None:
                apply(self)
            self.version = current.version
            self.save()
            ReleaseTransition.objects.create(
                release=self, from_status=previous, to_status=target, by=by, note=note
            )


class ReleaseTransition(models.Model):
    """One step of a release through the workflow: who, when, from, to, why."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=16, choices=Status)
    to_status = models.CharField(_("to"), max_length=16, choices=Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = PlainTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ChangeNoteQuerySet(models.QuerySet):
    def major(self):
        """The changes the public is told of, newest first."""
        return self.filter(major=True).order_by("-noted_at", "-pk")


def attach_change_history(releases: Iterable[PressRelease]) -> list[PressRelease]:
    """Give each release its ``change_history`` in one query for all of them (a feed's
    items), instead of one query each; releases never corrected are not asked about."""
    releases = list(releases)
    corrected = [release for release in releases if release.major_change_at is not None]
    notes: dict[int, list[ChangeNote]] = defaultdict(list)
    if corrected:
        # A version's history holds its original's corrections too.
        asked = {r.pk for r in corrected} | {r.translation_of_id for r in corrected} - {None}
        for change in (
            ChangeNote.objects.major().filter(release__in=asked).select_related("release")
        ):
            notes[change.release_id].append(change)
    for release in releases:
        history = notes[release.pk] + (
            notes[release.translation_of_id] if release.translation_of_id else []
        )
        history.sort(key=lambda change: (change.noted_at, change.pk), reverse=True)
        release.__dict__["change_history"] = history if release.major_change_at else []
    return releases


class ChangeNote(models.Model):
    """A change made to a release after it went public: major ones, with their note, are
    the public record of corrections ("Updated 3 April 2012: corrected the figures"); minor
    ones (a typo, a link) are kept for the newsroom only.

    Notes are plain text and never edited afterwards: they are what readers were told.
    They belong to the release today. Corrections must appear in every language version:
    when releases gain translation groups (the languages work), a note will belong to the
    group (a ``translation_group`` key beside, then instead of, ``release``, filled from
    each release's group), with its text translated per language, so that every version
    shows the same history. Nothing here assumes a note has a language of its own.
    """

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    note = PlainTextField(
        _("public change note"),
        blank=True,
        help_text=_("What changed, for readers, in a sentence. Plain text."),
    )
    noted_at = models.DateTimeField(_("changed on"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    major = models.BooleanField(
        _("major change"),
        default=False,
        help_text=_("Readers are told of major changes; minor ones are not shown."),
    )

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-noted_at", "-pk"]
        indexes = [models.Index(fields=["release", "-noted_at"], name="press_change_newest")]
        constraints = [
            # What readers are told needs words; the form and record_change() say so first.
            models.CheckConstraint(
                condition=Q(major=False) | ~Q(note=""), name="press_major_change_has_note"
            ),
        ]

    def __str__(self) -> str:
        kind = _("Major change") if self.major else _("Minor change")
        return f"{kind}: {self.note}" if self.note else str(kind)


class ReleaseSlugRedirectQuerySet(models.QuerySet):
    def record_move(self, release: PressRelease, old_slug: str | None) -> None:
        """``release`` moved from ``old_slug`` to its current slug."""
        # Back at one of its own old addresses: that one no longer redirects.
        self.filter(old_slug=release.slug, release=release).delete()
        if old_slug and release.has_been_public:
            # Readers and search engines know the old address: it keeps leading here.
            self.update_or_create(old_slug=old_slug, defaults={"release": release})


class ReleaseSlugRedirect(models.Model):
    """An address a release had before its slug changed; it answers with a 301."""

    old_slug = models.SlugField(max_length=255, unique=True)
    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="slug_redirects"
    )

    objects = ReleaseSlugRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.old_slug


class SearchDocument(models.Model):
    """A release's weighted full-text vector, kept by press.search (PostgreSQL only).

    A table of its own keeps the release rows narrow for listings and lets bulk loads
    insert vectors instead of rewriting every release row.
    """

    release = models.OneToOneField(
        PressRelease, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    vector = SearchVectorField()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.release_id)


class SearchHead(models.Model):
    """The part of a release's search document that says what the release is about: title
    and reference (weight A), lead (B) and the names of its terms (D), without the text.

    Relevance is ranked on it. Ranking on the whole document would read every match's
    vector, the text's included: kilobytes a release, stored out of line, so a common word
    at a million releases meant seconds of reading. Heads are a few hundred bytes, and only
    the releases whose head holds the words are ranked at all.
    """

    release = models.OneToOneField(
        PressRelease, primary_key=True, on_delete=models.CASCADE, related_name="search_head"
    )
    vector = SearchVectorField()

    class Meta:
        verbose_name = _("search head")
        verbose_name_plural = _("search heads")

    def __str__(self) -> str:
        return str(self.release_id)


class Autosave(models.Model):
    """What one person had typed in a release form and not yet saved, kept every few seconds
    while they type, so a closed tab, a lost connection or a click elsewhere loses nothing.

    One per person and release (and one per person for a release not yet created). It is
    offered back only while the release is still at the version the form started from: a
    newer save by anyone is never overwritten by an older form. Saving the form ends it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    release = models.ForeignKey(
        PressRelease, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    # The release's version when the form was opened; None for a release not yet created.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    # The form's fields as submitted (name -> list of values), files left out.
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("autosaved change")
        verbose_name_plural = _("autosaved changes")
        constraints = [
            models.UniqueConstraint(fields=["user", "release"], name="autosave_one_per_release"),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(release__isnull=True),
                name="autosave_one_new_release",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.release_id or 'new'}"

    @property
    def is_behind(self) -> bool:
        """Saved since by someone: restoring would replace a newer version."""
        return self.release is not None and self.base_version != self.release.version


class EditingSessionQuerySet(models.QuerySet):
    def active(self):
        """Sessions whose editor's page still reports in: a closed tab lets go by itself."""
        stale = timezone.now() - datetime.timedelta(
            seconds=settings.NEWSROOM["EDITING_STALE_SECONDS"]
        )
        return self.filter(seen_at__gte=stale)


class EditingSession(models.Model):
    """Who has a release open in the editor, and since when.

    One per release. Opening the form takes it when nobody else holds it (or the holder's page
    stopped reporting in); anyone else sees "X is editing since 10:42" and may take over
    explicitly. It is a courtesy between colleagues, not a lock: the save-time version check
    (``PressReleaseForm``) stays the last line of defence against overwriting.
    """

    release = models.OneToOneField(
        PressRelease, on_delete=models.CASCADE, related_name="editing_session"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    # Whom this session was taken from, so their page can say so.
    taken_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EditingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("editing session")
        verbose_name_plural = _("editing sessions")

    def __str__(self) -> str:
        return f"{self.release_id}: {self.user_id}"

    @property
    def is_active(self) -> bool:
        stale = datetime.timedelta(seconds=settings.NEWSROOM["EDITING_STALE_SECONDS"])
        return self.seen_at >= timezone.now() - stale


JOURNALIST_GROUP = "Journalist"


def is_accredited_journalist(user) -> bool:
    """Signed in and accredited by an editor (in the Journalist group), or staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.groups.filter(name=JOURNALIST_GROUP).exists()


class EmbargoedViewQuerySet(models.QuerySet):
    def record(self, release: PressRelease, user, address: str | None) -> EmbargoedView:
        return self.create(release=release, user=user, address=address or None)


class EmbargoedView(models.Model):
    """One reading of a release under embargo in the press room: who, when, from where.
    Editors answer "who knew before publication?" from these."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="embargoed_views",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("journalist"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = EmbargoedViewQuerySet.as_manager()

    class Meta:
        verbose_name = _("view under embargo")
        verbose_name_plural = _("views under embargo")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} – {self.release} – {self.viewed_at:%Y-%m-%d %H:%M}"


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an editor")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class JournalistAccessRequest(models.Model):
    """A journalist asks for the press room; an editor approves or refuses."""

    name = PlainCharField(_("name"), max_length=200)
    media_outlet = PlainCharField(_("media outlet"), max_length=200)
    email = models.EmailField(_("email"))
    country = PlainCharField(_("country"), max_length=100)
    credentials = PlainCharField(
        _("press card or website"),
        max_length=300,
        help_text=_("A press card number, or a web page of the outlet showing your work."),
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AccessRequestStatus,
        default=AccessRequestStatus.PENDING,
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, editable=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("press room access request")
        verbose_name_plural = _("press room access requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.media_outlet})"

    def approve(self, *, by) -> AbstractBaseUser:
        """Accredit the journalist: an account in the Journalist group, active, without
        staff status. The caller sends the set-your-password mail after commit."""
        self._require_editor(by)
        User = get_user_model()
        with transaction.atomic():
            account = User.objects.filter(email__iexact=self.email).first()
            if account is None:
                account = User.objects.create_user(username=self.email.lower(), email=self.email)
            if account.is_staff:
                # Staff read the press room already; an approval never touches their account.
                raise InvalidTransition(_("This address belongs to a staff account."))
            if not account.has_usable_password():
                # The reset mail goes only to accounts with a usable password; nobody knows
                # this one, the journalist chooses their own through the mail.
                account.set_password(secrets.token_urlsafe(32))
            account.is_active = True
            first, _space, last = self.name.partition(" ")
            account.first_name, account.last_name = first[:150], last[:150]
            account.save()
            account.groups.add(Group.objects.get(name=JOURNALIST_GROUP))
            self._decide(AccessRequestStatus.APPROVED, by=by, account=account)
        return account

    def refuse(self, *, by) -> None:
        self._require_editor(by)
        self._decide(AccessRequestStatus.REFUSED, by=by, account=None)

    def _require_editor(self, user) -> None:
        if user is None or not user.has_perm("press.change_journalistaccessrequest"):
            raise PermissionDenied(_("You are not allowed to do this."))
        if self.status != AccessRequestStatus.PENDING:
            raise InvalidTransition(_("This request has been decided already."))

    def _decide(self, status: str, *, by, account) -> None:
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.account = account
        self.save()


class LinkCheckQuerySet(models.QuerySet):
    def broken(self, urls: Iterable[str]) -> LinkCheckQuerySet:
        """The last answers, among ``urls``, of links a reader would find broken."""
        return self.filter(url__in=list(urls)).exclude(problem="")

    def due(self, urls: Iterable[str], max_age: datetime.timedelta) -> list[str]:
        """Those of ``urls`` not checked within ``max_age``, in their order."""
        urls = list(dict.fromkeys(urls))
        fresh = set(
            self.filter(url__in=urls, checked_at__gte=timezone.now() - max_age).values_list(
                "url", flat=True
            )
        )
        return [url for url in urls if url not in fresh]

    def record(self, url: str, status: int | None, problem: str) -> None:
        self.update_or_create(
            url=url,
            defaults={"status": status, "problem": problem, "checked_at": timezone.now()},
        )


class LinkCheck(models.Model):
    """The last answer of a link to another site from a release's text, checked in the
    background after a save (press/link_checks.py) and shown among the checks before
    submitting when the link is broken. One row per address, whichever releases use it."""

    class Problem(models.TextChoices):
        ERROR_STATUS = "status", _("answered with an error")
        NO_SUCH_HOST = "no-host", _("leads to a site whose address does not exist")
        TIMEOUT = "timeout", _("got no answer in time")
        UNREACHABLE = "unreachable", _("could not be reached")

    url = models.URLField(_("address"), max_length=2000, unique=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    # Empty when the link works; else what a reader clicking it would meet.
    problem = models.CharField(_("problem"), max_length=20, choices=Problem, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")

    def __str__(self) -> str:
        return f"{self.url} – {self.problem or 'ok'}"

    @property
    def what_readers_meet(self) -> str:
        """The problem as the checks say it: "answered 404 Not Found"."""
        if self.problem == self.Problem.ERROR_STATUS and self.status:
            phrase = http.client.responses.get(self.status, "")
            answer = _("answered %(status)d %(phrase)s")
            return (answer % {"status": self.status, "phrase": phrase}).strip()
        return self.get_problem_display()
