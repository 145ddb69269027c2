#!/usr/bin/env python
"""This newsroom beside the Wagtail peer, on the same data, in one run.

    uv run python bench/peer.py [--pages 100000] [--duration 10]

1. generates the peer's data set (``news/peerdata.py`` of ``../shared/peers/wagtail-news``,
   seed 1) and loads it into both systems on PostgreSQL: the peer seeds its own database
   (``wagtail_peer``) with its ``run.sh``; ``bench/peer_data.py`` loads the same lines into
   ``newsroom_peer`` as published releases (both skipped when the count already matches);
2. serves the peer with its own ``run.sh`` (two sync gunicorn workers) and this site with two
   sync workers twice, page cache off and on;
3. measures the three pages of issue 17 in turn with the peer's own wrk settings
   (``wrk -t2 -c32 -d10s --timeout 10s`` after a 3-second warm-up): the listing filtered by
   the data set's most frequent country and field, the home page, and one release;
4. prints requests per second and ratios, and writes ``bench/out/peer.json``.
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
from pathlib import Path

from run import OUT, PYTHON, ROOT, ensure_tools, environment, fetch, manage, wait_for

PEER = Path(os.environ.get("PEER_SOURCE", ROOT.parent / "shared" / "peers" / "wagtail-news"))
PEER_DIR = Path(os.environ.get("PEER_DIR", OUT / "wagtail-peer"))
PORTS = {"wagtail": 18092, "uncached": 8111, "cached": 8112}
WORKERS = 2
# The most frequent pair of the peer's generator with seed 1 (its README).
COUNTRY, FIELD = "poland", "rule-of-law"
LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def log(message: str) -> None:
    print(message, flush=True)


def psql(database: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def generate_data(pages: int) -> Path:
    path = OUT / f"peer-{pages}.jsonl"
    if not path.exists():
        log(f"Generating the peer's {pages:,} items…")
        with path.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, str(PEER / "news" / "peerdata.py"), "--pages", str(pages)],
                stdout=out,
                check=True,
            )
    return path


def prepare_ours(database_url: str, data: Path, pages: int) -> None:
    env = environment(database_url, cache=False)
    name = database_url.rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    manage(env, "migrate", "--no-input")
    loaded = psql(name, "SELECT count(*) FROM press_pressrelease WHERE legacy_key LIKE 'peer:%'")
    if loaded != str(pages):
        log(f"Loading {pages:,} releases into {name}…")
        started = time.monotonic()
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "peer_data.py"), str(data)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        log(f"  loaded in {time.monotonic() - started:.0f} s")
    manage(env, "collectstatic", "--no-input")
    psql(name, "VACUUM ANALYZE")


def start_peer(pages: int) -> subprocess.Popen:
    if psql("wagtail_peer", "SELECT count(*) FROM news_newspage") not in ("", str(pages)):
        log("The peer's database holds another data set: dropping it.")
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "wagtail_peer"], check=True)
    log("Starting the Wagtail peer (installs and seeds it the first time)…")
    process = subprocess.Popen(
        ["bash", str(PEER / "run.sh"), str(pages)],
        env={
            **os.environ,
            "PEER_DB": "pg",
            "PORT": str(PORTS["wagtail"]),
            "PEER_DIR": str(PEER_DIR),
        },
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{PORTS['wagtail']}/", timeout=1800)
    return process


def start_ours(database_url: str, cache: bool, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "osce_cms.wsgi:application",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "--access-logfile=/dev/null",
        ],
        cwd=ROOT,
        env=environment(database_url, cache),
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def wrk(url: str, duration: int) -> dict[str, float]:
    subprocess.run(["wrk", "-t2", "-c32", "-d3s", url], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        **{f"p{p}": float(v) * scale[u] for p, v, u in LATENCY.findall(output)},
        "errors": int(errors.group(1)) if errors else 0,
    }


def pages_to_measure() -> dict[str, dict[str, str]]:
    """The same three pages in both systems: the release is the filtered listing's first."""
    peer_listing = f"/?country={COUNTRY}&field={FIELD}"
    ours_listing = f"/press-releases/?country={COUNTRY}&field={FIELD}"
    html = fetch(f"http://127.0.0.1:{PORTS['wagtail']}{peer_listing}").decode()
    peer_release = re.search(r'news-list__title"><a href="([^"]+)"', html).group(1)
    slug = peer_release.rstrip("/").rsplit("/", 1)[-1]
    return {
        "listing": {"wagtail": peer_listing, "ours": ours_listing},
        "release": {"wagtail": peer_release, "ours": f"/press-releases/{slug}/"},
        "home": {"wagtail": "/", "ours": "/"},
    }


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_peer"
    )
    args = parser.parse_args()
    ensure_tools()
    if not shutil.which("psql"):
        sys.exit("Needs PostgreSQL's client programs (psql, createdb).")
    OUT.mkdir(parents=True, exist_ok=True)
    data = generate_data(args.pages)
    prepare_ours(args.database_url, data, args.pages)

    processes: list[subprocess.Popen] = []
    try:
        processes.append(start_peer(args.pages))
        processes.append(start_ours(args.database_url, False, PORTS["uncached"]))
        processes.append(start_ours(args.database_url, True, PORTS["cached"]))
        pages = pages_to_measure()
        results: dict[str, dict] = {}
        for name, urls in pages.items():
            for system, port in PORTS.items():
                path = urls["wagtail" if system == "wagtail" else "ours"]
                log(f"Measuring {name} on {system} ({path})…")
                results.setdefault(name, {})[system] = wrk(
                    f"http://127.0.0.1:{port}{path}", args.duration
                )
    finally:
        stop(processes)

    report = {"pages": args.pages, "duration": args.duration, "urls": pages, "results": results}
    (OUT / "peer.json").write_text(json.dumps(report, indent=2))
    print(table(report))


def table(report: dict) -> str:
    lines = [
        f"{report['pages']:,} releases, PostgreSQL, {WORKERS} sync gunicorn workers each, "
        f"wrk -t2 -c32 -d{report['duration']}s --timeout 10s",
        "",
        "| page | Wagtail req/s (p50 ms) | ours, page cache off | ours, page cache on |",
        "|---|---|---|---|",
    ]
    for name, row in report["results"].items():
        peer = row["wagtail"]["rps"]
        cells = [f"{peer:.1f} ({row['wagtail'].get('p50', 0):.0f})"]
        for system in ("uncached", "cached"):
            ours = row[system]
            ratio = ours["rps"] / peer
            cells.append(f"{ours['rps']:.1f} ({ours.get('p50', 0):.0f}) = {ratio:.1f}×")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    failed = [
        f"{name} on {system}: {row[system]['errors']} errors"
        for name, row in report["results"].items()
        for system in row
        if row[system]["errors"]
    ]
    if failed:
        lines += ["", "Non-2xx answers: " + "; ".join(failed)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
