"""The reference data in the admin, for the Taxonomy manager group.

Everyone on staff may read it (authors and editors pick terms through the autocomplete);
only taxonomy managers and superusers change it. Every change is a revision (who, when,
what) that can be reverted; renaming keeps old names and addresses answering; a term in use
is merged rather than deleted, so no release loses its classification.
"""

from __future__ import annotations

from urllib.parse import urlencode

import reversion
import taggit.admin  # noqa: F401  (registers Tag first, so it can be replaced below)
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from taggit.models import Tag

from core.admin_history import GuardedVersionAdmin
from core.signals import terms_changed
from taxonomy.forms import (
    ENGLISH_NAME,
    CountryForm,
    FieldOfWorkForm,
    MediaContactForm,
    MeetingSeriesForm,
    MergeForm,
    RenameFields,
    StructureForm,
    StructureYears,
    parse_ids,
)
from taxonomy.merge import (
    MergeError,
    merge_terms,
    record_rename,
    release_count,
    release_counts,
    releases_using,
)
from taxonomy.models import (
    Chairpersonship,
    Country,
    FieldOfWork,
    FormerName,
    MediaContact,
    MeetingSeries,
    Structure,
)

RENAMING = gettext_lazy("Renaming")
# The languages names are translated into; English is the one they fall back to.
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class FormerNameFormSet(BaseGenericInlineFormSet):
    """Each old name and address once per term, and no address that leads elsewhere."""

    def clean(self):
        super().clean()
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            key = (data["name"], data.get("slug") or slugify(data["name"]))
            if key in seen:
                raise ValidationError(
                    _("“%(name)s” is listed twice with the same slug.") % {"name": key[0]}
                )
            seen.add(key)
        slugs = {slug for _name, slug in seen}
        elsewhere = (
            FormerName.objects.filter(
                content_type=ContentType.objects.get_for_model(self.instance), slug__in=slugs
            )
            .exclude(object_id=self.instance.pk)
            .first()
        )
        if elsewhere is not None and elsewhere.term is not None:
            raise ValidationError(
                _("The old address “%(slug)s” already leads to “%(term)s”.")
                % {"slug": elsewhere.slug, "term": elsewhere.term}
            )


