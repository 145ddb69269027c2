import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from press.demo import ADVISORY_KEY_PREFIX, DEMO_ADVISORIES
from press.models import ChangeNote, JournalistAccessRequest, PressRelease, ReleaseType, Status

pytestmark = pytest.mark.django_db


def generated():
    """The releases --releases asks for; the press office's media advisories and the versions
    of some releases in other languages come on top."""
    return PressRelease.objects.exclude(legacy_key__startswith=ADVISORY_KEY_PREFIX).filter(
        translation_of__isnull=True
    )


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
    assert generated().count() == 600
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
    assert generated().count() == 5


def test_the_demo_shows_the_press_office_tools():
    call_command("seed_demo", releases=300, stdout=io.StringIO())
    (embargoed,) = PressRelease.objects.under_embargo()
    assert embargoed.embargo_until is not None
    assert JournalistAccessRequest.objects.filter(status="pending").count() == 2
    corrected = PressRelease.objects.published().get(major_change_at__isnull=False)
    assert [c.note for c in corrected.change_history] == [
        "Corrected the number of participants in the second paragraph.",
        "Added the statement of the Head of Mission.",
    ]
    assert ChangeNote.objects.filter(major=False).count() == 1
    # Loading again (make run) keeps them, once.
    out = io.StringIO()
    call_command("seed_demo", releases=300, if_empty=True, stdout=out)
    assert "Press office" not in out.getvalue()
    assert PressRelease.objects.under_embargo().count() == 1
    assert ChangeNote.objects.count() == 3
    assert JournalistAccessRequest.objects.count() == 2
    assert PressRelease.objects.filter(type=ReleaseType.MEDIA_ADVISORY).exclude(
        event_starts_at=None
    ).count() == len(DEMO_ADVISORIES)


def test_the_demo_has_media_advisories_of_events_to_come_and_past(client):
    call_command("seed_demo", releases=20, stdout=io.StringIO())
    advisories = PressRelease.objects.filter(legacy_key__startswith=ADVISORY_KEY_PREFIX)
    for advisory in advisories:
        advisory.full_clean()
    upcoming = list(PressRelease.objects.upcoming_events())
    assert len(upcoming) >= 3 and PressRelease.objects.past_events().exists()
    conference = upcoming[0]
    assert "Ministerial Council" in conference.title
    assert conference.event_timezone == "Europe/Vienna"
    assert conference.event_starts_at.astimezone(conference.event_zone).hour == 17
    html = client.get("/events/").content.decode()
    assert conference.title in html and "Past events" in html


def test_demo_releases_read_like_real_ones():
    """Bodies of 5-9 long paragraphs (400-900 words) with quotations, some subheadings and
    lists, and leads of one or two sentences: benchmarks render what readers get."""
    call_command("seed_demo", releases=200, stdout=io.StringIO())
    releases = list(generated().only("lead", "body"))
    for release in releases:
        words = len(re.sub(r"<[^>]+>", " ", release.body).split())
        paragraphs = len(re.findall(r"<p>(?!The (participants|programme)|Among)", release.body))
        assert 400 <= words <= 900, words
        assert 5 <= paragraphs <= 9, release.body
        assert 1 <= release.lead.count(". ") + 1 <= 2, release.lead
    bodies = [release.body for release in releases]
    assert all("“" in body for body in bodies)
    assert 0.2 < sum("<h2>" in body for body in bodies) / len(bodies) < 0.6
    assert 0.1 < sum("<ul>" in body for body in bodies) / len(bodies) < 0.4
    assert len(set(bodies)) == len(bodies)


def test_the_demo_has_versions_in_other_languages():
    call_command("seed_demo", releases=80, seed=3, stdout=io.StringIO())
    versions = PressRelease.objects.filter(translation_of__isnull=False)
    languages = set(versions.values_list("language", flat=True))
    assert "ru" in languages and languages - {"ru"}  # a few in other languages too
    russian = versions.filter(language="ru")
    assert russian.count() >= 80 // 8
    for version in russian:
        assert version.status == version.translation_of.status == "published"
        assert set(version.countries.all()) == set(version.translation_of.countries.all())
    # Replacing the demo replaces its versions too: those of ten releases are a few.
    call_command("seed_demo", releases=10, seed=3, replace=True, stdout=io.StringIO())
    assert PressRelease.objects.filter(translation_of__isnull=False).count() < 5
