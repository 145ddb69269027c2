"""What a backup is, shared by ``manage.py backup`` and ``manage.py restore``.

A backup is one folder, named by its UTC time, holding:

``database.json.gz``
    Every row of every model of data, written by Django's own ``dumpdata`` (through the base
    managers, so nothing a default manager hides is left out). Derived models (registered in
    ``core.derived``: the search documents) are left out; the restore rebuilds them.
``media.tar.gz``
    The uploaded files (lead images and their renditions).
``manifest.json``
    When and from what it was made: the database's vendor, the applied migrations, the row
    count per model of data, the derived models left out and a SHA-256 of each file, so a
    restore can refuse a damaged or mismatched backup before it touches anything.

Why ``dumpdata`` rather than ``pg_dump``: the newsroom runs on SQLite as well as PostgreSQL, and
one format restores on either (a PostgreSQL backup can be restored into SQLite for an
investigation, and the other way round); it needs no client binaries matching the server's
version; and the restore goes through the same code that is tested on both databases. Rows
keep their primary keys, content types and permissions included, because a restore replaces
the whole database: ids stay stable (admin links, logs, revision history refer to them), so
natural keys are not needed. For a database of many gigabytes, ``pg_dump`` is faster; the
README says when to switch.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
DATABASE_FILE = "database.json.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations(connection) -> list[list[str]]:
    return sorted(
        [app, name]
        for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name")
    )
