"""The site navigation, built from the reference tables (never typed in) and cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import Promise

from core.generations import current_state
from taxonomy.models import Chairpersonship, Country, FieldOfWork, MeetingSeries, Structure
from taxonomy.regions import REGIONS

CACHE_KEY = "navigation:v3"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class RegionLink:
    name: str | Promise
    # The listing's query string for the region's countries.
    query: str


@dataclass
class Navigation:
    fields_of_work: list[FieldOfWork] = field(default_factory=list)
    meeting_series: list[MeetingSeries] = field(default_factory=list)
    field_operations: list[Structure] = field(default_factory=list)
    participating_states: list[Country] = field(default_factory=list)
    asian_partners: list[Country] = field(default_factory=list)
    mediterranean_partners: list[Country] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)
    # The top of the structure tree, each with its parts (closed field operations left out).
    structure_tree: list[tuple[Structure, list[Structure]]] = field(default_factory=list)
    chairpersonship: Chairpersonship | None = None
    regions: list[RegionLink] = field(default_factory=list)


def build_navigation(year: int | None = None) -> Navigation:
    year = year or timezone.localdate().year
    countries = list(Country.objects.all())
    by_group = {group: [c for c in countries if c.group == group] for group in Country.Group}
    structures = list(Structure.objects.all())
    parts: dict[int | None, list[Structure]] = {}
    for structure in structures:
        if not structure.is_closed:
            parts.setdefault(structure.parent_id, []).append(structure)
    return Navigation(
        fields_of_work=list(FieldOfWork.objects.filter(parent=None)),
        meeting_series=list(MeetingSeries.objects.all()),
        field_operations=list(Structure.objects.field_operations().active()),
        participating_states=by_group[Country.Group.PARTICIPATING],
        asian_partners=by_group[Country.Group.ASIAN_PARTNER],
        mediterranean_partners=by_group[Country.Group.MEDITERRANEAN_PARTNER],
        structures=list(
            Structure.objects.filter(parent=None).exclude(kind=Structure.Kind.FIELD_OPERATION)
        ),
        structure_tree=[(top, parts.get(top.pk, [])) for top in parts.get(None, [])],
        chairpersonship=Chairpersonship.objects.for_year(year),
        regions=[
            RegionLink(
                region.name,
                urlencode([("country", c.slug) for c in region.countries(countries)]),
            )
            for region in REGIONS
        ],
    )


def site_navigation() -> Navigation:
    year = timezone.localdate().year
    # Keyed by the content generation: any edit to reference data shows in the header at once.
    key = f"{CACHE_KEY}:{year}:{current_state()['generation']}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = build_navigation(year)
        cache.set(key, navigation, CACHE_SECONDS)
    return navigation
