"""The newsroom's editing desk: press releases in the Django admin.

Authors write and submit drafts (their own and those shared with them); editors edit every
release and publish, schedule, unschedule and withdraw. Every workflow step goes through the
model's transition methods, which check permissions again, so neither a button, an action, a
history revert nor a hand-made POST can go around them.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import uuid

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.models import Version
from sorl.thumbnail import get_thumbnail
from taggit.models import Tag, TaggedItem

from core.admin_history import GuardedVersionAdmin
from core.cleaning import ascii_int
from core.languages import native_name
from core.mail import send_password_reset
from press import autosave, checks, editing, link_checks, live_preview, pending_images, preview
from press.changes import version_changes
from press.classifier import Classifier
from press.forms import PressReleaseForm, WithdrawForm
from press.fulltext import clean_query, is_postgresql
from press.models import (
    GROUP_FIELDS,
    GROUP_LINKS,
    ChangeNote,
    EmbargoedView,
    InvalidTransition,
    JournalistAccessRequest,
    PressRelease,
    ReleaseSlugRedirect,
    Status,
)
from press.search import documents_matching
from taxonomy.kinds import KINDS
from taxonomy.models import MediaContact

# Every field is in the history, workflow fields included, so a diff shows them; a revert
# restores the content only (see PressReleaseAdmin.revision_view). Tags live in taggit's
# link rows: each revision keeps this release's rows, so a diff shows tags and a revert
# restores them (only this release's links; the tags themselves are shared).
if not reversion.is_registered(TaggedItem):
    reversion.register(TaggedItem)
if not reversion.is_registered(PressRelease):
    reversion.register(PressRelease, follow=("tagged_items",))
# A change note joins the revision of the save it describes, so the history shows each
# version with what readers were told of it. It is not followed by the release: a revert
# restores text, and never takes back what the public was told (a revert of a live release
# is itself a change, with a note of its own).
if not reversion.is_registered(ChangeNote):
    reversion.register(ChangeNote)

# Fields a revert must not take back: the workflow state and the bookkeeping of the row
# (who may edit it, shared_with, is kept too; see PressReleaseAdmin.after_restore).
WORKFLOW_FIELDS = (
    "status",
    "published_at",
    "withdrawn_at",
    "withdrawal_reason",
    "version",
    "preview_key",
    "created_by_id",
    "created_at",
    "legacy_key",
    "major_change_at",
)

STEP_LABELS = {
    "submit": _("Save and submit for review"),
    "publish": _("Save and publish now"),
    "schedule": _("Save and schedule"),
    "return_to_draft": _("Save and return to draft"),
    "embargo": _("Save and share under embargo"),
    "unschedule": _("Save and unschedule"),
    "withdraw": _("Save and withdraw"),
    "reinstate": _("Save and reinstate"),
}
STEP_DONE = {
    "submit": _("Submitted for review."),
    "publish": _("Published."),
    "schedule": _("Scheduled: it goes live by itself at the publication time."),
    "return_to_draft": _("Returned to draft."),
    "embargo": _(
        "Shared with accredited journalists in the press room; it goes live by itself when "
        "the embargo lifts."
    ),
    "unschedule": _("Unscheduled: the release is back in review."),
    "withdraw": _("Withdrawn."),
    "reinstate": _("Reinstated."),
}


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, Status.DRAFT.label),
            (Status.IN_REVIEW, Status.IN_REVIEW.label),
            ("scheduled", _("Scheduled")),
            (Status.PUBLISHED, _("Published (live)")),
            (Status.WITHDRAWN, Status.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == Status.PUBLISHED:
            return queryset.published().filter(status=Status.PUBLISHED)
        if value in (Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN):
            return queryset.filter(status=value)
        return queryset


PLAIN_TEXT = "text/plain; charset=utf-8"


def _with_initial(form_class, initial: dict):
    """An ``__init__`` for ``form_class`` that starts an unbound form from ``initial``."""

    def __init__(self, *args, **kwargs):
        if not args and "data" not in kwargs:
            kwargs["initial"] = {**kwargs.get("initial", {}), **initial}
        form_class.__init__(self, *args, **kwargs)

    return __init__


class MissingInLanguageFilter(admin.SimpleListFilter):
    """Originals with no version in a language yet: what the translators have to do."""

    title = _("missing in language")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in dict(settings.LANGUAGES):
            return queryset
        return queryset.missing_in(language)


class TranslationStateFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("original", _("Originals")),
            ("version", _("Versions in another language")),
            ("outdated", _("Outdated versions (the original changed since)")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "original":
            return queryset.filter(translation_of__isnull=True)
        if value == "version":
            return queryset.filter(translation_of__isnull=False)
        if value == "outdated":
            return queryset.outdated_translations()
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # Every year from the first release to the last: two index lookups, where listing
        # the distinct years would read every release.
        span = PressRelease.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    # The years the listing's own date filter accepts: beyond them lies a date overflow.
    FIRST, LAST = 1900, 2999

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = self.value()
        self.year = self.parse(value)
        if value and self.year is None:
            # Said once, and the list is shown unfiltered ("All" selected), as for no year.
            del self.used_parameters[self.parameter_name]
            messages.error(request, self.refusal(value))

    @classmethod
    def parse(cls, value: str | None) -> int | None:
        return ascii_int(value, minimum=cls.FIRST, maximum=cls.LAST) if value else None

    @classmethod
    def refusal(cls, value: str) -> str:
        return _("“%(value)s” is not a year between %(first)s and %(last)s.") % {
            "value": value[:20],
            "first": cls.FIRST,
            "last": cls.LAST,
        }

    def queryset(self, request, queryset):
        if self.year is not None:
            return queryset.filter(published_at__year=self.year)
        return queryset


def translation_state(version: PressRelease) -> str:
    if not version.is_translation:
        return _("original")
    if version.is_outdated:
        return _("outdated: the original changed since")
    return _("up to date")


@admin.register(PressRelease)
class PressReleaseAdmin(GuardedVersionAdmin):
    form = PressReleaseForm
    # The status and the workflow buttons at the top as well: a long release is not scrolled
    # through to publish it.
    save_on_top = True
    list_display = [
        "title",
        "language_label",
        "status_label",
        "published_at",
        "lead_source",
        "created_by",
    ]
    list_filter = [
        StatusFilter,
        "type",
        ("lead_source", admin.RelatedOnlyFieldListFilter),
        # All of them (reference data): finding only those in use reads every link.
        "countries",
        "fields_of_work",
        YearFilter,
        "language",
        TranslationStateFilter,
        MissingInLanguageFilter,
        "needs_review",
    ]
    search_fields = ["title", "reference", "lead", "body"]
    search_help_text = _(
        'Words of the headline, lead, text or classification, in any form ("train" finds '
        '"training"); "a quoted phrase", -excluded, or. An address or a reference number '
        "finds its release."
    )
    date_hierarchy = "published_at"
    list_select_related = ["lead_source", "created_by"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "lead_source",
        "supporting_sources",
        "countries",
        "fields_of_work",
        "structures",
        "meeting_series",
        "media_contacts",
    ]
    readonly_fields = [
        "versions_panel",
        "state_panel",
        "image_panel",
        "checks_panel",
        "suggestions_panel",
        "preview_panel",
        "steps_panel",
    ]
    filter_horizontal = ["shared_with"]
    actions = [
        "submit_selected",
        "publish_selected",
        "unschedule_selected",
        "return_selected_to_draft",
        "withdraw_selected",
        "reinstate_selected",
        "export_csv",
    ]
    change_form_template = "admin/press/pressrelease/change_form.html"
    change_list_template = "admin/press/pressrelease/change_list.html"
    object_history_template = "admin/press/pressrelease/object_history.html"
    history_latest_first = True

    # The order an editor works in: the story, then where it comes from and what it is
    # about, then the picture, then when it goes out.
    def get_fieldsets(self, request, obj=None):
        editable = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        fieldsets = [
            (
                None,
                {
                    "fields": [
                        "title",
                        "slug",
                        "language",
                        "type",
                        "reference",
                        *(["base_version"] if editable else []),
                    ]
                },
            ),
            *(
                [(_("Language versions"), {"fields": ["versions_panel"]})]
                if obj is not None
                else []
            ),
            (_("Text"), {"fields": ["lead", "body"]}),
            (_("Dateline"), {"fields": ["dateline_city", "dateline_date"]}),
            (
                _("Media advisory: the event"),
                {
                    "fields": [
                        "event_starts_at",
                        "event_ends_at",
                        "event_timezone",
                        "event_venue",
                        "accreditation_deadline",
                        "accreditation_url",
                    ],
                    # Hidden by admin/js/press-event.js unless the type is media advisory;
                    # without the script it is always there, and ignored for other types.
                    "classes": ["press-event"],
                    "description": _(
                        "Only for a media advisory: the event it invites the press to. Its "
                        "page, the events page and the calendar files show these details."
                    ),
                },
            ),
            (_("Source"), {"fields": ["lead_source", "supporting_sources", "media_contacts"]}),
            (
                _("Classification"),
                {
                    "fields": [
                        *(["suggestions_panel"] if editable else []),
                        "countries",
                        "fields_of_work",
                        "structures",
                        "meeting_series",
                        "tags",
                    ]
                },
            ),
            (
                _("Lead image"),
                {
                    "fields": [
                        "image",
                        *(["pending_image"] if editable else []),
                        "image_panel",
                        "image_focus_x",
                        "image_focus_y",
                        "image_alt",
                        "image_caption",
                        "image_credit",
                    ]
                },
            ),
        ]
        publication = [
            "state_panel",
            *(["checks_panel"] if editable else []),
            "published_at",
            "expires_at",
        ]
        if editable and obj is not None and "withdraw" in obj.available_transitions(request.user):
            publication.append("withdrawal_note")
            if not obj.is_translation and obj.translations.filter(status=Status.PUBLISHED):
                publication.append("withdraw_versions")
        if editable:
            publication.append("step_comment")
        if obj is not None and editable:
            publication.append("preview_panel")
        fieldsets.append((_("Publication"), {"fields": publication}))
        fieldsets.append(
            (
                _("Authors"),
                {
                    "fields": ["shared_with"],
                    "description": _(
                        "Authors edit their own drafts and those shared with them; editors "
                        "edit every release. Only the release's author and editors change this."
                    ),
                },
            )
        )
        if editable and obj is not None and obj.asks_for_change_kind:
            # Last before the buttons: the question every save of a public release answers.
            fieldsets.append(
                (
                    _("This change"),
                    {
                        "fields": ["change_kind", "change_note"],
                        "classes": ["press-change"],
                        "description": _(
                            "This release is public. Readers are told of a major change on "
                            "its page (“Updated …” and the change history) and in the feeds; "
                            "a minor one is kept in the history for the newsroom only."
                        ),
                    },
                )
            )
        if obj is not None:
            fieldsets.append((_("Workflow history"), {"fields": ["steps_panel"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        step = request.POST.get("_step") if request.method == "POST" else None
        # The form checks that the user may take the step the pressed button asks for.
        attrs = {"user": request.user, "requested_step": step}
        kept = self._kept_to_restore(request, obj)
        if kept is not None:
            attrs["__init__"] = _with_initial(form, autosave.restored_initial(form, kept))
        return type(form.__name__, (form,), attrs)

    def _kept_to_restore(self, request, obj):
        if request.method != "GET" or (
            request.GET.get(autosave.RESTORE_PARAMETER) != autosave.RESTORE_VALUE
        ):
            return None
        kept = autosave.kept_for(request.user, obj)
        return kept if kept is not None and not kept.is_behind else None

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.can_share(request.user):
            fields.append("shared_with")  # a co-author may not pass the draft on
        if obj is not None:
            fields.append("language")  # a version's language is what it is
        if obj is not None and obj.is_translation:
            # The group's classification is edited once, on the original.
            fields += [name for name in (*GROUP_FIELDS, *GROUP_LINKS, "tags") if name != "type"]
            fields.append("type")
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "media_contacts":
            # Each chosen contact is named with its structure.
            kwargs["queryset"] = MediaContact.objects.select_related("structure")
        if db_field.name == "shared_with":
            # Those who write releases; the list of accounts is not otherwise open to authors.
            may_write = Permission.objects.get(
                content_type__app_label="press", codename="change_pressrelease"
            )
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(
                    Q(groups__permissions=may_write)
                    | Q(user_permissions=may_write)
                    | Q(is_superuser=True)
                )
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_field_queryset(self, db, db_field, request):
        # The autocomplete widgets search through the related admins; the form itself only
        # checks the chosen ids, so the related admin's list ordering is not needed here.
        return None

    # Permissions.

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("press.publish_pressrelease")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Authors edit their own drafts and those shared with them; what is in review or has
        # gone out is the editors'. Every other release is read-only to them.
        return obj is None or obj.can_edit(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_source", "created_by")

    # Columns.

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj: PressRelease) -> str:
        return obj.display_status

    @admin.display(description=_("language"), ordering="language")
    def language_label(self, obj: PressRelease) -> str:
        code = obj.language
        if obj.is_translation:
            return format_html(
                '<span title="{}">{} ↳</span>', _("a version of another release"), code
            )
        return code

    @admin.display(description=_("language versions"))
    def versions_panel(self, obj: PressRelease | None) -> str:
        if obj is None or obj.pk is None:
            return ""
        versions = list(obj.versions().select_related("translation_of"))
        rows = format_html_join(
            "",
            '<tr><th scope="row" lang="{}">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    version.language,
                    native_name(version.language),
                    format_html(
                        '<a href="{}" lang="{}"{}>{}</a>',
                        reverse("admin:press_pressrelease_change", args=[version.pk]),
                        version.language,
                        mark_safe(' aria-current="page"') if version.pk == obj.pk else "",
                        version.title,
                    ),
                    version.display_status,
                    translation_state(version),
                )
                for version in versions
            ),
        )
        missing = obj.missing_languages(versions)
        buttons = ""
        if missing and getattr(obj, "viewer_may_translate", False):
            buttons = format_html(
                '<p class="press-versions__add">{} {}</p>',
                _("Add a translation:"),
                format_html_join(
                    " ",
                    '<button type="submit" class="button" name="_translate_to" value="{}" '
                    'formaction="{}" formnovalidate lang="{}">{}</button>',
                    (
                        (
                            code,
                            reverse("admin:press_pressrelease_translate", args=[obj.pk]),
                            code,
                            native_name(code),
                        )
                        for code in missing
                    ),
                ),
            )
        return format_html(
            '<table class="press-versions"><caption class="visually-hidden">{}</caption>'
            '<thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
            "</table>{}",
            _("The versions of this release in each language"),
            _("Language"),
            _("Headline"),
            _("Status"),
            _("Translation"),
            rows,
            buttons,
        )

    # Read-only panels of the change form.

    @admin.display(description=_("status"))
    def state_panel(self, obj: PressRelease | None) -> str:
        if obj is None or obj.pk is None:
            return str(Status.DRAFT.label)
        if obj.embargo_until:
            return format_html(
                "{} – {}",
                _("Under embargo"),
                _("shared with accredited journalists; goes live on %(when)s")
                % {"when": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M %Z")},
            )
        if obj.is_scheduled:
            return format_html(
                "{} – {}",
                _("Scheduled"),
                _("goes live on %(when)s")
                % {"when": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")},
            )
        if obj.is_withdrawn:
            return format_html("{}: {}", obj.display_status, obj.withdrawal_reason)
        if obj.is_live:
            return format_html(
                '{} – <a href="{}">{}</a>',
                obj.display_status,
                obj.get_absolute_url(),
                _("view on site"),
            )
        return obj.display_status

    @admin.display(description=_("image and focal point"))
    def image_panel(self, obj: PressRelease | None) -> str:
        """The lead image as it is stored, its size and weight, and its focal point: a click
        on it moves the point (admin/js/press-focus.js); a newly chosen file shows here too."""
        image = ""
        facts = _("No image yet. A chosen file shows here before it is saved.")
        if obj is not None and obj.image and obj.image_width:
            try:
                thumb = get_thumbnail(obj.image, "480", upscale=False, format="JPEG", quality=82)
                weight = filesizeformat(obj.image.size)
            except OSError:
                thumb, weight = None, "?"
            # sorl hands back a thumbnail without a size when the source could not be read.
            if thumb is not None and thumb.size:
                image = format_html(
                    '<img src="{}" width="{}" height="{}" alt="{}">',
                    thumb.url,
                    thumb.width,
                    thumb.height,
                    _("The lead image. Click on it to set the focal point."),
                )
            facts = _("%(width)d × %(height)d pixels, %(weight)s") % {
                "width": obj.image_width,
                "height": obj.image_height,
                "weight": weight,
            }
        x, y = (obj.image_focus_x, obj.image_focus_y) if obj is not None else (50, 50)
        return format_html(
            '<figure class="press-focus" data-alt="{}"><div class="press-focus__frame">{}'
            '<span class="press-focus__marker" style="left: {}%; top: {}%"{}></span></div>'
            '<figcaption class="press-focus__facts" aria-live="polite">{}</figcaption></figure>',
            _("The chosen image. Click on it to set the focal point."),
            image,
            x,
            y,
            "" if image else mark_safe(" hidden"),
            facts,
        )

    @admin.display(description=_("checks before submitting"))
    def checks_panel(self, obj: PressRelease | None) -> str:
        if obj is None or obj.pk is None:
            findings, address = None, reverse("admin:press_pressrelease_checks_new")
        else:
            findings = checks.check(obj, obj.terms)
            address = reverse("admin:press_pressrelease_checks", args=[obj.pk])
        return format_html(
            '<div class="press-checks" data-url="{}" data-failed="{}">'
            '<p class="press-checks__summary" role="status">{}</p>'
            '<ul class="press-checks__list">{}</ul>'
            '<button type="button" class="button press-checks__run">{}</button></div>',
            address,
            _("The checks could not run just now."),
            checks_summary(findings),
            format_html_join("", "{}", ((finding_item(f),) for f in findings or ())),
            _("Check the form as it is now") if findings is not None else _("Run the checks"),
        )

    @admin.display(description=_("suggested terms"))
    def suggestions_panel(self, obj: PressRelease | None) -> str:
        return format_html(
            '<div class="press-suggestions" data-url="{}">'
            '<button type="button" class="button press-suggestions__run">{}</button>'
            '<p class="press-suggestions__status help" aria-live="polite"></p>'
            '<ul class="press-suggestions__list"></ul></div>',
            reverse("admin:press_pressrelease_suggest"),
            _("Suggest terms from the text"),
        )

    @admin.display(description=_("preview"))
    def preview_panel(self, obj: PressRelease | None) -> str:
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a class="button" href="{}">{}</a> <span class="help">{}</span>',
            reverse("admin:press_pressrelease_preview", args=[obj.pk]),
            _("Share preview"),
            _("A link for reviewers without an account, valid for 7 days."),
        )

    @admin.display(description=_("steps"))
    def steps_panel(self, obj: PressRelease | None) -> str:
        if obj is None or obj.pk is None:
            return ""
        steps = obj.transitions.select_related("by")
        if not steps:
            return _("No workflow steps yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(step.at).strftime("%Y-%m-%d %H:%M"),
                    step.by.get_username() if step.by else "—",
                    step.get_from_status_display(),
                    step.get_to_status_display(),
                    step.note,
                )
                for step in steps
            ),
        )
        return format_html(
            '<table class="press-steps"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("When"),
            _("Who"),
            _("Step"),
            _("Note"),
            rows,
        )

    # Saving: the author is recorded; a workflow button's step follows the save.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        steps = []
        if self.has_change_permission(request, obj):
            release = obj if obj is not None else PressRelease()
            steps = [
                (name, STEP_LABELS[name]) for name in release.available_transitions(request.user)
            ]
        context["workflow_steps"] = steps
        form = context["adminform"].form
        if form.is_bound and form.errors:
            form.keep_image_after_errors()
        may_edit = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        if may_edit:
            context["autosave"] = autosave.notice(request, obj)
            context["autosave_url"] = autosave.save_url(obj)
            context["autosave_interval_ms"] = int(settings.NEWSROOM["AUTOSAVE_SECONDS"] * 1000)
            context["live_preview_url"] = (
                reverse("admin:press_pressrelease_live_preview", args=[obj.pk])
                if obj is not None
                else reverse("admin:press_pressrelease_live_preview_new")
            )
        if may_edit and obj is not None:
            context["editing"] = editing.notice(request, obj)
            context["editing_interval_ms"] = int(
                settings.NEWSROOM["EDITING_HEARTBEAT_SECONDS"] * 1000
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL: the full-text index the public search uses, drafts included (a
        # substring scan of every text is a second at 100,000 releases); SQLite: substrings.
        text = clean_query(search_term)
        if not text or not is_postgresql():
            return super().get_search_results(request, queryset, search_term)
        matching = documents_matching(text).values("release_id")
        address = text.strip("/").rsplit("/", 1)[-1]  # a pasted public address or a slug
        return queryset.filter(Q(pk__in=matching) | Q(slug=address)), False

    def construct_change_message(self, request, form, formsets, add=False):
        # The history names the workflow step a button took, not "No fields changed", and
        # what readers were told of the change.
        message = super().construct_change_message(request, form, formsets, add)
        step = getattr(form, "requested_step", None)
        noted = change_summary(form.change_to_record() if not add else None)
        if step not in STEP_DONE and not noted:
            return message
        changed = LogEntry(change_message=json.dumps(message)).get_change_message()
        if not message or changed == gettext("No fields changed."):
            changed = ""
        parts = [str(STEP_DONE[step]) if step in STEP_DONE else "", noted, changed]
        return " ".join(part for part in parts if part) or changed

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        change_to_record = form.change_to_record() if change else None
        if change_to_record is not None:
            major, note = change_to_record
            noted = obj.record_change(by=request.user, major=major, note=note)
            if reversion.is_active():
                reversion.add_to_revision(noted)
        autosave.forget(request.user, obj, new=not change)
        pending_images.discard(form.cleaned_data.get("pending_image", ""), request.user)
        # Links to other sites are asked after the response: the author never waits for them.
        release_id = obj.pk
        transaction.on_commit(lambda: link_checks.check_links.enqueue(release_id))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        step = form.requested_step
        if step:
            self._take_step(request, form.instance, step, form.cleaned_data)

    def _take_step(self, request, release, step, cleaned) -> bool:
        kwargs = {"by": request.user}
        if step == "publish":
            # Publishing now keeps a publication time already past (a backdated release) and
            # replaces one still to come: scheduling is its own, explicit step.
            chosen, now = cleaned.get("published_at"), timezone.now()
            kwargs["at"] = chosen if chosen and chosen <= now else now
        if step == "schedule":
            kwargs["at"] = cleaned.get("published_at")
        if step == "embargo":
            kwargs["until"] = cleaned.get("published_at")
        if step == "withdraw":
            kwargs["reason"] = cleaned.get("withdrawal_note", "")
        else:
            kwargs["note"] = cleaned.get("step_comment", "").strip()
        try:
            getattr(release, step)(**kwargs)
        except (InvalidTransition, PermissionDenied) as error:
            messages.error(request, str(error) or _("You are not allowed to do this."))
            return False
        message = STEP_DONE[step]
        if step == "withdraw" and cleaned.get("withdraw_versions"):
            for version in release.translations.filter(status=Status.PUBLISHED):
                if version.is_live:
                    version.withdraw(by=request.user, reason=kwargs["reason"])
            message = _("Withdrawn, with its versions in other languages.")
        if step == "submit":
            findings = checks.check(release, release.terms)
            if findings:
                messages.warning(request, checks_summary(findings))
        if step == "publish" and release.is_scheduled:
            message = _("Scheduled: it goes live by itself at the publication time.")
        messages.success(request, message)
        return True

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_step"):
            return redirect("admin:press_pressrelease_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get("_step"):
            return redirect("admin:press_pressrelease_change", obj.pk)
        return super().response_change(request, obj)

    # History: a revert restores what the release said, not where it is in the workflow nor
    # who may edit it; a recovered release comes back as a draft. Either is kept only when
    # the form is saved (see GuardedVersionAdmin), so the save, its checks and its record
    # are those of any edit.

    def restore_rows(self, request, version, current):
        # Read before the stored links overwrite them.
        request._press_sharing = list(current.shared_with.all()) if current is not None else []
        super().restore_rows(request, version, current)

    def after_restore(self, request, version, current):
        rows = PressRelease.objects.filter(pk=version.object_id)
        if current is not None:
            rows.update(**{name: getattr(current, name) for name in WORKFLOW_FIELDS})
            rows.get().shared_with.set(request._press_sharing)
            request._press_current = current
        else:
            # Deleted releases come back unpublished, with new preview links: going public
            # again is an editor's workflow step like any other.
            rows.update(
                status=Status.DRAFT,
                withdrawn_at=None,
                withdrawal_reason="",
                preview_key=uuid.uuid4(),
                # Its change notes went with it: a release published again starts afresh.
                major_change_at=None,
            )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The versions panel offers "Add a translation" to those who may add releases.
            obj.viewer_may_translate = self.has_add_permission(request)
        current = getattr(request, "_press_current", None)
        if obj is not None and current is not None:
            # The address before the revert: changing it creates a redirect as usual.
            obj._stored_slug = current.slug
            # The row already holds the old version's values (and its lock) while the form
            # is checked: the version to compare with is the one read before.
            obj._reverting = True
        return obj

    def history_view(self, request, object_id, extra_context=None):
        release = self._release_or_404(request, object_id)
        versions = list(Version.objects.get_for_object(release).select_related("revision__user"))
        may_revert = self.has_revert_permission(request, release)
        rows = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            rows.append(
                {
                    "version": version,
                    "revert_url": reverse(
                        "admin:press_pressrelease_revision", args=[release.pk, version.pk]
                    )
                    if may_revert
                    else "",
                    "compare_url": (
                        reverse("admin:press_pressrelease_compare", args=[release.pk])
                        + f"?a={older.pk}&b={version.pk}"
                        if older
                        else ""
                    ),
                }
            )
        context = {"versions": rows, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        release = self._release_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, release):
            raise PermissionDenied
        versions = Version.objects.get_for_object(release).select_related("revision__user")
        try:
            older = versions.get(pk=int(request.GET.get("a", "")))
            newer = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404(_("Choose two versions of this release to compare.")) from None
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Changes to “%(title)s”") % {"title": release.title},
            "older": older,
            "newer": newer,
            "changes": version_changes(older, newer),
        }
        return TemplateResponse(request, "admin/press/pressrelease/compare.html", context)

    # Preview links.

    def preview_view(self, request, object_id):
        release = self._release_or_404(request, object_id)
        # A preview link shows the release to anyone holding it: for those who may edit it.
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        if request.method == "POST":
            release.revoke_preview_links()
            messages.success(request, _("All preview links shared so far no longer work."))
            return redirect("admin:press_pressrelease_preview", release.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Share a preview of “%(title)s”") % {"title": release.title},
            "preview_link": request.build_absolute_uri(preview.preview_url(release)),
            "expires": timezone.now() + preview.MAX_AGE,
            "can_revoke": self.has_change_permission(request, release),
        }
        return TemplateResponse(request, "admin/press/pressrelease/preview.html", context)

    # Tag suggestions, asked for by the form's script while the author writes.

    def suggest_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        classification = Classifier.from_database().classify(
            request.POST.get("title", ""),
            request.POST.get("lead", ""),
            strip_tags(request.POST.get("body", "")),
        )
        payload = {}
        for kind in KINDS:
            ids = classification.ids(kind.key)
            terms = kind.model.objects.filter(pk__in=ids).order_by("name")
            payload[kind.release_field] = [
                {
                    "id": term.pk,
                    "name": term.name,
                    "because": sorted(classification.evidence.get((kind.key, term.pk), ())),
                }
                for term in terms
            ]
        return JsonResponse(payload)

    def tags_view(self, request):
        """Existing tags starting with ``q``, most used first: the tag field's autocomplete."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        prefix = " ".join(request.GET.get("q", "").split())[:100]
        if not prefix:
            return JsonResponse({"tags": []})
        tags = (
            Tag.objects.filter(name__istartswith=prefix)
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:10]
        )
        return JsonResponse({"tags": list(tags)})

    def link_search_view(self, request):
        """Releases whose title holds the words of ``q``: the body editor's "Link to a
        release" dialog. Drafts are in it (a link may be written before its target is
        out), marked so that the author knows readers cannot follow it yet."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        releases = PressRelease.objects.titled(request.GET.get("q", "")[:200])[:10]
        return JsonResponse(
            {
                "results": [
                    {
                        "title": release.title,
                        "date": date_format(
                            timezone.localtime(release.published_at or release.updated_at)
                        ),
                        "status": str(release.display_status),
                        "public": release.is_live,
                        "url": release.get_absolute_url(),
                    }
                    for release in releases
                ]
            }
        )

    # Export.

    def exportable(self, request, queryset):
        """Editors export any list; an author exports their own releases and those shared
        with them (the list shows them the others' titles, a file to pass on does not)."""
        if self.has_publish_permission(request):
            return queryset
        return queryset.involving(request.user)

    def export_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        year = request.GET.get(YearFilter.parameter_name)
        if year and YearFilter.parse(year) is None:
            # A file of every release is not what a mistyped year asked for.
            return HttpResponseBadRequest(YearFilter.refusal(year), content_type=PLAIN_TEXT)
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # The same answer the list gives to filters it does not understand.
            return redirect(reverse("admin:press_pressrelease_changelist") + "?e=1")
        return releases_csv(self.exportable(request, changelist.get_queryset(request)))

    # Autosave (press/autosave.py).

    def _release_or_none(self, request, object_id):
        return None if object_id is None else self._release_or_404(request, object_id)

    def _release_or_404(self, request, object_id) -> PressRelease:
        # get_object() reads any address ("1/change", "²") as no release, never a crash.
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404(_("No such release."))
        return release

    def autosave_view(self, request, object_id=None):
        return autosave.save_view(self, request, self._release_or_none(request, object_id))

    def autosave_discard_view(self, request, object_id=None):
        return autosave.discard_view(self, request, self._release_or_none(request, object_id))

    # Checks before submitting (press/checks.py), on the form as it is now.

    def checks_view(self, request, object_id=None):
        release = self._release_or_none(request, object_id)
        autosave.check_may_edit(self, request, release)
        fields = autosave.submitted_fields(request, self.get_form(request, release))
        shown = live_preview.unsaved(self, request, release, fields)
        findings = checks.check(shown, shown.terms)
        return JsonResponse(
            {
                "summary": str(checks_summary(findings)),
                "items": [str(finding_item(finding)) for finding in findings],
            }
        )

    # The live preview beside the form (press/live_preview.py).

    def live_preview_view(self, request, object_id=None):
        release = self._release_or_none(request, object_id)
        return live_preview.keep_view(self, request, release)

    def live_preview_page_view(self, request, object_id=None):
        release = self._release_or_none(request, object_id)
        return live_preview.page_view(self, request, release)

    # Who is editing (press/editing.py).

    def editing_view(self, request, object_id):
        return editing.heartbeat_view(self, request, self._release_or_404(request, object_id))

    def take_over_view(self, request, object_id):
        return editing.take_over_view(self, request, self._release_or_404(request, object_id))

    def leave_view(self, request, object_id):
        return editing.leave_view(self, request, self._release_or_404(request, object_id))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path(
                "checks/",
                wrap(require_POST(self.checks_view)),
                name="press_pressrelease_checks_new",
            ),
            path(
                "<path:object_id>/checks/",
                wrap(require_POST(self.checks_view)),
                name="press_pressrelease_checks",
            ),
            path(
                "live-preview/",
                wrap(require_POST(self.live_preview_view)),
                name="press_pressrelease_live_preview_new",
            ),
            path(
                "live-preview/page/",
                wrap(self.live_preview_page_view),
                name="press_pressrelease_live_preview_new_page",
            ),
            path(
                "<path:object_id>/live-preview/",
                wrap(require_POST(self.live_preview_view)),
                name="press_pressrelease_live_preview",
            ),
            path(
                "<path:object_id>/live-preview/page/",
                wrap(self.live_preview_page_view),
                name="press_pressrelease_live_preview_page",
            ),
            path(
                "<path:object_id>/editing/",
                wrap(require_POST(self.editing_view)),
                name="press_pressrelease_editing",
            ),
            path(
                "<path:object_id>/editing/take-over/",
                wrap(require_POST(self.take_over_view)),
                name="press_pressrelease_take_over",
            ),
            path(
                "<path:object_id>/editing/leave/",
                wrap(require_POST(self.leave_view)),
                name="press_pressrelease_leave",
            ),
            path(
                "suggest/", wrap(require_POST(self.suggest_view)), name="press_pressrelease_suggest"
            ),
            path("export.csv", wrap(self.export_view), name="press_pressrelease_export"),
            path("tags/", wrap(self.tags_view), name="press_pressrelease_tags"),
            path(
                "link-search/", wrap(self.link_search_view), name="press_pressrelease_link_search"
            ),
            path(
                "autosave/",
                wrap(require_POST(self.autosave_view)),
                name="press_pressrelease_autosave_new",
            ),
            path(
                "autosave/discard/",
                wrap(require_POST(self.autosave_discard_view)),
                name="press_pressrelease_autosave_discard_new",
            ),
            path(
                "<path:object_id>/autosave/",
                wrap(require_POST(self.autosave_view)),
                name="press_pressrelease_autosave",
            ),
            path(
                "<path:object_id>/autosave/discard/",
                wrap(require_POST(self.autosave_discard_view)),
                name="press_pressrelease_autosave_discard",
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name="press_pressrelease_compare",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="press_pressrelease_preview",
            ),
            path(
                "<path:object_id>/translate/",
                wrap(require_POST(self.translate_view)),
                name="press_pressrelease_translate",
            ),
            path(
                "translations/",
                wrap(self.translations_report_view),
                name="press_pressrelease_translations",
            ),
        ]
        return own + super().get_urls()

    # Language versions.

    def translate_view(self, request, object_id):
        release = self._release_or_404(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        language = request.POST.get("_translate_to", "")
        try:
            version = release.add_translation(language, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("admin:press_pressrelease_change", release.pk)
        name = translation.get_language_info(language)["name_translated"]
        messages.success(
            request,
            _(
                "A draft in %(language)s starts from the original's text: translate it, then "
                "submit it. Its classification is the original's."
            )
            % {"language": name},
        )
        return redirect("admin:press_pressrelease_change", version.pk)

    def translations_report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        releases = PressRelease.objects.all()
        changelist = reverse("admin:press_pressrelease_changelist")
        rows = []
        for code, name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            versions = releases.filter(language=code, translation_of__isnull=False)
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "published": versions.published().filter(status=Status.PUBLISHED).count(),
                    "in_progress": versions.filter(
                        status__in=[Status.DRAFT, Status.IN_REVIEW]
                    ).count(),
                    "missing": releases.missing_in(code).published().count(),
                    "outdated": versions.outdated_translations().count(),
                    "missing_url": f"{changelist}?missing={code}&state=published",
                    "outdated_url": f"{changelist}?language={code}&translation=outdated",
                    "published_url": f"{changelist}?language={code}&translation=version"
                    "&state=published",
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Translation status"),
            "rows": rows,
            "originals": releases.filter(translation_of__isnull=True).published().count(),
        }
        return TemplateResponse(request, "admin/press/pressrelease/translations.html", context)

    # Actions: the same transitions, for many releases at once.

    def _bulk_step(self, request, queryset, step: str, **kwargs) -> None:
        done, refused = 0, []
        for release in queryset:
            step_kwargs = dict(kwargs)
            if step == "publish":
                step_kwargs["at"] = release.published_at or timezone.now()
            try:
                getattr(release, step)(by=request.user, **step_kwargs)
            except (InvalidTransition, PermissionDenied):
                refused.append(release.title)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d release: %(step)s", "%(count)d releases: %(step)s", done)
                % {"count": done, "step": STEP_DONE[step]},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not possible for: %(titles)s") % {"titles": ", ".join(refused)},
                messages.WARNING,
            )

    @admin.action(description=_("Submit selected releases for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk_step(request, queryset, "submit")

    @admin.action(
        description=_("Publish selected releases (at their publication time, or now)"),
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        self._bulk_step(request, queryset, "publish")

    @admin.action(description=_("Unschedule selected releases"), permissions=["publish"])
    def unschedule_selected(self, request, queryset):
        self._bulk_step(request, queryset, "unschedule")

    @admin.action(description=_("Return selected releases to draft"), permissions=["publish"])
    def return_selected_to_draft(self, request, queryset):
        self._bulk_step(request, queryset, "return_to_draft")

    @admin.action(description=_("Withdraw selected releases…"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        form = WithdrawForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._bulk_step(request, queryset, "withdraw", reason=form.cleaned_data["reason"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Withdraw releases"),
            "releases": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/press/pressrelease/withdraw.html", context)

    @admin.action(description=_("Reinstate selected withdrawn releases"), permissions=["publish"])
    def reinstate_selected(self, request, queryset):
        self._bulk_step(request, queryset, "reinstate")

    @admin.action(description=_("Export selected releases as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return releases_csv(self.exportable(request, queryset))


def change_summary(change: tuple[bool, str] | None) -> str:
    """A save's change note as the history lists it."""
    if change is None:
        return ""
    major, note = change
    if major:
        return str(_("Major change, readers told: “%(note)s”") % {"note": note})
    return str(_("Minor change."))


def checks_summary(findings: list[checks.Finding] | None) -> str:
    if findings is None:
        return _("Check the release for what an editor would ask you to fix.")
    if not findings:
        return _("The checks found nothing to fix.")
    return ngettext(
        "The checks found %(count)d thing to look at before submitting.",
        "The checks found %(count)d things to look at before submitting.",
        len(findings),
    ) % {"count": len(findings)}


def finding_item(finding: checks.Finding) -> str:
    label = PressRelease._meta.get_field(finding.field).verbose_name
    return format_html(
        '<li><a href="#id_{}">{}</a>: {}</li>', finding.field, capfirst(label), finding.message
    )


CSV_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells starting with these as formulas; a leading quote defuses them.
    return f"'{text}" if CSV_FORMULA.match(text) else text


def releases_csv(queryset) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="press-releases-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "title", "slug", "type", "status", "published_at", "source", "author", "url"]
    )
    for release in queryset.select_related("lead_source", "created_by").iterator(chunk_size=500):
        writer.writerow(
            [
                _cell(value)
                for value in (
                    release.pk,
                    release.title,
                    release.slug,
                    release.get_type_display(),
                    release.display_status,
                    release.published_at.isoformat() if release.published_at else "",
                    release.lead_source.name if release.lead_source else "",
                    release.created_by.get_username() if release.created_by else "",
                    release.get_absolute_url(),
                )
            ]
        )
    return response


class RecordAdmin(admin.ModelAdmin):
    """A record the site writes and nobody edits afterwards: listed and read, never added,
    changed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeNote)
class ChangeNoteAdmin(RecordAdmin):
    """Every change made to public releases, newest first: a record, made by saving a
    release's form, never edited afterwards (it is what readers were told)."""

    list_display = ["noted_at", "release", "major", "note", "made_by"]
    list_filter = ["major", "noted_at"]
    search_fields = ["release__title", "note"]
    list_select_related = ["release", "made_by"]
    date_hierarchy = "noted_at"


@admin.register(EmbargoedView)
class EmbargoedViewAdmin(RecordAdmin):
    """Who read which release under embargo, when and from where: a record, not editable."""

    list_display = ["viewed_at", "user", "release", "address"]
    list_filter = ["viewed_at"]
    search_fields = ["release__title", "user__username", "user__email"]
    list_select_related = ["release", "user"]
    date_hierarchy = "viewed_at"


@admin.register(JournalistAccessRequest)
class JournalistAccessRequestAdmin(admin.ModelAdmin):
    """Journalists' requests for the press room: an editor approves (an account in the
    Journalist group, and a mail to set its password) or refuses."""

    list_display = ["created_at", "name", "media_outlet", "email", "country", "status"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "media_outlet", "email"]
    readonly_fields = [
        "name",
        "media_outlet",
        "email",
        "country",
        "credentials",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "account",
    ]
    actions = ["approve_selected", "refuse_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("press.change_journalistaccessrequest")

    @admin.action(
        description=_("Approve selected requests and mail a set-your-password link"),
        permissions=["decide"],
    )
    def approve_selected(self, request, queryset):
        domain = get_current_site(request).domain
        for access_request in queryset:
            try:
                account = access_request.approve(by=request.user)
            except (InvalidTransition, PermissionDenied) as error:
                messages.error(request, f"{access_request}: {error}")
                continue
            transaction.on_commit(
                functools.partial(
                    send_password_reset.enqueue,
                    email=account.email,
                    domain=domain,
                    use_https=request.is_secure(),
                )
            )
            messages.success(
                request,
                _("%(who)s may now sign in to the press room; a mail to set a password is sent.")
                % {"who": access_request},
            )

    @admin.action(description=_("Refuse selected requests"), permissions=["decide"])
    def refuse_selected(self, request, queryset):
        for access_request in queryset:
            try:
                access_request.refuse(by=request.user)
            except (InvalidTransition, PermissionDenied) as error:
                messages.error(request, f"{access_request}: {error}")


@admin.register(ReleaseSlugRedirect)
class ReleaseSlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "release"]
    search_fields = ["old_slug", "release__title"]
    autocomplete_fields = ["release"]
