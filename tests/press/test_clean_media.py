"""manage.py clean_media: unused lead images and renditions go, anything a release or a stored
version needs stays, with real files on disk."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from reversion.models import Version

from press.models import PressRelease
from press.renditions import rendition_folder
from tests.factories import make_release

pytestmark = pytest.mark.django_db

MEDIA = Path()


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """A media folder of this test's own: the command looks at every file in it."""
    global MEDIA
    settings.MEDIA_ROOT = MEDIA = tmp_path


def jpeg(size=(2000, 1000), color=(200, 40, 40)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def set_image(release, color=(200, 40, 40)) -> str:
    """Give the release a new image in a new revision, as the admin does; its name."""
    with reversion.create_revision():
        release.image = jpeg(color=color)
        release.image_width, release.image_height = 2000, 1000
        release.image_alt = "A photo"
        release.save()
    release.image_renditions()  # the page makes its renditions
    return release.image.name


def age(name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(MEDIA / name, (then, then))
    folder = MEDIA / rendition_folder(Path(name).stem)
    for rendition in folder.glob("*") if folder.exists() else []:
        os.utime(rendition, (then, then))


def orphan(color=(10, 10, 10)) -> str:
    """An image no release and no version refers to (its release's history was pruned)."""
    release = make_release()
    name = set_image(release, color)
    Version.objects.get_for_object(release).delete()
    PressRelease.objects.filter(pk=release.pk).update(image="")
    return name


def clean(*args) -> str:
    out = io.StringIO()
    call_command("clean_media", *args, stdout=out)
    return out.getvalue()


def renditions_of(name: str) -> list[Path]:
    folder = MEDIA / rendition_folder(Path(name).stem)
    return list(folder.glob("*")) if folder.exists() else []


def test_an_old_orphan_goes_with_its_renditions():
    name = orphan()
    assert len(renditions_of(name)) == 6
    age(name, 48)
    out = clean()
    assert f"Removed {name}" in out
    assert "Removed 1 unused image(s) and 6 rendition(s)" in out
    assert not (MEDIA / name).exists()
    assert renditions_of(name) == []


def test_a_recent_orphan_survives_the_grace_period():
    name = orphan()
    age(name, 2)
    assert "Removed 0 unused image(s)" in clean()
    assert (MEDIA / name).is_file()
    age(name, 3)
    clean("--grace-hours", "1")
    assert not (MEDIA / name).exists()


def test_the_current_image_and_those_of_stored_versions_stay_and_a_revert_finds_its_file(
    django_capture_on_commit_callbacks,
):
    release = make_release()
    first = set_image(release, (200, 40, 40))
    with django_capture_on_commit_callbacks(execute=True):
        second = set_image(release, (40, 200, 40))
    assert renditions_of(first) == []  # replaced: its renditions went at once
    age(first, 48)
    age(second, 48)
    out = clean()
    assert "Removed 0 unused image(s)" in out
    assert (MEDIA / first).is_file() and (MEDIA / second).is_file()
    # Reverting to the first version brings back a file that is there, and its renditions.
    Version.objects.get_for_object(release).order_by("pk").first().revert()
    release.refresh_from_db()
    assert release.image.name == first
    renditions = release.image_renditions()
    assert renditions["src"].startswith("/media/" + rendition_folder(Path(first).stem))


def test_a_deleted_release_keeps_its_image_while_it_can_be_recovered():
    release = make_release()
    name = set_image(release)
    with reversion.create_revision():
        release.delete()
    age(name, 48)
    clean()
    assert (MEDIA / name).is_file()


def test_dry_run_reports_and_deletes_nothing():
    name = orphan()
    age(name, 48)
    out = clean("--dry-run")
    assert f"Would remove {name}" in out
    assert "Would remove 1 unused image(s) and 6 rendition(s)" in out
    assert (MEDIA / name).is_file() and len(renditions_of(name)) == 6


def test_renditions_whose_image_is_gone_are_removed():
    name = orphan()
    (MEDIA / name).unlink()
    age_folder = renditions_of(name)
    for rendition in age_folder:
        then = time.time() - 48 * 3600
        os.utime(rendition, (then, then))
    assert "Removed 0 unused image(s) and 6 rendition(s)" in clean()
    assert renditions_of(name) == []


def test_files_outside_the_image_folder_are_left_alone():
    other = MEDIA / "press" / "other.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("not ours")
    os.utime(other, (0, 0))
    clean()
    assert other.is_file()
