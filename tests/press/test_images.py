"""Lead image uploads, with real files made by Pillow: what is refused, and what is stored."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from press.images import MAX_BYTES, clean_lead_image
from press.models import PressRelease
from tests.factories import make_release
from tests.press.test_admin import errors_of, form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:press_pressrelease_add")


def image_bytes(fmt: str, size=(64, 48), color=(200, 30, 30), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def post_image(client, file, **overrides):
    data = form_data(image=file, image_alt="Officers on parade", **overrides)
    return client.post(ADD, data)


def image_error(response) -> str:
    assert response.status_code == 200, "the upload should have been refused"
    return " ".join(errors_of(response)["image"])


@pytest.fixture
def logged_in(client, author):
    client.force_login(author)
    return client


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [
        ("photo.jpg", "JPEG", "image/jpeg"),
        ("photo.jpeg", "JPEG", "image/jpeg"),
        ("photo.png", "PNG", "image/png"),
        ("photo.webp", "WEBP", "image/webp"),
    ],
)
def test_accepts_jpeg_png_and_webp_and_stores_a_generated_name(logged_in, name, fmt, content_type):
    response = post_image(logged_in, upload(name, image_bytes(fmt), content_type))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert release.image.name.startswith("press/images/")
    assert "photo" not in release.image.name
    assert (release.image_width, release.image_height) == (64, 48)
    with Image.open(release.image.path) as stored:
        assert stored.format == fmt


def test_png_named_jpg_is_refused(logged_in):
    error = image_error(post_image(logged_in, upload("photo.jpg", image_bytes("PNG"))))
    assert "ends in .jpg but the file is a PNG image" in error
    assert not PressRelease.objects.exists()


def test_html_named_png_is_refused(logged_in):
    html = b"<!doctype html><html><script>alert(1)</script></html>"
    error = image_error(post_image(logged_in, upload("photo.png", html, "image/png")))
    assert "not a readable image" in error


def test_svg_is_refused(logged_in):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
    error = image_error(post_image(logged_in, upload("logo.svg", svg, "image/svg+xml")))
    assert "JPEG, PNG or WebP" in error
    error = image_error(post_image(logged_in, upload("logo.png", svg, "image/png")))
    assert "not a readable image" in error


def test_gif_is_refused_even_with_an_allowed_name(logged_in):
    error = image_error(post_image(logged_in, upload("anim.png", image_bytes("GIF"))))
    assert "This is a GIF file" in error


def png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG that claims (and would decompress to) a huge grey image."""
    raw_row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(raw_row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_quickly(logged_in):
    bomb = png_bomb(10_000, 10_000)  # 100 megapixels in about 100 kB
    assert len(bomb) < 200_000
    error = image_error(post_image(logged_in, upload("bomb.png", bomb, "image/png")))
    assert "the limit is 25 megapixels" in error


def test_image_over_25_megapixels_by_its_header_is_refused(logged_in):
    # Just over the limit, under Pillow's own bomb threshold: our limit still applies.
    bomb = png_bomb(5000, 5001)
    error = image_error(post_image(logged_in, upload("big.png", bomb, "image/png")))
    assert "5000 × 5001" in error
    assert "the limit is 25 megapixels" in error


def test_a_real_40_megapixel_png_is_refused_with_the_limit(logged_in):
    # A real photo-sized PNG (not a crafted header): solid colour, so the file stays small.
    data = image_bytes("PNG", size=(8000, 5000), color=(20, 80, 140), optimize=False)
    assert len(data) < MAX_BYTES
    error = image_error(post_image(logged_in, upload("poster.png", data, "image/png")))
    assert "8000 × 5000 pixels; the limit is 25 megapixels" in error
    assert not PressRelease.objects.exists()


@pytest.mark.parametrize(
    ("name", "fmt", "size", "stored"),
    [
        ("wide.jpg", "JPEG", (6000, 4000), (3200, 2133)),
        ("tall.png", "PNG", (3000, 5000), (1920, 3200)),
        ("square.webp", "WEBP", (4000, 4000), (3200, 3200)),
    ],
)
def test_a_large_allowed_image_is_stored_downscaled(logged_in, name, fmt, size, stored):
    data = image_bytes(fmt, size=size, color=(90, 140, 40))
    response = post_image(logged_in, upload(name, data, f"image/{fmt.lower()}"))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert (release.image_width, release.image_height) == stored
    with Image.open(release.image.path) as kept:
        assert kept.size == stored and kept.format == fmt


def test_an_image_within_the_long_edge_keeps_its_size(logged_in):
    response = post_image(logged_in, upload("edge.jpg", image_bytes("JPEG", size=(3200, 1800))))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert (release.image_width, release.image_height) == (3200, 1800)


def test_a_transparent_palette_png_is_downscaled_keeping_its_transparency(logged_in):
    image = Image.new("P", (4000, 1000), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (1000, 0, 3000, 1000))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    response = post_image(logged_in, upload("logo.png", buffer.getvalue(), "image/png"))
    assert response.status_code == 302, errors_of(response)
    with Image.open(PressRelease.objects.get().image.path) as kept:
        assert kept.size == (3200, 800)
        rgba = kept.convert("RGBA")
        assert rgba.getpixel((10, 10))[3] == 0  # still transparent
        assert rgba.getpixel((1600, 400))[:3] == (200, 0, 0)


def test_truncated_jpeg_is_refused(logged_in):
    data = image_bytes("JPEG", size=(400, 300))
    error = image_error(
        post_image(logged_in, upload("cut.jpg", data[: len(data) // 2], "image/jpeg"))
    )
    assert "damaged or incomplete" in error


def test_file_over_10_megabytes_is_refused(logged_in):
    # Stopped as it streams in (core/uploads.py): the admin answers 413 with the limit.
    data = image_bytes("PNG") + b"\x00" * (10 * 1024 * 1024)
    response = post_image(logged_in, upload("huge.png", data, "image/png"))
    assert response.status_code == 413
    assert "A lead image may be at most 10 MB" in response.content.decode()
    assert not PressRelease.objects.exists()


def test_file_over_10_megabytes_is_refused_by_the_image_check_too():
    data = image_bytes("PNG") + b"\x00" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        clean_lead_image(upload("huge.png", data, "image/png"))
    assert "the limit is 10 MB" in " ".join(refused.value.messages)


def test_alt_text_is_required_with_an_image(client, author):
    client.force_login(author)
    data = form_data(image=upload("photo.jpg", image_bytes("JPEG")), image_alt=" ")
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "image_alt" in errors_of(response)


def test_exif_orientation_is_applied_and_metadata_stripped(logged_in):
    original = Image.new("RGB", (60, 20), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    exif[0x010F] = "Secret Camera Maker"
    exif[0x8825] = {1: "N", 2: (48.0, 12.0, 30.0)}  # GPS position
    buffer = io.BytesIO()
    original.save(buffer, "JPEG", exif=exif, comment=b"private note")
    response = post_image(logged_in, upload("turned.jpg", buffer.getvalue()))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert (release.image_width, release.image_height) == (20, 60)  # turned upright
    raw = release.image.read()
    assert b"Secret Camera Maker" not in raw and b"private note" not in raw
    with Image.open(io.BytesIO(raw)) as stored:
        assert not stored.getexif()
        assert "comment" not in stored.info


def test_image_renditions_give_srcsets_in_webp_and_jpeg(logged_in):
    response = post_image(
        logged_in, upload("wide.jpg", image_bytes("JPEG", size=(2000, 1000)), "image/jpeg")
    )
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    renditions = release.image_renditions()
    assert renditions["alt"] == "Officers on parade"
    for width in (480, 960, 1600):
        assert f" {width}w" in renditions["webp_srcset"]
        assert f" {width}w" in renditions["jpeg_srcset"]
    first_webp = renditions["webp_srcset"].split(" ")[0]
    assert first_webp.endswith(".webp")
    assert renditions["jpeg_srcset"].split(" ")[0].endswith(".jpg")
    assert (renditions["width"], renditions["height"]) == (960, 480)


def test_small_image_is_never_upscaled(logged_in):
    response = post_image(logged_in, upload("small.png", image_bytes("PNG", size=(300, 200))))
    assert response.status_code == 302, errors_of(response)
    renditions = PressRelease.objects.get().image_renditions()
    assert renditions["webp_srcset"].endswith(" 300w")
    assert "480w" not in renditions["jpeg_srcset"]
    assert (renditions["width"], renditions["height"]) == (300, 200)


def test_no_image_no_renditions():
    assert make_release().image_renditions() is None


def test_kept_image_is_not_revalidated_on_a_later_save(client, editor):
    client.force_login(editor)
    client.post(ADD, form_data(image=upload("photo.jpg", image_bytes("JPEG")), image_alt="Parade"))
    release = PressRelease.objects.get()
    stored = release.image.name
    from tests.press.test_admin import change_url
    from tests.press.test_admin import form_data as change_data

    response = client.post(change_url(release), change_data(release, title="New title"))
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.image.name == stored and release.title == "New title"
