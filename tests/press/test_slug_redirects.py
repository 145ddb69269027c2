"""A published release's old address keeps leading to it: no other release can take it over,
through the admin, the ORM or the importer."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.text import slugify

from press.models import PressRelease, ReleaseSlugRedirect, Status
from tests.factories import make_release
from tests.press.test_admin import ADD, change_url, errors_of, form_data
from tests.press.test_importer import SEED, TITLE

pytestmark = pytest.mark.django_db

TAKEN = "This address is taken: it is an old address of another release"


@pytest.fixture
def moved(client, editor):
    """A published release whose slug an Editor changed: its old address answers 301."""
    release = make_release("Ministerial Council opens in Vienna")
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, slug="council-opens"))
    assert response.status_code == 302, errors_of(response)
    client.logout()
    assert client.get("/press-releases/ministerial-council-opens-in-vienna/").status_code == 301
    return PressRelease.objects.get(pk=release.pk)


def assert_old_address_leads_to(client, release: PressRelease) -> None:
    redirect = ReleaseSlugRedirect.objects.get(old_slug="ministerial-council-opens-in-vienna")
    assert redirect.release == release
    client.logout()
    response = client.get("/press-releases/ministerial-council-opens-in-vienna/")
    assert response.status_code == 301
    assert response["Location"] == release.get_absolute_url()


def test_an_author_cannot_create_a_draft_at_a_published_releases_old_address(client, author, moved):
    client.force_login(author)
    response = client.post(ADD, form_data(slug="ministerial-council-opens-in-vienna"))
    assert response.status_code == 200
    assert any(TAKEN in message for message in errors_of(response)["slug"])
    assert not PressRelease.objects.exclude(pk=moved.pk).exists()
    assert_old_address_leads_to(client, moved)


def test_a_draft_cannot_move_to_a_published_releases_old_address(client, author, moved):
    draft = make_release("Budget talks continue", status=Status.DRAFT, created_by=author)
    client.force_login(author)
    response = client.post(
        change_url(draft), form_data(draft, slug="ministerial-council-opens-in-vienna")
    )
    assert response.status_code == 200
    assert any(TAKEN in message for message in errors_of(response)["slug"])
    draft.refresh_from_db()
    assert draft.slug == "budget-talks-continue"
    assert_old_address_leads_to(client, moved)


def test_saving_another_release_at_an_old_address_is_refused(client, moved):
    draft = PressRelease(title="Council opens", slug="ministerial-council-opens-in-vienna")
    with pytest.raises(ValidationError) as refused:
        draft.save()
    assert TAKEN in str(refused.value.message_dict["slug"])
    assert draft.pk is None
    assert_old_address_leads_to(client, moved)


def test_a_release_may_move_back_to_its_own_old_address(client, editor, moved):
    client.force_login(editor)
    response = client.post(
        change_url(moved), form_data(moved, slug="ministerial-council-opens-in-vienna")
    )
    assert response.status_code == 302, errors_of(response)
    assert list(ReleaseSlugRedirect.objects.values_list("old_slug", "release")) == [
        ("council-opens", moved.pk)
    ]
    client.logout()
    assert client.get("/press-releases/ministerial-council-opens-in-vienna/").status_code == 200
    assert client.get("/press-releases/council-opens/").status_code == 301


def test_an_imported_page_gets_an_address_of_its_own(client):
    first = make_release(TITLE)
    old_slug = first.slug
    first.slug = "zannier-in-dushanbe"
    first.save()
    call_command("import_releases", str(SEED), stdout=io.StringIO())
    imported = PressRelease.objects.exclude(pk=first.pk).get()
    assert imported.slug == f"{slugify(TITLE)[:240].strip('-')}-2"
    assert ReleaseSlugRedirect.objects.get(old_slug=old_slug).release == first
    assert client.get(f"/press-releases/{old_slug}/")["Location"] == first.get_absolute_url()
