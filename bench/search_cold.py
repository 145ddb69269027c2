"""What a search costs when its matches are not kept yet, and in the generation after a
publication (the kept matches brought up to date from the change log), beside a warm one
and the filtered listing. In-process, page cache off, on the database of DATABASE_URL.

    DATABASE_URL=postgres://…/newsroom_bench_1m uv run python bench/search_cold.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import inprocess

LISTING = "/press-releases/?country=ukraine&field=human-rights"
SEARCHES = ["/press-releases/?q=border+training", "/press-releases/?q=training&country=ukraine"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    # A shared cache, as in production: the change log lives there (with a cache of its
    # own, each in-process alert task would start a generation the log knows nothing of).
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
    inprocess.setup(page_cache=False)
    from django.test import Client

    from listing import matches
    from press.models import PressRelease

    client = Client()

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return 1000 * (time.perf_counter() - started)

    timed(LISTING)  # the facet index of this generation, built once
    listing = statistics.median(timed(LISTING) for _ in range(args.repeat))
    print(f"{'filtered listing':44s} {listing:8.1f} ms")
    release = PressRelease.objects.published().order_by("-published_at").first()
    for url in SEARCHES:
        cold, warm, patched = [], [], []
        for _ in range(args.repeat):
            matches.forget()
            cold.append(timed(url))
            warm.append(timed(url))
            release.save()  # a new generation whose change log names one release
            timed(LISTING)  # the index patched first, as any page would
            patched.append(timed(url))
        for label, values in (("not kept", cold), ("kept", warm), ("after a publication", patched)):
            median = statistics.median(values)
            print(f"{url[16:] + ', ' + label:44s} {median:8.1f} ms  {median / listing:5.2f}×")


if __name__ == "__main__":
    main()
