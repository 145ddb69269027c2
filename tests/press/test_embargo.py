"""Putting a release under embargo: an editor's step, not an author's."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from press.models import InvalidTransition, PressRelease, ReleaseTransition, Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_an_editor_embargoes_a_release_which_is_scheduled_and_shared(editor):
    release = make_release(status=Status.IN_REVIEW)
    until = timezone.now() + HOUR
    release.embargo(by=editor, until=until, note="Agreed with the Chair")
    release.refresh_from_db()
    assert release.embargo_until == until and release.is_scheduled
    assert list(PressRelease.objects.under_embargo()) == [release]
    assert not PressRelease.objects.published().filter(pk=release.pk).exists()
    assert ReleaseTransition.objects.filter(release=release, to_status=Status.PUBLISHED).exists()


def test_an_author_cannot_embargo(author):
    release = make_release(status=Status.DRAFT, created_by=author)
    with pytest.raises(PermissionDenied):
        release.embargo(by=author, until=timezone.now() + HOUR)
    assert "embargo" not in release.available_transitions(author)
    release.refresh_from_db()
    assert not release.shared_under_embargo and release.status == Status.DRAFT


def test_an_embargo_ends_in_the_future(editor):
    release = make_release(status=Status.IN_REVIEW)
    with pytest.raises(InvalidTransition):
        release.embargo(by=editor, until=timezone.now() - HOUR)


def test_unscheduling_or_publishing_now_ends_the_sharing(editor):
    release = make_release(status=Status.IN_REVIEW)
    release.embargo(by=editor, until=timezone.now() + HOUR)
    release.unschedule(by=editor)
    assert not release.shared_under_embargo and release.embargo_until is None
    release.embargo(by=editor, until=timezone.now() + HOUR)
    release.publish(by=editor)
    assert not PressRelease.objects.under_embargo().exists()


def test_an_author_pressing_the_embargo_button_in_the_admin_is_refused(client, author):
    release = make_release(status=Status.DRAFT, created_by=author)
    client.force_login(author)
    page = client.get(f"/admin/press/pressrelease/{release.pk}/change/")
    assert "Save and share under embargo" not in page.content.decode()


def test_an_editor_sees_the_embargo_button(client, editor):
    release = make_release(status=Status.IN_REVIEW)
    client.force_login(editor)
    page = client.get(f"/admin/press/pressrelease/{release.pk}/change/")
    assert "Save and share under embargo" in page.content.decode()
