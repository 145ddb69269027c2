"""Where a listing's time goes at scale (PostgreSQL), for a few typical filter combinations:
EXPLAIN ANALYZE of the queries it sends (the search words' matches, the rows of the page
shown) and the time of the index's own work (matching, each facet).

    DATABASE_URL=postgres://… uv run python bench/explain.py [--verbose]
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_cms.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from listing.engine import FACETS, Listing  # noqa: E402
from press.models import PressRelease  # noqa: E402
from press.search import documents_matching  # noqa: E402

CASES = [
    "",
    "country=ukraine&field=human-rights",
    "q=border+training",
    "country=ukraine&field=human-rights&q=training",
    "structure=programme-office-in-dushanbe",
    "year=2015&type=statement",
]


def explain(queryset, verbose: bool) -> float:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    if verbose:
        print("\n".join("      " + line for line in plan))
    return float(plan[-1].split(":")[1].strip().split()[0])


def main() -> None:
    verbose = "--verbose" in sys.argv
    for case in CASES:
        listing = Listing(QueryDict(case))
        print(f"?{case}")
        started = time.perf_counter()
        if listing.query:
            matches = documents_matching(listing.query).values("release_id")
            print(f"  search:   {explain(matches, verbose):8.1f} ms")
        matching_started = time.perf_counter()
        count = listing.count
        print(f"  matching: {1000 * (time.perf_counter() - matching_started):8.1f} ms ({count})")
        ids = [release.pk for release in listing.page()]
        rows = PressRelease.objects.published().defer("body").filter(pk__in=ids)
        print(f"  page:     {explain(rows, verbose):8.1f} ms")
        for key in FACETS:
            facet_started = time.perf_counter()
            listing._facet(key)
            print(f"  facet {key:10s} {1000 * (time.perf_counter() - facet_started):8.1f} ms")
        print(f"  total {1000 * (time.perf_counter() - started):8.1f} ms wall")


if __name__ == "__main__":
    main()
