"""The queue itself: a real Celery worker process on the Redis broker (its own database
number) sends the alert, over the test's own SMTP server; a worker killed in the middle of
a long send and started again sends no message twice."""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection
from django.utils import timezone

from alerts import receivers
from alerts.models import Delivery, DeliveryStatus, Subscriber, Subscription
from tests.alerts.conftest import subscribe
from tests.factories import make_release

BROKER = os.environ.get("ALERTS_TEST_BROKER_URL", "redis://127.0.0.1:6379/9")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    try:
        queue = redis.Redis.from_url(BROKER, socket_connect_timeout=1)
        queue.flushdb()
    except redis.RedisError:
        pytest.fail(f"These tests need the Redis broker at {BROKER}")
    client = Celery("alerts-test", broker=BROKER)
    yield client
    client.close()
    queue.flushdb()


@pytest.fixture
def no_enqueue_here(monkeypatch):
    # Enqueued only by the test itself, through the broker (in this process tasks run
    # eagerly, which would do the worker's job here).
    monkeypatch.setattr(receivers, "_enqueue", lambda ids: None)


class Worker:
    """``celery -A alerts.worker worker`` in a process of its own, on the test database."""

    def __init__(self, tmp_path: Path, smtp_port: int, extra_env: dict | None = None):
        self.tmp_path, self.smtp_port, self.extra_env = tmp_path, smtp_port, extra_env or {}
        self.database_url = self._database_url()
        self.process = None

    def _database_url(self) -> str:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            # The test database lives in this process's memory: the worker gets a copy.
            return f"sqlite:///{self.tmp_path / 'worker.sqlite3'}"
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"

    def share_database(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.tmp_path / "worker.sqlite3")
            connection.connection.backup(target)
            target.close()

    def statuses(self) -> dict[str, int]:
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.tmp_path / "worker.sqlite3") as db:
                rows = db.execute(
                    "SELECT status, count(*) FROM alerts_delivery GROUP BY status"
                ).fetchall()
            return dict(rows)
        counts = {}
        for delivery in Delivery.objects.values_list("status", flat=True):
            counts[delivery] = counts.get(delivery, 0) + 1
        return counts

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DJANGO_ENV_FILE": "/dev/null",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": BROKER,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(self.smtp_port),
            "NEWSROOM_SITE_URL": "https://newsroom.example.org",
            "NEWSROOM_ALERTS_MAX_PER_MINUTE": "0",
            **self.extra_env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "alerts.worker",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp_path / "worker.log", "ab"),  # noqa: SIM115
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return (self.tmp_path / "worker.log").read_text(errors="replace")[-3000:]


def wait_for(condition, seconds: float, worker: Worker) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            pytest.fail(f"The worker stopped:\n{worker.log()}")
        time.sleep(0.05)
    pytest.fail(f"Not done after {seconds} s:\n{worker.log()}")


def test_a_real_worker_sends_the_alert(broker, no_enqueue_here, smtp_server, tmp_path):
    subscribe(
        "worker@example.org",
        "country=austria",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )
    release = make_release(
        "Sent by the worker",
        countries=["austria"],
        published_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    worker = Worker(tmp_path, smtp_server.port)
    worker.share_database()
    broker.send_task("alerts.match_releases", args=[[release.pk]])
    worker.start()
    try:
        wait_for(lambda: smtp_server.messages, 30, worker)
    finally:
        worker.stop()
    [message] = smtp_server.messages
    assert message["To"] == "worker@example.org"
    assert message["Subject"] == "Sent by the worker"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert worker.statuses() == {DeliveryStatus.SENT: 1}


RECIPIENTS = 1000


def test_a_worker_killed_mid_send_and_restarted_sends_nothing_twice(
    broker, no_enqueue_here, smtp_server, tmp_path
):
    since = timezone.now() - datetime.timedelta(hours=2)
    Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n:04}@example.org") for n in range(RECIPIENTS)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, query="", created_at=since) for s in Subscriber.objects.all()
    )
    release = make_release(
        "To a thousand readers", published_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    worker = Worker(tmp_path, smtp_server.port)
    worker.share_database()
    broker.send_task("alerts.match_releases", args=[[release.pk]])
    worker.start()
    try:
        wait_for(lambda: len(smtp_server.messages) >= RECIPIENTS // 3, 60, worker)
        worker.kill()
        killed_at = len(smtp_server.messages)
        assert killed_at < RECIPIENTS
        worker.start()
        # The task of the killed worker was never acknowledged; sending resumes anyway.
        broker.send_task("alerts.send_immediate")
        wait_for(
            lambda: (
                worker.statuses().get("sent", 0) >= RECIPIENTS - 1
                and "pending" not in worker.statuses()
            ),
            90,
            worker,
        )
    finally:
        worker.stop()
    recipients = [m["To"] for m in smtp_server.messages]
    assert len(recipients) == len(set(recipients)), "a message was sent twice"
    statuses = worker.statuses()
    sent, in_flight = statuses.get("sent", 0), statuses.get("sending", 0)
    # Every delivery was claimed once: sent, or (at most one) claimed by the killed worker
    # while its message was on the wire. That one may have arrived or not; it is never sent
    # again by itself (the scan reports it as interrupted, an admin may resend it).
    assert sent + in_flight == RECIPIENTS and in_flight <= 1
    assert len(recipients) in (sent, sent + in_flight)
