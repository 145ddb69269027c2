"""Forms of the release editor in the admin."""

from __future__ import annotations

import datetime
import posixpath
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.cleaning import without_control_characters
from press import pending_images
from press.html import undescribed_images
from press.images import MAX_BYTES, clean_lead_image
from press.models import (
    JournalistAccessRequest,
    PressRelease,
    Status,
    time_zone_names,
)

# Help texts written for the people filling the form, not for developers.
HELP_TEXTS = {
    "title": _("The headline, as readers will see it. Keep it under about 100 characters."),
    "slug": _(
        "Filled in from the title. Changing it on a published release keeps the old "
        "address working: readers and search engines are sent on to the new one."
    ),
    "type": _("What kind of text this is; readers can filter the listing by it."),
    "lead": _("One or two plain sentences: shown in lists, feeds and search results."),
    "body": _(
        "The full text. Use headings for sections, and links with full addresses "
        "(https://…). Pasted formatting that the site does not support is removed."
    ),
    "dateline_city": _("The city the release is issued from, in capitals, e.g. VIENNA."),
    "dateline_date": _("The date printed in the dateline, usually the day of issue."),
    "published_at": _(
        "When the release goes live. Leave empty to publish at the moment an editor "
        "publishes; a future time schedules it, and it goes live by itself then."
    ),
    "expires_at": _(
        "Optional. After this time the release leaves the listing, the feeds and the home "
        "page (for a vacancy notice or an event that is over); its page stays readable."
    ),
    "lead_source": _("The body issuing the release. Required before it can be published."),
    "supporting_sources": _("Other bodies issuing the release together with the source."),
    "media_contacts": _(
        "Whom journalists should call about this release. Leave empty to show the media "
        "contacts of the source."
    ),
    "reference": _("The organisation's reference, if the release has one, e.g. SEC.PR/123/12."),
    "countries": _("Countries the release is about. Start typing a name to search."),
    "fields_of_work": _("The OSCE fields of work the release concerns."),
    "structures": _("Institutions, units and field operations the release concerns."),
    "meeting_series": _("The meeting or conference series, if the release reports on one."),
    "tags": _("Free keywords, separated by commas. Use sparingly."),
    "image": _("JPEG, PNG or WebP, at most 10 MB and 25 megapixels."),
    "image_alt": _("What the image shows, for people who cannot see it. Required with an image."),
    "image_caption": _("Shown under the image."),
    "image_credit": _("Who took or owns the image, e.g. OSCE/Jane Doe."),
    "image_focus_x": _(
        "What every cropped copy keeps in view: click on the image above, or give the "
        "point in per cent from the left edge."
    ),
    "image_focus_y": _("… and in per cent from the top edge."),
    "event_starts_at": _(
        "Required for a media advisory: when the event starts, in the event's time zone."
    ),
    "event_ends_at": _("Optional: when it ends, in the event's time zone."),
    "event_timezone": _(
        "Where the event takes place. The times above are read and shown in this zone, "
        "whatever the time zone of the newsroom."
    ),
    "event_venue": _("Building and address, e.g. Hofburg, Heldenplatz 1, Vienna."),
    "accreditation_deadline": _(
        "Optional: the last moment journalists may apply, in the event's time zone."
    ),
    "accreditation_url": _("Where journalists apply for accreditation: an https:// address."),
}

# The times of a media advisory's event, typed and shown in the event's own zone.
EVENT_TIME_FIELDS = ("event_starts_at", "event_ends_at", "accreditation_deadline")


def time_zone_choices() -> list[tuple[str, str]]:
    return [("", "---------"), *((name, name) for name in sorted(time_zone_names()))]


class WallClockField(forms.SplitDateTimeField):
    """A date and a time as typed, without a zone: the form reads them in the event's zone
    (a typed "10:00" in Tokyo is ten in Tokyo, not in Vienna)."""

    widget = AdminSplitDateTime

    def compress(self, data_list):
        if data_list and all(data_list):
            return datetime.datetime.combine(*data_list)
        return None


def last_editor(release: PressRelease) -> tuple[str, str]:
    """Who saved the release last, and when, as the history knows it."""
    latest = (
        Version.objects.get_for_object(release)
        .select_related("revision__user")
        .order_by("-pk")
        .first()
    )
    if latest is None:
        return str(_("another user")), localize(timezone.localtime(release.updated_at))
    user = latest.revision.user
    name = (user.get_full_name() or user.get_username()) if user else str(_("another user"))
    return name, localize(timezone.localtime(latest.revision.date_created))


