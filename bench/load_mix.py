#!/usr/bin/env python
"""A mixed load of readers against a running newsroom, for load runs and failure drills.

    uv run python bench/load_mix.py --base-url http://127.0.0.1:8000 [--duration 60]
        [--concurrency 8] [--seed 1] [--output bench/out/load_mix.json]

Each simulated reader picks a request by weight, as a newsroom's audience does: the home page,
the listing with one to three filters (sometimes paged), a search (``q``, never cached),
a release, a country / field of work / structure page, the feeds, and the health check.
Slugs come from the site itself (its sitemap and index pages), so the mix works on any data.

It prints and writes, per kind of request and overall: count, errors (5xx and failed
connections), and latency percentiles; and, second by second, requests and errors. The
timeline is what a failure drill reads: restart PostgreSQL or stop Redis during a run, and
see how long errors last and that they stop by themselves.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

# kind -> weight (out of 100).
MIX = {
    "home": 10,
    "listing": 25,
    "search": 10,
    "release": 30,
    "taxonomy": 15,
    "feed": 5,
    "health": 5,
}
SORTS = ["newest", "oldest"]


def get(url: str, timeout: float = 10) -> tuple[int | str, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "newsroom-load-mix"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError as error:
        return type(error).__name__, b""


def discover(base: str) -> dict[str, list[str]]:
    """Addresses and filter values, read from the site's own pages."""
    found: dict[str, list[str]] = defaultdict(list)
    sitemaps, seen = ["/sitemap.xml"], set()
    while sitemaps:
        sitemap = sitemaps.pop()
        seen.add(sitemap)
        _, xml = get(base + sitemap)
        for loc in re.findall(rb"<loc>([^<]+)</loc>", xml):
            path = re.sub(r"^https?://[^/]+", "", loc.decode())
            if path.endswith(".xml") and path not in seen:
                sitemaps.append(path)  # a sitemap index: follow its sections
            elif path.startswith("/press-releases/") and path.count("/") == 3:
                found["release"].append(path)
    for index, prefix, key in (
        ("/countries/", "/countries/", "country"),
        ("/fields-of-work/", "/fields-of-work/", "field"),
        ("/structures/", "/structures/", "structure"),
    ):
        _, html = get(base + index)
        slugs = sorted(set(re.findall(rf'href="{prefix}([a-z0-9-]+)/"'.encode(), html)))
        found["taxonomy"] += [f"{prefix}{slug.decode()}/" for slug in slugs]
        found[key] = [slug.decode() for slug in slugs]
    return found


def next_path(rng: random.Random, site: dict[str, list[str]]) -> tuple[str, str]:
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    if kind in ("release", "taxonomy") and not site[kind]:
        kind = "listing"
    if kind == "home":
        return kind, "/"
    if kind == "health":
        return kind, "/healthz"
    if kind == "feed":
        return kind, rng.choice(["/press-releases/feed/", "/press-releases/feed/atom/"])
    if kind == "release":
        return kind, rng.choice(site["release"])
    if kind == "taxonomy":
        return kind, rng.choice(site["taxonomy"])
    if kind == "search":
        words = ["election", "border", "media freedom", "OSCE", "ceasefire", "water", "Vienna"]
        return kind, "/press-releases/?" + urlencode({"q": rng.choice(words)})
    params: list[tuple[str, str]] = []
    for key in rng.sample(["country", "field", "structure", "year"], k=rng.randint(1, 3)):
        if key == "year":
            params.append((key, str(rng.randint(2005, 2025))))
        elif site[key]:
            params.append((key, rng.choice(site[key])))
    if rng.random() < 0.3:
        params.append(("sort", rng.choice(SORTS)))
    if rng.random() < 0.2:
        params.append(("page", str(rng.randint(2, 4))))
    return "listing", "/press-releases/?" + urlencode(params)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run(base: str, duration: float, concurrency: int, seed: int) -> dict:
    site = discover(base)
    started = time.monotonic()
    samples: list[tuple[float, str, int | str, float]] = []
    lock = threading.Lock()

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() - started < duration:
            kind, path = next_path(rng, site)
            before = time.monotonic()
            status, _body = get(base + path)
            after = time.monotonic()
            with lock:
                samples.append((after - started, kind, status, (after - before) * 1000))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def failed(status: int | str) -> bool:
        return not isinstance(status, int) or status >= 500

    def summary(rows: list[tuple[float, str, int | str, float]]) -> dict:
        latencies = [row[3] for row in rows]
        return {
            "requests": len(rows),
            "errors": sum(failed(row[2]) for row in rows),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        }

    by_kind: dict[str, list] = defaultdict(list)
    timeline: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in samples:
        by_kind[row[1]].append(row)
        second = int(row[0])
        timeline[second][0] += 1
        timeline[second][1] += failed(row[2])
    return {
        "base_url": base,
        "duration_s": duration,
        "concurrency": concurrency,
        "seed": seed,
        "requests_per_s": round(len(samples) / duration, 1),
        "overall": summary(samples),
        "by_kind": {kind: summary(rows) for kind, rows in sorted(by_kind.items())},
        "statuses": dict(sorted(_count(str(row[2]) for row in samples).items())),
        "timeline": [
            {"second": second, "requests": counts[0], "errors": counts[1]}
            for second, counts in sorted(timeline.items())
        ],
    }


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=Path("bench/out/load_mix.json"))
    args = parser.parse_args()
    result = run(args.base_url.rstrip("/"), args.duration, args.concurrency, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2))
    print(
        f"{result['requests_per_s']} requests/s over {args.duration:g} s, "
        f"{args.concurrency} readers; errors: {result['overall']['errors']}"
    )
    print(f"{'kind':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, row in result["by_kind"].items():
        print(
            f"{kind:<10} {row['requests']:>8} {row['errors']:>6} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['p99_ms']:>8}"
        )
    bad = [entry for entry in result["timeline"] if entry["errors"]]
    if bad:
        print(f"errors during seconds {bad[0]['second']}–{bad[-1]['second']} of the run")


if __name__ == "__main__":
    main()
