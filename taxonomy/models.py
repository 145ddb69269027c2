"""The reference data every release is classified by.

Every term has a name, a slug derived from it, a position (the order the public navigation
shows) and former names: an old name keeps classifying and finding, an old slug keeps
redirecting.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from tree_queries.fields import TreeNodeForeignKey
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from core.cleaning import PlainCharField
from core.signals import terms_changed


class ChangesPublicPages(models.Model):
    """Reference data appears on every public page: a change is announced (``terms_changed``),
    which starts a new page generation. Deletions, one by one or in bulk, are announced by
    the receiver in ``taxonomy.apps``."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        terms_changed.send(sender=type(self), ids=[self.pk])


class FormerName(ChangesPublicPages):
    """A name (and slug) a term was known by until a given year."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    term = GenericForeignKey("content_type", "object_id")
    name = PlainCharField(_("former name"), max_length=200)
    slug = models.SlugField(_("former slug"), max_length=200)
    until_year = models.PositiveSmallIntegerField(
        _("renamed in"),
        null=True,
        blank=True,
        help_text=_("The year the term stopped being called by this name, if known."),
    )

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["until_year", "name"]
        indexes = [
            models.Index(fields=["content_type", "slug"], name="formername_slug"),
            models.Index(fields=["content_type", "object_id"], name="formername_term"),
        ]
        constraints = [
            # A name may come back with another address (a slug changed twice while the
            # name stayed): each old address must keep its own row, or its links break.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "name", "slug"],
                name="formername_unique_per_term",
            )
        ]

    def __str__(self) -> str:
        if self.until_year:
            return _("%(name)s (until %(year)s)") % {"name": self.name, "year": self.until_year}
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class TermQuerySet(models.QuerySet):
    def by_slug_or_former_slug(self, slug: str):
        """The term answering to ``slug`` now, else the one that answered to it before."""
        term = self.filter(slug=slug).first()
        if term is not None:
            return term
        former = FormerName.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), slug=slug
        ).first()
        if former is None:
            return None
        return self.filter(pk=former.object_id).first()


class Term(ChangesPublicPages):
    name = PlainCharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Used in addresses and filters. Filled from the name when left empty."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order in the public navigation, lowest first.")
    )
    former_names = GenericRelation(FormerName)

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # In English whatever language the editor reads the site in: the slug is made from
        # the English name, and the untranslated ``name`` column (what search documents
        # and renames read) keeps the English name (see taxonomy.translation).
        with translation.override(settings.LANGUAGE_CODE):
            if not self.slug:
                self.slug = slugify(self.name)
            super().save(*args, **kwargs)

    def listed_former_names(self):
        """The former names to show readers. A changed slug is always kept as a former
        name; when only the slug changed, that row carries today's name and is left out."""
        return self.former_names.exclude(name=self.name)


class TreeTermQuerySet(TreeQuerySet, TermQuerySet):
    pass


class TreeTerm(TreeNode, Term):
    """A term with broader and narrower terms (django-tree-queries: ``ancestors()``,
    ``descendants()`` and ``with_tree_fields()`` in one recursive query each)."""

    objects = TreeTermQuerySet.as_manager()
    cycle_message = _("A term cannot be part of itself.")

    class Meta(Term.Meta):
        abstract = True

    def clean(self):
        # Not TreeNode's own check: the same rule, but said beside the field.
        Term.clean(self)
        if self.parent_id and self.pk and self.parent_id in self.subtree_ids():
            raise ValidationError({"parent": self.cycle_message})

    def subtree_ids(self) -> set[int]:
        """This term and every term under it."""
        return set(
            type(self)
            ._default_manager.descendants(self, include_self=True)
            .values_list("pk", flat=True)
        )


class Country(Term):
    class Group(models.TextChoices):
        PARTICIPATING = "participating", _("Participating State")
        ASIAN_PARTNER = "asian-partner", _("Asian Partner for Co-operation")
        MEDITERRANEAN_PARTNER = "mediterranean-partner", _("Mediterranean Partner for Co-operation")

    GROUP_TITLES = {
        Group.PARTICIPATING: _("Participating States"),
        Group.ASIAN_PARTNER: _("Asian Partners for Co-operation"),
        Group.MEDITERRANEAN_PARTNER: _("Mediterranean Partners for Co-operation"),
    }

    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=2, unique=True, help_text=_("Two letters, e.g. AT.")
    )
    group = models.CharField(_("group"), max_length=32, choices=Group, db_index=True)

    class Meta(Term.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    group__in=["participating", "asian-partner", "mediterranean-partner"]
                ),
                name="country_group_valid",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:country", kwargs={"slug": self.slug})


