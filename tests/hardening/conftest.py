"""Helpers for the hardening tests: running the project the way production runs it."""

import os
import subprocess
import sys
import tempfile
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
    """The production processes' database, migrated once per run. Always migrated: a
    production process started earlier by another test leaves an empty file behind."""
    result = run_manage("migrate", "--no-input", env=production_env())
    assert result.returncode == 0, result.stderr
    return PRODUCTION_DB
