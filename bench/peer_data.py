"""Load the Wagtail peer's generated data set into this site's database, release for release.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=… python bench/peer_data.py news.jsonl

The peer (``../shared/peers/wagtail-news``) generates its pages with ``news/peerdata.py``;
the same lines become published press releases here, with the same titles, slugs, dates,
intros (our leads), bodies, countries and fields of work, so that both systems serve the
same pages. Releases loaded before by this script (``legacy_key`` ``peer:…``) and demo
releases are removed first: the two systems must hold the same number of releases.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

PEER_KEY_PREFIX = "peer:"
# The peer spells one country's slug differently from the organisation's own list.
COUNTRY_SLUGS = {"netherlands": "the-netherlands"}
BATCH = 5000


def batches(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def load(lines: Iterable[str]) -> int:
    from django.db import transaction

    from core.signals import release_changed
    from press.demo import insert_rows
    from press.models import PressRelease, ReleaseType, Status
    from press.search import refresh_search_vectors
    from taxonomy.models import Country, FieldOfWork, Structure

    countries = {c.slug: c.pk for c in Country.objects.all()}
    fields = {f.slug: f.pk for f in FieldOfWork.objects.all()}
    secretariat = Structure.objects.get(slug="secretariat")
    PressRelease.objects.filter(legacy_key__startswith=PEER_KEY_PREFIX).delete()
    PressRelease.objects.filter(legacy_key__startswith="demo:").delete()
    country_links = PressRelease.countries.through
    field_links = PressRelease.fields_of_work.through
    made = 0
    for batch in batches((json.loads(line) for line in lines if line.strip()), BATCH):
        releases = []
        for item in batch:
            city = item["dateline"].split(",", 1)[0]
            releases.append(
                PressRelease(
                    title=item["title"],
                    slug=item["slug"],
                    type=ReleaseType.PRESS_RELEASE,
                    lead=item["intro"],
                    body=item["body"],
                    dateline_city=city,
                    dateline_date=datetime.date.fromisoformat(item["date"]),
                    published_at=datetime.datetime.fromisoformat(item["published_at"]),
                    status=Status.PUBLISHED,
                    lead_source=secretariat,
                    legacy_key=f"{PEER_KEY_PREFIX}{item['seq']}",
                )
            )
        with transaction.atomic():
            created = PressRelease.objects.bulk_create(releases)
            insert_rows(
                country_links._meta.db_table,
                ["pressrelease_id", "country_id"],
                (
                    (release.pk, countries[COUNTRY_SLUGS.get(slug, slug)])
                    for release, item in zip(created, batch, strict=True)
                    for slug in item["countries"]
                ),
            )
            insert_rows(
                field_links._meta.db_table,
                ["pressrelease_id", "fieldofwork_id"],
                (
                    (release.pk, fields[slug])
                    for release, item in zip(created, batch, strict=True)
                    for slug in item["fields"]
                ),
            )
            refresh_search_vectors([release.pk for release in created])
        made += len(created)
    release_changed.send(sender=PressRelease, ids=None)
    return made


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    with open(sys.argv[1], encoding="utf-8") as lines:
        print(f"Loaded {load(lines):,} peer releases.")


if __name__ == "__main__":
    main()
