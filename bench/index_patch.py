#!/usr/bin/env python
"""How long a publication keeps the facet index behind: patch against rebuild, in one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_1m \\
        uv run python bench/index_patch.py [--repeat 5]

Builds this process's index of the database's releases, then makes the edits editors make
(a publication, a reclassification of an old release, a withdrawal, a scheduled release
going live) through the models, so that the signals write the content generations' change
log as in production, and times the first ``current_index()`` of each new generation: the
wait of the first request after the change. Finally it rebuilds the index from scratch and
checks that the patched one is identical. Everything happens in one transaction that is
rolled back: the database is left as it was.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import inprocess  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="edits of each kind")
    args = parser.parse_args()

    inprocess.setup()
    from django.db import transaction
    from django.utils import timezone

    from core.generations import forget_state
    from listing.index import FacetIndex, current_index
    from press.models import PressRelease, Status

    def timed(function):
        started = time.perf_counter()
        value = function()
        return value, time.perf_counter() - started

    forget_state()
    index, build_seconds = timed(current_index)
    print(f"{index.size:,} releases listed; build {build_seconds:.2f} s")
    listed = PressRelease.objects.listed()
    template = listed.newest_first().first()
    newest_first = listed.newest_first().values_list("pk", flat=True)
    middle = list(newest_first[index.size // 2 : index.size // 2 + args.repeat])
    results: dict[str, list[float]] = {}

    def measure(kind: str, edit) -> None:
        before = current_index()
        edit()
        after, seconds = timed(current_index)
        assert after.patches == before.patches + 1, f"{kind}: rebuilt instead of patched"
        results.setdefault(kind, []).append(seconds)

    def publish() -> None:
        release = PressRelease.objects.create(
            title=f"Benchmark publication {time.time_ns()}",
            lead=template.lead,
            body=template.body,
            status=Status.PUBLISHED,
            published_at=timezone.now(),
            lead_source=template.lead_source,
        )
        release.countries.set(template.countries.all())
        release.fields_of_work.set(template.fields_of_work.all())

    with transaction.atomic():
        for _ in range(args.repeat):
            measure("publication", publish)
        for pk in middle:
            release = PressRelease.objects.get(pk=pk)
            countries = list(template.countries.all())
            measure("reclassified, mid-archive", lambda r=release, c=countries: r.countries.set(c))
        for _ in range(args.repeat):
            newest = listed.newest_first().first()

            def unpublish(release=newest) -> None:
                # Back to draft: it leaves the listing (a withdrawn release stays listed).
                release.status = Status.DRAFT
                release.save()

            measure("unpublication of the newest", unpublish)
        for _ in range(args.repeat):
            # A release scheduled a moment ahead: the generation ends at its time.
            PressRelease.objects.create(
                title=f"Benchmark schedule {time.time_ns()}",
                lead=template.lead,
                body=template.body,
                status=Status.PUBLISHED,
                published_at=timezone.now() + datetime.timedelta(seconds=0.5),
                lead_source=template.lead_source,
            )
            current_index()
            time.sleep(0.6)
            results.setdefault("scheduled release going live", []).append(timed(current_index)[1])
        patched = current_index()
        rebuilt, rebuild_seconds = timed(FacetIndex)
        same = (
            list(patched.ids) == list(rebuilt.ids)
            and patched.sets == rebuilt.sets
            and list(patched._negated_times) == list(rebuilt._negated_times)
        )
        transaction.set_rollback(True)

    print(f"{'change':<32} {'p50':>9} {'max':>9}")
    for kind, seconds in results.items():
        p50, worst = statistics.median(seconds) * 1000, max(seconds) * 1000
        print(f"{kind:<32} {p50:>7.1f}ms {worst:>7.1f}ms")
    print(f"{'full rebuild (for comparison)':<32} {rebuild_seconds * 1000:>7.1f}ms")
    print(f"patched index identical to a rebuild: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
