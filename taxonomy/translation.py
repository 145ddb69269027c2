"""The reference data's public names, translated in columns by django-modeltranslation.

Each translated field gets one column per language (``name_en_gb``, ``name_ru``, ...);
``term.name`` reads the active language's and falls back to English. Slugs are not
translated: addresses and listing filters stay the same in every language.
"""

from modeltranslation.translator import TranslationOptions, register

from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure


class NameOptions(TranslationOptions):
    fields = ("name",)
    # An untranslated name is stored as NULL, not "": names are unique, and many terms
    # without a Russian name must not clash over an empty one.
    empty_values = None


@register(Country)
class CountryOptions(NameOptions):
    pass


@register(FieldOfWork)
class FieldOfWorkOptions(NameOptions):
    pass


@register(MeetingSeries)
class MeetingSeriesOptions(NameOptions):
    pass


@register(Structure)
class StructureOptions(NameOptions):
    # The acronym and the host territory are printed beside the name (БДИПЧ, Косово).
    fields = ("name", "acronym", "host_territory")
