"""Delete lead images (and their renditions) that nothing needs any more.

An image is needed while a release uses it or a stored version of a release (django-reversion
history, deleted releases included) names it: reverting must never lead to a missing file.
Everything else in the lead image folder that is older than the grace period goes, with its
renditions; so do renditions whose image is gone, and images kept aside for a form that came
back with errors once their reference has expired (press/pending_images.py). The grace period
spares an upload still being saved. Safe to run at any time, e.g. nightly from cron.
"""

from __future__ import annotations

import datetime
import re

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone
from reversion.models import Version

from press import pending_images
from press.models import PressRelease
from press.renditions import (
    IMAGE_FOLDER,
    delete_renditions,
    is_source,
    rendition_folder,
    renditions_root,
    source_names,
)

# Any stored image name, in whatever serialization a version uses.
IMAGE_NAME = re.compile(re.escape(IMAGE_FOLDER) + r"[0-9a-f]{32}\.[a-z]{3,4}")


def needed_images() -> set[str]:
    """The names of the lead images a release or a stored version refers to."""
    needed = set(PressRelease.objects.exclude(image="").values_list("image", flat=True))
    content_type = ContentType.objects.get_for_model(PressRelease)
    versions = Version.objects.filter(content_type=content_type).values_list(
        "serialized_data", flat=True
    )
    for data in versions.iterator(chunk_size=2000):
        needed.update(IMAGE_NAME.findall(data))
    return needed


def _files(folder: str) -> list[str]:
    try:
        return default_storage.listdir(folder)[1]
    except FileNotFoundError:
        return []


def _folders(folder: str) -> list[str]:
    try:
        return default_storage.listdir(folder)[0]
    except FileNotFoundError:
        return []


class Command(BaseCommand):
    help = (
        "Delete lead images no release and no stored version refers to, older than the grace "
        "period, with their renditions; and renditions whose image is gone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would go; delete nothing."
        )
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=24.0,
            help="Spare files younger than this (an upload being saved). Default 24.",
        )

    def handle(self, *args, dry_run: bool, grace_hours: float, **options):
        cutoff = timezone.now() - datetime.timedelta(hours=grace_hours)
        # Read what is needed before listing files: a file saved in between is young.
        needed = needed_images()
        images = renditions = 0
        verb = "Would remove" if dry_run else "Removed"

        for filename in _files(IMAGE_FOLDER):
            name = IMAGE_FOLDER + filename
            if name in needed or default_storage.get_modified_time(name) > cutoff:
                continue
            if not dry_run:
                default_storage.delete(name)
                if is_source(name):
                    renditions += delete_renditions(name)
            elif is_source(name):
                renditions += len(_files(rendition_folder(filename.rsplit(".", 1)[0])))
            images += 1
            self.stdout.write(f"{verb} {name}")

        # Renditions left behind by an image that is gone.
        for uuid_hex in _folders(renditions_root()):
            folder = rendition_folder(uuid_hex)
            if any(default_storage.exists(name) for name in source_names(uuid_hex)):
                continue
            old = [
                folder + filename
                for filename in _files(folder)
                if default_storage.get_modified_time(folder + filename) <= cutoff
            ]
            for name in old:
                if not dry_run:
                    default_storage.delete(name)
                self.stdout.write(f"{verb} {name}")
            renditions += len(old)

        pending = 0 if dry_run else pending_images.remove_stale()
        self.stdout.write(
            f"{verb} {images} unused image(s) and {renditions} rendition(s); "
            f"{pending} expired kept upload(s). {len(needed)} image(s) still needed."
        )
