#!/usr/bin/env python
"""Where a page's time goes: SQL, template and the rest, per page, in one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        uv run python bench/profile_pages.py [--repeat 50] [--top 25] [URL ...]

Renders each page through Django's test client with production settings and the page cache
off (what the benchmark's ``uncached`` gunicorn does), after one warm-up request, and prints
per request: the wall time, the number of queries and the time spent waiting for them, and
the time spent rendering templates. ``--top N`` adds cProfile's N most expensive functions;
``--staff`` signs in as a superuser, for the admin's pages.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import inprocess  # noqa: E402

DEFAULT_PAGES = [
    "/",
    "/press-releases/?country=ukraine&field=human-rights",
    "/press-releases/?q=border+training",
    "/press-releases/feed/",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", help="pages (default: the benchmark's, plus a release)")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--top", type=int, default=0, help="show cProfile's top N functions")
    parser.add_argument(
        "--sort", default="cumulative", help="cProfile order: cumulative or tottime"
    )
    parser.add_argument(
        "--staff", action="store_true", help="signed in as a superuser (for admin pages)"
    )
    args = parser.parse_args()

    inprocess.setup(page_cache=False)
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    from press.models import PressRelease

    urls = args.urls or [
        *DEFAULT_PAGES,
        PressRelease.objects.published().newest_first().first().get_absolute_url(),
    ]
    client = Client(HTTP_HOST="testserver")
    if args.staff:
        from django.contrib.auth import get_user_model

        user, _created = get_user_model().objects.get_or_create(
            username="bench-profile", defaults={"is_staff": True, "is_superuser": True}
        )
        client.force_login(user)
    timings = {"sql": 0.0, "queries": 0, "template": 0.0}

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings["sql"] += time.perf_counter() - started
            timings["queries"] += 1

    original_render = Template.render
    depth = [0]

    def timed_render(self, context=None, request=None):
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original_render(self, context, request)
        finally:
            depth[0] -= 1
            if not depth[0]:
                timings["template"] += time.perf_counter() - started

    Template.render = timed_render
    print(f"{'page':<60} {'ms':>7} {'queries':>7} {'sql ms':>7} {'tmpl ms':>8}")
    for url in urls:
        response = client.get(url)  # warm-up: per-process indexes and caches
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        for key in timings:
            timings[key] = 0
        profiler = cProfile.Profile() if args.top else None
        with connection.execute_wrapper(timed_sql):
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            for _ in range(args.repeat):
                client.get(url)
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - started
        n = args.repeat
        print(
            f"{url[:60]:<60} {elapsed / n * 1000:7.2f} {timings['queries'] / n:7.1f} "
            f"{timings['sql'] / n * 1000:7.2f} {timings['template'] / n * 1000:8.2f}"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
