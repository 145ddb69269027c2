from django.contrib import admin

from press.models import PressRelease, ReleaseSlugRedirect, ReleaseTransition


class ReleaseTransitionInline(admin.TabularInline):
    model = ReleaseTransition
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PressRelease)
class PressReleaseAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "type", "published_at", "lead_source"]
    list_filter = ["status", "type", "lead_source__kind", "countries__group"]
    search_fields = ["title", "lead", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "lead_source",
        "supporting_sources",
        "countries",
        "fields_of_work",
        "structures",
        "meeting_series",
    ]
    inlines = [ReleaseTransitionInline]
    list_select_related = ["lead_source"]


@admin.register(ReleaseSlugRedirect)
class ReleaseSlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "release"]
    search_fields = ["old_slug", "release__title"]
    autocomplete_fields = ["release"]
