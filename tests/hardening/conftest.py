"""Helpers for the hardening tests: running the project the way production runs it."""

import os
import subprocess
import sys
import tempfile
from importlib import import_module
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET = "a-long-random-production-secret-" + "k3y9" * 12
# Production processes started by the tests get a database of their own, never the suite's.
PRODUCTION_DB = Path(tempfile.mkdtemp(prefix="newsroom-production-")) / "db.sqlite3"


def production_env(**overrides: str | None) -> dict[str, str]:
    """The environment of a production process: no .env file, debug off, real settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST")) and key != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="osce_cms.settings",
        DJANGO_ENV_FILE=os.devnull,
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
        DJANGO_ALLOWED_HOSTS="newsroom.example.org,testserver",
        DATABASE_URL=f"sqlite:///{PRODUCTION_DB}",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_manage(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def production_db() -> Path:
    """The production processes' database, migrated once per run."""
    if not PRODUCTION_DB.exists():
        result = run_manage("migrate", "--no-input", env=production_env())
        assert result.returncode == 0, result.stderr
    return PRODUCTION_DB


@pytest.fixture
def reference_data(transactional_db):
    """Reference data and groups as their migrations load them.

    Serialized rollback restores them after an earlier live-server test flushed the database,
    except when the browser started after the database was created: the test then runs on
    another connection object, one without the serialized copy.
    """
    from django.apps import apps as django_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from taxonomy.models import Structure

    if not Group.objects.exists():
        groups = import_module("press.migrations.0003_groups")
        for label in ("press", "taxonomy", "taggit"):
            create_permissions(django_apps.get_app_config(label), verbosity=0)
        for name, codenames in groups.GROUPS.items():
            group = Group.objects.create(name=name)
            for app_label, codename in codenames:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
    if not Structure.objects.exists():
        import_module("taxonomy.migrations.0002_reference_data").load(django_apps, None)


# The real Chromium of the browser tests, shared with them (one browser per session).
from tests.browser.conftest import browser  # noqa: E402, F401
