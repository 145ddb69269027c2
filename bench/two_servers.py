#!/usr/bin/env python
"""Two app servers, one PostgreSQL, one Redis: does every reader see the same newsroom?

    uv run python bench/two_servers.py [--releases 40] [--redis-db 12]

Makes a fresh PostgreSQL database (``newsroom_two``), migrates it, loads a little demo
data, then starts two gunicorn instances (A and B: production settings, two sync workers
each, page cache on, the same database and the same Redis database) with nginx and the
micro-cache of ``deploy/nginx.conf`` in front of each. An editor signs in to A's admin and:

a) publishes a release (the list's "Publish selected releases" action) five times, while
   B's listing and release page are polled through nginx every 50 ms: the time until B
   shows it, counted from the admin's answer (target: 1 s);
b) schedules a release a few seconds ahead: both instances are polled, neither may show it
   early, and each one's delay after its time is reported (target: 1 s);
c) withdraws a published release while readers hammer its page on A and B through nginx,
   and on B's gunicorn directly (the page cache alone): the longest that a request sent
   after the withdrawal was still answered with the page from before it (target: the
   micro-cache's 1 s).

Everything it started (gunicorn, nginx, the database, the Redis database) is removed at
the end, also after a failure. Exits non-zero when a target is missed.

Needs PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379, and Debian's ``nginx``
(installed with apt when missing and running as root).
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from run import (
    GUNICORN,
    OUT,
    ROOT,
    ensure_tools,
    environment,
    log,
    manage,
    microcache_config,
    start_nginx,
    wait_for,
)

DATABASE = "newsroom_two"
GUNICORN_PORTS = {"A": 8111, "B": 8112}
NGINX_PORTS = {"A": 8121, "B": 8122}
POLL_SECONDS = 0.05
TARGET_SECONDS = 1.0
EDITOR, PASSWORD = "two-servers-editor", "two servers, one newsroom"
WITHDRAWN_MARK = b"notice--withdrawn"

# Run by manage.py shell: the editor, and the drafts that the admin will publish.
SETUP = """
import json
from django.contrib.auth.models import Group, User
from press.models import PressRelease, Status
from taxonomy.models import Structure

