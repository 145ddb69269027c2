"""The public listing's filters: GET parameters -> a queryset, facet counts and a summary.

Every value is a slug. Values of one key are alternatives (OR); keys narrow each other (AND).
Values the site does not know are dropped and reported, never an error: a shared link
outlives the terms it names.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from listing.index import FacetIndex, current_index
from press.classifier import current_classifier
from press.fulltext import with_snippets
from press.models import PressRelease, ReleaseType, attach_lead_sources
from press.search import matching_release_ids, ranked_matches
from taxonomy.catalogue import term_catalogue
from taxonomy.models import Country, FieldOfWork, FormerName, MeetingSeries, Structure

# The order of parameters in canonical URLs, and of facets on the page.
PARAMETER_ORDER = (
    "q",
    "country",
    "field",
    "structure",
    "meeting",
    "type",
    "tag",
    "year",
    "from",
    "to",
    "sort",
    "page",
)
FACETS = ("country", "field", "structure", "meeting", "type", "tag", "year")
TERM_MODELS = {
    "country": Country,
    "field": FieldOfWork,
    "structure": Structure,
    "meeting": MeetingSeries,
}
FACET_LABELS = {
    "country": _("Country"),
    "field": _("Field of work"),
    "structure": _("Structure"),
    "meeting": _("Meeting series"),
    "type": _("Type"),
    "tag": _("Tag"),
    "year": _("Year"),
    "from": _("From"),
    "to": _("To"),
    "q": _("Search"),
    "sort": _("Sort"),
    "page": _("Page"),
}


class SortOrder:
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"
    CHOICES = (
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
        (RELEVANCE, _("Most relevant")),
    )
    VALUES = frozenset(value for value, _label in CHOICES)


# Tags are open-ended: the facet shows the most used ones (and any chosen one).
TAG_FACET_LIMIT = 30
MAX_VALUES_PER_KEY = 50
EARLIEST_YEAR = 1970


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)

    @property
    def visible_options(self) -> list[FacetOption]:
        """Options that would give results, and chosen ones (so they can be unchosen)."""
        return [o for o in self.options if o.count or o.selected]


@dataclass
class ActiveFilter:
    key: str
    value: str
    key_label: str
    label: str
    remove_query: str


@dataclass
class Ignored:
    key: str
    value: str
    reason: str


def _term_q(key: str, slugs: list[str]) -> Q:
    """Releases classified by any of ``slugs`` under ``key``, without joins (no duplicates)."""
    if key == "country":
        through = PressRelease.countries.through.objects.filter(country__slug__in=slugs)
        return Q(pk__in=through.values("pressrelease_id"))
    if key == "field":
        through = PressRelease.fields_of_work.through.objects.filter(fieldofwork__slug__in=slugs)
        return Q(pk__in=through.values("pressrelease_id"))
    if key == "meeting":
        through = PressRelease.meeting_series.through.objects.filter(meetingseries__slug__in=slugs)
        return Q(pk__in=through.values("pressrelease_id"))
    if key == "structure":
        # A structure's releases: those it or anything under it issued, supported, or that
        # are about them.
        ids = _structure_subtrees(slugs)
        about = PressRelease.structures.through.objects.filter(structure_id__in=ids)
        supported = PressRelease.supporting_sources.through.objects.filter(structure_id__in=ids)
        return (
            Q(lead_source_id__in=ids)
            | Q(pk__in=about.values("pressrelease_id"))
            | Q(pk__in=supported.values("pressrelease_id"))
        )
    if key == "tag":
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(PressRelease), tag__slug__in=slugs
        )
        return Q(pk__in=tagged.values("object_id"))
    raise ValueError(key)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SlugChoiceFilter(django_filters.MultipleChoiceFilter):
    """Any of the given slugs under one taxonomy key."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(_term_q(self.field_name, list(value)))


