"""A Redis that hangs: the process stopped (SIGSTOP), its socket still accepting.

Unlike a Redis that is down (connections refused at once), every call to a hung Redis waits
for the socket timeout. The site must pay that at most once, then serve uncached, and no
change made during the hang may be undone once Redis answers again.
"""

import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from core.generations import COUNTER_KEY
from osce_cms.settings import redis_cache
from taxonomy.models import Country
from tests.factories import make_release
from tests.hardening.test_failures import free_port

RETRY_AFTER = 1.0
# The project's own timeouts; a hang that cost every cache call of a request one of them
# would take several seconds per page.
SOCKET_TIMEOUT = redis_cache("redis://unused")["OPTIONS"]["SOCKET_TIMEOUT"]


@pytest.fixture
def own_redis():
    """A redis-server of this test's own, so that stopping it disturbs nobody else."""
    port = free_port()
    folder = tempfile.mkdtemp(prefix="newsroom-redis-")
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    direct = redis.Redis(host="127.0.0.1", port=port, socket_timeout=2)
    for _ in range(100):
        try:
            if direct.ping():
                break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not start")
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with override_settings(CACHES={"default": redis_cache(url, RETRY_AFTER)}):
            yield process, direct
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
        caches["default"].close()


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def stored_generation(direct) -> int:
    key = next(iter(direct.keys(f"*{COUNTER_KEY}")))
    return int(direct.get(key))


@pytest.mark.django_db
def test_a_hung_redis_costs_a_request_one_timeout_at_most(client, own_redis):
    process, _direct = own_redis
    release = make_release("Observers deployed to the border", countries=["austria"])
    pages = ["/", "/press-releases/", release.get_absolute_url(), "/countries/austria/"]
    for path in pages:
        client.get(path)
    assert client.get(pages[0])["X-Cache"] == "hit"  # the cache is in use before the hang

    process.send_signal(signal.SIGSTOP)
    timings = []
    for path in pages * 3:
        response, seconds = timed_get(client, path)
        assert response.status_code == 200, path
        timings.append(seconds)
    assert "Observers deployed to the border" in client.get(release.get_absolute_url()).text
    # Every page under a second; across the twelve, Redis was waited for only when the
    # breaker let one call probe it (at most once per RETRY_AFTER seconds).
    assert max(timings) < 1.0, timings
    waits = sum(1 for seconds in timings if seconds >= SOCKET_TIMEOUT * 0.9)
    assert waits <= 1 + sum(timings) / RETRY_AFTER, timings


@pytest.mark.django_db
def test_a_change_made_during_a_hang_is_not_undone_when_redis_returns(client, own_redis):
    process, direct = own_redis
    make_release("Chairpersonship statement")
    assert ">Austria<" in client.get("/").text  # the navigation, cached for this generation
    before = stored_generation(direct)

    process.send_signal(signal.SIGSTOP)
    austria = Country.objects.get(slug="austria")
    austria.name = "Republic of Austria"
    austria.save()  # the new generation cannot be recorded in Redis now
    assert ">Republic of Austria<" in client.get("/").text

    process.send_signal(signal.SIGCONT)
    time.sleep(RETRY_AFTER + 0.1)
    for path in ["/", "/press-releases/", "/countries/"]:
        page = client.get(path).text
        assert ">Republic of Austria<" in page, path
        assert ">Austria<" not in page, path
    # Every worker learns of the change from Redis: the generation moved on, never back.
    assert stored_generation(direct) > before


@pytest.mark.django_db
def test_generations_only_move_forward_even_when_redis_forgets_them(client, own_redis):
    _process, direct = own_redis
    make_release("Statement on elections")
    client.get("/")
    first = stored_generation(direct)
    Country.objects.filter(slug="austria").update(name="Austria (renamed behind the cache)")
    # Redis restarted or evicted the counter: the pages cached under the old numbers stay
    # out of reach, because a new counter starts above every number used before.
    for key in direct.keys(f"*{COUNTER_KEY}"):
        direct.delete(key)
    assert "Austria (renamed behind the cache)" in client.get("/").text
    assert stored_generation(direct) > first
