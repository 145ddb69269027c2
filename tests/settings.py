"""Settings for the test suite: the project's settings with test-only conveniences."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abc")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_MEDIA_ROOT", tempfile.mkdtemp(prefix="newsroom-test-media-"))

from osce_cms.settings import *  # noqa: F403

# Fast hashing: the suite creates many users; production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_ENABLED = False
# The editor's autosave stays out of browser tests that are not about it (a request still in
# flight when a test ends would meet the database being emptied); those that are set it.
NEWSROOM["AUTOSAVE_SECONDS"] = 3600.0  # noqa: F405
