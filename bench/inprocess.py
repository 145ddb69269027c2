"""Django set up inside a benchmark script, with production settings (debug off, the page
cache as asked) and the database of ``DATABASE_URL``: for measurements that call the site's
code directly instead of going through gunicorn."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(page_cache: bool | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_ENV_FILE", "/nonexistent")
    if page_cache is not None:
        os.environ["NEWSROOM_PAGE_CACHE"] = "1" if page_cache else "0"

    import django

    django.setup()
