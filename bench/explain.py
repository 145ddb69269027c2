"""EXPLAIN ANALYZE of the listing's queries at scale (PostgreSQL): the page of results, the
count and every facet, for a few typical filter combinations.

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

from listing.filters import FACETS, ReleaseSearch  # noqa: E402

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
        search = ReleaseSearch(QueryDict(case))
        print(f"?{case}")
        started = time.perf_counter()
        page = search.qs.select_related("lead_source")[:20]
        print(f"  page:  {explain(page, verbose):8.1f} ms")
        print(f"  count: {explain(search.qs.order_by().values('pk'), False):8.1f} ms")
        for key in FACETS:
            facet_started = time.perf_counter()
            search._facet(key)
            print(f"  facet {key:10s} {1000 * (time.perf_counter() - facet_started):8.1f} ms")
        print(f"  total {1000 * (time.perf_counter() - started):8.1f} ms wall")


if __name__ == "__main__":
    main()
