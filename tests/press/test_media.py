"""Lead images and renditions by the publication rule (press/media.py), with real files."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from press import preview
from press.models import JOURNALIST_GROUP, Status
from press.renditions import rendition_folder, source_uuid
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db


def with_image(release, size=(2000, 1000)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG")
    release.image.save("photo.jpg", ContentFile(buffer.getvalue()), save=False)
    release.image_width, release.image_height = size
    release.image_alt = "A photo"
    release.save()
    return release


def addresses(release) -> list[str]:
    """The image's own address and every rendition a page shows, query strings included."""
    renditions = release.image_renditions()
    found = [release.image.url, renditions["src"]]
    for srcset in (renditions["webp_srcset"], renditions["jpeg_srcset"]):
        found += [part.strip().split(" ")[0] for part in srcset.split(",")]
    return found


def bare(url: str) -> str:
    return url.split("?")[0]


def test_renditions_live_in_a_folder_named_after_their_source():
    release = with_image(make_release())
    uuid_hex = Path(release.image.name).stem
    for url in addresses(release)[1:]:
        name = bare(url).removeprefix(settings.MEDIA_URL)
        assert name.startswith(rendition_folder(uuid_hex)), name
        assert source_uuid(name) == uuid_hex


def test_a_published_release_image_and_renditions_are_public_and_long_cached(client):
    release = with_image(make_release())
    for url in addresses(release):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=604800"
        body = b"".join(response.streaming_content)
        with Image.open(io.BytesIO(body)) as image:
            assert image.width <= 2000


def test_a_published_release_page_still_shows_its_image(client):
    release = with_image(make_release())
    html = client.get(release.get_absolute_url()).content.decode()
    src = re.search(r'<img src="([^"]+)"', html)[1]
    assert client.get(src).status_code == 200


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.PUBLISHED, "published_at": timezone.now() + datetime.timedelta(days=1)},
        {"status": Status.WITHDRAWN},
    ],
    ids=["draft", "in-review", "scheduled", "withdrawn"],
)
def test_an_unpublished_release_image_is_not_public(client, state):
    release = with_image(make_release(**state))
    if state["status"] == Status.WITHDRAWN:
        # A withdrawn release stays readable, without its image.
        assert release.image_renditions() is None
        assert client.get(release.get_absolute_url()).status_code == 200
        release.status = Status.PUBLISHED
        urls = addresses(release)
        release.status = Status.WITHDRAWN
    else:
        urls = addresses(release)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_staff_who_may_view_releases_see_unpublished_images_privately(client, author):
    release = with_image(make_release(status=Status.DRAFT))
    urls = addresses(release)
    client.force_login(author)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    client.force_login(make_user("visitor"))  # an account without the permission
    assert client.get(urls[0]).status_code == 404


def test_a_preview_link_shows_the_draft_images_to_its_holder_only(client):
    release = with_image(make_release(status=Status.DRAFT))
    other = with_image(make_release(status=Status.DRAFT))
    html = client.get(preview.preview_url(release)).content.decode()
    sources = re.findall(r'(?:src|srcset)="([^"]+)"', html)
    urls = [part.strip().split(" ")[0] for value in sources for part in value.split(",")]
    urls = [url for url in urls if url.startswith(settings.MEDIA_URL)]
    assert urls and all("?preview=" in url for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"]
    token = urls[0].split("?preview=")[1]
    assert client.get(bare(urls[0])).status_code == 404  # without the link
    # The link opens its own release's images only.
    assert client.get(f"{other.image.url}?preview={token}").status_code == 404
    release.revoke_preview_links()
    assert client.get(urls[0]).status_code == 404


def test_other_media_paths_are_not_served(client):
    release = with_image(make_release())
    media = Path(settings.MEDIA_ROOT)
    (media / "press/pending").mkdir(parents=True, exist_ok=True)
    (media / "press/pending/kept.jpg").write_bytes(b"x")
    for url in (
        "/media/press/pending/kept.jpg",
        "/media/press/images/../images/" + Path(release.image.name).name,
        "/media/press/images/" + "0" * 32 + ".jpg",
        "/media/backup.json",
    ):
        assert client.get(url).status_code == 404, url


@override_settings(MEDIA_ACCEL_REDIRECT="/_protected_media/")
def test_behind_nginx_the_file_is_sent_by_x_accel_redirect(client):
    release = with_image(make_release())
    response = client.get(release.image.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{release.image.name}"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=604800"
    assert b"".join(response.streaming_content) == b""
    draft = with_image(make_release(status=Status.DRAFT))
    response = client.get(draft.image.url)
    assert response.status_code == 404 and not response.has_header("X-Accel-Redirect")


def test_a_replaced_image_loses_its_renditions_at_once_but_keeps_its_file(
    client, django_capture_on_commit_callbacks
):
    release = with_image(make_release())
    old_name = release.image.name
    old_folder = Path(settings.MEDIA_ROOT) / rendition_folder(Path(old_name).stem)
    addresses(release)
    assert len(list(old_folder.iterdir())) == 6
    with django_capture_on_commit_callbacks(execute=True):
        with_image(release, size=(1200, 800))
    assert not old_folder.exists()
    assert (Path(settings.MEDIA_ROOT) / old_name).is_file()  # an old version needs it
    assert client.get(release.get_absolute_url()).status_code == 200


def test_a_journalist_sees_the_image_of_a_release_shared_under_embargo_only(client, editor):
    from_now = timezone.now() + datetime.timedelta(hours=1)
    shared = with_image(make_release(status=Status.IN_REVIEW))
    shared.embargo(by=editor, until=from_now)
    scheduled = with_image(make_release(published_at=from_now))
    draft = with_image(make_release(status=Status.DRAFT))
    journalist = get_user_model().objects.create_user("reporter", "r@example.org", "pw")
    journalist.groups.add(Group.objects.get(name=JOURNALIST_GROUP))
    shared_urls = addresses(shared)
    # Not to the public.
    assert client.get(shared_urls[0]).status_code == 404
    client.force_login(journalist)
    page = client.get(f"/press-room/{shared.slug}/").content.decode()
    assert bare(shared.image_renditions()["src"]) in page
    for url in shared_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    # Not the images of releases that were not shared with journalists.
    for other in (scheduled, draft):
        assert client.get(addresses(other)[0]).status_code == 404
