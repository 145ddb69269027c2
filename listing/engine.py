"""The listing engine: which public releases match a listing's parameters, how many per
facet value, which page, and the words and addresses that describe it.

One engine behind every list of releases (the HTML listing, the feeds, the term pages,
related releases), so that each shows the same releases and the same counts. It answers
from the in-memory facet index (``listing.index``); the database only fetches the rows of
the releases shown, through the publication rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from taggit.models import Tag

from listing.forms import (
    ALL_LANGUAGES,
    FACETS,
    FILTERS,
    PARAMETER_ORDER,
    Ignored,
    ListingForm,
    SortOrder,
)
from listing.index import FacetIndex, RelevanceOrder, current_index
from listing.matches import search_matches
from press.classifier import current_classifier
from press.fulltext import with_snippets
from press.models import PressRelease, attach_lead_sources
from press.public_reads import public_cards
from taxonomy.catalogue import term_catalogue
from taxonomy.kinds import KINDS

# Tags are open-ended: the facet shows the most used ones (and any chosen one).
TAG_FACET_LIMIT = 30

__all__ = ["FACETS", "Facet", "FacetOption", "Ignored", "Listing", "SortOrder", "latest"]


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
class Suggestion:
    """A term the search words name, offered as a filter ("Structure: Programme Office…")."""

    key: str
    key_label: str
    value: str
    label: str
    query: str


class IndexedResults:
    """A paginator's view of the releases an index bit set selects, fetched per page."""

    def __init__(
        self,
        index: FacetIndex,
        bits: int,
        rows: QuerySet,
        oldest_first: bool = False,
        order: RelevanceOrder | None = None,
    ):
        self.index, self.bits, self.rows, self.oldest_first = index, bits, rows, oldest_first
        self.order = order  # given: ordered by relevance

    def count(self) -> int:
        return self.bits.bit_count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[PressRelease]:
        start = window.start or 0
        stop = self.count() if window.stop is None else window.stop
        if self.order is not None:
            ids = self.index.relevance_page(self.bits, self.order, start, max(0, stop - start))
        else:
            ids = self.index.page(self.bits, start, max(0, stop - start), self.oldest_first)
        # Fetched through the publication rule again: a release taken down since the index
        # was built simply drops out.
        found = {
            release.pk: release for release in attach_lead_sources(self.rows.filter(pk__in=ids))
        }
        return [found[pk] for pk in ids if pk in found]


