"""``manage.py backup``: the database and the uploaded files, into one timestamped folder."""

from __future__ import annotations

import datetime
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core.derived import derived_labels, is_derived
from core.management.backup_format import (
    DATABASE_FILE,
    FORMAT_VERSION,
    MANIFEST_FILE,
    MEDIA_FILE,
    applied_migrations,
    sha256,
)


class Command(BaseCommand):
    help = (
        "Back up the database (Django's dumpdata, every row of data; derived tables such as "
        "search documents are rebuilt by the restore) and the media files into a timestamped "
        "folder under --output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default="backups",
            help="Folder that receives the backup's own timestamped folder (default: ./backups).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output: str, database: str, **options) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = Path(output) / f"newsroom-{stamp}"
        target.mkdir(parents=True)
        # An in-progress folder is never mistaken for a complete backup: the manifest is
        # written last.
        connection = connections[database]
        # One transaction: on PostgreSQL every table is read from the same snapshot, so an
        # edit made during the backup is either wholly in it or wholly out of it.
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=database):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                output=str(target / DATABASE_FILE),
                database=database,
                format="json-exact",
                # Derived rows (search documents) are not data, and exist on PostgreSQL only:
                # the restore rebuilds them, so a backup reads the same from either database.
                exclude=derived_labels(),
                use_base_manager=True,
                indent=None,
                verbosity=0,
            )
            counts = {
                model._meta.label: model._base_manager.using(database).count()
                for model in apps.get_models(include_auto_created=True)
                if model._meta.managed and not model._meta.proxy and not is_derived(model)
            }
            migrations = applied_migrations(connection)

        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
            if media_root.is_dir():
                archive.add(media_root, arcname="media")

        manifest = {
            "format": FORMAT_VERSION,
            "created": stamp,
            "vendor": connection.vendor,
            "migrations": migrations,
            "rows": counts,
            "derived": derived_labels(),
            "files": {name: sha256(target / name) for name in (DATABASE_FILE, MEDIA_FILE)},
        }
        (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {total} rows and media to {target}"))
        return str(target)
