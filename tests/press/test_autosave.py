"""Autosave in the release editor: unsaved changes are kept per person and offered back, never
over a newer version, and never to anyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from press.models import Autosave, PressRelease
from tests.factories import make_release, make_user
from tests.press.test_admin import ADD, change_url, form_data

pytestmark = pytest.mark.django_db

KEEP_NEW = reverse("admin:press_pressrelease_autosave_new")


def keep_url(release) -> str:
    return reverse("admin:press_pressrelease_autosave", args=[release.pk])


@pytest.fixture
def author(db):
    return make_user("writer", groups=["Author"])


def test_a_new_release_typed_but_not_saved_is_offered_back(client, author):
    client.force_login(author)
    typed = form_data(title="Talks in Vienna", slug="talks-in-vienna", countries=[])
    response = client.post(KEEP_NEW, typed)
    assert response.status_code == 200
    assert "Unsaved changes kept at" in response.json()["message"]
    assert not PressRelease.objects.exists()  # kept aside, not saved as a release

    page = client.get(ADD)
    assert "Unsaved changes were kept" in page.text
    restored = client.get(ADD + "?restore=autosave")
    form = restored.context["adminform"].form
    assert form["title"].value() == "Talks in Vienna"
    assert form["lead"].value() == typed["lead"]
    assert "are back in the form" in restored.text


def test_saving_the_form_ends_what_was_kept(client, author):
    client.force_login(author)
    client.post(KEEP_NEW, form_data(title="Talks in Vienna"))
    assert client.post(ADD, form_data()).status_code == 302
    assert not Autosave.objects.exists()
    assert "Unsaved changes were kept" not in client.get(ADD).text


def test_changes_to_a_release_are_restored_with_its_classification(client, author):
    release = make_release("Old title", status="draft", created_by=author)
    client.force_login(author)
    data = form_data(release, title="New title", countries=[1, 2])
    client.post(keep_url(release), data)
    form = client.get(change_url(release) + "?restore=autosave").context["adminform"].form
    assert form["title"].value() == "New title"
    assert [str(pk) for pk in form["countries"].value()] == ["1", "2"]
    release.refresh_from_db()
    assert release.title == "Old title"


def test_kept_changes_older_than_the_saved_version_are_not_offered(client, author):
    release = make_release("Old title", status="draft", created_by=author)
    client.force_login(author)
    client.post(keep_url(release), form_data(release, title="Typed in an old tab"))
    # Someone saves the release meanwhile.
    release.title = "Saved by a colleague"
    release.save()

    page = client.get(change_url(release))
    assert "saved since by someone else" in page.text
    assert "Restore the kept changes" not in page.text
    form = client.get(change_url(release) + "?restore=autosave").context["adminform"].form
    assert form["title"].value() == "Saved by a colleague"


def test_discarding_removes_the_kept_changes(client, author):
    client.force_login(author)
    client.post(KEEP_NEW, form_data(title="Talks"))
    response = client.post(reverse("admin:press_pressrelease_autosave_discard_new"))
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_kept_changes_are_each_persons_own(client, author):
    other = make_user("colleague", groups=["Author"])
    client.force_login(author)
    client.post(KEEP_NEW, form_data(title="Mine"))
    client.force_login(other)
    assert "Unsaved changes were kept" not in client.get(ADD).text
    form = client.get(ADD + "?restore=autosave").context["adminform"].form
    assert form["title"].value() in (None, "")


def test_nobody_keeps_changes_to_a_release_they_may_not_edit(client, author):
    others = make_release("Someone else's draft", status="draft")
    client.force_login(author)
    assert client.post(keep_url(others), form_data(others, title="Hijacked")).status_code == 403
    assert not Autosave.objects.exists()
    assert client.get(keep_url(others)).status_code == 405


def test_only_form_fields_are_kept(client, author):
    client.force_login(author)
    client.post(KEEP_NEW, {**form_data(), "is_superuser": "on", "_step": "publish"})
    data = Autosave.objects.get().data
    assert "is_superuser" not in data and "_step" not in data
    assert data["title"] == [form_data()["title"]]
