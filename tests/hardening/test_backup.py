"""Backups: ``manage.py backup`` then ``manage.py restore`` into a scratch database gives back
every row of every table and every uploaded file."""

import base64
import datetime
import decimal
import gzip
import hashlib
import io
import json
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from PIL import Image

from tests.factories import make_release, make_user
from tests.hardening.conftest import run_manage, run_python

# The same code reads the rows of the suite's database here and of the scratch database in
# a subprocess, so both sides are compared value for value.
TABLE_ROWS = """
def table_rows(connection):
    import base64, datetime, decimal, uuid

    def plain(value):
        if isinstance(value, (bytes, memoryview)):
            return base64.b64encode(bytes(value)).decode()
        if isinstance(value, (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)):
            return str(value)
        return value

    from django.apps import apps

    # Rows of many-to-many link tables are recreated, so their own ids are new; what they
    # link is compared.
    links = {
        model._meta.db_table: [f.column for f in model._meta.local_fields if not f.primary_key]
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    }
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "django_migrations":
                # When a migration was applied differs by nature; which ones must not.
                cursor.execute("SELECT app, name FROM django_migrations")
            elif table in links:
                columns = ", ".join(quote(column) for column in links[table])
                cursor.execute(f"SELECT {columns} FROM {quote(table)}")
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = [[plain(value) for value in row] for row in cursor.fetchall()]
            tables[table] = sorted(rows, key=repr)
    return tables
"""
namespace: dict = {
    "base64": base64,
    "datetime": datetime,
    "decimal": decimal,
    "uuid": uuid,
}
exec(TABLE_ROWS, namespace)
table_rows = namespace["table_rows"]


def files_under(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def scratch(tmp_path):
    """An empty database of the suite's kind, and the environment of a process using it."""
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_ENV_FILE": os.devnull,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    env.pop("REDIS_URL", None)
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        name = f"{params['NAME']}_scratch"
        admin = psycopg.connect(
            host=params["HOST"],
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (
            f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
        )
        yield env
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        yield env


def newsroom_content():
    user = make_user("archivist", groups=["Editor"])
    with_image = make_release(
        "Mission to Moldova reports on elections",
        # Older than the alerts' look-back: a release still fresh would be matched by the
        # restored site (rightly: the original would match it too) and differ by that row.
        published_at=timezone.now() - datetime.timedelta(days=30),
        countries=["austria"],
        fields=["border-management"],
        meetings=["ministerial-council"],
        tags=["elections", "Moldova"],
        body="<p>With <strong>markup</strong>, \u201cquotes\u201d and \u00fcml\u00e4uts.</p>",
        created_by=user,
    )
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (10, 120, 60)).save(buffer, "JPEG")
    with_image.image = ContentFile(buffer.getvalue(), name="polling-station.jpg")
    with_image.image_alt = "A polling station"
    with_image.save()
    assert with_image.image_width == 1600
    make_release("A draft still in the works", status="draft")
    make_release("Withdrawn statement", status="withdrawn")
    return with_image


@pytest.mark.django_db
def test_backup_then_restore_into_a_scratch_database_gives_back_every_row(tmp_path, scratch):
    release = newsroom_content()
    folder = Path(call_command("backup", output=str(tmp_path / "backups"), verbosity=0))
    assert folder.parent == tmp_path / "backups"
    assert folder.name.startswith("newsroom-")
    assert {path.name for path in folder.iterdir()} == {
        "database.json.gz",
        "media.tar.gz",
        "manifest.json",
    }
    original_rows = table_rows(connection)
    original_files = files_under(Path(settings.MEDIA_ROOT))
    assert release.image.name in original_files

    migrate = run_manage("migrate", "--no-input", env=scratch)
    assert migrate.returncode == 0, migrate.stderr
    restore = run_manage("restore", str(folder), "--no-input", env=scratch)
    assert restore.returncode == 0, restore.stdout + restore.stderr

    dump = run_python(
        TABLE_ROWS
        + "\nimport django, json; django.setup()\n"
        + "from django.db import connection\n"
        + "print(json.dumps(table_rows(connection)))\n",
        env=scratch,
    )
    assert dump.returncode == 0, dump.stderr
    restored_rows = json.loads(dump.stdout.strip().splitlines()[-1])
    # JSON turns tuples into lists and keeps nothing else apart: compare through it too.
    assert json.loads(json.dumps(original_rows)) == restored_rows
    assert restored_rows["press_pressrelease"], "the comparison compared something"

    assert files_under(Path(scratch["DJANGO_MEDIA_ROOT"])) == original_files

    # The restored database takes new rows (its id sequences follow the restored ids).
    after = run_python(
        "import django; django.setup()\n"
        "from tests.factories import make_release\n"
        "from press.models import PressRelease\n"
        "make_release('Written after the restore')\n"
        "print(PressRelease.objects.count())\n",
        env=scratch,
    )
    assert after.returncode == 0, after.stderr
    assert int(after.stdout.split()[-1]) == len(restored_rows["press_pressrelease"]) + 1


@pytest.mark.django_db
def test_restore_replaces_rows_written_after_the_backup(tmp_path):
    make_release("Kept: in the backup")
    folder = call_command("backup", output=str(tmp_path), verbosity=0)
    make_release("Gone: written after the backup")
    call_command("restore", folder, interactive=False, skip_media=True, verbosity=0)
    from press.models import PressRelease

    titles = set(PressRelease.objects.values_list("title", flat=True))
    assert "Kept: in the backup" in titles
    assert "Gone: written after the backup" not in titles


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    make_release("Still here")
    folder = Path(call_command("backup", output=str(tmp_path), verbosity=0))
    with (folder / "database.json.gz").open("r+b") as damaged:
        damaged.seek(20)
        damaged.write(b"\x00\x00\x00\x00")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(folder), interactive=False, verbosity=0)
    from press.models import PressRelease

    assert PressRelease.objects.filter(title="Still here").exists()


