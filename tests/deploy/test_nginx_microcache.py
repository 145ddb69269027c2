"""deploy/nginx.conf's micro-cache, run by Debian's nginx in front of the live server: a
change reaches readers once the second it was made in is over, on every app server."""

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from press.preview import preview_url
from tests.factories import make_release, make_user

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def nginx(live_server):
    """nginx with the project's configuration, in front of the live server."""
    # Its workers run as an unprivileged user: pytest's own folders are closed to them.
    tmp_path = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
    tmp_path.chmod(0o755)
    port = live_server.url.rsplit(":", 1)[1]
    listen = free_port()
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    values = {
        "RUN_DIR": str(tmp_path),
        "APP_ADDRESS": f"127.0.0.1:{port}",
        "LISTEN_ADDRESS": f"127.0.0.1:{listen}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for key, value in values.items():
        config = config.replace("${" + key + "}", value)
    (tmp_path / "nginx.conf").write_text(config)
    process = subprocess.Popen(
        [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{listen}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(tmp_path, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), response.headers


def next_second():
    """Sleep until just after the clock's next second begins."""
    time.sleep(1 - time.time() % 1 + 0.05)


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_is_shown_once_its_second_is_over(nginx):
    release = make_release("Talks resume in Geneva")
    url = f"{nginx}/press-releases/{release.slug}/"
    # Early in a second, so that both reads fall in it.
    next_second()
    read(url)
    page, headers = read(url)
    assert headers["X-Micro-Cache"] == "HIT"  # the micro-cache serves repeated reads
    # Django lets browsers keep the page a while; the micro-cache must not.
    assert re.search(r"max-age=([2-9]|\d\d)", headers["Cache-Control"])
    assert "Withdrawn on" not in page

    release.withdraw(by=make_user(groups=["Editor"]), reason="Issued in error.")
    next_second()
    page, _headers = read(url)
    assert "Withdrawn on" in page
    assert "Issued in error." in page


@pytest.mark.django_db(transaction=True)
def test_a_publication_is_listed_once_its_second_is_over(nginx):
    make_release("An older release")
    next_second()
    read(f"{nginx}/press-releases/")
    page, headers = read(f"{nginx}/press-releases/")
    assert headers["X-Micro-Cache"] == "HIT"

    draft = make_release("Elections observed in Moldova", status="draft")
    draft.publish(by=make_user(groups=["Editor"]))
    next_second()
    page, _headers = read(f"{nginx}/press-releases/")
    assert "Elections observed in Moldova" in page


@pytest.mark.django_db(transaction=True)
def test_pages_django_keeps_private_are_never_stored(nginx):
    draft = make_release("A draft under preview", status="draft")
    url = nginx + preview_url(draft)
    next_second()
    for _ in range(2):
        _page, headers = read(url)
        assert "A draft under preview" in _page
        assert headers.get("X-Micro-Cache") != "HIT"
