import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from press.models import InvalidTransition, PressRelease, ReleaseSlugRedirect, Status
from press.public_reads import public_release
from taxonomy.catalogue import term_catalogue
from taxonomy.models import Country, FieldOfWork, Structure
from tests.factories import make_contact, make_release

pytestmark = pytest.mark.django_db


def test_only_live_releases_are_published():
    live = make_release("Live")
    withdrawn = make_release("Withdrawn", status=Status.WITHDRAWN)
    make_release("Draft", status=Status.DRAFT)
    make_release("In review", status=Status.IN_REVIEW)
    scheduled = make_release("Scheduled", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert set(PressRelease.objects.published()) == {live, withdrawn}
    assert list(PressRelease.objects.scheduled()) == [scheduled]


def test_a_scheduled_release_goes_live_by_itself_when_its_time_comes():
    release = make_release(published_at=timezone.now() + datetime.timedelta(seconds=30))
    assert not PressRelease.objects.published().filter(pk=release.pk).exists()
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert PressRelease.objects.published().filter(pk=release.pk).exists()


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"status": Status.PUBLISHED, "published_at": None}, "press_public_has_date"),
        ({"status": Status.PUBLISHED, "lead_source": None}, "press_public_has_source"),
        ({"status": Status.WITHDRAWN, "withdrawn_at": None}, "press_withdrawn_has_date"),
        ({"status": "deleted"}, "press_status_valid"),
        ({"type": "gossip"}, "press_type_valid"),
        ({"title": ""}, "press_title_not_empty"),
    ],
)
def test_database_refuses_inconsistent_rows(changes, constraint):
    release = make_release(status=Status.DRAFT, published_at=timezone.now())
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        PressRelease.objects.filter(pk=release.pk).update(**changes)


def test_slugs_are_unique_and_derived_from_the_title():
    first = make_release("Border guards trained in Dushanbe")
    second = make_release("Border guards trained in Dushanbe")
    assert first.slug == "border-guards-trained-in-dushanbe"
    assert second.slug == "border-guards-trained-in-dushanbe-2"
    with pytest.raises(IntegrityError), transaction.atomic():
        PressRelease.objects.filter(pk=second.pk).update(slug=first.slug)


def test_changing_the_slug_of_a_published_release_keeps_the_old_address(client):
    release = make_release("Old title")
    release.slug = "new-title"
    release.save()
    assert ReleaseSlugRedirect.objects.get(old_slug="old-title").release == release
    response = client.get("/press-releases/old-title/")
    assert response.status_code == 301
    assert response["Location"] == "/press-releases/new-title/"


def test_a_draft_slug_change_leaves_no_redirect():
    release = make_release("Draft title", status=Status.DRAFT)
    release.slug = "other"
    release.save()
    assert not ReleaseSlugRedirect.objects.exists()


def test_workflow_records_each_step(author, editor):
    release = make_release(status=Status.DRAFT, created_by=author)
    release.submit(by=author)
    release.publish(by=editor)
    assert release.is_live
    release.withdraw(by=editor, reason="Figures were wrong.")
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN and release.withdrawal_reason == "Figures were wrong."
    steps = [(t.from_status, t.to_status, t.by) for t in release.transitions.order_by("at", "pk")]
    assert steps == [
        (Status.DRAFT, Status.IN_REVIEW, author),
        (Status.IN_REVIEW, Status.PUBLISHED, editor),
        (Status.PUBLISHED, Status.WITHDRAWN, editor),
    ]


