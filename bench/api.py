#!/usr/bin/env python
"""The API's list endpoint beside the HTML listing, uncached, on the same data, in one process.

    uv run python bench/api.py [--releases 100000] [--repeat 40] \\
        [--database-url postgres://postgres@127.0.0.1:5432/newsroom_bench]

Prepares the database as ``bench/run.py`` does (``seed_demo``, skipped when it already holds
that many demo releases; ``collectstatic``; ``VACUUM ANALYZE``), then, with production
settings, the page cache off and the API's rate limit out of the way, asks Django's test
client for each listing address and its API twin in turn (after a warm-up of each: the facet
index and the reference data are built once per process), and prints the median and mean
time of each and their ratio. The HTML listing always counts every facet, so the API is
measured both without facets and with all of them. Writes ``bench/out/api.json``.

Target (issue 16): the list endpoint within 1.2 × the HTML listing's uncached time at
100,000 releases.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import OUT, environment, log, prepare_database  # noqa: E402

# (name, the listing's parameters): the benchmark's pages, and the first and a deep page.
QUERIES = [
    ("everything", ""),
    ("filtered", "country=ukraine&field=human-rights"),
    ("search", "q=border+training"),
    ("deep page", "country=ukraine&page=40"),
]
ALL_FACETS = "facets=country,field,structure,meeting,type,tag,year"
TARGET = 1.2


def timed(client, url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_bench"
    )
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    prepare_database(args.database_url, args.releases)
    os.environ.update(environment(args.database_url, cache=False))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["NEWSROOM_API_RATE_LIMIT"] = "100000000"

    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="testserver")
    rows = []
    log(f"{args.releases:,} releases, {args.repeat} requests each, page cache off")
    log(f"{'query':<12} {'html p50':>9} {'api p50':>8} {'+facets':>8} {'ratio':>6} {'+facets':>8}")
    for name, query in QUERIES:
        html_url = f"/press-releases/?{query}"
        api_url = f"/api/v1/releases?{query}"
        faceted_url = f"/api/v1/releases?{'&'.join(filter(None, (query, ALL_FACETS)))}"
        for url in (html_url, api_url, faceted_url):
            timed(client, url, 1)  # warm-up
        html, api, faceted = [], [], []
        # Interleaved, so that a neighbour's load on the machine falls on all three alike.
        for _ in range(args.repeat):
            html += timed(client, html_url, 1)
            api += timed(client, api_url, 1)
            faceted += timed(client, faceted_url, 1)
        row = {
            "query": name,
            "address": query,
            "html_ms": {"p50": statistics.median(html), "mean": statistics.fmean(html)},
            "api_ms": {"p50": statistics.median(api), "mean": statistics.fmean(api)},
            "api_facets_ms": {"p50": statistics.median(faceted), "mean": statistics.fmean(faceted)},
        }
        row["ratio"] = row["api_ms"]["p50"] / row["html_ms"]["p50"]
        row["ratio_facets"] = row["api_facets_ms"]["p50"] / row["html_ms"]["p50"]
        rows.append(row)
        log(
            f"{name:<12} {row['html_ms']['p50']:9.1f} {row['api_ms']['p50']:8.1f} "
            f"{row['api_facets_ms']['p50']:8.1f} {row['ratio']:6.2f} {row['ratio_facets']:8.2f}"
        )
    worst = max(max(row["ratio"], row["ratio_facets"]) for row in rows)
    verdict = "met" if worst <= TARGET else "NOT met"
    log(f"worst API / HTML ratio: {worst:.2f} (target ≤ {TARGET}: {verdict})")
    (OUT / "api.json").write_text(
        json.dumps({"releases": args.releases, "repeat": args.repeat, "rows": rows}, indent=2)
    )


if __name__ == "__main__":
    main()
