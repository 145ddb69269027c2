"""The listing engine's filters and facet counts against a brute-force oracle over every
release."""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass

import pytest
from django.http import QueryDict
from django.utils import timezone

from listing.engine import FACETS, Listing
from press.demo import generate
from press.models import PressRelease, ReleaseType, Status
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure
from tests.factories import FACET_RELATIONS, facet_values, make_release

pytestmark = pytest.mark.django_db


@dataclass
class Row:
    pk: int
    published_at: datetime.datetime
    terms: dict[str, set[str]]

    def matches(self, key: str, values: list[str]) -> bool:
        return bool(self.terms[key] & set(values))


def oracle_rows() -> list[Row]:
    """Every public release and its terms, read with plain Python over plain queries."""
    rows = []
    for release in (
        PressRelease.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
        .select_related("lead_source")
        .prefetch_related(*FACET_RELATIONS)
    ):
        if release.published_at is None or release.published_at > timezone.now():
            continue
        terms = facet_values(release)
        terms["date"] = {terms["date"].isoformat()}
        rows.append(Row(release.pk, release.published_at, terms))
    return rows


def languages_shown(params: dict[str, list[str]]) -> list[str]:
    """The languages a listing shows: those asked for, the page's own (English) by default,
    every one for "all"."""
    chosen = params.get("language") or ["en-gb"]
    return [] if "all" in chosen else chosen


def oracle(rows: list[Row], params: dict[str, list[str]], skip: str | None = None) -> list[Row]:
    result = []
    for row in rows:
        ok = True
        for key in FACETS:
            if key == "language":
                shown_languages = languages_shown(params)
                if key != skip and shown_languages and not row.matches(key, shown_languages):
                    ok = False
                continue
            if key != skip and params.get(key) and not row.matches(key, params[key]):
                ok = False
        day = next(iter(row.terms["date"]))
        if params.get("from") and day < params["from"][0]:
            ok = False
        if params.get("to") and day > params["to"][0]:
            ok = False
        if ok:
            result.append(row)
    return result


def oracle_facet(rows, params, key) -> dict[str, int]:
    counts: dict[str, int] = {}
    matching = oracle(rows, params, skip=key)
    for row in matching:
        for value in row.terms[key]:
            counts[value] = counts.get(value, 0) + 1
    if key == "language" and matching:
        counts["all"] = len(matching)
    return counts


@pytest.fixture
def corpus(db):
    generate(260, seed=7)
    # Overlaps the generator never makes: one body issuing, supporting and concerned at once
    # must count once in the structure facet.
    make_release(
        "Issued and about the same office",
        source="programme-office-in-dushanbe",
        structures=["programme-office-in-dushanbe", "secretary-general"],
        countries=["tajikistan"],
        tags=["training"],
    ).supporting_sources.set(Structure.objects.filter(slug="programme-office-in-dushanbe"))
    make_release(
        "Tomorrow's news",
        published_at=timezone.now() + datetime.timedelta(days=1),
        countries=["tajikistan"],
        tags=["training"],
    )
    make_release("Draft", status=Status.DRAFT, countries=["tajikistan"], tags=["training"])
    # Versions in other languages: listed under their language, or with "all".
    for n, language in enumerate(["ru", "ru", "ru", "fr"]):
        make_release(f"Версия {n}", language=language, countries=["tajikistan"], tags=["training"])
    return oracle_rows()


def random_params(rng: random.Random, rows: list[Row]) -> dict[str, list[str]]:
    pools = {
        "country": list(Country.objects.values_list("slug", flat=True)),
        "field": list(FieldOfWork.objects.values_list("slug", flat=True)),
        "structure": list(Structure.objects.values_list("slug", flat=True)),
        "meeting": list(MeetingSeries.objects.values_list("slug", flat=True)),
        "type": list(ReleaseType.values),
        "tag": sorted({t for row in rows for t in row.terms["tag"]}),
        "year": sorted({y for row in rows for y in row.terms["year"]}),
        "language": ["en-gb", "ru", "fr", "all"],
    }
    # Values the releases actually carry, so that combinations are rarely empty.
    carried = {key: sorted({v for row in rows for v in row.terms[key]}) for key in pools}
    params: dict[str, list[str]] = {}
    for key in rng.sample(FACETS, k=rng.randint(1, 3)):
        source = carried[key] if rng.random() < 0.8 and carried[key] else pools[key]
        params[key] = rng.sample(source, k=min(len(source), rng.randint(1, 3)))
    if rng.random() < 0.3:
        start = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000))
        params["from"] = [start.isoformat()]
        if rng.random() < 0.5:
            params["to"] = [(start + datetime.timedelta(days=rng.randint(0, 2000))).isoformat()]
    return params


