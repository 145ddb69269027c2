from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from taxonomy.models import (
    Chairpersonship,
    Country,
    FieldOfWork,
    FormerName,
    MeetingSeries,
    Structure,
)


class FormerNameInline(GenericTabularInline):
    model = FormerName
    extra = 0
    fields = ["name", "slug", "until_year"]


class ChairpersonshipInline(admin.TabularInline):
    model = Chairpersonship
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso_code", "group", "position"]
    list_filter = ["group"]
    search_fields = ["name", "iso_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ChairpersonshipInline, FormerNameInline]


@admin.register(Chairpersonship)
class ChairpersonshipAdmin(admin.ModelAdmin):
    list_display = ["year", "country"]
    autocomplete_fields = ["country"]
    search_fields = ["country__name", "year"]


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [FormerNameInline]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FormerNameInline]


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "host_country", "opened_year", "closed_year"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "slug", "former_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "host_country"]
    inlines = [FormerNameInline]