class YearFilter(django_filters.MultipleChoiceFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        # Ranges rather than an extracted year, so the publication-date index serves them.
        condition = Q()
        for year in {int(v) for v in value}:
            condition |= Q(
                published_at__gte=_local_midnight(datetime.date(year, 1, 1)),
                published_at__lt=_local_midnight(datetime.date(year + 1, 1, 1)),
            )
        return qs.filter(condition)


class SearchFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        value = (value or "").strip()
        return qs.search(value) if value else qs


class ReleaseFilterSet(django_filters.FilterSet):
    """The listing's FilterSet. Build it with :func:`build_filterset`, which cleans the data."""

    q = SearchFilter(label=_("Search"))
    country = SlugChoiceFilter(field_name="country", label=_("Country"))
    field = SlugChoiceFilter(field_name="field", label=_("Field of work"))
    structure = SlugChoiceFilter(field_name="structure", label=_("Structure"))
    meeting = SlugChoiceFilter(field_name="meeting", label=_("Meeting series"))
    type = django_filters.MultipleChoiceFilter(
        field_name="type", choices=ReleaseType.choices, label=_("Type"), distinct=False
    )
    tag = SlugChoiceFilter(field_name="tag", label=_("Tag"))
    year = YearFilter(label=_("Year"))
    date_from = django_filters.DateFilter(
        field_name="published_at", method="filter_from", label=_("From")
    )
    date_to = django_filters.DateFilter(
        field_name="published_at", method="filter_to", label=_("To")
    )
    sort = django_filters.ChoiceFilter(
        choices=SortOrder.CHOICES, method="filter_sort", label=_("Sort"), empty_label=None
    )

    class Meta:
        model = PressRelease
        fields: list[str] = []

    def __init__(self, data=None, *args, choices: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(data, *args, **kwargs)
        # "from" is a Python keyword: the form field keeps the public parameter name.
        self.filters["date_from"].field_name = "published_at"
        for key, options in choices.items():
            self.filters[key].extra["choices"] = options

    def filter_from(self, qs, name, value):
        return qs.filter(published_at__gte=_local_midnight(value)) if value else qs

    def filter_to(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(published_at__lt=_local_midnight(value + datetime.timedelta(days=1)))

    def filter_sort(self, qs, name, value):
        # Relevance ranks within matches once full-text ranking exists; until then the
        # newest matches come first, like the default.
        if value == SortOrder.OLDEST:
            return qs.order_by("published_at", "pk")
        return qs.order_by("-published_at", "-pk")


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen[value] = None
    return list(seen)[:MAX_VALUES_PER_KEY]


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class IndexedResults:
    """A paginator's view of the releases an index bit set selects, fetched per page."""

    def __init__(
        self,
        index: FacetIndex,
        bits: int,
        rows: QuerySet,
        oldest_first: bool = False,
        ranks: dict[int, float] | None = None,
    ):
        self.index, self.bits, self.rows, self.oldest_first = index, bits, rows, oldest_first
        self.ranks = ranks  # given: ordered by relevance

    def count(self) -> int:
        return self.bits.bit_count()

    def __len__(self) -> int:
        return self.count()

    @cached_property
    def _by_relevance(self) -> list[int]:
        return self.index.by_relevance(self.bits, self.ranks or {})

    def __getitem__(self, window: slice) -> list[PressRelease]:
        start = window.start or 0
        stop = self.count() if window.stop is None else window.stop
        if self.ranks is not None:
            ids = self._by_relevance[start:stop]
        else:
            ids = self.index.page(self.bits, start, max(0, stop - start), self.oldest_first)
        # Fetched through the publication rule again: a release taken down since the index
        # was built simply drops out.
        found = {
            release.pk: release for release in attach_lead_sources(self.rows.filter(pk__in=ids))
        }
        return [found[pk] for pk in ids if pk in found]


@dataclass
class Suggestion:
    """A term the search words name, offered as a filter ("Structure: Programme Office…")."""

    key: str
    key_label: str
    value: str
    label: str
    query: str


class ReleaseSearch:
    """One request's listing: cleaned parameters, the filtered releases, facets, summary."""

    def __init__(self, params: QueryDict, base: QuerySet | None = None):
        self.base = base if base is not None else PressRelease.objects.published()
        self.ignored: list[Ignored] = []
        self.renamed: dict[str, dict[str, str]] = {}
        self.labels: dict[str, dict[str, str]] = {}
        self.values: dict[str, list[str]] = {}
        self._clean(params)
        # The public listing counts and pages through the in-memory index; other bases
        # (an entity page's releases, say) go through the database.
        self.index = current_index() if base is None else None
        self._search_bits: int | None = None
        self._ranks: dict[int, float] | None = None

    @cached_property
    def filterset(self) -> ReleaseFilterSet:
        # Built when the database path needs it; the index path never does.
        return ReleaseFilterSet(
            self._filter_data(self.values),
            queryset=self.base,
            choices={key: list(self.labels[key].items()) for key in FACETS},
        )

    # Cleaning

    def _clean(self, params: QueryDict) -> None:
        catalogue = term_catalogue()
        for key, model in TERM_MODELS.items():
            self.labels[key] = catalogue.slug_names(model)
        self.structure_slugs = {pk: s.slug for pk, s in catalogue.by_id[Structure].items()}
        self.labels["type"] = dict(ReleaseType.choices)
        wanted_tags = _dedupe(params.getlist("tag"))
        self.labels["tag"] = dict(
            Tag.objects.filter(slug__in=wanted_tags).values_list("slug", "name")
        )
        wanted_years = _dedupe(params.getlist("year"))
        this_year = timezone.localdate().year
        self.labels["year"] = {
            y: y
            for y in wanted_years
            if y.isdigit() and len(y) == 4 and EARLIEST_YEAR <= int(y) <= this_year + 1
        }

        for key in FACETS:
            known, unknown = [], []
            for value in _dedupe(params.getlist(key)):
                (known if value in self.labels[key] else unknown).append(value)
            if unknown and key in TERM_MODELS:
                moved = self._current_slugs(key, unknown)
                if moved:
                    self.renamed[key] = moved
                    known += [moved[v] for v in unknown if v in moved]
                    unknown = [v for v in unknown if v not in moved]
            for value in unknown:
                self.ignored.append(Ignored(key, value, _("not a known value")))
            self.values[key] = sorted(set(known), key=self._sort_key(key))

        self.values["q"] = [" ".join(params.get("q", "").split())[:200]] if params.get("q") else []
        if self.values["q"] == [""]:
            self.values["q"] = []
        dates: dict[str, datetime.date] = {}
        for key in ("from", "to"):
            raw = params.get(key, "").strip()
            if not raw:
                continue
            parsed = _parse_date(raw)
            if parsed is None:
                self.ignored.append(Ignored(key, raw, _("not a valid date (YYYY-MM-DD)")))
            else:
                dates[key] = parsed
        if "from" in dates and "to" in dates and dates["from"] > dates["to"]:
            self.ignored.append(
                Ignored("to", dates["to"].isoformat(), _("earlier than the start date"))
            )
            del dates["to"]
        for key in ("from", "to"):
            self.values[key] = [dates[key].isoformat()] if key in dates else []
        sort = params.get("sort", "").strip()
        if sort and sort not in SortOrder.VALUES:
            self.ignored.append(Ignored("sort", sort, _("not a known order")))
            sort = ""
        self.values["sort"] = [sort] if sort and sort != SortOrder.NEWEST else []
        self.dates = dates

    def _sort_key(self, key: str):
        if key == "year":
            return lambda value: -int(value)
        return lambda value: value

    def _current_slugs(self, key: str, slugs: list[str]) -> dict[str, str]:
        """Former slugs among ``slugs`` mapped to the slug their term answers to now."""
        model = TERM_MODELS[key]
        former = dict(
            FormerName.objects.filter(
                content_type=ContentType.objects.get_for_model(model), slug__in=slugs
            ).values_list("slug", "object_id")
        )
        if not former:
            return {}
        current = dict(model.objects.filter(pk__in=former.values()).values_list("pk", "slug"))
        return {old: current[pk] for old, pk in former.items() if pk in current}

    @staticmethod
    def _filter_data(values: dict[str, list[str]]) -> QueryDict:
        data = QueryDict(mutable=True)
        for key in FACETS:
            data.setlist(key, values.get(key, []))
        data.setlist("q", values.get("q", []))
        data.setlist("date_from", values.get("from", []))
        data.setlist("date_to", values.get("to", []))
        data.setlist("sort", values.get("sort", []) or [SortOrder.NEWEST])
        return data

    # Results

    @property
    def sort(self) -> str:
        return (self.values["sort"] or [SortOrder.NEWEST])[0]

    @property
    def qs(self) -> QuerySet:
        return self.filterset.qs

    def without(self, key: str) -> QuerySet:
        """The releases every active filter except ``key``'s would give (for its facet)."""
        data = dict(self.values)
        data[key] = []
        return ReleaseFilterSet(
            self._filter_data(data),
            queryset=self.base,
            choices={k: list(self.labels[k].items()) for k in FACETS},
        ).qs.order_by()

    @property
    def is_filtered(self) -> bool:
        return any(self.values[key] for key in PARAMETER_ORDER if key not in ("sort", "page"))

    # Facets: for each key, the other keys' filters, counted per option in one query.

    def facets(self) -> list[Facet]:
        return [self._facet(key) for key in FACETS]

    def _database_counts(self, key: str) -> dict[str, int]:
        """Facet counts in SQL, for a base the index does not cover."""
        ids = self.without(key).values("pk")
        counts: dict[str, int]
        if key == "country":
            counts = _through_counts(PressRelease.countries.through, "country__slug", ids)
        elif key == "field":
            counts = _through_counts(PressRelease.fields_of_work.through, "fieldofwork__slug", ids)
        elif key == "meeting":
            counts = _through_counts(
                PressRelease.meeting_series.through, "meetingseries__slug", ids
            )
        elif key == "structure":
            counts = _structure_counts(ids, self.structure_slugs)
        elif key == "type":
            counts = dict(
                PressRelease.objects.filter(pk__in=ids)
                .order_by()
                .values_list("type")
                .annotate(n=Count("id"))
            )
        elif key == "year":
            counts = {
                str(year): n
                for year, n in PressRelease.objects.filter(pk__in=ids)
                .order_by()
                .annotate(y=ExtractYear("published_at"))
                .values_list("y")
                .annotate(n=Count("id"))
            }
            self.labels["year"].update({y: y for y in counts})
        elif key == "tag":
            rows = list(
                TaggedItem.objects.filter(
                    content_type=ContentType.objects.get_for_model(PressRelease),
                    object_id__in=ids,
                )
                .order_by()
                .values_list("tag__slug", "tag__name")
                .annotate(n=Count("object_id", distinct=True))
                .order_by("-n", "tag__name")
            )
            chosen = set(self.values["tag"])
            rows = [r for i, r in enumerate(rows) if i < TAG_FACET_LIMIT or r[0] in chosen]
            counts = {slug: n for slug, _name, n in rows}
            self.labels["tag"].update({slug: name for slug, name, _n in rows})
        else:
            raise ValueError(key)
        return counts

    def _facet(self, key: str) -> Facet:
        options: list[tuple[str, str]]
        counts = self._indexed_counts(key) if self.index is not None else self._database_counts(key)
        if key == "year":
            options = sorted(self.labels["year"].items(), key=lambda kv: -int(kv[0]))
        elif key == "tag":
            options = sorted(
                self.labels["tag"].items(), key=lambda kv: (-counts.get(kv[0], 0), kv[1])
            )
        else:
            options = list(self.labels[key].items())
        selected = set(self.values[key])
        return Facet(
            key=key,
            label=FACET_LABELS[key],
            options=[
                FacetOption(value, str(label), counts.get(value, 0), value in selected)
                for value, label in options
            ],
        )

    def _matching_bits(self, without: str | None = None) -> int:
        assert self.index is not None
        if self.values["q"] and self._search_bits is None:
            if self._ranked:
                self._ranks = ranked_matches(self.values["q"][0])
                found = self._ranks
            else:
                found = matching_release_ids(self.base, self.values["q"][0])
            self._search_bits = self.index.positions_of(found)
        search = self._search_bits if self.values["q"] else None
        return self.index.matching(self.values, self.dates, search=search, without=without)

    def _indexed_counts(self, key: str) -> dict[str, int]:
        assert self.index is not None
        counts = self.index.counts(key, self._matching_bits(without=key))
        if key == "year":
            self.labels["year"].update({year: year for year in counts})
        elif key == "tag":
            ranked = sorted(counts, key=lambda slug: (-counts[slug], slug))
            keep = set(ranked[:TAG_FACET_LIMIT]) | set(self.values["tag"])
            counts = {slug: n for slug, n in counts.items() if slug in keep}
            missing = keep - set(self.labels["tag"])
            self.labels["tag"].update(
                Tag.objects.filter(slug__in=missing).values_list("slug", "name")
            )
        return counts

    def results(self):
        """The releases to show, in order, for a paginator: from the index when it can
        serve the order asked for, else from the database."""
        if self.index is None:
            releases = self.qs.select_related("lead_source")
            if self._ranked and "search_rank" in releases.query.annotations:
                releases = releases.order_by("-search_rank", "-published_at", "-pk")
            return releases
        # A result shows the lead, never the text.
        rows = self.base.defer("body")
        if self.values["q"]:
            rows = with_snippets(rows, self.values["q"][0])
        bits = self._matching_bits()
        return IndexedResults(
            self.index,
            bits,
            rows,
            oldest_first=self.sort == SortOrder.OLDEST,
            ranks=self._ranks if self._ranked else None,
        )

    @property
    def _ranked(self) -> bool:
        return self.sort == SortOrder.RELEVANCE and bool(self.values["q"])

    def suggestions(self) -> list[Suggestion]:
        """Filters the search words name: a country, field of work, structure or meeting
        series, former names included ("Office in Tajikistan"), not already chosen."""
        if not self.values["q"]:
            return []
        found = current_classifier().classify(self.values["q"][0])
        offered = []
        for kind, key in (
            ("country", "country"),
            ("field", "field"),
            ("structure", "structure"),
            ("meeting", "meeting"),
        ):
            ids = found.ids(kind)
            if not ids:
                continue
            terms = TERM_MODELS[key].objects.filter(pk__in=ids).values_list("slug", "name")
            for slug, name in terms:
                if slug in self.values[key]:
                    continue
                values = dict(self.values)
                values[key] = [*self.values[key], slug]
                offered.append(
                    Suggestion(key, str(FACET_LABELS[key]), slug, name, self.querystring(values))
                )
        return offered

    # Addresses

    def querystring(
        self, values: dict[str, list[str]] | None = None, page: int | None = None
    ) -> str:
        """The parameters in canonical order, defaults left out."""
        values = self.values if values is None else values
        pairs = [(key, v) for key in PARAMETER_ORDER if key != "page" for v in values.get(key, [])]
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def active_filters(self) -> list[ActiveFilter]:
        active = []
        for key in PARAMETER_ORDER:
            if key in ("sort", "page"):
                continue
            for value in self.values.get(key, []):
                remaining = dict(self.values)
                remaining[key] = [v for v in self.values[key] if v != value]
                if key in self.labels:
                    label = str(self.labels[key].get(value, value))
                elif key in ("from", "to"):
                    label = _format_date(self.dates[key])
                else:
                    label = value
                active.append(
                    ActiveFilter(
                        key, value, str(FACET_LABELS[key]), label, self.querystring(remaining)
                    )
                )
        return active

    def describe(self) -> str:
        """The active filters in words, e.g. "Country: Austria or Serbia; Year: 2025"."""
        parts = []
        for group in self.summary_parts():
            values = gettext(" or ").join(item.label for item in group["items"])
            parts.append(f"{group['label']}: {values}")
        return "; ".join(parts)

    def summary_parts(self) -> list[dict[str, Any]]:
        """Active filters grouped by key, for the sentence above the results."""
        groups: dict[str, dict[str, Any]] = {}
        for item in self.active_filters():
            groups.setdefault(item.key, {"key": item.key, "label": item.key_label, "items": []})
            groups[item.key]["items"].append(item)
        return list(groups.values())


def _format_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def _through_counts(through, slug_path: str, ids) -> dict[str, int]:
    return dict(
        through.objects.filter(pressrelease_id__in=ids)
        .order_by()
        .values_list(slug_path)
        .annotate(n=Count("pressrelease_id", distinct=True))
    )


def _structure_subtrees(slugs: Iterable[str]) -> set[int]:
    catalogue = term_catalogue()
    by_slug = {term.slug: pk for pk, term in catalogue.by_id[Structure].items()}
    return {
        part
        for slug in slugs
        if slug in by_slug
        for part in catalogue.structure_subtree(by_slug[slug])
    }


def _structure_counts(ids, slugs: dict[int, str]) -> dict[str, int]:
    """Releases per structure (issued, supported or about, by it or anything under it),
    each release counted once.

    The three links are united as distinct (release, structure) pairs, each structure is
    mapped to itself and the structures above it, and the releases are counted per
    structure in one query; a join of the three would count a release once per path.
    """
    catalogue = term_catalogue()
    lineage = [
        (part, pk) for pk in catalogue.by_id[Structure] for part in catalogue.structure_subtree(pk)
    ]
    issued = (
        PressRelease.objects.filter(pk__in=ids, lead_source__isnull=False)
        .order_by()
        .values(rid=F("pk"), sid=F("lead_source_id"))
    )
    about = (
        PressRelease.structures.through.objects.filter(pressrelease_id__in=ids)
        .order_by()
        .values(rid=F("pressrelease_id"), sid=F("structure_id"))
    )
    supported = (
        PressRelease.supporting_sources.through.objects.filter(pressrelease_id__in=ids)
        .order_by()
        .values(rid=F("pressrelease_id"), sid=F("structure_id"))
    )
    sql, params = issued.union(about, supported).order_by().query.sql_with_params()
    if not lineage:
        return {}
    pairs = ", ".join(["(%s, %s)"] * len(lineage))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH lineage(sid, structure) AS (VALUES {pairs}) "
            f"SELECT l.structure, COUNT(DISTINCT u.rid) FROM ({sql}) u "
            "JOIN lineage l ON l.sid = u.sid GROUP BY l.structure",
            [value for pair in lineage for value in pair] + list(params),
        )
        by_id = dict(cursor.fetchall())
    return {slugs[pk]: n for pk, n in by_id.items() if pk in slugs}


def canonical_querystring(params: QueryDict) -> str:
    return ReleaseSearch(params).querystring()


__all__ = [
    "FACETS",
    "ActiveFilter",
    "Facet",
    "FacetOption",
    "Ignored",
    "ReleaseFilterSet",
    "ReleaseSearch",
    "SortOrder",
]
