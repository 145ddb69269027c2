import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from press.models import PressRelease, Status

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        (
            r.title,
            r.slug,
            r.type,
            r.status,
            r.lead_source_id,
            tuple(sorted(c.pk for c in r.countries.all())),
            tuple(sorted(f.pk for f in r.fields_of_work.all())),
        )
        for r in PressRelease.objects.order_by("legacy_key").prefetch_related(
            "countries", "fields_of_work"
        )
    ]


def test_same_seed_same_releases():
    call_command("seed_demo", releases=120, seed=7, stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", releases=120, seed=7, replace=True, stdout=io.StringIO())
    assert snapshot() == first
    call_command("seed_demo", releases=120, seed=8, replace=True, stdout=io.StringIO())
    assert snapshot() != first


def test_every_status_and_a_skewed_distribution():
    call_command("seed_demo", releases=600, stdout=io.StringIO())
    assert PressRelease.objects.count() == 600
    statuses = set(PressRelease.objects.values_list("status", flat=True))
    assert statuses == {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN}
    assert PressRelease.objects.scheduled().exists()
    years = PressRelease.objects.published().dates("published_at", "year")
    assert years[0].year == 2000
    per_country = list(
        PressRelease.objects.values("countries__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("n", flat=True)
    )
    assert per_country[0] > 5 * per_country[len(per_country) // 2]
    assert all(r.body.startswith("<p>") for r in PressRelease.objects.all()[:20])


def test_a_second_set_is_refused_unless_asked_for():
    call_command("seed_demo", releases=5, stdout=io.StringIO())
    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_demo", releases=5)
    call_command("seed_demo", releases=5, if_empty=True, stdout=io.StringIO())
    assert PressRelease.objects.count() == 5
