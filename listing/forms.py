"""The listing's parameters, cleaned: the form behind the filters of every listing.

Every value is a slug. Values of one key are alternatives (OR); keys narrow each other (AND).
Unlike most forms, this one never refuses the request: a shared link outlives the terms it
names, so a value it cannot use is left out and listed in ``ignored`` with the reason, and
the page says so. A term's former slug is understood and reported in ``renamed``, so the
page can move to the current address.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.languages import native_name
from listing.index import FacetIndex
from press.models import ReleaseType
from taxonomy.catalogue import term_catalogue
from taxonomy.kinds import KINDS
from taxonomy.models import FormerName

# The order of parameters in canonical addresses, and of facets on the page.
PARAMETER_ORDER = (
    "q",
    *(kind.key for kind in KINDS),
    "type",
    "tag",
    "year",
    "language",
    "from",
    "to",
    "sort",
    "page",
)
FACETS = (*(kind.key for kind in KINDS), "type", "tag", "year", "language")
# ``?language=all``: every language's versions. Without the parameter, a listing shows the
# versions in its page's language (/ru/press-releases/ the Russian ones).
ALL_LANGUAGES = "all"
# Parameters whose values may have moved: a renamed or merged term or tag keeps its address.
RENAMEABLE = {**{kind.key: kind.model for kind in KINDS}, "tag": Tag}
# Parameters that narrow the list (sorting and paging do not).
FILTERS = tuple(key for key in PARAMETER_ORDER if key not in ("sort", "page"))
MAX_VALUES_PER_KEY = 50
MAX_QUERY_LENGTH = 200
EARLIEST_YEAR = 1970
# Dates outside these years name nothing an archive can hold (and ``9999-12-31`` plus a
# day is no date at all).
DATE_RANGE = (datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))
YEAR = re.compile(r"[0-9]{4}")


class SortOrder:
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"
    CHOICES = (
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
        (RELEVANCE, _("Most relevant")),
    )


@dataclass
class Ignored:
    key: str
    value: str
    reason: str


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen[value] = None
    return list(seen)[:MAX_VALUES_PER_KEY]


def _label(key: str):
    return {
        **{kind.key: kind.label for kind in KINDS},
        "type": _("Type"),
        "tag": _("Tag"),
        "year": _("Year"),
        "language": _("Language"),
        "q": _("Words"),
        "from": _("Published from"),
        "to": _("Published until"),
        "sort": _("Order"),
        "page": _("Page"),
    }[key]


class SearchInput(forms.TextInput):
    input_type = "search"


class DateInput(forms.DateInput):
    input_type = "date"


class ListingForm(forms.Form):
    """``ListingForm(request.GET, index=...)``: ``values`` holds what the listing applies
    (key -> list of strings, in canonical order), ``ignored`` what it left out and why,
    ``renamed`` the former slugs it understood (key -> {old: current})."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        strip=True,
        widget=SearchInput(attrs={"id": "filter-q"}),
    )
    date_from = forms.DateField(
        label=_("Published from"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(attrs={"id": "filter-from"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Published until"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(attrs={"id": "filter-to"}, format="%Y-%m-%d"),
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=SortOrder.CHOICES,
        widget=forms.Select(attrs={"id": "filter-sort"}),
    )
    # "from" and "to" are the public names; "from" is a Python keyword.
    PUBLIC_NAMES = {"date_from": "from", "date_to": "to"}

    def add_prefix(self, field_name: str) -> str:
        # The name a field has in the address (and in the rendered input).
        return self.PUBLIC_NAMES.get(field_name, field_name)

    def __init__(self, params: QueryDict, *, index: FacetIndex):
        self.ignored: list[Ignored] = []
        self.renamed: dict[str, dict[str, str]] = {}
        self.labels: dict[str, dict[str, str]] = {}
        self.values: dict[str, list[str]] = {}
        catalogue = term_catalogue()
        for kind in KINDS:
            self.labels[kind.key] = catalogue.slug_names(kind.model)
        self.labels["type"] = {value: str(label) for value, label in ReleaseType.choices}
        # Only the tags of public releases: a tag used by drafts alone is nobody's business.
        self.public_tags = index.sets["tag"].keys()
        self.labels["language"] = {
            ALL_LANGUAGES: str(_("All languages")),
            **{code: native_name(code) for code, _name in settings.LANGUAGES},
        }
        this_year = timezone.localdate().year
        self.labels["year"] = {
            str(year): str(year) for year in range(this_year + 1, EARLIEST_YEAR - 1, -1)
        }
        for key in FACETS:
            self._clean_terms(key, _distinct(params.getlist(key)))
        # The single-valued parameters go through the form's own fields.
        super().__init__(params, label_suffix="")
        self._clean_single_values()

    # Multi-valued: terms, types, tags, years.

    def _clean_terms(self, key: str, wanted: list[str]) -> None:
        known = self.labels[key] if key != "tag" else dict.fromkeys(self.public_tags, "")
        if key == "year":
            # Only ASCII digits: "²" passes str.isdigit() but int() refuses it.
            known = {y: y for y in self.labels["year"] if YEAR.fullmatch(y)}
        found = [value for value in wanted if value in known]
        unknown = [value for value in wanted if value not in known]
        if unknown and key in RENAMEABLE:
            moved = self._current_slugs(key, unknown)
            if moved:
                self.renamed[key] = moved
                found += [moved[value] for value in unknown if value in moved]
                unknown = [value for value in unknown if value not in moved]
        for value in unknown:
            self.ignored.append(Ignored(key, value, str(_("not a known value"))))
        found = list(dict.fromkeys(found))
        if key == "language" and ALL_LANGUAGES in found:
            found = [ALL_LANGUAGES]  # every language, whichever others were ticked too
        if key == "language" and found == [translation.get_language()]:
            found = []  # the page's own language is the default: one address for one list
        if key == "year":
            found.sort(key=lambda year: -int(year))
        else:
            found.sort()
        self.values[key] = found

    def _current_slugs(self, key: str, slugs: list[str]) -> dict[str, str]:
        """Former slugs among ``slugs`` (a term or tag renamed or merged into another) mapped
        to the slug their term answers to now."""
        model = RENAMEABLE[key]
        former = dict(
            FormerName.objects.filter(
                content_type=ContentType.objects.get_for_model(model), slug__in=slugs
            ).values_list("slug", "object_id")
        )
        if not former:
            return {}
        if model is Tag:
            current = dict(Tag.objects.filter(pk__in=former.values()).values_list("pk", "slug"))
            # As for any tag: one that only drafts use is not shown to be known.
            current = {pk: slug for pk, slug in current.items() if slug in self.public_tags}
        else:
            current = {term.pk: term.slug for term in term_catalogue().by_id[model].values()}
        return {old: current[pk] for old, pk in former.items() if pk in current}

    # Single-valued: words, dates, order.

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]

    def _in_range(self, name: str):
        day = self.cleaned_data[name]
        if day is not None and not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            raise forms.ValidationError(
                _("outside the years the archive covers (%(start)s to %(end)s)"),
                params={"start": DATE_RANGE[0].year, "end": DATE_RANGE[1].year},
            )
        return day

    def clean_date_from(self):
        return self._in_range("date_from")

    def clean_date_to(self):
        return self._in_range("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("earlier than the start date"))
        return cleaned

    def _clean_single_values(self) -> None:
        self.is_valid()
        reasons = {
            "date_from": _("not a valid date (YYYY-MM-DD)"),
            "date_to": _("not a valid date (YYYY-MM-DD)"),
            "sort": _("not a known order"),
        }
        for name, errors in self.errors.items():
            message = str(errors.data[0].message % (errors.data[0].params or {}))
            if errors.data[0].code in ("invalid", "invalid_choice") and name in reasons:
                message = str(reasons[name])
            public = self.add_prefix(name)
            self.ignored.append(Ignored(public, self.data.get(public, ""), message))
        cleaned = getattr(self, "cleaned_data", {})
        query = cleaned.get("q") or ""
        self.values["q"] = [query] if query else []
        for name in ("date_from", "date_to"):
            day = cleaned.get(name)
            self.values[self.PUBLIC_NAMES[name]] = [day.isoformat()] if day else []
        # Words in the search box make the best matches the natural first page; without
        # them the newest come first. Only an order other than the default is in the address.
        default = SortOrder.RELEVANCE if query else SortOrder.NEWEST
        sort = cleaned.get("sort") or default
        self.values["sort"] = [sort] if sort != default else []
        # Rendered from here on with what the listing applies: a value left out is not
        # shown back in its input (an invalid date is not even valid HTML there).
        shown = QueryDict(mutable=True)
        for name in self.base_fields:
            public = self.add_prefix(name)
            shown.setlist(public, self.values[public] if public != "sort" else [sort])
        self.data = shown

    # What the listing applies.

    @property
    def dates(self) -> dict[str, datetime.date]:
        return {
            key: datetime.date.fromisoformat(self.values[key][0])
            for key in ("from", "to")
            if self.values.get(key)
        }

    @property
    def languages(self) -> list[str]:
        """The languages whose versions the listing shows: those asked for, else the page's
        own; empty for all of them."""
        chosen = self.values["language"]
        if chosen == [ALL_LANGUAGES]:
            return []
        return chosen or [translation.get_language() or settings.LANGUAGE_CODE]

    @property
    def sort_order(self) -> str:
        default = SortOrder.RELEVANCE if self.values["q"] else SortOrder.NEWEST
        return (self.values["sort"] or [default])[0]

    @staticmethod
    def label(key: str) -> str:
        return str(_label(key))
