"""Patching the facet index from the content generations' change log: after any sequence of
edits, a patched index is the index a rebuild would make."""

import datetime
import random
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.generations import CHANGES_KEY, changes_between, current_state
from listing.index import PATCH_LIMIT, FacetIndex, current_index
from press.models import PressRelease, Status
from taxonomy.models import Country, FieldOfWork, Structure
from tests.factories import make_release

pytestmark = pytest.mark.django_db

COUNTRIES = ["austria", "serbia", "ukraine", "tajikistan", "poland"]
FIELDS = ["elections", "policing", "youth"]
# The Secretariat's units count for the Secretariat: a patch must lift them up the tree too.
STRUCTURES = [
    "secretary-general",
    "programme-office-in-dushanbe",
    "mission-to-serbia",
    "office-for-democratic-institutions-and-human-rights",
]
TAGS = ["water", "training", "media", "border-management"]
TYPES = ["press-release", "statement", "news-item"]


def assert_same(patched: FacetIndex, rebuilt: FacetIndex) -> None:
    assert list(patched.ids) == list(rebuilt.ids)
    assert list(patched._negated_times) == list(rebuilt._negated_times)
    assert patched.size == rebuilt.size and patched.all == rebuilt.all
    assert patched.sets == rebuilt.sets
    highest = max([*patched.ids, *rebuilt.ids, 0]) + 10
    assert [patched.position(pk) for pk in range(highest)] == [
        rebuilt.position(pk) for pk in range(highest)
    ]
    everything = patched.all
    for key in ("country", "year", "structure", "tag", "type", "language"):
        assert patched.counts(key, everything) == rebuilt.counts(key, everything)
    assert patched.page(everything, 0, 10) == rebuilt.page(everything, 0, 10)
    assert patched.page(everything, 0, 10, oldest_first=True) == rebuilt.page(
        everything, 0, 10, oldest_first=True
    )


def random_release(rng: random.Random, n: int, **extra) -> PressRelease:
    now = timezone.now()
    age = datetime.timedelta(days=rng.randint(0, 3000), hours=rng.randint(0, 23))
    extra.setdefault("published_at", now - age)
    return make_release(
        f"Release {n}",
        type=rng.choice(TYPES),
        source=rng.choice(STRUCTURES),
        countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
        fields=rng.sample(FIELDS, rng.randint(0, 2)),
        structures=rng.sample(STRUCTURES, rng.randint(0, 1)),
        tags=rng.sample(TAGS, rng.randint(0, 2)),
        **extra,
    )


def random_edit(rng: random.Random, n: int) -> list[int]:
    """One edit an editor (or the clock) could make; the ids of the releases it touched."""
    releases = list(PressRelease.objects.order_by("pk"))
    release = rng.choice(releases)
    now = timezone.now()
    edit = rng.choice(
        [
            "publish",
            "publish-same-moment",
            "backdate",
            "withdraw",
            "republish",
            "countries",
            "tags",
            "source",
            "supporting",
            "type",
            "language",
            "expire",
            "delete",
            "draft",
        ]
    )
    if edit == "publish":
        return [random_release(rng, n, published_at=now).pk]
    if edit == "publish-same-moment":
        # Ties are broken by id, the higher first, as the build orders them.
        return [random_release(rng, n, published_at=release.published_at or now).pk]
    if edit == "backdate":
        release.published_at = now - datetime.timedelta(days=rng.randint(0, 5000))
    elif edit == "withdraw":
        release.status, release.withdrawn_at = Status.WITHDRAWN, now
        release.withdrawal_reason = "Superseded."
    elif edit == "republish":
        release.status, release.published_at = Status.PUBLISHED, release.published_at or now
    elif edit == "countries":
        release.countries.set(Country.objects.filter(slug__in=rng.sample(COUNTRIES, 2)))
        return [release.pk]
    elif edit == "tags":
        release.tags.set([rng.choice(TAGS), f"new-tag-{n}"])
        return [release.pk]
    elif edit == "source":
        release.lead_source = Structure.objects.get(slug=rng.choice(STRUCTURES))
    elif edit == "supporting":
        release.supporting_sources.set(Structure.objects.filter(slug=rng.choice(STRUCTURES)))
        return [release.pk]
    elif edit == "type":
        release.type = rng.choice(TYPES)
    elif edit == "language":
        release.language = rng.choice(["ru", "fr", "en"])
    elif edit == "expire":
        release.expires_at = now - datetime.timedelta(seconds=1)
    elif edit == "delete":
        pk = release.pk
        release.delete()
        return [pk]
    elif edit == "draft":
        release.status = Status.DRAFT
    release.save()
    return [release.pk]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_patched_index_is_the_rebuilt_index_after_random_edits(seed):
    rng = random.Random(seed)
    for n in range(25):
        random_release(rng, n)
    index = FacetIndex()
    for step in range(30):
        changed = random_edit(rng, 100 + step)
        patched = index.patched([{"releases": changed}])
        assert patched is not None
        assert_same(patched, FacetIndex())
        index = patched
    assert index.patches == 30


