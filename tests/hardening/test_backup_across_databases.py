"""Moving between databases: a backup made on SQLite restores into PostgreSQL and one made on
PostgreSQL restores into SQLite, row for row for every table of data, and the restored site
answers full-text searches at once.

Each database is used by ``manage.py`` in subprocesses, the way a site moving from the
embedded default to PostgreSQL would run them, so the test runs the same in the suite's
SQLite and PostgreSQL runs. PostgreSQL is the server the suite's PostgreSQL run uses
(``DATABASE_URL`` when it names one, else postgres@127.0.0.1:5432); the test makes its
databases there and drops them.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import sqlite3
import urllib.parse
from pathlib import Path

import psycopg
import pytest

from press.demo import DEMO_ADVISORIES
from tests.hardening.conftest import run_manage, run_python

DEMO_RELEASES = 40
# seed_demo adds the press office's media advisories to the releases it is asked for.
DEMO_TOTAL = DEMO_RELEASES + len(DEMO_ADVISORIES)
# A word only the release written for this test has, in its body.
SEARCHED_WORD = "hydrography"

# Every table, read through the models so that both databases' values compare alike
# (SQLite hands back booleans as integers and datetimes as text; the ORM gives both the same).
TABLE_ROWS = """
import base64, datetime, decimal, json, uuid
import django
django.setup()
from django.apps import apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from core.derived import is_derived


def plain(value):
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


tables, derived = {}, {}
for model in apps.get_models(include_auto_created=True):
    if not model._meta.managed or model._meta.proxy:
        continue
    if is_derived(model):
        derived[model._meta.label] = model._base_manager.count()
        continue
    # Many-to-many link rows are recreated by the restore, so their own ids are new: what
    # they link is compared.
    columns = [
        field.attname
        for field in model._meta.concrete_fields
        if not (model._meta.auto_created and field.primary_key)
    ]
    rows = [[plain(v) for v in row] for row in model._base_manager.values_list(*columns)]
    tables[model._meta.db_table] = {
        "columns": columns,
        "rows": sorted(rows, key=lambda row: json.dumps(row, sort_keys=True)),
    }
# When a migration was applied differs by nature; which ones were must not.
tables["django_migrations"] = {
    "columns": ["app", "name"],
    "rows": sorted(MigrationRecorder.Migration.objects.values_list("app", "name")),
}
print(json.dumps({
    "tables": tables,
    "derived": derived,
    "table_names": sorted(connection.introspection.table_names()),
}))
"""

# What a newsroom holds beyond the demo: an editor, a release found by a word of its body
# with a lead image, and revisions (with their users and comments) of edited releases.
NEWSROOM_EXTRAS = f"""
import io
import django
django.setup()
import reversion
from django.core.files.base import ContentFile
from PIL import Image
from press.models import PressRelease
from tests.factories import make_release, make_user

editor = make_user("archivist", groups=["Editor"])
release = make_release(
    "Survey of the Danube delta",
    countries=["moldova"],
    fields=["border-management"],
    tags=["rivers", "Danube"],
    body="<p>A {SEARCHED_WORD} survey, with \\u201cquotes\\u201d and \\u00fcml\\u00e4uts.</p>",
    created_by=editor,
)
buffer = io.BytesIO()
Image.new("RGB", (64, 36), (10, 120, 60)).save(buffer, "JPEG")
release.image = ContentFile(buffer.getvalue(), name="delta.jpg")
release.image_alt = "The delta"
release.save()
for edited in PressRelease.objects.order_by("pk")[:3]:
    for round in (1, 2):
        with reversion.create_revision():
            edited.lead = f"{{edited.lead}} Corrected ({{round}})."
            edited.save()
            reversion.set_user(editor)
            reversion.set_comment(f"Correction {{round}}")
"""

# The restored site, as a reader finds it: the release is listed for a word of its body.
SEARCH = f"""
import json
import django
django.setup()
from django.test import Client
from press.models import PressRelease, SearchDocument, SearchHead

release = PressRelease.objects.get(title="Survey of the Danube delta")
response = Client().get("/press-releases/", {{"q": "{SEARCHED_WORD}"}})
print(json.dumps({{
    "status": response.status_code,
    "found": release.get_absolute_url() in response.content.decode(),
    "documents": SearchDocument.objects.count(),
    "heads": SearchHead.objects.count(),
    "releases": PressRelease.objects.count(),
}}))
"""

# The restored database takes new rows: its id sequences follow the restored ids.
WRITE = """
import django
django.setup()
from press.models import PressRelease
from tests.factories import make_release

