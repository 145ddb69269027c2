"""Images inside the text: only the site's own, only with a description."""

from __future__ import annotations

import pytest
from django.test import override_settings

from press.html import sanitize_body
from press.models import PressRelease, Status
from tests.factories import make_release
from tests.press.test_admin import change_url, errors_of, form_data
from tests.press.test_media import with_image

pytestmark = pytest.mark.django_db

OWN = "/media/press/3f2a9c.jpg"


def test_an_own_described_image_is_kept():
    html = f'<p>Graduation.</p><img src="{OWN}" alt="Officers on parade &lt;2025&gt;">'
    assert sanitize_body(html) == html


@pytest.mark.parametrize(
    "image",
    [
        f'<img src="{OWN}">',  # no description
        f'<img src="{OWN}" alt="">',
        f'<img src="{OWN}" alt="   ">',
        '<img src="https://evil.example/x.jpg" alt="x">',
        '<img src="//evil.example/media/x.jpg" alt="x">',
        '<img src="http://127.0.0.1:8000.evil.example/media/x.jpg" alt="x">',
        '<img src="/media/../admin/logout/" alt="x">',
        '<img src="/media/press/x.jpg?next=/admin/" alt="x">',
        '<img src="/static/admin/img/icon.svg" alt="x">',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">',
        '<img src="javascript:alert(1)" alt="x">',
        '<img src="/media/x.jpg\\..\\..\\x" alt="x">',
        '<img alt="no address">',
    ],
)
def test_other_images_are_dropped_and_the_text_kept(image):
    assert sanitize_body(f"<p>Before</p>{image}<p>After</p>") == "<p>Before</p><p>After</p>"


def test_image_keeps_only_its_address_and_description():
    html = f'<img src="{OWN}" alt="A photo" onerror="alert(1)" style="x" width="9">'
    assert sanitize_body(html) == f'<img src="{OWN}" alt="A photo">'


@override_settings(NEWSROOM={"SITE_URL": "https://newsroom.example.org"})
def test_an_own_image_pasted_with_the_site_address_is_kept_as_a_path():
    html = f'<img src="https://newsroom.example.org{OWN}" alt="A photo">'
    assert sanitize_body(html) == f'<img src="{OWN}" alt="A photo">'


def test_saving_an_image_without_description_is_refused_naming_it(client, author):
    release = with_image(make_release(status=Status.DRAFT, created_by=author))
    client.force_login(author)
    body = (
        f'<p>One.</p><img src="{release.image.url}" alt="Officers on parade">'
        f'<p>Two.</p><img src="{release.image.url}" alt=" ">'
        f'<img src="{OWN}">'
    )
    response = client.post(change_url(release), form_data(release, body=body))
    name = release.image.name.rsplit("/", 1)[-1]
    assert errors_of(response)["body"] == [
        f"Image 2 in the text (“{name}”, the lead image) has no description. "
        "Describe it for people who cannot see it, or remove it.",
        "Image 3 in the text (“3f2a9c.jpg”) has no description. "
        "Describe it for people who cannot see it, or remove it.",
    ]
    assert "has no description" in response.content.decode()
    release.refresh_from_db()
    assert "<img" not in release.body  # nothing saved

    body = f'<p>One.</p><img src="{release.image.url}" alt="Officers on parade">'
    response = client.post(change_url(release), form_data(release, body=body))
    assert response.status_code == 302, errors_of(response)
    assert PressRelease.objects.get(pk=release.pk).body == body


def test_the_public_page_shows_the_image_with_its_description(client):
    release = with_image(make_release())
    release.body = f'<p>Text.</p><img src="{release.image.url}" alt="Officers on parade">'
    release.save()
    html = client.get(release.get_absolute_url()).content.decode()
    assert f'<img src="{release.image.url}" alt="Officers on parade">' in html
    assert client.get(release.image.url).status_code == 200