class FormerNameInline(GenericTabularInline):
    model = FormerName
    formset = FormerNameFormSet
    extra = 0
    fields = ["name", "slug", "until_year"]
    verbose_name_plural = gettext_lazy(
        "Former names (they keep classifying releases, and their slugs keep redirecting)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        slug = formset.form.base_fields.get("slug")
        if slug is not None:
            # FormerName.save() fills it from the name.
            slug.required = False
            slug.help_text = _("The old address; filled from the name when left empty.")
        return formset


class NavigationOrderChangeList(ChangeList):
    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params or not self.model_admin.list_ordering:
            return super().get_ordering(request, queryset)
        return [*self.model_admin.list_ordering, "-pk"]


class ReferenceDataAdmin(GuardedVersionAdmin):
    """Every change is a revision; a deleted row stays recoverable; the header follows.

    Reverting and recovering reach only this admin's own model (see GuardedVersionAdmin)."""

    history_latest_first = True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Tags and link rows are not reference-data models that announce their own changes.
        terms_changed.send(sender=self.model, ids=[form.instance.pk])

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "action" in request.POST and "_save" not in request.POST:
            # An action (deleting, merging) records its own revisions. Inside the one revision
            # reversion opens for the whole list, the rows remembered before a deletion
            # would be dropped as no longer existing, and the deleted terms not recoverable.
            context = {"has_recover_permission": self.has_recover_permission(request)}
            context.update(extra_context or {})
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    def remember_before_deleting(self, request, objects) -> None:
        # A revision keeps only rows that still exist when it is saved: record them now,
        # so "Recover deleted" can bring back even rows no one had edited before.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Deleted."))
            for obj in objects:
                reversion.add_to_revision(obj)

    def delete_model(self, request, obj):
        self.remember_before_deleting(request, [obj])
        super().delete_model(request, obj)
        # A taggit tag is no model of ours: announce its deletion here.
        terms_changed.send(sender=self.model, ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        self.remember_before_deleting(request, list(queryset))
        super().delete_queryset(request, queryset)
        terms_changed.send(sender=self.model, ids=None)  # a tag is no model of ours


class TermAdmin(ReferenceDataAdmin):
    """What every kind of term shares: counts, rename, merge, refused deletion, history."""

    actions = ["merge_into", "delete_selected"]
    list_per_page = 100
    search_fields = ["name", "slug", "former_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FormerNameInline]

    # Listing: counts of published releases, in the query that lists the terms.

    def annotate(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        # Counted once for all terms, then handed to the database as values so that the
        # column still sorts.
        counts = release_counts(self.model)
        return queryset.annotate(
            published_releases=Case(
                *(When(pk=pk, then=Value(n)) for pk, n in counts.items()),
                default=Value(0),
                output_field=models.IntegerField(),
            )
        )

    # The order of the list when no column is sorted: the public navigation's order.
    # (Not ``ordering``: related fields' choices elsewhere in the admin are sorted by that,
    # without this admin's annotations.)
    list_ordering: list[str] | None = None

    def get_queryset(self, request):
        return self.annotate(request, super().get_queryset(request))

    def get_changelist(self, request, **kwargs):
        return NavigationOrderChangeList

    @admin.display(description=gettext_lazy("published releases"), ordering="published_releases")
    def published_releases(self, obj) -> int:
        return obj.published_releases

    # Renaming: the old name and address keep answering. Renames are of the name of record:
    # ``name``, or the English column where names are translated (TranslatedNames).
    @property
    def translated_name_fields(self) -> set[str]:
        """The name's columns in the other languages (none where names are not translated)."""
        if not isinstance(self, TranslationAdmin):
            return set()
        return {
            build_localized_fieldname("name", code)
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        }

    @property
    def name_field(self) -> str:
        return ENGLISH_NAME if isinstance(self, TranslationAdmin) else "name"

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            rename = ["record_former_name", "renamed_in"]
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f not in rename]})
                for name, options in fieldsets
            ]
            fieldsets.append(
                (
                    RENAMING,
                    {
                        "fields": rename,
                        "description": _("Used only when you change the name or the slug above."),
                    },
                )
            )
        return fieldsets

    def get_fields(self, request, obj=None):
        # The rename fields belong to their own fieldset, shown on change forms only.
        rename = set(RenameFields.declared_fields)
        return [f for f in super().get_fields(request, obj) if f not in rename]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting runs the change form on the restored row: remember what the term is
        # called now, so a revert that renames it keeps the current name answering too.
        if not parse_ids([version_id]):
            raise Http404
        pk = unquote(object_id)
        if parse_ids([pk]):
            request._term_before_revert = (
                self.model._default_manager.filter(pk=pk).values(self.name_field, "slug").first()
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        term = form.instance
        before = getattr(request, "_term_before_revert", None) or form.initial
        if change and self.name_field in before and "slug" in before:
            record_rename(
                term,
                old_name=before[self.name_field],
                old_slug=before["slug"],
                keep_old_name=form.cleaned_data.get("record_former_name", False),
                until_year=form.cleaned_data.get("renamed_in"),
            )
        # Releases are found by the names of their terms (English and their own language's):
        # renew their index when names moved.
        english = getattr(term, self.name_field)
        names_changed = (
            before.get(self.name_field, english) != english
            or any(formset.has_changed() for formset in formsets)
            # A name in another language: the versions in it are found by it.
            or not self.translated_name_fields.isdisjoint(form.changed_data)
        )
        if change and (names_changed or hasattr(request, "_term_before_revert")):
            terms_changed.send(sender=self.model, ids=[term.pk], names_changed=True)

    # Merging.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name="{}_{}_merge".format(*info),
            ),
            *super().get_urls(),
        ]

    def merge_url(self, pks) -> str:
        info = self.opts.app_label, self.opts.model_name
        query = urlencode([("ids", pk) for pk in pks])
        return reverse("admin:{}_{}_merge".format(*info), current_app=self.admin_site.name) + (
            f"?{query}"
        )

    def has_merge_permission(self, request) -> bool:
        # A merge changes the target and deletes the merged terms.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pks = parse_ids([unquote(object_id)])
        if pks and self.has_merge_permission(request):
            extra_context = {**(extra_context or {}), "merge_url": self.merge_url(pks)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        permissions=["merge"],
        description=gettext_lazy("Merge selected %(verbose_name_plural)s into…"),
    )
    def merge_into(self, request, queryset):
        return HttpResponseRedirect(self.merge_url(queryset.values_list("pk", flat=True)))

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        """Choose the target, confirm with the number of releases that move, merge."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        ids = parse_ids(data.getlist("ids"))
        manager = self.model._default_manager
        sources = list(
            manager.filter(pk__in=ids).annotate(
                release_total=release_count(self.model, published=False)
            )
        )
        changelist = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        if not sources:
            self.message_user(request, _("Choose the terms to merge first."), messages.WARNING)
            return redirect(changelist)
        form = MergeForm(
            request.POST if request.method == "POST" else None,
            sources=sources,
            queryset=manager.all(),
        )
        moving = releases_using(self.model, [s.pk for s in sources]).count()
        confirming = False
        if request.method == "POST" and form.is_valid():
            target = form.cleaned_data["target"]
            if request.POST.get("confirm") == "yes":
                try:
                    with transaction.atomic():
                        self.log_deletions(request, manager.filter(pk__in=[s.pk for s in sources]))
                        result = merge_terms(
                            sources,
                            target,
                            by=request.user,
                            until_year=form.cleaned_data["until_year"],
                        )
                except MergeError as error:
                    form.add_error(None, str(error))
                else:
                    self.log_change(request, target, result.message())
                    self.message_user(request, result.message(), messages.SUCCESS)
                    return redirect(
                        reverse(
                            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                            args=[target.pk],
                            current_app=self.admin_site.name,
                        )
                    )
            else:
                confirming = True
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge %(names)s") % {"names": self.opts.verbose_name_plural},
            "sources": sources,
            "form": form,
            "moving": moving,
            "confirming": confirming,
            "target": form.cleaned_data.get("target") if confirming else None,
            "changelist_url": changelist,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/taxonomy/merge.html", context)

    # Deleting: only what no release uses.

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_delete_permission(request, obj):
            using = releases_using(self.model, [obj.pk]).count()
            if using:
                return self.refuse_deletion(request, [(obj, using)])
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, queryset):
        in_use = [
            (term, term.release_total)
            for term in queryset.annotate(
                release_total=release_count(self.model, published=False)
            ).filter(release_total__gt=0)
        ]
        if in_use:
            return self.refuse_deletion(request, in_use)
        return django_delete_selected(self, request, queryset)

    def refuse_deletion(self, request, in_use) -> TemplateResponse:
        total = sum(count for _term, count in in_use)
        message = ngettext(
            "Not deleted: %(count)d release is classified by it. Merge it into another term "
            "instead, so the release keeps a classification.",
            "Not deleted: %(count)d releases are classified by it. Merge it into another term "
            "instead, so the releases keep a classification.",
            total,
        ) % {"count": total}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Cannot delete a term in use"),
            "in_use": in_use,
            "message": message,
            "merge_url": self.merge_url([term.pk for term, _count in in_use])
            if self.has_merge_permission(request)
            else None,
        }
        return TemplateResponse(request, "admin/taxonomy/delete_refused.html", context)


class TreeAdmin(TermAdmin):
    """Terms with a parent, listed as the indented tree the public site shows."""

    def annotate(self, request, queryset):
        queryset = super().annotate(request, queryset)
        # The tree's depth-first order from one recursive query; handed to the list as
        # values, so that its filters and search keep working on a plain queryset.
        nodes = sorted(
            self.model._default_manager.with_tree_fields()
            .order_siblings_by("position", "name")
            .only("pk", "parent"),
            key=lambda node: node.tree_ordering,
        )
        order = [(node.pk, node.tree_depth) for node in nodes]
        if not order:
            return queryset.annotate(tree_order=Value(0), tree_depth=Value(0))
        return queryset.annotate(
            tree_order=Case(
                *[When(pk=pk, then=Value(i)) for i, (pk, _d) in enumerate(order)],
                default=Value(len(order)),
                output_field=IntegerField(),
            ),
            tree_depth=Case(
                *[When(pk=pk, then=Value(d)) for pk, d in order if d],
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    list_ordering = ["tree_order"]

    @admin.display(description=gettext_lazy("name"), ordering="tree_order")
    def tree_name(self, obj) -> str:
        depth = getattr(obj, "tree_depth", 0)
        if not depth:
            return obj.name
        return format_html("{}└ {}", "\u2003" * (depth - 1), obj.name)


class MissingTranslationFilter(admin.SimpleListFilter):
    """The terms whose name has no translation yet in a language (readers of the site in
    that language see the English name)."""

    title = gettext_lazy("name missing in")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            (code, translation.get_language_info(code)["name_translated"])
            for code in OTHER_LANGUAGES
        ]

    def queryset(self, request, queryset):
        if self.value() in OTHER_LANGUAGES:
            column = build_localized_fieldname("name", self.value())
            return queryset.filter(Q(**{f"{column}__isnull": True}) | Q(**{column: ""}))
        return queryset


class TranslatedNames(TranslationAdmin):
    """Terms whose names are translated (taxonomy.translation): the form has a name field
    per language, the English one required; the list says where English is shown instead.

    Listed after the term admin among the bases, so the term admin's fieldsets (renaming)
    are built on the translated ones.
    """

    def get_list_display(self, request):
        return [*super().get_list_display(request), "untranslated"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    def get_search_fields(self, request):
        # A name is found in whichever language it is typed.
        fields = []
        for field in super().get_search_fields(request):
            if field in self.trans_opts.all_fields:
                fields += [f.name for f in self.trans_opts.all_fields[field]]
            else:
                fields.append(field)
        return fields

    @admin.display(description=gettext_lazy("English name shown in"))
    def untranslated(self, obj) -> str:
        missing = [
            str(translation.get_language_info(code)["name_translated"])
            for code in OTHER_LANGUAGES
            if not getattr(obj, build_localized_fieldname("name", code))
        ]
        # The em dash: translated into every language.
        return ", ".join(missing) or "—"


class ChairpersonshipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if kept and self.instance.group != Country.Group.PARTICIPATING:
            raise ValidationError(_("Only participating States hold the Chairpersonship."))


class ChairpersonshipInline(admin.TabularInline):
    model = Chairpersonship
    formset = ChairpersonshipFormSet
    extra = 0
    fields = ["year"]
    verbose_name_plural = gettext_lazy("Chairpersonships held (one State per year)")


@admin.register(Country)
class CountryAdmin(TermAdmin, TranslatedNames):
    form = CountryForm
    list_display = ["name", "iso_code", "group", "position", "published_releases"]
    list_editable = ["position"]
    list_filter = ["group"]
    search_fields = ["name", "iso_code", "slug", "former_names__name"]
    fieldsets = [(None, {"fields": ["name", "slug", "iso_code", "group", "position"]})]
    inlines = [ChairpersonshipInline, FormerNameInline]

    def annotate(self, request, queryset):
        # Participating States first, then the Asian and the Mediterranean Partners.
        groups = [When(group=value, then=Value(i)) for i, value in enumerate(Country.Group.values)]
        return (
            super()
            .annotate(request, queryset)
            .annotate(
                group_order=Case(*groups, default=Value(len(groups)), output_field=IntegerField())
            )
        )

    list_ordering = ["group_order", "position", "name"]


@admin.register(Chairpersonship)
class ChairpersonshipAdmin(ReferenceDataAdmin):
    list_display = ["year", "country", "label"]
    list_display_links = ["year"]
    list_select_related = ["country"]
    ordering = ["-year"]
    search_fields = ["country__name", "year"]
    autocomplete_fields = ["country"]

    @admin.display(description=gettext_lazy("navigation label"))
    def label(self, obj) -> str:
        return obj.label


class LevelFilter(admin.SimpleListFilter):
    title = gettext_lazy("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("main", _("In the main navigation")), ("part", _("Part of a broader field"))]

    def queryset(self, request, queryset):
        if self.value() == "main":
            return queryset.filter(parent=None)
        if self.value() == "part":
            return queryset.exclude(parent=None)
        return queryset


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(TreeAdmin, TranslatedNames):
    form = FieldOfWorkForm
    list_display = ["tree_name", "slug", "position", "published_releases"]
    list_editable = ["position"]
    list_filter = [LevelFilter]
    autocomplete_fields = ["parent"]
    fieldsets = [(None, {"fields": ["name", "slug", "parent", "position"]})]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(TermAdmin, TranslatedNames):
    form = MeetingSeriesForm
    list_display = ["name", "slug", "position", "published_releases"]
    list_editable = ["position"]
    fieldsets = [(None, {"fields": ["name", "slug", "position"]})]


class StatusFilter(admin.SimpleListFilter):
    """Active or closed, as the public lists of field operations split them."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "closed":
            return queryset.closed()
        return queryset


