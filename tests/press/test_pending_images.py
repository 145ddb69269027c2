"""An image chosen in a form that comes back with errors is kept for the next save."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from press import pending_images
from press.models import PressRelease
from tests.factories import make_user
from tests.press.test_admin import form_data
from tests.press.test_images import ADD, image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return make_user("writer", groups=["Author"])


def failed_upload(client, **overrides):
    """The author attaches an image but forgets the title: the form comes back."""
    data = form_data(
        title="",
        image=upload("parade.jpg", image_bytes("JPEG")),
        image_alt="Officers on parade",
        **overrides,
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    return response, data


def test_the_image_survives_a_form_error_and_is_attached_on_the_next_save(client, author):
    client.force_login(author)
    response, data = failed_upload(client)
    form = response.context["adminform"].form
    assert "“parade.jpg” is kept with this form" in response.text
    token = form["pending_image"].value()
    assert token and f'value="{token}"' in response.text

    # The file input is empty on the second try, as browsers leave it.
    data.update(title="Officers graduate", image="", pending_image=token)
    assert client.post(ADD, data).status_code == 302
    release = PressRelease.objects.get()
    assert release.image and release.image_width == 64
    assert release.image.name.startswith("press/images/")
    # Attached, so no longer kept aside.
    assert pending_images.original_name(token, author) is not None
    assert pending_images.take(token, author) is None


def test_a_new_choice_replaces_the_kept_image(client, author):
    client.force_login(author)
    response, data = failed_upload(client)
    token = response.context["adminform"].form["pending_image"].value()
    data.update(
        title="Officers graduate",
        image=upload("other.png", image_bytes("PNG", size=(80, 20)), "image/png"),
        pending_image=token,
    )
    assert client.post(ADD, data).status_code == 302
    assert PressRelease.objects.get().image_width == 80


def test_someone_elses_or_a_forged_reference_attaches_nothing(client, author):
    client.force_login(author)
    response, data = failed_upload(client)
    token = response.context["adminform"].form["pending_image"].value()
    client.force_login(make_user("colleague", groups=["Author"]))
    for forged in (token, token[:-2] + "xx", "press/images/../../etc/passwd"):
        data.update(title="Officers graduate", image="", pending_image=forged, slug="")
        client.post(ADD, {**data, "slug": f"officers-{len(forged)}"})
    assert not PressRelease.objects.exclude(image="").exists()


def kept_files() -> set[str]:
    try:
        return set(default_storage.listdir(pending_images.FOLDER)[1])
    except FileNotFoundError:
        return set()


def test_stale_kept_images_are_removed(client, author):
    client.force_login(author)
    before = kept_files()
    failed_upload(client)
    assert len(kept_files() - before) == 1
    pending_images.remove_stale()
    assert len(kept_files() - before) == 1  # a fresh one stays
    later = timezone.now() + pending_images.MAX_AGE + datetime.timedelta(minutes=1)
    pending_images.remove_stale(now=later)
    assert kept_files() == set()
