#!/usr/bin/env python
"""The newsroom benchmark: real pages beside three baselines, measured in the same run.

    uv run python bench/run.py [--releases 100000] [--duration 10] [--connections 8]

Seeds PostgreSQL with ``seed_demo`` (skipped when the database already holds that many demo
releases), starts gunicorn with production settings (sync workers, one per core) twice — page
cache off and on — and nginx twice — serving saved copies of the pages from disk (the
ceiling) and as the micro-cache of ``deploy/nginx.conf`` in front of gunicorn — then drives
wrk from a second process on 127.0.0.1 against each page and baseline. Writes
``bench/out/results.json`` and prints the table for ``bench/README.md``.

Needs: PostgreSQL on 127.0.0.1:5432, and Debian's ``wrk`` and ``nginx`` (installed with apt
when missing and running as root).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CORES = os.cpu_count() or 2

PORTS = {"uncached": 8101, "cached": 8102, "disk": 8103, "microcache": 8104}


def log(message: str) -> None:
    print(message, flush=True)


def ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        packages = ["wrk", "nginx-light" if "nginx" in missing else ""]
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *[p for p in packages if p]],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    still = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if still:
        sys.exit(f"Install {', '.join(still)} first (apt-get install wrk nginx-light).")


def environment(database_url: str, cache: bool) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ENV_FILE": "/nonexistent",
        "DATABASE_URL": database_url,
        "NEWSROOM_PAGE_CACHE": "1" if cache else "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_PAGES": str(OUT / "pages.json"),
        "BENCH_SAVED": str(OUT / "saved"),
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(database_url: str, releases: int) -> None:
    env = environment(database_url, cache=False)
    name = database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    manage(env, "migrate", "--no-input")
    count = manage(
        env,
        "shell",
        "-c",
        "from press.models import PressRelease as P;"
        "print(P.objects.filter(legacy_key__startswith='demo:').count())",
    )
    # The press office adds a few demo pieces of its own (media advisories) to the count.
    if int(count.strip().splitlines()[-1]) < releases:
        log(f"Seeding {releases:,} releases…")
        started = time.monotonic()
        manage(env, "seed_demo", "--releases", str(releases), "--replace")
        log(f"  seeded in {time.monotonic() - started:.0f} s")
    manage(env, "collectstatic", "--no-input")
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-qc", "VACUUM ANALYZE"],
        check=True,
    )


def start_gunicorn(database_url: str, cache: bool, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            GUNICORN,
            "osce_cms.wsgi:application",
            "--workers",
            str(CORES),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=environment(database_url, cache),
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer in {timeout:.0f} s")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def start_nginx(config: str, name: str) -> subprocess.Popen:
    run_dir = OUT / f"nginx-{name}"
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(config.replace("${RUN_DIR}", str(run_dir)))
    process = subprocess.Popen(
        ["nginx", "-c", str(path), "-p", str(run_dir), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process


def disk_config(port: int) -> str:
    return f"""
