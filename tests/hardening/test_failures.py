"""Failures with nothing lost: the database restarting under load, Redis gone, a save that
breaks half-way, and an editor's form that does not validate."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.models.signals import m2m_changed
from django.test import override_settings
from django.urls import reverse
from reversion.models import Version

from press.models import PressRelease
from taxonomy.models import Country, FieldOfWork
from tests.factories import make_release, make_user
from tests.hardening.conftest import ROOT

# A port nothing listens on: Redis is "down".
DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
            "IGNORE_EXCEPTIONS": True,
            "LOG_IGNORED_EXCEPTIONS": True,
        },
    }
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def postgres_cluster() -> tuple[str, str]:
    version = sorted(os.listdir("/etc/postgresql"), key=lambda name: float(name))[-1]
    return version, "main"


@pytest.fixture
def gunicorn():
    """The production server (gunicorn, persistent database connections) on the test database."""
    port = free_port()
    settings_dict = connection.settings_dict
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ENV_FILE": os.devnull,
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT']}/{settings_dict['NAME']}"
        ),
        "DATABASE_CONN_MAX_AGE": "600",
    }
    env.pop("REDIS_URL", None)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"newsroom-gunicorn-{port}.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "osce_cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if fetch(base + "/healthz", timeout=1) == 200:
                break
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start:\n" + log.read_text())
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.postgresql_only  # restarts the PostgreSQL server: collected on PostgreSQL runs
@pytest.mark.django_db(transaction=True)
def test_site_recovers_by_itself_after_a_postgresql_restart(gunicorn):
    base, log = gunicorn
    release = make_release("Election observation mission deployed")
    pages = ["/healthz", release.get_absolute_url(), "/press-releases/"]
    counter = iter(range(10**9))

    def one_round() -> list[int | str]:
        # A fresh query string each time: the page cache must not answer in the database's
        # place.
        return [fetch(f"{base}{page}?r={next(counter)}") for page in pages]

    # Every worker holds a persistent connection before the restart.
    for _ in range(10):
        assert one_round() == [200, 200, 200], log.read_text()

    results: list[tuple[float, list[int | str]]] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            results.append((time.monotonic(), one_round()))

    worker = threading.Thread(target=load)
    worker.start()
    try:
        time.sleep(0.5)
        version, cluster = postgres_cluster()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        restarted_at = time.monotonic()
        # The suite's own connection died with the server; it reconnects on next use.
        connections.close_all()
        deadline = restarted_at + 15
        while time.monotonic() < deadline and not (
            results and results[-1][0] > restarted_at and results[-1][1] == [200, 200, 200]
        ):
            time.sleep(0.2)
        time.sleep(2)
    finally:
        stop.set()
        worker.join(timeout=30)

    after = [statuses for at, statuses in results if at > restarted_at]
    assert after, "no request was answered after the restart"
    first_good = next(
        (index for index, statuses in enumerate(after) if statuses == [200, 200, 200]), None
    )
    assert first_good is not None, f"never recovered: {after[-5:]}\n{log.read_text()[-3000:]}"
    # Once the database is back, the site is back: no request fails after the first success,
    # and nothing needed restarting but PostgreSQL itself.
    assert all(statuses == [200, 200, 200] for statuses in after[first_good:]), after
    assert first_good <= 5, after[: first_good + 1]
    assert one_round() == [200, 200, 200]


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
def test_pages_are_served_while_redis_is_down(client):
    from django.core.cache import caches

    caches["default"].set("probe", 1)  # swallowed, as configured
    assert caches["default"].get("probe") is None, "Redis is supposed to be unreachable here"

    release = make_release("Statement on the ceasefire")
    for path in ["/", "/press-releases/", release.get_absolute_url(), "/countries/", "/healthz"]:
        for _ in range(2):
            response = client.get(path)
            assert response.status_code == 200, path
    assert "Statement on the ceasefire" in client.get(release.get_absolute_url()).text


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
def test_staff_can_sign_in_and_edit_while_redis_is_down(client):
    make_user("desk", superuser=True)
    response = client.post(
        reverse("admin:login"),
        {"username": "desk", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:press_pressrelease_changelist")).status_code == 200


def add_form(**extra) -> dict:
    return {
        "title": "Mission welcomes the agreement",
        "slug": "mission-welcomes-the-agreement",
        "type": "press-release",
        "lead": "The lead an editor typed with care.",
        "body": "<p>Three paragraphs of careful <em>drafting</em>.</p>",
        "countries": [Country.objects.get(slug="austria").pk],
        "fields_of_work": [FieldOfWork.objects.get(slug="border-management").pk],
        "tags": "ceasefire, agreement",
        **extra,
    }


@pytest.mark.django_db
def test_a_save_that_fails_half_way_leaves_nothing_behind(client):
    client.force_login(make_user("desk", superuser=True))
    through = PressRelease.countries.through

    def fail_after_countries(sender, action, **kwargs):
        # By now the release row and its countries are written.
        if action == "post_add":
            assert through.objects.exists()
            raise RuntimeError("storage failed half-way")

    m2m_changed.connect(fail_after_countries, sender=PressRelease.fields_of_work.through)
    try:
        with pytest.raises(RuntimeError, match="half-way"):
            client.post(reverse("admin:press_pressrelease_add"), add_form())
    finally:
        m2m_changed.disconnect(fail_after_countries, sender=PressRelease.fields_of_work.through)

    assert not PressRelease.objects.exists()
    assert not through.objects.exists()
    assert not PressRelease.fields_of_work.through.objects.exists()
    assert not Version.objects.exists()


@pytest.mark.django_db
def test_a_validation_error_gives_the_editor_their_input_back(client):
    client.force_login(make_user("desk", superuser=True))
    data = add_form(slug="not a valid slug!")
    response = client.post(reverse("admin:press_pressrelease_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "slug" in form.errors
    assert not PressRelease.objects.exists()
    page = response.text
    for typed in (
        "Mission welcomes the agreement",
        "The lead an editor typed with care.",
        "ceasefire",
    ):
        assert typed in page
    assert "careful &lt;em&gt;drafting&lt;/em&gt;" in page or "careful <em>drafting</em>" in page
    assert form["countries"].value() == [str(pk) for pk in data["countries"]]
    assert form["fields_of_work"].value() == [str(pk) for pk in data["fields_of_work"]]