class ChairpersonshipQuerySet(models.QuerySet):
    def for_year(self, year: int | None = None) -> Chairpersonship | None:
        year = year or timezone.localdate().year
        return self.select_related("country").filter(year=year).first()


class Chairpersonship(ChangesPublicPages):
    """The participating State holding the OSCE Chairpersonship in a year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("participating State"),
        on_delete=models.PROTECT,
        related_name="chairpersonships",
        limit_choices_to={"group": Country.Group.PARTICIPATING},
    )

    objects = ChairpersonshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Chairpersonship")
        verbose_name_plural = _("Chairpersonships")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("%(country)s – OSCE Chairpersonship %(year)s") % {
            "country": self.country.name,
            "year": self.year,
        }


class FieldOfWork(TreeTerm):
    parent = TreeNodeForeignKey(
        "self",
        verbose_name=_("broader field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    cycle_message = _("A field of work cannot be part of itself.")

    class Meta(Term.Meta):
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:field", kwargs={"slug": self.slug})


class MeetingSeries(Term):
    class Meta(Term.Meta):
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:meeting", kwargs={"slug": self.slug})


class StructureQuerySet(TreeTermQuerySet):
    def field_operations(self):
        return self.filter(kind=Structure.Kind.FIELD_OPERATION)

    def active(self):
        return self.filter(closed_year__isnull=True)

    def closed(self):
        return self.filter(closed_year__isnull=False)


class Structure(TreeTerm):
    """A body that issues releases or that releases are about, in the OSCE's tree."""

    class Kind(models.TextChoices):
        GROUP = "group", _("Group")
        CHAIRPERSONSHIP = "chairpersonship", _("Chairpersonship")
        SECRETARIAT = "secretariat", _("Secretariat")
        SECRETARIAT_UNIT = "secretariat-unit", _("Secretariat unit")
        INSTITUTION = "institution", _("Institution")
        FIELD_OPERATION = "field-operation", _("Field operation")
        PARLIAMENTARY_ASSEMBLY = "parliamentary-assembly", _("Parliamentary Assembly")
        COURT = "court", _("Court")
        OTHER = "other", _("Other body")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind, db_index=True)
    acronym = PlainCharField(_("acronym"), max_length=20, blank=True)
    parent = TreeNodeForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_structures",
        help_text=_("For field operations hosted by a participating State."),
    )
    host_territory = PlainCharField(
        _("host territory"),
        max_length=200,
        blank=True,
        help_text=_(
            "For a field operation whose host is not a participating State (e.g. Kosovo), "
            "the territory as the OSCE names it."
        ),
    )
    opened_year = models.PositiveSmallIntegerField(_("opened"), null=True, blank=True)
    closed_year = models.PositiveSmallIntegerField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("Setting a year moves the field operation to the closed list everywhere."),
    )

    objects = StructureQuerySet.as_manager()
    cycle_message = _("A structure cannot be part of itself.")

    class Meta(Term.Meta):
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_year__isnull=True)
                | models.Q(opened_year__isnull=True)
                | models.Q(closed_year__gte=models.F("opened_year")),
                name="structure_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="structure_not_own_parent"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:structure", kwargs={"slug": self.slug})

    @property
    def is_closed(self) -> bool:
        return self.closed_year is not None

    @property
    def host_label(self) -> str:
        return self.host_country.name if self.host_country_id else self.host_territory

    def clean(self):
        super().clean()
        if self.host_country_id and self.host_territory:
            raise ValidationError(
                {"host_territory": _("Give either a host country or a host territory, not both.")}
            )


# Phone numbers are dialled from abroad: the international form, "+", a country code and
# the number, spaces, hyphens, dots or a bracketed part allowed between the digits.
PHONE_PATTERN = re.compile(r"\+[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,6}))+")
PHONE_DIGITS = (8, 15)  # E.164: at most 15 digits, country code included


