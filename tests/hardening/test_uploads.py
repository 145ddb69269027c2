"""Request-level limits on the admin's press release form: too many fields or files, an
oversized body and hostile file names are refused or neutralised, never a server error."""

import io
from pathlib import Path
from urllib.parse import urlencode

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


def test_an_oversized_form_is_refused_as_too_large(editor_client):
    body = "<p>" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + "</p>"
    response = editor_client.post(ADD_URL, release_form(body=body))
    assert response.status_code == 413
    assert not PressRelease.objects.exists()


def test_an_oversized_urlencoded_form_is_a_bad_request(editor_client):
    body = "<p>" + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + "</p>"
    response = editor_client.post(
        ADD_URL,
        urlencode(release_form(body=body)),
        content_type="application/x-www-form-urlencoded",
    )
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


# Oversized uploads are refused before they are read (core/uploads.py).


class TrackedInput(io.BytesIO):
    """A WSGI input stream that remembers how far it was read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.furthest = 0

    def read(self, size=-1):
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.furthest = max(self.furthest, self.tell())
        return data


def wsgi_post(path: str, body: bytes, content_type: str, content_length: int | None = None):
    """POST through the project's WSGI handler, the way a server hands a request over."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    stream = TrackedInput(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body) if content_length is None else content_length),
        "wsgi.input": stream,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    # As Django's test client does: the test's database connection stays open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        try:
            content = b"".join(response).decode()
        finally:
            response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content, stream


def multipart(file_bytes: bytes, **fields) -> tuple[bytes, str]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    data = {**release_form(), **fields, "image": SimpleUploadedFile("big.jpg", file_bytes)}
    return encode_multipart(BOUNDARY, data), MULTIPART_CONTENT


def assert_upload_too_large_page(content: str) -> None:
    assert "<h1>The upload is too large</h1>" in content
    assert "at most 10 MB" in content and "at most 12 MB" in content
    assert "Back button: the form keeps what you typed" in content
    assert '<html lang="en-gb">' in content


def test_the_image_limit_and_the_upload_limit_are_one():
    from press.images import MAX_BYTES

    assert settings.UPLOAD_MAX_FILE_BYTES == MAX_BYTES
    assert settings.UPLOAD_MAX_REQUEST_BYTES > MAX_BYTES


def test_a_request_declaring_more_than_the_limit_is_refused_before_its_body_is_read():
    # 50 MB declared; only the start is there, and none of it may be read.
    body, content_type = multipart(b"\xff\xd8" + b"\x00" * 1024)
    status, headers, content, stream = wsgi_post(
        ADD_URL, body, content_type, content_length=50 * 1024 * 1024
    )
    assert status == 413
    assert stream.furthest == 0
    assert headers["Cache-Control"] == "no-store"
    assert "script-src" in headers["Content-Security-Policy"]
    assert_upload_too_large_page(content)


def test_a_file_over_the_limit_is_stopped_as_it_streams_in():
    # Under the request limit, over the file limit: reading stops soon after 10 MB.
    body, content_type = multipart(b"\xff\xd8" + b"\x00" * (11 * 1024 * 1024))
    assert len(body) < settings.UPLOAD_MAX_REQUEST_BYTES
    status, _headers, content, stream = wsgi_post(ADD_URL, body, content_type)
    assert status == 413
    assert stream.furthest < settings.UPLOAD_MAX_FILE_BYTES + 512 * 1024 < len(body)
    assert_upload_too_large_page(content)


def test_the_limit_applies_to_the_admin_only():
    # The public site takes no uploads; a multipart POST there is whatever the page says.
    body, content_type = multipart(b"x")
    status, _headers, _content, _stream = wsgi_post(
        "/press-releases/", body, content_type, content_length=50 * 1024 * 1024
    )
    assert status != 413


def test_nginx_shows_the_same_page_for_what_it_refuses(client):
    response = client.get(reverse("upload-too-large"))
    assert response.status_code == 413
    assert_upload_too_large_page(response.content.decode())
    assert client.post(reverse("upload-too-large")).status_code == 405


def test_a_normal_upload_is_still_received_and_saved(editor_client):
    response = editor_client.post(
        ADD_URL, release_form(image=jpeg("office.jpg", (2400, 1600)), image_alt="The office")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get()
    assert (release.image_width, release.image_height) == (2400, 1600)
    assert Path(release.image.path).is_file()


def test_an_upload_just_under_the_limit_reaches_the_form(editor_client):
    # 9.9 MB of an image (noise does not compress): received whole, checked by the form.
    noise = Image.effect_noise((2600, 1900), 120).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    data = buffer.getvalue()[: settings.UPLOAD_MAX_FILE_BYTES - 100_000]
    response = editor_client.post(
        ADD_URL,
        release_form(image=SimpleUploadedFile("noise.png", data, "image/png"), image_alt="Noise"),
    )
    # The truncated file arrives whole and is refused by the image check, with its message.
    assert response.status_code == 200
    assert "damaged or incomplete" in " ".join(response.context["adminform"].form.errors["image"])


def test_the_release_form_checks_the_file_size_in_the_browser(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert 'src="/static/admin/js/press-image-size.js"' in html
    assert f'data-max-bytes="{settings.UPLOAD_MAX_FILE_BYTES}"' in html
    script = (Path(settings.BASE_DIR) / "static/admin/js/press-image-size.js").read_text()
    assert "setCustomValidity" in script


@pytest.mark.django_db(transaction=True)
def test_a_live_server_answers_413_while_the_body_is_still_unsent(live_server):
    # A real server and a raw socket: 50 MB announced, 1 kB sent, and the answer comes.
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(live_server.url)
    boundary = "newsroom-boundary"
    start = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
        'filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ).encode() + b"\x00" * 1024
    head = (
        f"POST {ADD_URL} HTTP/1.1\r\nHost: {address.hostname}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(head + start)
        received = b""
        while b"</html>" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    status_line = received.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 413"), received[:300]
    assert b"The upload is too large" in received