worker_processes {CORES};
pid ${{RUN_DIR}}/nginx.pid;
error_log ${{RUN_DIR}}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off; sendfile on; tcp_nopush on; keepalive_timeout 30;
    client_body_temp_path ${{RUN_DIR}}/cb; proxy_temp_path ${{RUN_DIR}}/pt;
    fastcgi_temp_path ${{RUN_DIR}}/ft; uwsgi_temp_path ${{RUN_DIR}}/ut;
    scgi_temp_path ${{RUN_DIR}}/st;
    server {{
        listen 127.0.0.1:{port};
        location / {{ root {OUT / "saved"}; default_type text/html; try_files $uri =404; }}
    }}
}}
"""


def microcache_config(port: int, upstream_port: int) -> str:
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    values = {
        "APP_ADDRESS": f"127.0.0.1:{upstream_port}",
        "LISTEN_ADDRESS": f"127.0.0.1:{port}",
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        "MEDIA_ROOT": str(ROOT / "media"),
    }
    for key, value in values.items():
        template = template.replace("${" + key + "}", value)
    return template


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {f"p{p}": float(v) * scale[u] for p, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        **latency,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def worker_rss_mb(master: subprocess.Popen) -> float:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    rss = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        rss.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(rss) if rss else 0.0


def pick_pages(base: str) -> dict[str, str]:
    """The pages of the issue, with the ids of the demo data's real busiest terms."""
    listing = fetch(f"{base}/press-releases/?country=ukraine&field=human-rights").decode()
    release = re.search(r'href="(/press-releases/[a-z0-9-]+/)"', listing.split("<main", 1)[1])
    return {
        "home": "/",
        "listing": "/press-releases/?country=ukraine&field=human-rights",
        "search": "/press-releases/?q=border+training",
        "release": release.group(1),
        "feed": "/press-releases/feed/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_bench"
    )
    parser.add_argument("--label", default="", help="name of this run in results.json")
    parser.add_argument(
        "--only", default="", help="comma-separated pages to measure (default: all five)"
    )
    args = parser.parse_args()

    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "saved").mkdir(exist_ok=True)
    prepare_database(args.database_url, args.releases)

    processes: list[subprocess.Popen] = []
    try:
        uncached = start_gunicorn(args.database_url, cache=False, port=PORTS["uncached"])
        processes.append(uncached)
        base = f"http://127.0.0.1:{PORTS['uncached']}"
        pages = pick_pages(base)
        for name, url in pages.items():
            (OUT / "saved" / f"{name}.html").write_bytes(fetch(base + url))
        (OUT / "pages.json").write_text(json.dumps(pages, indent=2))
        # Restart so that every worker loads the saved pages for the baselines.
        uncached.send_signal(signal.SIGTERM)
        uncached.wait()
        processes.remove(uncached)
        uncached = start_gunicorn(args.database_url, cache=False, port=PORTS["uncached"])
        cached = start_gunicorn(args.database_url, cache=True, port=PORTS["cached"])
        processes += [uncached, cached]
        processes.append(start_nginx(disk_config(PORTS["disk"]), "disk"))
        processes.append(
            start_nginx(microcache_config(PORTS["microcache"], PORTS["cached"]), "microcache")
        )
        wait_for(f"http://127.0.0.1:{PORTS['microcache']}/healthz")

        def measure(url: str) -> dict[str, float] | None:
            try:
                # Warm up every worker at once (first render, per-process index and caches).
                with ThreadPoolExecutor(max_workers=2 * CORES) as pool:
                    list(pool.map(fetch, [url] * (2 * CORES)))
            except urllib.error.HTTPError:
                return None  # no such baseline for this page (a feed has no template)
            return wrk(url, args.duration, args.connections)

        results: dict[str, dict] = {}
        wanted = set(filter(None, args.only.split(","))) or set(pages)
        for name, url in pages.items():
            if name not in wanted:
                continue
            log(f"Measuring {name} ({url})…")
            row = {
                "uncached": measure(f"http://127.0.0.1:{PORTS['uncached']}{url}"),
                "cached": measure(f"http://127.0.0.1:{PORTS['cached']}{url}"),
                "microcache": measure(f"http://127.0.0.1:{PORTS['microcache']}{url}"),
                "disk": measure(f"http://127.0.0.1:{PORTS['disk']}/{name}.html"),
                "bytes": measure(f"http://127.0.0.1:{PORTS['uncached']}/__bench/bytes/{name}"),
                "template": measure(
                    f"http://127.0.0.1:{PORTS['uncached']}/__bench/template/{name}"
                ),
            }
            results[name] = row
        rss = max(worker_rss_mb(uncached), worker_rss_mb(cached))
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    report = {
        "label": args.label or f"{args.releases} releases",
        "releases": args.releases,
        "duration": args.duration,
        "connections": args.connections,
        "cores": CORES,
        "worker_rss_mb": round(rss, 1),
        "pages": pages,
        "results": results,
    }
    runs_file = OUT / "results.json"
    runs = json.loads(runs_file.read_text()) if runs_file.exists() else {}
    runs[report["label"]] = report
    runs_file.write_text(json.dumps(runs, indent=2))
    print(table(report))


def table(report: dict) -> str:
    columns = ["uncached", "cached", "microcache", "disk", "bytes", "template"]
    lines = [
        f"{report['label']}: {report['connections']} connections, {report['duration']} s each, "
        f"{report['cores']} cores; worker RSS after the run {report['worker_rss_mb']} MB",
        "",
        "| page | " + " | ".join(f"{c} req/s (p50/p99 ms)" for c in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name, row in report["results"].items():
        cells = [
            f"{row[c]['rps']:.0f} ({row[c].get('p50', 0):.1f}/{row[c].get('p99', 0):.1f})"
            if row.get(c)
            else "n/a"
            for c in columns
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| target | measured | goal | met |")
    lines.append("|---|---|---|---|")
    r = report["results"]

    def ratio(page, a, b):
        return r[page][a]["rps"] / r[page][b]["rps"]

    targets = []
    if "listing" in r:
        targets.append(
            (
                "filtered listing uncached / template-only",
                ratio("listing", "uncached", "template"),
                0.6,
            )
        )
    if "release" in r:
        targets.append(
            ("release page uncached / template-only", ratio("release", "uncached", "template"), 0.7)
        )
    if "search" in r and "listing" in r:
        targets.append(
            (
                "full-text p50 / filtered listing p50 (lower is better)",
                r["search"]["uncached"]["p50"] / r["listing"]["uncached"]["p50"],
                2.0,
            )
        )
    targets += [
        (f"{page} cached / bytes-from-memory", ratio(page, "cached", "bytes"), 0.6) for page in r
    ]
    targets += [
        (f"{page} nginx micro-cache / nginx from disk", ratio(page, "microcache", "disk"), 0.5)
        for page in r
    ]
    for label, value, goal in targets:
        met = value <= goal if "lower is better" in label else value >= goal
        lines.append(f"| {label} | {value:.2f} | {goal} | {'yes' if met else 'NO'} |")
    rss_met = "yes" if report["worker_rss_mb"] <= 200 else "NO"
    lines.append(f"| worker RSS (MB) | {report['worker_rss_mb']} | 200 | {rss_met} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