before = PressRelease.objects.count()
make_release("Written after the move", tags=["moved"])
print(PressRelease.objects.count() - before)
"""


def postgres_server() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urllib.parse.urlsplit(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": str(parts.port or 5432),
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or ""),
    }


class Databases:
    """Throwaway databases: SQLite files under ``root`` and PostgreSQL databases named
    ``newsroom_backup_<random>_<name>``, dropped by ``close()``."""

    def __init__(self, root: Path):
        self.root = root
        self.server = postgres_server()
        self.prefix = f"newsroom_backup_{secrets.token_hex(4)}"
        self.made: list[str] = []
        self.admin = psycopg.connect(
            host=self.server["host"],
            port=self.server["port"],
            user=self.server["user"],
            password=self.server["password"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def env(self, url: str, name: str) -> dict[str, str]:
        env = {
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DJANGO_ENV_FILE": os.devnull,
            "DJANGO_MEDIA_ROOT": str(self.root / f"{name}-media"),
            "DATABASE_URL": url,
        }
        env.pop("REDIS_URL", None)
        return env

    def postgres(self, name: str, template: str | None = None) -> dict[str, str]:
        database = f"{self.prefix}_{name}"
        like = f' TEMPLATE "{self.prefix}_{template}"' if template else ""
        self.admin.execute(f'CREATE DATABASE "{database}"{like}')
        self.made.append(database)
        server = self.server
        credentials = urllib.parse.quote(server["user"])
        if server["password"]:
            credentials += ":" + urllib.parse.quote(server["password"])
        return self.env(
            f"postgres://{credentials}@{server['host']}:{server['port']}/{database}", name
        )

    def sqlite(self, name: str, template: str | None = None) -> dict[str, str]:
        path = self.root / f"{name}.sqlite3"
        if template:
            # SQLite's own backup, so that nothing left in a write-ahead log is missed.
            with (
                sqlite3.connect(self.root / f"{template}.sqlite3") as source,
                sqlite3.connect(path) as copy,
            ):
                source.backup(copy)
        return self.env(f"sqlite:///{path}", name)

    def close(self) -> None:
        for database in self.made:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """Both kinds of database, freshly migrated once; each side of a move is a copy."""
    made = Databases(tmp_path_factory.mktemp("across-databases"))
    try:
        for env in (made.sqlite("migrated"), made.postgres("migrated")):
            result = run_manage("migrate", "--no-input", env=env)
            assert result.returncode == 0, result.stderr
        yield made
    finally:
        made.close()


def succeeded(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def last_json(result):
    return json.loads(succeeded(result).strip().splitlines()[-1])


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("source_kind", "target_kind"),
    [("sqlite", "postgres"), ("postgres", "sqlite")],
    ids=["sqlite-to-postgresql", "postgresql-to-sqlite"],
)
def test_a_backup_restores_into_the_other_database_row_for_row(
    databases, tmp_path, source_kind, target_kind
):
    source = getattr(databases, source_kind)(f"{source_kind}_source", template="migrated")
    target = getattr(databases, target_kind)(f"{target_kind}_target", template="migrated")

    # The newsroom as it was: the demo archive, an editor's work and its history.
    succeeded(run_manage("seed_demo", "--releases", str(DEMO_RELEASES), env=source))
    succeeded(run_python(NEWSROOM_EXTRAS, env=source))
    before = last_json(run_python(TABLE_ROWS, env=source))
    assert last_json(run_python(SEARCH, env=source))["found"]

    # The README's three commands.
    output = succeeded(run_manage("backup", "--output", str(tmp_path / "backups"), env=source))
    (folder,) = (tmp_path / "backups").iterdir()
    assert str(folder) in output
    succeeded(run_manage("migrate", "--no-input", env=target))
    succeeded(run_manage("restore", str(folder), "--no-input", env=target))

    # The backup holds data only: search documents and heads are derived, whichever side
    # made them.
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["vendor"] == ("postgresql" if source_kind == "postgres" else "sqlite")
    assert manifest["derived"] == ["press.SearchDocument", "press.SearchHead"]
    assert not {"press.SearchDocument", "press.SearchHead"} & set(manifest["rows"])
    derived_models = {"press.searchdocument", "press.searchhead"}
    with gzip.open(folder / "database.json.gz", "rt", encoding="utf-8") as dump:
        assert not [row for row in json.load(dump) if row["model"] in derived_models]

    after = last_json(run_python(TABLE_ROWS, env=target))
    # Every table is either compared or derived, on both sides.
    assert before["table_names"] == after["table_names"]
    compared = set(before["tables"]) | {"press_searchdocument", "press_searchhead"}
    assert compared == set(before["table_names"])
    for table, contents in before["tables"].items():
        assert after["tables"][table] == contents, f"{table} differs after the restore"
    counts = {table: len(contents["rows"]) for table, contents in after["tables"].items()}
    # The demo's releases and advisories, this test's own, and language versions of some.
    assert counts["press_pressrelease"] > DEMO_TOTAL + 1
    assert counts["press_pressrelease_countries"] > DEMO_RELEASES
    assert counts["taggit_taggeditem"] > DEMO_RELEASES
    assert counts["reversion_revision"] == 6
    assert counts["reversion_version"] >= 6
    assert files_under(Path(source["DJANGO_MEDIA_ROOT"])) == files_under(
        Path(target["DJANGO_MEDIA_ROOT"])
    )

    # The site searches the restored archive with nothing more run by hand: on PostgreSQL
    # through the rebuilt search documents (one per release), on SQLite without any.
    search = last_json(run_python(SEARCH, env=target))
    assert search["status"] == 200
    assert search["found"], f"the search for {SEARCHED_WORD!r} did not list the release"
    expected_documents = search["releases"] if target_kind == "postgres" else 0
    assert search["documents"] == after["derived"]["press.SearchDocument"]
    assert search["documents"] == expected_documents
    assert search["heads"] == after["derived"]["press.SearchHead"] == expected_documents

    assert succeeded(run_python(WRITE, env=target)).split()[-1] == "1"
