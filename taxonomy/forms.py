"""Admin forms for the reference data, worded for the people who keep it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.cleaning import ascii_int
from taxonomy.merge import MergeError, check_merge
from taxonomy.models import (
    Country,
    FieldOfWork,
    FormerName,
    MediaContact,
    MeetingSeries,
    Structure,
)

# The translated fields of the terms (see taxonomy.translation).
TRANSLATED_FIELDS = frozenset({"name", "acronym", "host_territory"})
FIRST_YEAR = 1973  # the Helsinki consultations: nothing in this history is older


def this_year() -> int:
    return timezone.localdate().year


NAME_HELP = _(
    "The name as the OSCE writes it today. To rename, change it here: the old name is "
    "kept as a former name (see “Renaming” below), so releases filed under it still find "
    "this term."
)
SLUG_HELP = _(
    "The last part of the public address and the value in listing filters. Changing it "
    "keeps the old address working: it redirects here."
)
POSITION_HELP = _("Order in the public navigation and lists, lowest first.")


ENGLISH_NAME = build_localized_fieldname("name", settings.LANGUAGE_CODE)
FALLBACK_HELP = _(
    "The name in %(language)s. Left empty, the English name is shown to readers of the "
    "site in %(language)s."
)


def describe_translations(form: forms.ModelForm) -> None:
    """Say beside each translated name that an empty one falls back to English, showing the
    English name in the empty field (placeholder), and that the English one is the term's
    name of record (renames, former names, slugs)."""
    english = form.initial.get(ENGLISH_NAME) or getattr(form.instance, ENGLISH_NAME, "")
    columns = {
        build_localized_fieldname(base, code): (base, code)
        for base in TRANSLATED_FIELDS
        for code, _name in settings.LANGUAGES
    }
    for field_name, field in form.fields.items():
        if field_name not in columns:
            continue
        base, language = columns[field_name]
        if language == settings.LANGUAGE_CODE:
            if base == "name":
                field.help_text = NAME_HELP
            continue
        label = translation.get_language_info(language)["name_translated"]
        field.help_text = FALLBACK_HELP % {"language": label}
        if base == "name" and english:
            field.widget.attrs["placeholder"] = _("%(name)s (English, shown while empty)") % {
                "name": english
            }


class RenameFields(forms.ModelForm):
    """The change form of any term: renaming keeps the old name and address working."""

    record_former_name = forms.BooleanField(
        label=_("Keep the old name as a former name"),
        required=False,
        initial=True,
        help_text=_(
            "When you change the name, the old one is listed as a former name and keeps "
            "classifying and finding releases. Untick only to correct a misspelling. "
            "A changed slug is always kept, so old links never break."
        ),
    )
    renamed_in = forms.IntegerField(
        label=_("Renamed in"),
        required=False,
        min_value=FIRST_YEAR,
        help_text=_("The year the old name stopped being used."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renamed_in"].initial = this_year()
        self.fields["renamed_in"].max_value = this_year() + 1
        if "slug" in self.fields:
            self.fields["slug"].required = False
        describe_translations(self)

    @property
    def name_field(self) -> str:
        """The English name's field: ``name``, or its English column where names are
        translated (the admin then shows one name field per language)."""
        return ENGLISH_NAME if ENGLISH_NAME in self.fields else "name"

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get(self.name_field)
        if "slug" in self.fields and not cleaned.get("slug") and name:
            # Filled here rather than on save, so a clash is a form error, not a crash.
            # From the English name: addresses stay the same in every language.
            cleaned["slug"] = slugify(name)
            if not cleaned["slug"]:
                self.add_error("slug", _("Give a slug: letters, numbers and hyphens."))
        slug = cleaned.get("slug")
        if slug:
            owner = (
                FormerName.objects.filter(
                    content_type=ContentType.objects.get_for_model(self._meta.model), slug=slug
                )
                .exclude(object_id=self.instance.pk)
                .first()
            )
            if owner is not None and owner.term is not None:
                # Taking it would silently send the other term's old links here.
                self.add_error(
                    "slug",
                    _(
                        "This address used to belong to “%(term)s” and still leads there. "
                        "Choose another slug."
                    )
                    % {"term": owner.term},
                )
        return cleaned

    def clean_renamed_in(self) -> int:
        year = self.cleaned_data.get("renamed_in") or this_year()
        if year > this_year() + 1:
            raise ValidationError(_("The year cannot be in the future."))
        return year


class CountryForm(RenameFields):
    class Meta:
        model = Country
        fields = ["name", "slug", "iso_code", "group", "position"]
        help_texts = {
            "name": NAME_HELP,
            "slug": SLUG_HELP,
            "position": POSITION_HELP,
            "iso_code": _("The two-letter ISO 3166 code, e.g. AT for Austria."),
            "group": _(
                "Participating States are listed first; only they can hold the Chairpersonship."
            ),
        }


class FieldOfWorkForm(RenameFields):
    class Meta:
        model = FieldOfWork
        fields = ["name", "slug", "parent", "position"]
        help_texts = {
            "name": NAME_HELP,
            "slug": SLUG_HELP,
            "position": POSITION_HELP,
            "parent": _(
                "Leave empty for a field shown in the main navigation; choose a broader "
                "field to make this one a part of it."
            ),
        }

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.pk in self.instance.subtree_ids():
            raise ValidationError(self.instance.cycle_message)
        return parent


class MeetingSeriesForm(RenameFields):
    class Meta:
        model = MeetingSeries
        fields = ["name", "slug", "position"]
        help_texts = {"name": NAME_HELP, "slug": SLUG_HELP, "position": POSITION_HELP}


class StructureYears(forms.ModelForm):
    """Opening and closing years, also edited from the list of structures."""

    def clean(self):
        cleaned = super().clean()
        opened, closed = cleaned.get("opened_year"), self.cleaned_data.get("closed_year")
        if opened is None and "opened_year" not in self.fields:
            opened = self.instance.opened_year
        if closed is not None and closed > this_year():
            self.add_error("closed_year", _("A closing year cannot be in the future."))
        elif closed is not None and opened is not None and closed < opened:
            self.add_error(
                "closed_year",
                _("It cannot close before it opened (%(year)s).") % {"year": opened},
            )
        return cleaned


class StructureForm(RenameFields, StructureYears):
    class Meta:
        model = Structure
        fields = [
            "name",
            "slug",
            "acronym",
            "kind",
            "parent",
            "position",
            "host_country",
            "host_territory",
            "opened_year",
            "closed_year",
        ]
        help_texts = {
            "name": NAME_HELP,
            "slug": SLUG_HELP,
            "position": _("Order among the parts of the same body, lowest first."),
            "kind": _(
                "Field operations are listed by host and can be closed; the other kinds "
                "appear in the structure tree."
            ),
            "acronym": _(
                "As used in releases (ODIHR, HCNM). Three letters or more also classify "
                "releases that use them."
            ),
            "parent": _(
                "The body this one belongs to, e.g. the Secretariat for one of its units. "
                "Type to search."
            ),
            "host_country": _("For field operations: the participating State hosting it."),
            "opened_year": _("The year the body started work."),
            "closed_year": _(
                "Setting a year moves a field operation to the closed list everywhere on "
                "the public site. Its page and its releases stay."
            ),
        }


def parse_ids(values) -> list[int]:
    """Primary keys from request values; anything else (words, "²", huge numbers) is ignored."""
    ids = (ascii_int(value, minimum=1) for value in values)
    return [pk for pk in ids if pk is not None]


class TermChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        # A crafted number beyond any key, or digits that are not ASCII, must read as an
        # unknown choice, not crash SQLite or int().
        if value not in self.empty_values and ascii_int(value, minimum=1) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class MergeForm(forms.Form):
    """Step one of a merge: the term that absorbs the others."""

    target = TermChoiceField(
        queryset=None,
        label=_("Merge into"),
        help_text=_(
            "The term that remains. The others disappear, their names become its former names."
        ),
    )
    until_year = forms.IntegerField(
        label=_("Year of the change"),
        min_value=FIRST_YEAR,
        help_text=_("Recorded with the former names."),
    )

    def __init__(self, *args, sources, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(sources)
        self.fields["target"].queryset = queryset.exclude(pk__in=[s.pk for s in self.sources])
        self.fields["until_year"].initial = this_year()
        self.fields["until_year"].max_value = this_year() + 1

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None:
            try:
                check_merge(self.sources, target)
            except MergeError as error:
                raise ValidationError(str(error)) from error
        return cleaned


class MediaContactForm(forms.ModelForm):
    class Meta:
        model = MediaContact
        fields = [
            "name",
            "role",
            "structure",
            "languages",
            "phone",
            "email",
            "is_active",
            "position",
        ]
        # The form's own email check speaks as the model's does.
        error_messages = {"email": {"invalid": MediaContact.EMAIL_INVALID}}