def as_query(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    return query


def listing(params: dict[str, list[str]]) -> Listing:
    return Listing(as_query(params))


def shown(found: Listing) -> list[PressRelease]:
    """Every release the listing gives, in its order."""
    return found.results()[0 : found.count]


def test_filters_and_facets_match_the_oracle(corpus, django_assert_max_num_queries):
    rng = random.Random(20260)
    non_empty = 0
    for _round in range(120):
        params = random_params(rng, corpus)
        found = listing(params)
        expected = oracle(corpus, params)
        non_empty += bool(expected)
        got = shown(found)
        assert sorted(r.pk for r in got) == sorted(r.pk for r in expected), params
        # Newest first by default.
        ordered = [release.published_at for release in got]
        assert ordered == sorted(ordered, reverse=True)
        # From the index: at most the names of the tags shown.
        with django_assert_max_num_queries(1):
            facets = {facet.key: facet for facet in found.facets()}
        for key in FACETS:
            counts = {o.value: o.count for o in facets[key].options if o.count}
            want = oracle_facet(corpus, params, key)
            if key == "tag":
                # The tag facet shows the most used tags only; those it shows are exact.
                assert all(want.get(v) == n for v, n in counts.items()), (key, params)
                assert set(counts) >= {v for v, n in want.items() if v in params.get("tag", [])}
            else:
                assert counts == want, (key, params)
    # The combinations exercised the filters, not just empty results.
    assert non_empty > 60


def test_listing_page_count_and_pages_match_the_oracle(client, corpus):
    rng = random.Random(7)
    for _round in range(12):
        params = random_params(rng, corpus)
        expected = oracle(corpus, params)
        response = client.get("/press-releases/", as_query(params))
        assert response.status_code == 200
        html = response.content.decode()
        count = int(re.search(r'id="results-heading"[^>]*>(\d+) release', html).group(1))
        assert count == len(expected), params
        titles = re.findall(r'class="release-card__title"><a href="([^"]+)"', html)
        newest = sorted(expected, key=lambda r: (r.published_at, r.pk), reverse=True)[:20]
        slugs = dict(
            PressRelease.objects.filter(pk__in=[r.pk for r in newest]).values_list("pk", "slug")
        )
        assert titles == [f"/press-releases/{slugs[r.pk]}/" for r in newest]


def test_oldest_first(corpus):
    ordered = [
        release.published_at
        for release in shown(listing({"sort": ["oldest"], "language": ["all"]}))
    ]
    assert ordered == sorted(ordered) and len(ordered) == len(corpus)


def test_text_search_combines_with_the_other_filters(corpus):
    rng = random.Random(3)
    words = ["border", "elections", "training", "media"]
    for _round in range(8):
        params = random_params(rng, corpus)
        q = rng.choice(words)
        found = listing({**params, "q": [q]})
        matching = set(PressRelease.objects.published().search(q).values_list("pk", flat=True))
        expected = {r.pk for r in oracle(corpus, params)} & matching
        assert {r.pk for r in shown(found)} == expected
        relevance = listing({**params, "q": [q], "sort": ["relevance"]})
        assert {r.pk for r in shown(relevance)} == expected


def test_drafts_and_future_releases_never_count(client, corpus):
    html = client.get("/press-releases/?country=tajikistan&tag=training").content.decode()
    assert "Tomorrow&#x27;s news" not in html and "Tomorrow's news" not in html
    assert ">Draft<" not in html
    found = listing({"country": ["tajikistan"]})
    tag_counts = {o.value: o.count for f in found.facets() if f.key == "tag" for o in f.options}
    assert tag_counts["training"] == len(
        oracle(corpus, {"country": ["tajikistan"], "tag": ["training"]})
    )


def test_structure_counted_once_when_it_issues_supports_and_concerns(corpus):
    found = listing({"country": ["tajikistan"], "tag": ["training"]})
    facet = next(f for f in found.facets() if f.key == "structure")
    counts = {o.value: o.count for o in facet.options}
    want = oracle_facet(corpus, {"country": ["tajikistan"], "tag": ["training"]}, "structure")
    assert counts["programme-office-in-dushanbe"] == want["programme-office-in-dushanbe"]


def test_a_structure_filter_finds_what_everything_under_it_issued(client):
    by_unit = make_release("From a Secretariat unit", source="secretary-general")
    by_institution = make_release(
        "From an institution", source="office-for-democratic-institutions-and-human-rights"
    )
    html = client.get("/press-releases/", {"structure": "secretariat"}).content.decode()
    assert by_unit.title in html and by_institution.title not in html
    html = client.get("/press-releases/", {"structure": "institutions"}).content.decode()
    assert by_institution.title in html and by_unit.title not in html
    found = listing({})
    counts = {o.value: o.count for f in found.facets() if f.key == "structure" for o in f.options}
    assert counts["secretariat"] == 1 and counts["secretary-general"] == 1
    assert counts["institutions"] == 1
