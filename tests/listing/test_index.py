"""The in-memory facet index against a brute-force oracle over the database's releases."""

import datetime
import random

import pytest
from django.utils import timezone

from listing.index import FacetIndex, current_index
from press.models import PressRelease, Status
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure
from tests.factories import FACET_RELATIONS, facet_values, make_release

pytestmark = pytest.mark.django_db

COUNTRIES = ["austria", "serbia", "ukraine", "tajikistan"]
FIELDS = ["elections", "policing", "youth"]
STRUCTURES = ["secretary-general", "programme-office-in-dushanbe", "mission-to-serbia"]
MEETINGS = ["ministerial-council-meetings", "human-rights-meetings"]
TAGS = ["water", "training", "media"]
TYPES = ["press-release", "statement", "news-item"]


@pytest.fixture
def archive():
    rng = random.Random(42)
    now = timezone.now()
    for n in range(60):
        status = rng.choice([Status.PUBLISHED] * 6 + [Status.WITHDRAWN, Status.DRAFT])
        when = now - datetime.timedelta(days=rng.randint(0, 4000), hours=rng.randint(0, 23))
        if rng.random() < 0.05:
            when = now + datetime.timedelta(days=3)  # scheduled
        release = make_release(
            f"Release {n}",
            status=status,
            published_at=when,
            type=rng.choice(TYPES),
            source=rng.choice(STRUCTURES),
            countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
            fields=rng.sample(FIELDS, rng.randint(0, 2)),
            structures=rng.sample(STRUCTURES, rng.randint(0, 1)),
            meetings=rng.sample(MEETINGS, rng.randint(0, 1)),
            tags=rng.sample(TAGS, rng.randint(0, 2)),
        )
        if rng.random() < 0.2:
            release.supporting_sources.set(Structure.objects.filter(slug=rng.choice(STRUCTURES)))


def all_facts():
    releases = (
        PressRelease.objects.published()
        .prefetch_related(*FACET_RELATIONS)
        .select_related("lead_source")
    )
    return {r.pk: {**facet_values(r), "published_at": r.published_at} for r in releases}


def oracle(facts, values, dates, without=None):
    chosen = []
    for pk, fact in facts.items():
        if any(
            values.get(key) and key != without and not fact[key] & set(values[key])
            for key in ("country", "field", "structure", "meeting", "tag", "type", "year")
        ):
            continue
        if dates.get("from") and fact["date"] < dates["from"]:
            continue
        if dates.get("to") and fact["date"] > dates["to"]:
            continue
        chosen.append(pk)
    return chosen


def random_filters(rng):
    values = {}
    for key, options in (
        ("country", COUNTRIES),
        ("field", FIELDS),
        ("structure", STRUCTURES),
        ("meeting", MEETINGS),
        ("tag", TAGS),
        ("type", TYPES),
    ):
        if rng.random() < 0.35:
            values[key] = rng.sample(options, rng.randint(1, 2))
    if rng.random() < 0.2:
        values["year"] = [str(rng.randint(2016, 2026))]
    dates = {}
    if rng.random() < 0.25:
        dates["from"] = timezone.localdate() - datetime.timedelta(days=rng.randint(0, 3000))
    if rng.random() < 0.25:
        dates["to"] = timezone.localdate() - datetime.timedelta(days=rng.randint(0, 2000))
    return values, dates


def test_filters_counts_and_pages_match_the_oracle(archive):
    index = FacetIndex()
    facts = all_facts()
    rng = random.Random(7)
    for _ in range(60):
        values, dates = random_filters(rng)
        expected = oracle(facts, values, dates)
        bits = index.matching(values, dates)
        assert bits.bit_count() == len(expected), (values, dates)
        newest = sorted(
            expected,
            key=lambda pk: (facts[pk]["published_at"], pk),
            reverse=True,
        )
        assert index.page(bits, 0, 5) == newest[:5]
        assert index.page(bits, 5, 5) == newest[5:10]
        assert index.page(bits, 0, 5, oldest_first=True) == list(reversed(newest))[:5]
        for key in ("country", "field", "structure", "meeting", "tag", "type", "year"):
            others = oracle(facts, values, dates, without=key)
            want = {}
            for pk in others:
                for value in facts[pk][key]:
                    want[value] = want.get(value, 0) + 1
            got = index.counts(key, index.matching(values, dates, without=key))
            assert got == want, (key, values, dates)


def test_unpublished_releases_are_not_indexed(archive):
    index = FacetIndex()
    public = set(PressRelease.objects.published().values_list("pk", flat=True))
    assert set(index.page(index.all, 0, 1000)) == public
    assert not set(index.ids) & set(
        PressRelease.objects.exclude(pk__in=public).values_list("pk", flat=True)
    )


def test_the_index_follows_every_change(editor):
    first = make_release("First", countries=["austria"])
    assert current_index().counts("country", current_index().all) == {"austria": 1}
    second = make_release("Second", status=Status.DRAFT, countries=["austria"])
    assert current_index().all.bit_count() == 1
    second.publish(by=editor)
    assert current_index().counts("country", current_index().all) == {"austria": 2}
    first.countries.set(Country.objects.filter(slug="serbia"))
    assert current_index().counts("country", current_index().all) == {"austria": 1, "serbia": 1}
    second.return_to_draft(by=editor)
    assert current_index().page(current_index().all, 0, 10) == [first.pk]


def test_unknown_values_match_nothing(archive):
    index = FacetIndex()
    assert index.matching({"country": ["atlantis"]}, {}) == 0
    assert FieldOfWork.objects.exists() and MeetingSeries.objects.exists()


def test_building_the_index_takes_the_same_queries_at_any_size(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def build_queries():
        with CaptureQueriesContext(connection) as captured:
            FacetIndex()
        return len(captured)

    make_release(countries=["austria"], tags=["water"])
    few = build_queries()
    for _ in range(30):
        make_release(countries=["serbia", "austria"], fields=["youth"], tags=["media", "water"])
    assert build_queries() == few


def test_related_releases_come_from_shared_terms(archive):
    index = FacetIndex()
    subject = PressRelease.objects.published().filter(countries__isnull=False).first()
    related = index.related(subject, 10)
    assert subject.pk not in related
    subject_terms = facet_values(subject)
    facts = all_facts()
    shared = [
        sum(
            len(facts[pk][key] & subject_terms[key])
            for key in ("country", "field", "meeting", "tag")
        )
        + len(
            {s.slug for s in PressRelease.objects.get(pk=pk).structures.all()}
            & {s.slug for s in subject.structures.all()}
        )
        for pk in related
    ]
    assert all(n > 0 for n in shared)
    assert shared == sorted(shared, reverse=True)


def test_years_split_at_local_midnight_on_new_years_day():
    tz = timezone.get_current_timezone()

    def local(*args):
        return datetime.datetime(*args, tzinfo=tz)

    make_release("Last second of 2019", published_at=local(2019, 12, 31, 23, 59, 59))
    make_release("First second of 2020", published_at=local(2020, 1, 1, 0, 0, 0))
    make_release("Mid 2020", published_at=local(2020, 7, 1, 12))
    make_release("Early 2017", published_at=local(2017, 1, 1, 0, 0, 1))
    index = FacetIndex()
    assert index.counts("year", index.all) == {"2017": 1, "2019": 1, "2020": 2}
    in_2020 = index.matching({"year": ["2020"]}, {})
    assert index.counts("year", in_2020) == {"2020": 2}
    assert index.counts("year", 0) == {}