def test_authors_cannot_publish_and_invalid_steps_are_refused(author, editor):
    release = make_release(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        release.publish(by=author)
    with pytest.raises(InvalidTransition):
        release.withdraw(by=editor, reason="Not live yet")
    release.refresh_from_db()
    assert release.status == Status.DRAFT and not release.transitions.exists()


def test_publishing_in_the_future_schedules(editor):
    release = make_release(status=Status.DRAFT)
    release.publish(by=editor, at=timezone.now() + datetime.timedelta(days=1))
    assert release.is_scheduled and release.display_status == "Scheduled"
    release.unschedule(by=editor)
    assert release.status == Status.IN_REVIEW and release.published_at is None


def test_every_save_increments_the_version():
    release = make_release(status=Status.DRAFT)
    version = release.version
    release.title = "Changed"
    release.save()
    assert release.version == version + 1


# A release's terms: asked for after reading the release (one query of their own), or read
# in the release's own query (``with_terms``), or as the release page reads them (the same
# query, its SQL compiled once: ``public_release``).
READ_ALONE, READ_WITH_RELEASE, READ_ON_THE_PAGE = "alone", "with-release", "on-the-page"
WAYS_OF_READING = [READ_ALONE, READ_WITH_RELEASE, READ_ON_THE_PAGE]


def read(release: PressRelease, way: str) -> PressRelease:
    if way == READ_ON_THE_PAGE:
        return public_release(release.slug)
    releases = PressRelease.objects if way == READ_ALONE else PressRelease.objects.with_terms()
    return releases.get(pk=release.pk)


@pytest.mark.parametrize("way", WAYS_OF_READING)
def test_terms_lists_every_classification_in_navigation_order(django_assert_num_queries, way):
    release = make_release(
        countries=["ukraine", "austria"],
        fields=["human-rights", "border-management"],
        structures=["programme-office-in-dushanbe"],
        meetings=["ministerial-council-meetings"],
        tags=["water", "Elections"],
    )
    release.supporting_sources.set(
        Structure.objects.filter(slug="office-for-democratic-institutions-and-human-rights")
    )
    release.media_contacts.set([make_contact(), make_contact()])
    term_catalogue()  # reference data, read once per content generation
    fresh = read(release, way)
    with django_assert_num_queries(1 if way == READ_ALONE else 0):
        terms = fresh.terms
    assert [c.slug for c in terms.countries] == ["austria", "ukraine"]  # the States' order
    expected_fields = list(
        FieldOfWork.objects.filter(slug__in=["human-rights", "border-management"])
    )
    assert terms.fields_of_work == expected_fields
    assert [s.slug for s in terms.structures] == ["programme-office-in-dushanbe"]
    assert [m.slug for m in terms.meeting_series] == ["ministerial-council-meetings"]
    assert [s.slug for s in terms.supporting_sources] == [
        "office-for-democratic-institutions-and-human-rights"
    ]
    assert [t.name for t in terms.tags] == ["Elections", "water"]
    assert [t.slug for t in terms.tags] == ["elections", "water"]
    assert terms.media_contact_ids == sorted(c.pk for c in release.media_contacts.all())
    assert terms


@pytest.mark.parametrize("way", WAYS_OF_READING)
def test_terms_of_an_unclassified_release_are_empty_and_falsy(way):
    release = make_release()
    release.supporting_sources.set(
        Structure.objects.filter(slug="office-for-democratic-institutions-and-human-rights")
    )
    terms = read(release, way).terms
    assert not terms  # the sources say who issued it, not what it is about
    assert terms.countries == [] and terms.tags == []
    assert [s.slug for s in terms.supporting_sources] == [
        "office-for-democratic-institutions-and-human-rights"
    ]


def test_a_release_with_no_links_at_all_reads_empty_terms_with_it(django_assert_num_queries):
    release = make_release(source=Structure.objects.get(slug="secretary-general"))
    fresh = read(release, READ_WITH_RELEASE)
    term_catalogue()
    with django_assert_num_queries(0):
        terms = fresh.terms
    assert not terms and terms.supporting_sources == [] and terms.media_contact_ids == []


def test_terms_show_renamed_and_new_terms_at_once():
    release = make_release(countries=["austria"])
    term_catalogue()
    austria = Country.objects.get(slug="austria")
    austria.name = "Republic of Austria"
    austria.save()
    added = FieldOfWork.objects.create(name="Cyber security", slug="cyber-security-new")
    release.fields_of_work.add(added)
    terms = PressRelease.objects.get(pk=release.pk).terms
    assert [c.name for c in terms.countries] == ["Republic of Austria"]
    assert terms.fields_of_work == [added]