@admin.register(Structure)
class StructureAdmin(TreeAdmin, TranslatedNames):
    form = StructureForm
    list_display = [
        "tree_name",
        "acronym",
        "kind",
        "host",
        "opened_year",
        "closed_year",
        "position",
        "published_releases",
    ]
    list_editable = ["position", "closed_year"]
    list_filter = ["kind", StatusFilter]
    list_select_related = ["host_country"]
    search_fields = ["name", "acronym", "slug", "former_names__name"]
    autocomplete_fields = ["parent", "host_country"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "acronym", "kind", "parent", "position"]}),
        (
            gettext_lazy("Field operation"),
            {
                "fields": ["host_country", "host_territory", "opened_year", "closed_year"],
                "description": gettext_lazy(
                    "Where it works and when. A closed field operation stays on the site, "
                    "listed with the closed ones."
                ),
            },
        ),
    ]

    @admin.display(description=gettext_lazy("host"), ordering="host_country__name")
    def host(self, obj) -> str:
        return obj.host_label

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", StructureYears)
        return super().get_changelist_form(request, **kwargs)


class MediaContactActiveFilter(admin.SimpleListFilter):
    title = gettext_lazy("shown publicly")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("Active")), ("no", _("Inactive"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_active=True)
        if self.value() == "no":
            return queryset.filter(is_active=False)
        return queryset


@admin.register(MediaContact)
class MediaContactAdmin(ReferenceDataAdmin):
    """Whom journalists call. Authors and editors only read the list (to choose contacts for
    a release through the autocomplete); taxonomy managers keep it."""

    form = MediaContactForm
    list_display = ["name", "role", "structure", "phone", "email", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = [MediaContactActiveFilter, ("structure", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["structure"]
    ordering = ["structure__position", "structure__name", "position", "name"]
    search_fields = ["name", "role", "email", "structure__name", "structure__acronym"]
    autocomplete_fields = ["structure"]

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # The release form offers only contacts the public will see; it names each one
            # with its structure.
            queryset = queryset.filter(is_active=True).select_related("structure")
        return queryset, duplicates


class TagForm(RenameFields):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {
            "name": _("The keyword as authors type it."),
            "slug": _("The value in the listing filter ?tag=…; a changed slug keeps redirecting."),
        }


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TermAdmin):
    form = TagForm
    list_display = ["name", "slug", "published_releases"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    fieldsets = [(None, {"fields": ["name", "slug"]})]