@pytest.mark.django_db
def test_restore_refuses_a_folder_that_is_not_a_finished_backup(tmp_path):
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(tmp_path), interactive=False, verbosity=0)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_another_schema(tmp_path):
    folder = Path(call_command("backup", output=str(tmp_path), verbosity=0))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["migrations"].append(["press", "9999_from_the_future"])
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="migrations differ"):
        call_command("restore", str(folder), interactive=False, verbosity=0)


@pytest.mark.django_db
def test_restore_rebuilds_search_documents_and_ignores_those_an_older_backup_holds(tmp_path):
    from press.models import PressRelease, SearchDocument, SearchHead
    from press.search import matching_release_ids

    release = make_release("Hydrography of the Danube delta")
    folder = Path(call_command("backup", output=str(tmp_path), verbosity=0))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["derived"] == ["press.SearchDocument", "press.SearchHead"]
    assert "press.SearchDocument" not in manifest["rows"]
    assert "press.SearchHead" not in manifest["rows"]

    # Backups made before search documents were left out hold PostgreSQL's, and count them.
    with gzip.open(folder / "database.json.gz", "rt", encoding="utf-8") as dump:
        rows = json.load(dump)
    assert not [row for row in rows if row["model"] == "press.searchdocument"]
    rows.append(
        {"model": "press.searchdocument", "pk": release.pk, "fields": {"vector": "'stale':1"}}
    )
    with gzip.open(folder / "database.json.gz", "wt", encoding="utf-8") as dump:
        json.dump(rows, dump)
    del manifest["derived"]
    manifest["rows"]["press.SearchDocument"] = 1
    manifest["files"]["database.json.gz"] = hashlib.sha256(
        (folder / "database.json.gz").read_bytes()
    ).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))

    SearchDocument.objects.all().delete()
    call_command("restore", str(folder), interactive=False, skip_media=True, verbosity=0)

    assert PressRelease.objects.filter(pk=release.pk).exists()
    if connection.vendor == "postgresql":
        # Rebuilt from the restored releases, not loaded from the backup.
        assert SearchDocument.objects.count() == PressRelease.objects.count()
        assert SearchHead.objects.count() == PressRelease.objects.count()
        assert matching_release_ids(PressRelease.objects.all(), "stale") == []
    else:
        assert not SearchDocument.objects.exists()
    assert matching_release_ids(PressRelease.objects.all(), "hydrography") == [release.pk]