def test_the_previous_index_is_left_as_it_was_for_requests_still_reading_it():
    rng = random.Random(7)
    for n in range(5):
        random_release(rng, n)
    before = FacetIndex()
    ids, sets = list(before.ids), {key: dict(values) for key, values in before.sets.items()}
    new = random_release(rng, 9, published_at=timezone.now())
    before.patched([{"releases": [new.pk]}])
    assert list(before.ids) == ids and before.sets == sets


def test_a_publication_patches_the_index_of_the_previous_generation():
    make_release("Older", countries=["austria"])
    first = current_index()
    assert first.patches == 0
    make_release("Newest", countries=["austria", "serbia"], published_at=timezone.now())
    patched = current_index()
    assert patched is not first and patched.patches >= 1
    assert patched.counts("country", patched.all) == {"austria": 2, "serbia": 1}
    assert_same(patched, FacetIndex())


def test_reclassifying_from_the_country_side_patches_the_releases_it_names():
    release = make_release("About Austria", countries=["austria"])
    current_index()
    Country.objects.get(slug="poland").releases.add(release)
    patched = current_index()
    assert patched.patches >= 1
    assert patched.counts("country", patched.all) == {"austria": 1, "poland": 1}


def test_a_taxonomy_change_rebuilds_the_index():
    make_release("About youth", fields=["youth"])
    current_index()
    youth = FieldOfWork.objects.get(slug="youth")
    youth.slug = "young-people"
    youth.save()
    rebuilt = current_index()
    assert rebuilt.patches == 0
    assert rebuilt.counts("field", rebuilt.all) == {"young-people": 1}


def test_a_lost_log_entry_means_a_rebuild_not_a_wrong_index():
    make_release("First")
    current_index()
    make_release("Second", published_at=timezone.now())
    cache.delete(f"{CHANGES_KEY}{current_state()['generation']}")
    rebuilt = current_index()
    assert rebuilt.patches == 0
    assert rebuilt.size == 2


def test_a_scheduled_release_enters_the_index_by_patch_when_its_time_comes():
    make_release("Live", countries=["austria"])
    current_index()
    make_release(
        "Scheduled",
        countries=["serbia"],
        published_at=timezone.now() + datetime.timedelta(seconds=1.5),
    )
    assert current_index().counts("country", current_index().all) == {"austria": 1}
    time.sleep(1.6)
    live = current_index()
    assert live.patches >= 1
    assert live.counts("country", live.all) == {"austria": 1, "serbia": 1}


def test_many_changes_at_once_rebuild_instead():
    make_release("One")
    index = FacetIndex()
    assert index.patched([{"releases": list(range(1, PATCH_LIMIT + 2))}]) is None


def test_the_change_log_spans_only_generations_that_all_have_entries():
    generation = current_state()["generation"]
    make_release("Logged")
    newest = current_state()["generation"]
    changes = changes_between(generation, newest)
    assert changes and all("releases" in change for change in changes)
    assert changes_between(generation, f"local-{newest}") is None
    assert changes_between(None, newest) is None
    assert changes_between(newest, newest) is None
