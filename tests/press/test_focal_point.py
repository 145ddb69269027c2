"""The lead image's focal point: every cropped rendition (the social card and the shapes
search engines use) keeps it in view, through real Pillow renditions."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from press.models import PressRelease
from tests.factories import make_release, make_user
from tests.press.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


def two_coloured(width=1600, height=900) -> bytes:
    """Red on the left fifth, blue elsewhere: a crop around the left shows red."""
    picture = Image.new("RGB", (width, height), BLUE)
    picture.paste(Image.new("RGB", (width // 5, height), RED), (0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def with_image(**fields) -> PressRelease:
    release = make_release("Border officers graduate", image_alt="Officers on parade", **fields)
    release.image.save("photo.png", ContentFile(two_coloured()), save=True)
    return PressRelease.objects.get(pk=release.pk)  # as a page reads it


def colour_at_the_left_edge(release: PressRelease, shape: str) -> tuple[int, int, int]:
    crop = release.image_crop(shape)
    with Image.open(release.image.storage.path(crop["src"].split("/media/", 1)[1])) as picture:
        return picture.convert("RGB").getpixel((3, picture.height // 2))


def near(colour, wanted) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, wanted, strict=True))


@pytest.mark.parametrize(
    ("size", "focus", "shape", "box"),
    [
        ((1600, 900), (50, 50), (1, 1), (350, 0, 1250, 900)),
        ((1600, 900), (5, 50), (1, 1), (0, 0, 900, 900)),
        ((1600, 900), (95, 50), (1, 1), (700, 0, 1600, 900)),
        ((900, 1600), (50, 10), (16, 9), (0, 0, 900, 506)),
        ((1600, 900), (50, 50), (16, 9), (0, 0, 1600, 900)),
    ],
)
def test_the_crop_box_is_the_largest_of_its_shape_around_the_focus(size, focus, shape, box):
    release = PressRelease(
        image_width=size[0], image_height=size[1], image_focus_x=focus[0], image_focus_y=focus[1]
    )
    assert release.focal_cropbox(*shape) == box


def test_square_and_social_crops_keep_the_focal_point_in_view():
    centred = with_image()
    assert near(colour_at_the_left_edge(centred, "1x1"), BLUE)

    left = with_image(image_focus_x=8, image_focus_y=50)
    assert near(colour_at_the_left_edge(left, "1x1"), RED)
    square = left.image_crop("1x1")
    assert (square["width"], square["height"]) == (900, 900)  # never upscaled
    social = left.image_crop("social")
    assert (social["width"], social["height"]) == (1200, 630)


def test_the_release_page_shares_the_crops(client):
    release = with_image(image_focus_x=8)
    html = client.get(release.get_absolute_url()).text
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1]
    )
    article = next(
        item
        for item in (data if isinstance(data, list) else [data])
        if item.get("@type") == "NewsArticle"
    )
    assert len(article["image"]) == 3


def test_the_form_shows_size_weight_and_sets_the_focal_point(client):
    editor = make_user("editor", groups=["Editor"])
    release = with_image()
    client.force_login(editor)
    page = client.get(change_url(release)).text
    assert "1600 × 900 pixels," in page and "KB" in page
    assert "Click on it to set the focal point" in page
    data = form_data(
        release, image_alt="Officers on parade", image_focus_x="12", image_focus_y="70"
    )
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    assert (release.image_focus_x, release.image_focus_y) == (12, 70)
    refused = client.post(
        change_url(release), {**data, "base_version": release.version, "image_focus_x": "140"}
    )
    assert refused.status_code == 200
    assert "less than or equal to 100" in refused.text


def test_no_focal_point_sent_means_the_middle(client):
    editor = make_user("editor", groups=["Editor"])
    client.force_login(editor)
    release = make_release("Talks", image_focus_x=10)
    assert client.post(change_url(release), form_data(release)).status_code == 302
    release.refresh_from_db()
    assert release.image_focus_x == 50
