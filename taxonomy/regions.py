"""The regions readers look for news by: the four the organisation groups its field
operations in, and its two groups of Partners for Co-operation.

A region is not a term of its own (no release is filed under "Central Asia"): it names a set
of countries, so a region's news is the listing of those countries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country


@dataclass(frozen=True)
class Region:
    name: str | Promise
    iso_codes: tuple[str, ...] = ()
    group: str = ""

    def countries(self, countries: Iterable[Country]) -> list[Country]:
        return [c for c in countries if c.iso_code in self.iso_codes or c.group == self.group]


REGIONS = (
    Region(_("South-Eastern Europe"), ("AL", "BA", "ME", "MK", "RS")),
    Region(_("Eastern Europe"), ("BY", "MD", "UA")),
    Region(_("South Caucasus"), ("AM", "AZ", "GE")),
    Region(_("Central Asia"), ("KG", "KZ", "TJ", "TM", "UZ")),
    Region(
        Country.GROUP_TITLES[Country.Group.MEDITERRANEAN_PARTNER],
        group=Country.Group.MEDITERRANEAN_PARTNER,
    ),
    Region(Country.GROUP_TITLES[Country.Group.ASIAN_PARTNER], group=Country.Group.ASIAN_PARTNER),
)
