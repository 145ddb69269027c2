"""``manage.py restore <folder>``: put a backup made by ``manage.py backup`` back in place."""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core.derived import derived_labels, rebuild_derived
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
        "Replace the database and the media files with a backup folder made by "
        "'manage.py backup', from SQLite or PostgreSQL into either. The database must be "
        "migrated to the backup's migrations. Derived tables (search documents) are rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup's folder (the one holding manifest.json).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument("--skip-media", action="store_true", help="Restore the database only.")

    def handle(
        self, *args, path: str, database: str, interactive: bool, skip_media: bool, **options
    ) -> None:
        folder = Path(path)
        manifest = self.read_manifest(folder)
        connection = connections[database]
        here = applied_migrations(connection)
        there = manifest["migrations"]
        if here != there:
            missing = sorted({tuple(m) for m in there} - {tuple(m) for m in here})
            extra = sorted({tuple(m) for m in here} - {tuple(m) for m in there})
            raise CommandError(
                "The database's migrations differ from the backup's. Run the code version the "
                "backup was made with (or migrate to it) first. "
                f"Missing here: {missing[:5]}; not in the backup: {extra[:5]}"
            )
        if interactive:
            answer = input(
                f"This replaces every row of the database '{connection.settings_dict['NAME']}'"
                f"{'' if skip_media else ' and the media files'} with the backup "
                f"{folder.name}. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")

        # All or nothing. The media go in first, kept aside, because loading rows can read
        # files (an image's dimensions when they were never stored); if the database load
        # fails, the previous media come back and the transaction leaves every row as it was.
        with tempfile.TemporaryDirectory(dir=self.media_root().parent) as staging:
            previous = None if skip_media else self.swap_in_media(folder / MEDIA_FILE, staging)
            try:
                with transaction.atomic(using=database):
                    self.settle_pending_checks(connection)
                    # Empty every table, content types and permissions included, without
                    # letting post-migrate handlers recreate rows: the backup brings them,
                    # with their ids.
                    call_command(
                        "flush",
                        database=database,
                        interactive=False,
                        inhibit_post_migrate=True,
                        verbosity=0,
                    )
                    # Derived rows are rebuilt below, not loaded: backups made before they
                    # were left out hold them (PostgreSQL's), and loading releases can make
                    # some already.
                    call_command(
                        "loaddata",
                        str(folder / DATABASE_FILE),
                        database=database,
                        exclude=derived_labels(),
                        verbosity=0,
                    )
                    rows = self.rows_of_data(manifest["rows"])
                    self.check_counts(rows, database)
                    rebuild_derived(database)
            except BaseException:
                if previous is not None:
                    self.swap_back_media(previous)
                raise
        total = sum(rows.values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} rows from {folder}"))

    def settle_pending_checks(self, connection) -> None:
        """PostgreSQL refuses to truncate a table with foreign key checks still pending in
        the transaction (rows written earlier in it): run them now, then defer them again
        so the backup's rows may load in any order."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def read_manifest(self, folder: Path) -> dict:
        try:
            manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(
                f"{folder} has no {MANIFEST_FILE}: not a backup, or an unfinished one."
            ) from None
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        for name, digest in manifest["files"].items():
            if not (folder / name).is_file() or sha256(folder / name) != digest:
                raise CommandError(f"{name} is missing or damaged (its checksum differs).")
        return manifest

    def rows_of_data(self, counts: dict[str, int]) -> dict[str, int]:
        """The manifest's row counts without derived tables (older backups counted them)."""
        derived = set(derived_labels())
        return {label: count for label, count in counts.items() if label not in derived}

    def check_counts(self, expected: dict[str, int], database: str) -> None:
        for label, count in expected.items():
            model = apps.get_model(label)
            found = model._base_manager.using(database).count()
            if found != count:
                raise CommandError(f"{label}: {found} rows restored, the backup has {count}.")

    def media_root(self) -> Path:
        root = Path(settings.MEDIA_ROOT)
        root.parent.mkdir(parents=True, exist_ok=True)
        return root

    def swap_in_media(self, archive_path: Path, staging: str) -> Path:
        """Put the backup's media in place; return where the current ones were moved."""
        media_root = self.media_root()
        with tarfile.open(archive_path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and "..".
            archive.extractall(staging, filter="data")
        restored = Path(staging) / "media"
        restored.mkdir(exist_ok=True)
        # Whole folders are swapped, so no file of the current media survives among the
        # backup's.
        previous = Path(staging) / "previous-media"
        if media_root.exists():
            media_root.rename(previous)
        restored.rename(media_root)
        return previous

    def swap_back_media(self, previous: Path) -> None:
        media_root = self.media_root()
        if media_root.exists():
            shutil.rmtree(media_root)
        if previous.exists():
            previous.rename(media_root)