MAJOR, MINOR = "major", "minor"
CHANGE_FIELDS = ("change_kind", "change_note")
CHANGE_KINDS = [
    (
        MAJOR,
        _(
            "Major change: readers should know (a correction, new facts). The note below is "
            "shown on the page and in the feeds, and the release is dated as updated."
        ),
    ),
    (
        MINOR,
        _(
            "Minor change: a typo, formatting, a link. Nothing is shown to readers and the "
            "release keeps its date."
        ),
    ),
]


class LeadImageField(forms.ImageField):
    """An image upload checked by ``clean_lead_image`` alone.

    Django's own check opens the file with Pillow before any size limit applies and folds
    every problem into one message; ours refuses bombs from the header and says what is wrong.
    """

    default_validators = []  # the extension is checked, with a clearer message, by us

    def to_python(self, data):
        return forms.FileField.to_python(self, data)

    def widget_attrs(self, widget):
        # The browser says at once when a file is over the limit (admin/js/press-image-size.js).
        return {**super().widget_attrs(widget), "data-max-bytes": str(MAX_BYTES)}


class PressReleaseForm(forms.ModelForm):
    # The version of the release this form was opened on; a save from an older one is
    # refused (see clean), so two editors never silently overwrite each other.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # An image chosen before the form came back with errors (see press/pending_images.py).
    pending_image = forms.CharField(widget=forms.HiddenInput, required=False)
    withdrawal_note = forms.CharField(
        label=_("Reason for withdrawal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the public on the withdrawn release. Required to withdraw."),
    )

    withdraw_versions = forms.BooleanField(
        label=_("Withdraw its language versions too"),
        required=False,
        help_text=_("Each live version in another language is withdrawn with the same reason."),
    )

    step_comment = forms.CharField(
        label=_("Comment on this step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Goes with the workflow button you press: what the editor should know when you "
            "submit, what the author should change when you return a release to draft. Kept in "
            "the workflow history; the author is told by email."
        ),
    )

    # Asked only when the release is live (see __init__): whether readers are told.
    change_kind = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=CHANGE_KINDS,
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "required": _(
                "This release is public: say whether readers should be told of this change "
                "(major) or not (minor)."
            )
        },
    )
    change_note = forms.CharField(
        label=_("Public change note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For a major change: what changed, in a plain sentence readers will see, e.g. "
            "“Corrected the number of participants.” Plain text, no formatting. A minor "
            "change needs none (a note given is kept for the newsroom only)."
        ),
    )

    # Set by the admin: the user editing, and the workflow step the pressed button asks for.
    user = None
    # Not sent (a script-less client, an older form): the middle, as for a new image.
    image_focus_x = forms.IntegerField(
        label=_("Focal point, across (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=HELP_TEXTS["image_focus_x"],
    )
    image_focus_y = forms.IntegerField(
        label=_("Focal point, down (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=HELP_TEXTS["image_focus_y"],
    )

    event_starts_at = WallClockField(
        label=_("Event starts"), required=False, help_text=HELP_TEXTS["event_starts_at"]
    )
    event_ends_at = WallClockField(
        label=_("Event ends"), required=False, help_text=HELP_TEXTS["event_ends_at"]
    )
    event_timezone = forms.ChoiceField(
        label=_("Event time zone"),
        choices=time_zone_choices,
        required=False,
        help_text=HELP_TEXTS["event_timezone"],
    )
    accreditation_deadline = WallClockField(
        label=_("Accreditation deadline"),
        required=False,
        help_text=HELP_TEXTS["accreditation_deadline"],
    )

    requested_step: str | None = None
    uploaded_name = ""  # the file name the author chose, for messages

    class Meta:
        model = PressRelease
        fields = [
            "title",
            "slug",
            "language",
            "type",
            "lead",
            "body",
            "dateline_city",
            "dateline_date",
            "published_at",
            "expires_at",
            "lead_source",
            "supporting_sources",
            "media_contacts",
            "reference",
            "countries",
            "fields_of_work",
            "structures",
            "meeting_series",
            "tags",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
            "image_focus_x",
            "image_focus_y",
            *EVENT_TIME_FIELDS,
            "event_timezone",
            "event_venue",
            "accreditation_url",
        ]
        help_texts = HELP_TEXTS
        field_classes = {"image": LeadImageField}

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "base_version" in self.fields:
            self.fields["base_version"].initial = self.instance.version
        if "lead" in self.fields:
            self.fields["lead"].widget.attrs.setdefault("rows", 3)
        if "language" in self.fields:
            # A release is written in the site's language unless the author says otherwise.
            self.fields["language"].required = False
            self.fields["language"].help_text = _(
                "The language the release is written in. For a version of an existing "
                "release in another language, use “Add a translation” on that release."
            )
        self._show_event_times_in_their_zone()
        if not self.instance.asks_for_change_kind:
            # A draft or a scheduled release: nobody has read it yet, there is nothing to tell.
            for name in CHANGE_FIELDS:
                self.fields.pop(name, None)
        elif "change_kind" in self.fields:
            # A withdrawal tells readers why in its own public reason.
            self.fields["change_kind"].required = self.requested_step != "withdraw"

    @property
    def changed_data(self):
        # The question about the change is not a field of the release: the history says what
        # was answered in its own words (PressReleaseAdmin.construct_change_message).
        return [name for name in super().changed_data if name not in CHANGE_FIELDS]

    def clean_change_note(self):
        return without_control_characters(self.cleaned_data.get("change_note", "")).strip()

    def change_to_record(self) -> tuple[bool, str] | None:
        """(major, note) of the change this valid form saves to a live release, if any."""
        kind = self.cleaned_data.get("change_kind")
        if not kind:
            return None
        return kind == MAJOR, self.cleaned_data.get("change_note", "")

    def clean_image_focus_x(self):
        value = self.cleaned_data.get("image_focus_x")
        return 50 if value is None else value

    def clean_image_focus_y(self):
        value = self.cleaned_data.get("image_focus_y")
        return 50 if value is None else value

    def clean_tags(self):
        # Cleaned before taggit looks the names up, so "Elections\v" finds "Elections".
        names = {without_control_characters(name).strip() for name in self.cleaned_data["tags"]}
        return sorted(name for name in names if name)

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        # Checked before the sanitiser runs (with the model's validation), which would drop
        # such an image without a word.
        lead = self.instance.image.url if self.instance.image else None
        errors = []
        for number, path in undescribed_images(body):
            name = posixpath.basename(path)
            errors.append(
                ValidationError(
                    _(
                        "Image %(number)s in the text (“%(name)s”, the lead image) has no "
                        "description. Describe it for people who cannot see it, or remove it."
                    )
                    if path == lead
                    else _(
                        "Image %(number)s in the text (“%(name)s”) has no description. "
                        "Describe it for people who cannot see it, or remove it."
                    ),
                    code="image_without_alt",
                    params={"number": number, "name": name},
                )
            )
        if errors:
            raise ValidationError(errors)
        return body

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # Only a new upload is checked and re-encoded; a kept image was checked when it came.
        if image and hasattr(image, "content_type"):
            self.uploaded_name = image.name
            return clean_lead_image(image)
        if image is not False and self.user is not None:  # False: "Clear" was ticked
            token = self.data.get(self.add_prefix("pending_image"), "")
            pending = pending_images.take(token, self.user)
            if pending is not None:
                self.uploaded_name = pending_images.original_name(token, self.user)
                return pending
        return image

    def keep_image_after_errors(self) -> None:
        """The form came back with errors: keep a new image for the next save, and say so
        beside the field (a browser shows its file input empty again)."""
        image = getattr(self, "cleaned_data", {}).get("image")
        if not isinstance(image, ContentFile) or self.user is None:
            return
        token = self.data.get(self.add_prefix("pending_image")) or ""
        if pending_images.take(token, self.user) is None:
            token = pending_images.keep(image, user=self.user, original_name=self.uploaded_name)
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_image")] = token
        # The bound field copied the help text when the form was cleaned: set both.
        self.fields["image"].help_text = self["image"].help_text = _(
            "Your image “%(name)s” is kept with this form and will be attached when you save. "
            "Choose another file to replace it."
        ) % {"name": self.uploaded_name}

    def _show_event_times_in_their_zone(self) -> None:
        zone = self.instance.event_zone
        if not self.initial.get("event_timezone"):
            # Most events are at the seat: the newsroom's own zone, changed when elsewhere.
            self.initial["event_timezone"] = settings.TIME_ZONE
        for name in EVENT_TIME_FIELDS:
            value = self.initial.get(name)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def _read_event_times_in_their_zone(self, cleaned) -> None:
        name = cleaned.get("event_timezone")
        # An unknown zone has its own error already; the site's stands in meanwhile.
        zone = zoneinfo.ZoneInfo(name if name in time_zone_names() else settings.TIME_ZONE)
        for field_name in EVENT_TIME_FIELDS:
            value = cleaned.get(field_name)
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                cleaned[field_name] = value.replace(tzinfo=zone)

    def clean(self):
        cleaned = super().clean()
        self._read_event_times_in_their_zone(cleaned)
        self._check_version()
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        self._check_step(cleaned)
        if cleaned.get("change_kind") == MAJOR and not cleaned.get("change_note"):
            self.add_error(
                "change_note",
                _(
                    "A major change needs a note for readers, e.g. “Corrected the figures in "
                    "the second paragraph.” Choose a minor change if readers need not know."
                ),
            )
        return cleaned

    def _check_version(self) -> None:
        if not self.instance.pk or "base_version" not in self.fields:
            return
        started_from = self.cleaned_data.get("base_version")
        current = self._locked_version()
        if started_from == current:
            return
        who, when = last_editor(self.instance)
        # The next save from this form is a deliberate choice made after this warning: the
        # version becomes the current one, and the first editor's text stays in the history.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current
        raise ValidationError(
            _(
                "%(who)s changed this release (%(when)s) after you opened it, so your changes "
                "were not saved. Your text is still in this form. Open the release in another "
                "tab to see their version; saving this form again will replace it with yours "
                "(theirs stays in the history)."
            ),
            code="stale",
            params={"who": who, "when": when},
        )

    def _locked_version(self) -> int:
        """The release's version as stored now. Inside the admin's transaction the row is
        locked until this save commits, so two saves of the same version cannot both pass:
        the second waits, then sees the first one's version."""
        if not connection.in_atomic_block or getattr(self.instance, "_reverting", False):
            # The instance was read for this request (during a revert, with the workflow
            # state and version of the row as it stands, not as it was).
            return self.instance.version
        stored = (
            PressRelease.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        return self.instance.version if stored is None else stored

    def _check_step(self, cleaned) -> None:
        step = self.requested_step
        if not step:
            return
        release = self.instance
        if release.pk is None:
            # A new release starts as a draft; it can be submitted or published straight away.
            release = PressRelease(status=PressRelease._meta.get_field("status").default)
        if step not in release.available_transitions(self.user):
            raise ValidationError(
                _("You cannot take this step with this release."), code="step_not_allowed"
            )
        if step in ("publish", "schedule", "embargo") and not cleaned.get("lead_source"):
            self.add_error("lead_source", _("Choose the source before publishing."))
        if step == "schedule":
            when = cleaned.get("published_at")
            if when is None or when <= timezone.now():
                self.add_error(
                    "published_at",
                    _("Give a publication date and time in the future to schedule the release."),
                )
        if step == "embargo":
            until = cleaned.get("published_at")
            if until is None or until <= timezone.now():
                self.add_error(
                    "published_at",
                    _("Give the time the embargo lifts: the release goes live by itself then."),
                )
        # Sending someone's release back says why.
        sent_back = step == "return_to_draft" and release.status == Status.IN_REVIEW
        someone_elses = release.created_by_id != getattr(self.user, "pk", None)
        if sent_back and someone_elses and not cleaned.get("step_comment", "").strip():
            self.add_error("step_comment", _("Tell the author what to change."))
        if step == "withdraw" and not cleaned.get("withdrawal_note", "").strip():
            self.add_error("withdrawal_note", _("Tell the public why the release is withdrawn."))

    def clean_lead_source(self):
        source = self.cleaned_data.get("lead_source")
        if source is None and self.instance.pk and self.instance.has_been_public:
            raise ValidationError(_("A published release needs a source."))
        return source

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        published_at = self.cleaned_data.get("published_at")
        if expires_at and published_at and expires_at <= published_at:
            raise ValidationError(_("The release cannot leave the listing before it goes live."))
        return expires_at

    def clean_published_at(self):
        published_at = self.cleaned_data.get("published_at")
        if published_at is None and self.instance.pk and self.instance.has_been_public:
            raise ValidationError(_("A published release needs a publication time."))
        return published_at


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the public on each withdrawn release."),
    )


class JournalistAccessRequestForm(forms.ModelForm):
    """The press room's public request form."""

    # Left empty by people (it is hidden from them); robots that fill every field are
    # answered as everyone is, and nothing is stored.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = JournalistAccessRequest
        fields = ["name", "media_outlet", "email", "country", "credentials"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}
