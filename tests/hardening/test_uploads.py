"""Request-level limits on the admin's press release form: too many fields or files, an
oversized body and hostile file names are refused or neutralised, never a server error."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from press.models import PressRelease
from tests.factories import make_user

ADD_URL = reverse("admin:press_pressrelease_add")


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("desk", superuser=True))
    client.raise_request_exception = False
    return client


def jpeg(name: str, size: tuple[int, int] = (1600, 900)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def release_form(**extra) -> dict:
    return {
        "title": "Field office opens in Skopje",
        "slug": "field-office-opens-in-skopje",
        "type": "press-release",
        "lead": "A new office.",
        **extra,
    }


def test_too_many_fields_is_a_bad_request(editor_client):
    data = release_form()
    data.update({f"extra{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 400
    assert not PressRelease.objects.exists()


def test_too_many_files_is_a_bad_request(editor_client):
    count = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    files = [jpeg(f"photo{n}.jpg", (8, 8)) for n in range(count)]
    response = editor_client.post(ADD_URL, release_form(image=files, image_alt="A photo"))
    assert response.status_code == 400
    assert not PressRelease.objects.exists()


def test_an_oversized_form_is_a_bad_request(editor_client):
    body = "<p>" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + "</p>"
    response = editor_client.post(ADD_URL, release_form(body=body))
    assert response.status_code == 400
    assert not PressRelease.objects.exists()


@pytest.mark.parametrize(
    "filename",
    [
        "../../../../../../tmp/escaped.jpg",
        "..\\..\\..\\escaped.jpg",
        "/etc/cron.d/escaped.jpg",
        "escaped.php.jpg",
        "escaped\x00.jpg",
        ".htaccess.jpg",
        "%2e%2e%2fescaped.jpg",
    ],
)
def test_hostile_file_names_never_choose_where_the_file_goes(editor_client, filename):
    media = Path(settings.MEDIA_ROOT).resolve()
    response = editor_client.post(
        ADD_URL, release_form(image=jpeg(filename), image_alt="The new office building")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get(slug="field-office-opens-in-skopje")
    stored = Path(release.image.path).resolve()
    assert stored.is_relative_to(media)
    assert stored.is_file()
    for part in ("escaped", "..", "php", "htaccess", "cron"):
        assert part not in release.image.name
    assert not Path("/tmp/escaped.jpg").exists()