class Listing:
    """One request's listing: ``Listing(request.GET)``."""

    def __init__(self, params: QueryDict):
        self.index = current_index()
        self.form = ListingForm(params, index=self.index)
        self.values = self.form.values
        self.ignored: list[Ignored] = self.form.ignored
        self.renamed = self.form.renamed
        self.sort = self.form.sort_order
        self.page_number = self._page_number(params.get("page"))

    def _page_number(self, raw: str | None) -> int:
        raw = (raw or "").strip()
        if raw in ("", "1"):
            return 1
        # ASCII digits only: a superscript two passes str.isdigit(), and int() refuses it.
        if raw.isascii() and raw.isdigit() and int(raw) >= 1:
            return int(raw)
        self.ignored.append(Ignored("page", raw, gettext("not a page number")))
        return 1

    @property
    def query(self) -> str:
        return (self.values["q"] or [""])[0]

    @property
    def is_filtered(self) -> bool:
        return any(self.values[key] for key in FILTERS)

    @property
    def _ranked(self) -> bool:
        return self.sort == SortOrder.RELEVANCE and bool(self.query)

    # Matching

    @cached_property
    def _search(self) -> tuple[int | None, RelevanceOrder | None]:
        """The releases the search words match (as index bits) and, when ordering by
        relevance, the order of those the search ranks."""
        if not self.query:
            return None, None
        return search_matches(self.query, self.form.languages, self.index, self._ranked)

    def matching(self, without: str | None = None) -> int:
        """The bit set of the releases every filter (but ``without``'s) lets through."""
        search, _order = self._search
        values = {**self.values, "language": self.form.languages}
        return self.index.matching(values, self.form.dates, search=search, without=without)

    @property
    def count(self) -> int:
        return self.matching().bit_count()

    def results(self) -> IndexedResults:
        """The matching releases in order, for a paginator or a slice."""
        # A result shows the lead, never the text.
        rows = PressRelease.objects.published().defer("body")
        if self.query:
            rows = with_snippets(rows, self.query, self.form.languages)
        _search, order = self._search
        return IndexedResults(
            self.index,
            self.matching(),
            rows,
            oldest_first=self.sort == SortOrder.OLDEST,
            order=order if self._ranked else None,
        )

    def page(self) -> Page:
        """The page asked for; raises ``EmptyPage`` past the last one."""
        paginator = Paginator(self.results(), settings.NEWSROOM["PAGE_SIZE"])
        return paginator.page(self.page_number)

    # Facets: for each key, the other keys' filters, counted per option.

    def facets(self) -> list[Facet]:
        return [self._facet(key) for key in FACETS]

    def _facet(self, key: str) -> Facet:
        counts = self.index.counts(key, self.matching(without=key))
        labels = self.form.labels
        if key == "year":
            options = [(year, year) for year in sorted(counts, key=lambda y: -int(y))]
            chosen = [(year, year) for year in self.values["year"] if year not in counts]
            options = sorted(options + chosen, key=lambda item: -int(item[0]))
        elif key == "tag":
            ranked = sorted(counts, key=lambda slug: (-counts[slug], slug))
            shown = [*ranked[:TAG_FACET_LIMIT]]
            shown += [slug for slug in self.values["tag"] if slug not in shown]
            names = self._tag_names(shown)
            options = sorted(
                ((slug, names.get(slug, slug)) for slug in shown),
                key=lambda item: (-counts.get(item[0], 0), item[1]),
            )
        else:
            options = list(labels[key].items())
        selected = set(self.values[key])
        if key == "language":
            selected = set(self.form.languages) or {ALL_LANGUAGES}
            counts = {**counts, ALL_LANGUAGES: sum(counts.values())}
        return Facet(
            key=key,
            label=self.form.label(key),
            options=[
                FacetOption(value, str(label), counts.get(value, 0), value in selected)
                for value, label in options
            ],
        )

    @cached_property
    def _chosen_tag_names(self) -> dict[str, str]:
        return self._tag_names(self.values["tag"])

    @staticmethod
    def _tag_names(slugs: list[str]) -> dict[str, str]:
        if not slugs:
            return {}
        return dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "name"))

    # Words

    def value_label(self, key: str, value: str) -> str:
        if key == "tag":
            return self._chosen_tag_names.get(value, value)
        if key in ("from", "to"):
            return date_format(self.form.dates[key], "DATE_FORMAT")
        return str(self.form.labels.get(key, {}).get(value, value))

    def active_filters(self) -> list[ActiveFilter]:
        active = []
        for key in FILTERS:
            for value in self.values.get(key, []):
                remaining = dict(self.values)
                remaining[key] = [v for v in self.values[key] if v != value]
                active.append(
                    ActiveFilter(
                        key,
                        value,
                        self.form.label(key),
                        self.value_label(key, value),
                        self.querystring(remaining),
                    )
                )
        return active

    def summary_parts(self) -> list[dict[str, Any]]:
        """Active filters grouped by key, for the sentence above the results."""
        groups: dict[str, dict[str, Any]] = {}
        for item in self.active_filters():
            groups.setdefault(item.key, {"key": item.key, "label": item.key_label, "items": []})
            groups[item.key]["items"].append(item)
        return list(groups.values())

    def describe(self) -> str:
        """The active filters in words, e.g. "Country: Austria or Serbia; Year: 2025"."""
        parts = []
        for group in self.summary_parts():
            values = gettext(" or ").join(item.label for item in group["items"])
            parts.append(f"{group['label']}: {values}")
        return "; ".join(parts)

    def suggestions(self) -> list[Suggestion]:
        """Filters the search words name: a term of any kind, former names included
        ("Office in Tajikistan"), not already chosen."""
        if not self.query:
            return []
        # Built once per generation for every language, so always built in English: a
        # classifier first asked by a Russian reader would otherwise know Russian names
        # only, for everyone. The suggestions are labelled in the reader's language below.
        with translation.override(settings.LANGUAGE_CODE):
            found = current_classifier().classify(self.query)
        catalogue = term_catalogue()
        offered = []
        for kind in KINDS:
            names = self.form.labels[kind.key]
            named = found.ids(kind.key)
            # In the navigation's order, as the facet lists them.
            for pk, term in catalogue.by_id[kind.model].items():
                if pk not in named or term.slug in self.values[kind.key]:
                    continue
                slug = term.slug
                values = dict(self.values)
                values[kind.key] = [*self.values[kind.key], slug]
                offered.append(
                    Suggestion(
                        kind.key, str(kind.label), slug, names[slug], self.querystring(values)
                    )
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


def latest(key: str, value: str, limit: int = 10) -> list[PressRelease]:
    """The newest public releases in the index set ``key``/``value`` (a term's page:
    ``latest("country", "austria")``, or a structure's ``"issued"`` and ``"about"``)."""
    index = current_index()
    language = index.sets["language"].get(translation.get_language() or settings.LANGUAGE_CODE, 0)
    ids = index.page(index.sets[key].get(value, 0) & language, 0, limit)
    return public_cards(ids)