editor = User.objects.create_user({editor!r}, password={password!r}, is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
source = Structure.objects.get(slug="secretary-general")
drafts = {{}}
for name in {names!r}:
    release = PressRelease.objects.create(
        title=f"Two servers, one newsroom: {{name}}",
        lead=f"The lead of the release {{name}}.",
        body=f"<p>The body of the release {{name}}.</p>",
        status=Status.DRAFT,
        lead_source=source,
        created_by=editor,
    )
    drafts[name] = {{"pk": release.pk, "slug": release.slug}}
print(json.dumps(drafts))
"""

# The publication time an editor types in the release's form, for the scheduling step.
SET_TIME = """
import datetime
from press.models import PressRelease
PressRelease.objects.filter(pk={pk}).update(
    published_at=datetime.datetime.fromtimestamp({at}, tz=datetime.UTC)
)
"""


class Client:
    """A reader or an editor talking plain HTTP to one address. Cookies are kept by hand:
    production marks them Secure, which a cookie jar would not send over HTTP."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content, response

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request("POST", path, data)


class Editor(Client):
    def sign_in(self) -> None:
        status, content, _ = self.get("/admin/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        status, _, _ = self.request(
            "POST",
            "/admin/login/",
            {
                "username": EDITOR,
                "password": PASSWORD,
                "next": "/admin/",
                "csrfmiddlewaretoken": token.decode(),
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"The editor could not sign in to the admin (status {status}).")

    def action(self, name: str, pk: int, **extra: str) -> None:
        """One of the release list's actions on one release, as the list's form sends it."""
        status, _, _ = self.post(
            "/admin/press/pressrelease/",
            {"action": name, "_selected_action": str(pk), **extra},
        )
        if status != 302:
            raise SystemExit(f"The admin did not take {name} (status {status}).")


def shell(env: dict[str, str], code: str) -> str:
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def release_shown(client: Client, slug: str) -> bool:
    """The release's page answers and the listing's first page names it."""
    status, _, _ = client.get(f"/press-releases/{slug}/")
    if status != 200:
        return False
    status, content, _ = client.get("/press-releases/")
    return status == 200 and f"/press-releases/{slug}/".encode() in content


def until_shown(client: Client, slug: str, timeout: float = 30) -> float | None:
    """Poll every 50 ms; the moment (time.time()) the release was first seen."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if release_shown(client, slug):
            return time.time()
        time.sleep(POLL_SECONDS)
    return None


def measure_publication(editor: Editor, reader: Client, drafts: list[dict]) -> list[float]:
    delays = []
    for draft in drafts:
        assert not release_shown(reader, draft["slug"]), "a draft is public"
        editor.action("publish_selected", draft["pk"])
        published = time.time()
        seen = until_shown(reader, draft["slug"])
        delays.append(seen - published if seen else float("inf"))
        log(f"  {draft['slug']}: on B after {delays[-1]:.3f} s")
    return delays


def measure_schedule(
    env: dict[str, str], editor: Editor, readers: dict[str, Client], draft: dict, ahead: int
) -> dict[str, float]:
    # A whole second, as typed in the form, far enough ahead for the steps below.
    at = int(time.time()) + ahead + 4
    shell(env, SET_TIME.format(pk=draft["pk"], at=at))
    editor.action("publish_selected", draft["pk"])
    log(f"  scheduled {at - time.time():.1f} s ahead")
    seen: dict[str, float] = {}
    early: dict[str, float] = {}

    def poll(name: str, reader: Client) -> None:
        while time.time() < at + 30:
            if release_shown(reader, draft["slug"]):
                moment = time.time()
                if moment < at:
                    early[name] = at - moment
                seen[name] = moment
                return
            time.sleep(POLL_SECONDS)

    threads = [threading.Thread(target=poll, args=item) for item in readers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, seconds in early.items():
        log(f"  {name} showed it {seconds:.3f} s before its time")
    return {
        name: (-early[name] if name in early else seen.get(name, float("inf")) - at)
        for name in readers
    }


def measure_withdrawal(
    editor: Editor, readers: dict[str, Client], release: dict
) -> dict[str, tuple[float, int]]:
    """Hammer the release's page from three readers per address, withdraw it, and find
    the last request sent after the withdrawal that still got the page from before."""
    path = f"/press-releases/{release['slug']}/"
    stop = threading.Event()
    answers: dict[str, list[tuple[float, bool]]] = {name: [] for name in readers}

    def hammer(name: str, reader: Client) -> None:
        while not stop.is_set():
            sent = time.time()
            status, content, _ = reader.get(path)
            if status == 200:
                answers[name].append((sent, WITHDRAWN_MARK in content))

    threads = [
        threading.Thread(target=hammer, args=(name, Client(reader.port)))
        for name, reader in readers.items()
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        editor.action(
            "withdraw_selected",
            release["pk"],
            confirm="1",
            reason="Withdrawn to measure how long the old page is served.",
        )
        withdrawn = time.time()
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    result = {}
    for name, rows in answers.items():
        old_after = [sent - withdrawn for sent, marked in rows if sent >= withdrawn and not marked]
        still_old = any(not marked for sent, marked in rows if sent >= withdrawn + 2.5)
        longest = float("inf") if still_old else max(old_after, default=0.0)
        result[name] = (longest, len(rows))
    return result


def start_instance(env: dict[str, str], port: int, log_file) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            GUNICORN,
            "osce_cms.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stderr=log_file,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def verdict(value: float, goal: float = TARGET_SECONDS) -> str:
    return "PASS" if value <= goal else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=40, help="demo releases to load")
    parser.add_argument("--redis-db", type=int, default=12, help="an empty Redis database")
    parser.add_argument("--ahead", type=int, default=5, help="seconds to schedule ahead")
    args = parser.parse_args()

    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    redis = ["redis-cli", "-h", "127.0.0.1", "-n", str(args.redis_db)]
    if subprocess.run([*redis, "dbsize"], capture_output=True, text=True).stdout.strip() != "0":
        sys.exit(f"Redis database {args.redis_db} is in use: choose another with --redis-db.")
    database_url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    env = {
        **environment(database_url, cache=True),
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_PROXY_COUNT": "1",
    }
    processes: list[subprocess.Popen] = []
    # A stop asked from outside (Ctrl-C, kill) still cleans up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
        log("Migrating and loading demo data…")
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo", "--releases", str(args.releases))
        manage(env, "collectstatic", "--no-input")
        names = [f"a{n}" for n in range(1, 6)] + ["b"]
        drafts = json.loads(shell(env, SETUP.format(editor=EDITOR, password=PASSWORD, names=names)))

        for name in ("A", "B"):
            errors = (OUT / f"two-servers-{name}.log").open("w")
            processes.append(start_instance(env, GUNICORN_PORTS[name], errors))
            config = microcache_config(NGINX_PORTS[name], GUNICORN_PORTS[name])
            processes.append(start_nginx(config, f"two-servers-{name}"))
            wait_for(f"http://127.0.0.1:{NGINX_PORTS[name]}/healthz")
        readers = {name: Client(port) for name, port in NGINX_PORTS.items()}
        for reader in readers.values():  # warm every worker up: index, navigation
            for _ in range(4):
                reader.get("/press-releases/")
        editor = Editor(NGINX_PORTS["A"])
        editor.sign_in()

        log("a) Publishing through A, watching B…")
        publication = measure_publication(editor, readers["B"], [drafts[n] for n in names[:5]])
        log(f"b) Scheduling a release {args.ahead} s ahead, watching A and B…")
        schedule = measure_schedule(env, editor, readers, drafts["b"], args.ahead)
        log("c) Withdrawing a release through A while readers hammer it…")
        hammered = {**readers, "B's gunicorn (page cache only)": Client(GUNICORN_PORTS["B"])}
        withdrawal = measure_withdrawal(editor, hammered, drafts["a1"])
    finally:
        log("d) Cleaning up…")
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"])
        subprocess.run([*redis, "flushdb"], capture_output=True)

    rows = [
        (
            "a) publication on A visible on B, worst of 5 (s)",
            max(publication),
            "; ".join(f"{d:.3f}" for d in publication),
        ),
        *(
            (f"b) scheduled release live on {name} after its time (s)", max(delay, 0), "")
            for name, delay in schedule.items()
        ),
        *(
            (f"c) old page served after the withdrawal, {name} (s)", seconds, f"{count} requests")
            for name, (seconds, count) in withdrawal.items()
        ),
    ]
    failed = any(d < 0 for d in schedule.values())  # live before its time
    print()
    print("| measurement | seconds | target | result | detail |")
    print("|---|---|---|---|---|")
    for label, value, detail in rows:
        print(f"| {label} | {value:.3f} | {TARGET_SECONDS:g} | {verdict(value)} | {detail} |")
        failed = failed or verdict(value) == "FAIL"
    for name, delay in schedule.items():
        if delay < 0:
            print(f"FAIL: the scheduled release was public on {name} {-delay:.3f} s early")
    (OUT / "two_servers.json").write_text(json.dumps([list(row) for row in rows], indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