def validate_phone(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if not PHONE_PATTERN.fullmatch(value) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise ValidationError(
            _(
                "Give the number in international form, starting with + and the country "
                "code, e.g. +43 1 514 36 6000 (8 to 15 digits; spaces and hyphens allowed)."
            ),
            code="invalid_phone",
        )


def split_languages(value: str) -> list[str]:
    return [code.strip().lower() for code in re.split(r"[,\s]+", value or "") if code.strip()]


def validate_languages(value: str) -> None:
    unknown = [code for code in split_languages(value) if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _(
                "Unknown language code: %(codes)s. Give two-letter codes separated by "
                "commas, e.g. en, ru, uk."
            )
            % {"codes": ", ".join(unknown)},
            code="invalid_language",
        )


class MediaContactQuerySet(models.QuerySet):
    def active(self):
        """The contacts the public may see: inactive ones are kept for the record only."""
        return self.filter(is_active=True)


EMAIL_INVALID = _("Give an email address such as press@osce.org.")


class MediaContact(ChangesPublicPages):
    """A spokesperson or a press desk journalists can call about a structure's releases.

    Shown on the releases of its structure (or on those it is chosen for) and on the media
    contacts page; a change shows everywhere at once, as releases link to it, never copy it.
    """

    name = PlainCharField(
        _("name"), max_length=200, help_text=_("A person, or a desk such as “Press Office”.")
    )
    role = PlainCharField(
        _("role or title"), max_length=200, blank=True, help_text=_("e.g. Spokesperson")
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="media_contacts",
        help_text=_("Its releases show this contact unless others are chosen for a release."),
    )
    languages = PlainCharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        validators=[validate_languages],
        help_text=_("Two-letter codes separated by commas, e.g. en, ru, uk."),
    )
    phone = PlainCharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("International form, e.g. +43 1 514 36 6000."),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        error_messages={"invalid": EMAIL_INVALID},
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick when the person leaves or the desk closes: it disappears publicly."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order within the structure, lowest first.")
    )

    objects = MediaContactQuerySet.as_manager()
    EMAIL_INVALID = EMAIL_INVALID

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", email=""), name="mediacontact_reachable"
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.name}, {self.role}" if self.role else self.name
        if self.structure_id:
            label = f"{label} ({self.structure.acronym or self.structure.name})"
        return label

    def clean(self):
        super().clean()
        # Stored one way however typed ("EN,ru  uk"), so lists and cards read alike.
        self.languages = ", ".join(split_languages(self.languages))
        if not self.phone and not self.email:
            raise ValidationError(
                _("Give a phone number or an email address: journalists need a way to reach it.")
            )

    def get_vcard_url(self) -> str:
        return reverse("media-contact-vcard", kwargs={"pk": self.pk})

    @property
    def language_codes(self) -> list[str]:
        return split_languages(self.languages)

    @property
    def language_names(self) -> list[str]:
        return [
            str(translation.get_language_info(code)["name_translated"])
            for code in self.language_codes
        ]

    @property
    def phone_uri(self) -> str:
        """The number as a tel: URI (RFC 3966): "+" and the digits only."""
        if not self.phone:
            return ""
        return "tel:+" + "".join(character for character in self.phone if character.isdigit())

    def vcard(self, *, organisation: str, url: str = "") -> str:
        """The contact as a vCard 4.0 (RFC 6350), lines ending in CRLF and folded at 75
        octets, text values escaped."""
        lines = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"FN:{vcard_text(self.name)}",
            "ORG:" + ";".join(vcard_text(part) for part in (organisation, self.structure.name)),
        ]
        if self.role:
            lines.append(f"TITLE:{vcard_text(self.role)}")
        if self.phone:
            lines.append(f"TEL;VALUE=uri;TYPE=work,voice:{self.phone_uri}")
        if self.email:
            lines.append(f"EMAIL;TYPE=work:{self.email}")
        lines += [f"LANG;PREF={n}:{code}" for n, code in enumerate(self.language_codes, start=1)]
        if url:
            lines.append(f"SOURCE:{url}")
        lines.append("END:VCARD")
        return "".join(fold_vcard_line(line) + "\r\n" for line in lines)


def vcard_text(value: str) -> str:
    """A text value escaped as RFC 6350 section 3.4 says: backslash, comma, semicolon and
    line breaks."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_vcard_line(line: str, limit: int = 75) -> str:
    """A content line folded at ``limit`` octets (RFC 6350 section 3.2), never inside a
    UTF-8 character: continuation lines start with one space."""
    parts, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1  # the space counts towards the next line's octets
        current += character
        size += width
    parts.append(current)
    return "\r\n".join(parts)
