"""The history views (revert, recover) cannot go around the workflow, permissions or record.

django-reversion's own views reverted a whole revision, of any model, for anyone with change
permission on whichever admin the address named, and kept it whenever the form answered
with a redirect. Each path is tried here as an Author, an Editor and a Taxonomy manager.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import TaggedItem

from press.models import PressRelease, Status
from taxonomy.models import Country, MeetingSeries
from tests.factories import make_release
from tests.press.test_admin import ADD, change_url, errors_of, form_data
from tests.taxonomy.test_admin import change, change_form_data, rendered_form_data

pytestmark = pytest.mark.django_db


def reverted_form(page, release: PressRelease, **changes) -> dict:
    """What the revert form of ``page`` posts back: the restored text, from the form's
    own initial values, and the version it was opened on."""
    form = page.context["adminform"].form
    names = ("title", "slug", "lead", "body", "dateline_city")
    data = form_data(release, **{name: form[name].value() for name in names})
    data["base_version"] = form["base_version"].value()
    data.update(changes)
    return data


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def versions_of(obj) -> list[Version]:
    return list(Version.objects.get_for_object(obj).order_by("pk"))


def recover_url(model_admin: str, version: Version) -> str:
    return reverse(f"admin:{model_admin}_recover", args=[version.pk])


def revision_url(release: PressRelease, version: Version) -> str:
    return reverse("admin:press_pressrelease_revision", args=[release.pk, version.pk])


def written_by_author_published_by_editor(author, editor) -> tuple[PressRelease, Version]:
    """A release with a draft version (an older title) in its history, now published."""
    writer = login(author)
    response = writer.post(ADD, form_data(title="Draft headline", slug="the-release"))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get(slug="the-release")
    draft_version = versions_of(release)[0]
    assert draft_version.field_dict["status"] == Status.DRAFT
    response = login(editor).post(
        change_url(release), form_data(release, title="Final headline", _step="publish")
    )
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.is_live
    return release, draft_version


def record_of(release) -> tuple[int, int, int]:
    """How much the history and audit trail hold about ``release``."""
    return (
        Version.objects.get_for_object(release).count(),
        LogEntry.objects.filter(object_id=str(release.pk)).count(),
        release.transitions.count(),
    )


# Authors.


@pytest.mark.parametrize("method", ["get", "post"])
def test_author_cannot_unpublish_a_release_through_recover(author, editor, method):
    release, draft_version = written_by_author_published_by_editor(author, editor)
    before = record_of(release)
    client = login(author)

    response = getattr(client, method)(
        recover_url("press_pressrelease", draft_version), form_data(release, title="Draft")
    )

    assert response.status_code in (403, 404)
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and release.is_live
    assert release.title == "Final headline"
    assert record_of(release) == before
    public = Client().get(release.get_absolute_url())
    assert public.status_code == 200 and "Final headline" in public.content.decode()


def test_author_cannot_reinstate_a_withdrawn_release_through_history(author, editor):
    release, draft_version = written_by_author_published_by_editor(author, editor)
    release.withdraw(by=editor, reason="Issued by mistake.")
    before = record_of(release)
    client = login(author)
    data = form_data(release, title="Draft headline")

    for url in (
        recover_url("press_pressrelease", draft_version),
        revision_url(release, draft_version),
    ):
        assert client.post(url, data).status_code in (403, 404), url

    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN
    assert release.withdrawal_reason == "Issued by mistake."
    assert release.title == "Final headline"
    assert record_of(release) == before


def test_author_reverts_their_own_draft_and_the_revert_is_recorded(author):
    client = login(author)
    client.post(ADD, form_data(title="First words", slug="mine"))
    release = PressRelease.objects.get(slug="mine")
    client.post(change_url(release), form_data(release, title="Second words"))
    first = versions_of(release)[0]

    page = client.get(revision_url(release, first))
    assert page.status_code == 200
    response = client.post(revision_url(release, first), reverted_form(page, release))

    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "First words" and release.status == Status.DRAFT
    latest = versions_of(release)[-1]
    assert latest.revision.user == author
    assert latest.revision.get_comment().startswith("Reverted to the version saved on")
    entry = LogEntry.objects.filter(object_id=str(release.pk)).latest("pk")
    assert entry.user == author and entry.is_change()
    assert entry.get_change_message().startswith("Reverted to the version saved on")


# Editors.


def test_editor_revert_keeps_the_workflow_state_and_is_recorded(author, editor):
    release, draft_version = written_by_author_published_by_editor(author, editor)
    public = Client()
    assert "Final headline" in public.get(release.get_absolute_url()).content.decode()
    transitions = release.transitions.count()
    client = login(editor)

    page = client.get(revision_url(release, draft_version))
    assert page.status_code == 200 and "Draft headline" in page.content.decode()
    response = client.post(revision_url(release, draft_version), reverted_form(page, release))

    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Draft headline"
    assert release.status == Status.PUBLISHED and release.is_live
    assert release.transitions.count() == transitions  # a revert is no workflow step
    latest = versions_of(release)[-1]
    assert latest.revision.user == editor
    assert latest.revision.get_comment().startswith("Reverted")
    entry = LogEntry.objects.filter(object_id=str(release.pk)).latest("pk")
    assert entry.user == editor
    assert entry.get_change_message().startswith("Reverted")
    # Saved through the model: a new content generation, so the public page follows now.
    assert "Draft headline" in public.get(release.get_absolute_url()).content.decode()


def test_a_revert_that_is_not_saved_keeps_nothing(author, editor):
    release, draft_version = written_by_author_published_by_editor(author, editor)
    before = record_of(release)
    page = login(editor).get(revision_url(release, draft_version))
    data = reverted_form(page, release, title="")  # refused by the form

    response = login(editor).post(revision_url(release, draft_version), data)

    assert response.status_code == 200
    release.refresh_from_db()
    assert release.title == "Final headline" and release.status == Status.PUBLISHED
    assert record_of(release) == before


def test_editor_recovers_a_deleted_release_as_a_draft(author, editor):
    release, _draft = written_by_author_published_by_editor(author, editor)
    address = release.get_absolute_url()
    client = login(editor)
    response = client.post(
        reverse("admin:press_pressrelease_delete", args=[release.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert Client().get(address).status_code == 404
    deleted = Version.objects.get_deleted(PressRelease).get()
    assert deleted.field_dict["status"] == Status.PUBLISHED

    listing = client.get(reverse("admin:press_pressrelease_recoverlist"))
    assert listing.status_code == 200 and "Final headline" in listing.content.decode()
    page = client.get(recover_url("press_pressrelease", deleted))
    assert page.status_code == 200
    response = client.post(recover_url("press_pressrelease", deleted), reverted_form(page, release))

    assert response.status_code == 302, errors_of(response)
    recovered = PressRelease.objects.get(pk=release.pk)
    assert recovered.title == "Final headline"
    assert recovered.status == Status.DRAFT  # public again only by an editor's step
    assert recovered.preview_key != release.preview_key  # old preview links stay dead
    assert Client().get(address).status_code == 404
    latest = versions_of(recovered)[-1]
    assert latest.revision.user == editor
    assert latest.revision.get_comment().startswith("Recovered")
    assert LogEntry.objects.filter(object_id=str(release.pk), user=editor).latest("pk")


def test_authors_do_not_recover_deleted_releases(author, editor):
    release = make_release("Gone", status=Status.DRAFT, created_by=author)
    login(author).post(change_url(release), form_data(release))
    version = versions_of(release)[0]
    release.delete()
    client = login(author)

    assert client.get(reverse("admin:press_pressrelease_recoverlist")).status_code == 403
    assert client.get(recover_url("press_pressrelease", version)).status_code == 403
    assert (
        "recoverlink"
        not in client.get(reverse("admin:press_pressrelease_changelist")).content.decode()
    )
    assert not PressRelease.objects.filter(pk=release.pk).exists()


def test_a_version_of_another_model_is_not_found_on_the_release_admin(editor, taxonomy_manager):
    georgia = Country.objects.get(slug="georgia")
    manager = login(taxonomy_manager)
    manager.post(change(georgia), change_form_data(manager, georgia, name="Unheard-of name"))
    georgia.refresh_from_db()
    manager.post(change(georgia), change_form_data(manager, georgia, name="Georgia"))
    country_version = versions_of(georgia)[0]  # the name nobody may read any more

    response = login(editor).get(recover_url("press_pressrelease", country_version), follow=True)

    assert response.status_code == 404
    assert "Unheard-of name" not in response.content.decode()


# Taxonomy managers.


def tagged_draft(editor) -> tuple[PressRelease, Version]:
    """A draft saved in the admin with tags: its revision holds tag-link versions."""
    client = login(editor)
    response = client.post(
        ADD, form_data(title="Secret draft headline", slug="secret-draft", tags="water, media")
    )
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get(slug="secret-draft")
    link = Version.objects.get_for_model(TaggedItem).first()
    assert link is not None and str(link.field_dict["object_id"]) == str(release.pk)
    return release, link


@pytest.mark.parametrize("method", ["get", "post"])
def test_taxonomy_manager_cannot_reach_a_release_through_a_country_recover(
    editor, taxonomy_manager, method
):
    release, link = tagged_draft(editor)
    client = login(editor)
    client.post(change_url(release), form_data(release, title="Newer headline", tags="elections"))
    release.refresh_from_db()
    before = record_of(release)
    manager = login(taxonomy_manager)

    response = getattr(manager, method)(
        recover_url("taxonomy_country", link), {"name": "x"}, follow=True
    )

    assert response.status_code == 404
    page = response.content.decode()
    assert "Secret draft headline" not in page and "secret-draft" not in page
    release.refresh_from_db()
    assert release.title == "Newer headline" and sorted(release.tags.names()) == ["elections"]
    assert record_of(release) == before


def test_taxonomy_manager_cannot_revert_a_release_through_a_country_history(
    editor, taxonomy_manager
):
    release, _link = tagged_draft(editor)
    release_version = versions_of(release)[0]
    login(editor).post(change_url(release), form_data(release, title="Newer headline"))
    # A country whose id is the release's: the address names the country, the version is
    # the release's.
    country = Country.objects.filter(pk=release.pk).first() or Country.objects.create(
        pk=release.pk, name="Testland", slug="testland", iso_code="QZ", group="participating"
    )
    manager = login(taxonomy_manager)
    url = reverse("admin:taxonomy_country_revision", args=[country.pk, release_version.pk])
    data = change_form_data(manager, country)

    assert manager.get(url).status_code == 404
    assert manager.post(url, data).status_code == 404

    release.refresh_from_db()
    assert release.title == "Newer headline"


def test_recover_of_a_term_that_exists_is_not_found(taxonomy_manager):
    georgia = Country.objects.get(slug="georgia")
    manager = login(taxonomy_manager)
    manager.post(change(georgia), change_form_data(manager, georgia, position=98))
    first = versions_of(georgia)[0]
    manager.post(change(georgia), change_form_data(manager, georgia, name="Sakartvelo"))

    assert manager.get(recover_url("taxonomy_country", first)).status_code == 404
    georgia.refresh_from_db()
    assert georgia.name == "Sakartvelo"


def test_recover_brings_back_only_the_chosen_term(taxonomy_manager):
    first, second = MeetingSeries.objects.order_by("pk")[:2]
    manager = login(taxonomy_manager)
    response = manager.post(
        reverse("admin:taxonomy_meetingseries_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not MeetingSeries.objects.filter(pk__in=[first.pk, second.pk]).exists()
    version = Version.objects.get_deleted(MeetingSeries).get(object_id=str(first.pk))
    url = recover_url("taxonomy_meetingseries", version)

    response = manager.post(url, rendered_form_data(manager.get(url)))

    assert response.status_code == 302
    assert MeetingSeries.objects.filter(pk=first.pk).exists()
    assert not MeetingSeries.objects.filter(pk=second.pk).exists()
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MeetingSeries), object_id=str(first.pk)
    ).latest("pk")
    assert entry.user == taxonomy_manager and "Recovered" in entry.get_change_message()


def test_term_revert_is_recorded_with_who_did_it(taxonomy_manager):
    georgia = Country.objects.get(slug="georgia")
    manager = login(taxonomy_manager)
    manager.post(change(georgia), change_form_data(manager, georgia, position=97))
    first = versions_of(georgia)[0]
    manager.post(change(georgia), change_form_data(manager, georgia, position=96))
    url = reverse("admin:taxonomy_country_revision", args=[georgia.pk, first.pk])

    response = manager.post(url, rendered_form_data(manager.get(url)))

    assert response.status_code == 302
    georgia.refresh_from_db()
    assert georgia.position == 97
    entry = LogEntry.objects.filter(object_id=str(georgia.pk)).latest("pk")
    assert entry.user == taxonomy_manager
    assert entry.get_change_message().startswith("Reverted")
    assert versions_of(georgia)[-1].revision.user == taxonomy_manager


def test_editors_and_authors_do_not_recover_reference_data(author, editor, taxonomy_manager):
    series = MeetingSeries.objects.order_by("pk").first()
    manager = login(taxonomy_manager)
    manager.post(reverse("admin:taxonomy_meetingseries_delete", args=[series.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(MeetingSeries).get()
    for user in (author, editor):
        client = login(user)
        assert client.get(reverse("admin:taxonomy_meetingseries_recoverlist")).status_code == 403
        assert client.post(recover_url("taxonomy_meetingseries", version), {}).status_code == 403
    assert not MeetingSeries.objects.filter(pk=series.pk).exists()
