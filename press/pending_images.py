"""An image chosen in a form that came back with errors is kept, not dropped.

Browsers never refill a file input, so without this an author who forgot the lead had to
find and attach the image again, and often did not notice it was gone. The checked,
re-encoded image is stored aside under a random name; the form carries a signed reference to
it (valid for a day, for the same person only) and attaches it on the next save.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "press.pending-image"
MAX_AGE = datetime.timedelta(days=1)
FOLDER = "press/pending/"


def keep(image: ContentFile, *, user, original_name: str) -> str:
    """Store ``image`` aside; the signed reference to put in the form."""
    suffix = PurePath(image.name or "").suffix.lower()
    name = default_storage.save(f"{FOLDER}{uuid.uuid4().hex}{suffix}", image)
    return signing.dumps(
        {"name": name, "user": user.pk, "original": original_name[:200]}, salt=SALT
    )


def _payload(token: str, user) -> dict | None:
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("user") != user.pk:
        return None
    name = payload.get("name")
    if not isinstance(name, str) or not name.startswith(FOLDER) or ".." in name:
        return None
    return payload


def original_name(token: str, user) -> str | None:
    payload = _payload(token, user)
    return payload.get("original") if payload else None


def take(token: str, user) -> ContentFile | None:
    """The kept image for ``token`` as a new upload, or None when the reference is not
    valid (tampered, expired, someone else's) or the file is gone."""
    payload = _payload(token, user)
    if payload is None or not default_storage.exists(payload["name"]):
        return None
    with default_storage.open(payload["name"], "rb") as stored:
        data = stored.read()
    return ContentFile(data, name=PurePath(payload["name"]).name)


def discard(token: str, user) -> None:
    payload = _payload(token, user)
    if payload is not None:
        default_storage.delete(payload["name"])


def remove_stale(now: datetime.datetime | None = None) -> int:
    """Delete kept images older than a reference can be: nobody can attach them any more."""
    now = now or timezone.now()
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for filename in files:
        name = FOLDER + filename
        if now - default_storage.get_modified_time(name) > MAX_AGE:
            default_storage.delete(name)
            removed += 1
    return removed
