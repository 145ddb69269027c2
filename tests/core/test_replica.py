"""Public reads from a real PostgreSQL streaming replica (bench/replica.sh), not a mirror.

The replica is a second PostgreSQL 15 cluster on port 5433 made with pg_basebackup; on a
fresh machine (CI runs as root with only the primary) the first test makes it. It holds the
suite's test database because it replays everything the primary writes. Pausing its replay
(``pg_wal_replay_pause()``) makes it lag on purpose: what the public then reads shows which
server answered.
"""

import subprocess
import time
from pathlib import Path

import pytest
from django.db import connections, router
from django.db.utils import load_backend

from core import replica
from core.generations import forget_state
from press.models import PressRelease
from tests.factories import make_release

pytestmark = [
    pytest.mark.postgresql_only,  # streaming replication: collected on PostgreSQL runs
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[2]
REPLICA_PORT = 5433
RECOVERY = "select pg_is_in_recovery()"


def _in_recovery(port: int) -> bool:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-Atc", RECOVERY],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "t"


@pytest.fixture(scope="session")
def streaming_replica():
    if not _in_recovery(REPLICA_PORT):
        made = subprocess.run(
            ["bash", str(ROOT / "bench" / "replica.sh")],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert made.returncode == 0, made.stdout + made.stderr
    deadline = time.monotonic() + 30
    while not _in_recovery(REPLICA_PORT):
        assert time.monotonic() < deadline, "the replica on port 5433 did not come up"
        time.sleep(0.5)
    return REPLICA_PORT


def _add_replica(port) -> None:
    # The suite's settings have no replica: this one is the primary's test database as the
    # streaming replica serves it. A connection made here, not in settings, so that Django's
    # guard against tests reaching other databases lets it through.
    settings_dict = {
        **connections["default"].settings_dict,
        "PORT": str(port),
        "OPTIONS": {"connect_timeout": 2},
    }
    backend = load_backend(settings_dict["ENGINE"])
    connections[replica.REPLICA] = backend.DatabaseWrapper(settings_dict, replica.REPLICA)


def _remove_replica() -> None:
    if replica.configured():
        connections[replica.REPLICA].close()
        del connections[replica.REPLICA]


def _on_replica(sql: str, *params):
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _caught_up() -> None:
    """Wait until the replica has replayed everything the primary has written."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        [position] = cursor.fetchone()
    deadline = time.monotonic() + 20
    while not _on_replica("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", position)[0]:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


@pytest.fixture
def replica_db(transactional_db, streaming_replica, settings):
    settings.PUBLIC_PAGE_CACHE = False  # every page below is rendered from a database
    settings.REPLICA_PIN_SECONDS = 0.5
    _add_replica(streaming_replica)
    replica.forget_failure()
    try:
        yield
    finally:
        # Never leave the replica paused: it would stop replaying for every later test.
        _remove_replica()
        _add_replica(streaming_replica)
        if _on_replica("SELECT pg_is_wal_replay_paused()")[0]:
            _on_replica("SELECT pg_wal_replay_resume()")
        _remove_replica()
        replica.forget_failure()


def _pause() -> None:
    """The replica stops replaying the primary's WAL until resumed (at the latest when the
    test ends)."""
    _caught_up()
    _on_replica("SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 10
    while _on_replica("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _retitle_on_primary_only(release, title: str) -> None:
    # A plain UPDATE, no signal: the content-change rule is not involved, so whichever
    # server answers shows its own copy.
    PressRelease.objects.filter(pk=release.pk).update(title=title)
    forget_state()


def _wait_out_the_window(settings) -> None:
    time.sleep(settings.REPLICA_PIN_SECONDS + 0.1)


def test_an_anonymous_reader_is_answered_by_the_replica(replica_db, settings, client):
    release = make_release("Ceasefire monitors report calm night")
    _caught_up()
    _wait_out_the_window(settings)
    with replica.request_marked():
        assert replica.reads_from_replica()
        chosen = router.db_for_read(PressRelease)
        assert chosen == replica.REPLICA
        with connections[chosen].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone() == (True,)
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200 and "Ceasefire monitors report calm night" in page.text


def test_a_lagging_replica_shows_in_anonymous_pages_never_in_the_editors(
    replica_db, settings, client, editor
):
    release = make_release("Border crossings reopen")
    _pause()
    _wait_out_the_window(settings)
    assert client.get(release.get_absolute_url()).status_code == 200

    _retitle_on_primary_only(release, "Border crossings reopen after talks")
    _wait_out_the_window(settings)
    anonymous = client.get(release.get_absolute_url())
    assert anonymous.status_code == 200
    assert "Border crossings reopen after talks" not in anonymous.text  # the replica's copy

    staff = type(client)()
    staff.force_login(editor)
    assert "Border crossings reopen after talks" in staff.get(release.get_absolute_url()).text

    _on_replica("SELECT pg_wal_replay_resume()")
    _caught_up()
    forget_state()
    assert "Border crossings reopen after talks" in client.get(release.get_absolute_url()).text


def test_a_content_change_is_read_from_the_primary_until_the_replica_has_it(
    replica_db, settings, client, editor
):
    release = make_release("Draft statement", status="draft")
    _pause()
    _wait_out_the_window(settings)
    assert client.get(release.get_absolute_url()).status_code == 404

    release.publish(by=editor)
    # Well after the window: the replica still lacks the publication, so the primary answers.
    _wait_out_the_window(settings)
    _wait_out_the_window(settings)
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200 and "Draft statement" in page.text
    assert "Draft statement" in client.get("/press-releases/").text

    _on_replica("SELECT pg_wal_replay_resume()")
    _caught_up()
    forget_state()
    with replica.request_marked():
        assert replica.reads_from_replica()
    assert client.get(release.get_absolute_url()).status_code == 200


def test_whoever_wrote_reads_the_primary_for_a_few_seconds(replica_db, settings, client):
    release = make_release("Field office opens in Bishkek")
    _pause()
    _wait_out_the_window(settings)
    _retitle_on_primary_only(release, "Field office opens in Bishkek today")

    answer = client.post("/alerts/", {"email": ""})  # refused (no address), still a write path
    assert answer.status_code == 400
    pin = answer.cookies[replica.PIN_COOKIE]
    assert pin["max-age"] == 1 and pin["httponly"]
    assert "Field office opens in Bishkek today" in client.get(release.get_absolute_url()).text

    del client.cookies[replica.PIN_COOKIE]  # the cookie's seconds are over
    assert "Field office opens in Bishkek today" not in client.get(release.get_absolute_url()).text


def test_private_paths_and_sessions_never_read_the_replica(replica_db, rf, client):
    assert replica.replica_safe(rf.get("/press-releases/"))
    assert not replica.replica_safe(rf.post("/press-releases/"))
    for path in ("/admin/", "/press-room/", "/press-releases/preview/x/", "/healthz"):
        assert not replica.replica_safe(rf.get(path))
    with_session = rf.get("/press-releases/")
    with_session.COOKIES["sessionid"] = "anything"
    assert not replica.replica_safe(with_session)


def test_pages_are_served_from_the_primary_when_the_replica_is_down(replica_db, settings, client):
    release = make_release("Mission statement on the elections")
    _caught_up()
    _wait_out_the_window(settings)
    _remove_replica()
    _add_replica(1)  # nothing listens there
    started = time.monotonic()
    for path in (release.get_absolute_url(), "/press-releases/", "/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Mission statement on the elections" in client.get(release.get_absolute_url()).text
    # The first failure is the only one waited for: then the replica is left alone a while.
    assert time.monotonic() - started < 5
    with replica.request_marked():
        assert not replica.reads_from_replica()
