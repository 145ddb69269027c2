"""Where lead images and their renditions live, and how renditions map back to their source.

A lead image is ``press/images/<uuid>.<ext>`` (``lead_image_path``). Its renditions (made by
sorl-thumbnail) are stored by ``RenditionBackend`` as
``cache/press/images/<uuid>/<key>.<ext>``: one folder per source, named after it, so the media
view can tell which release a rendition belongs to and ``clean_media`` can remove all of an
image's renditions with it.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from sorl.thumbnail import default as thumbnail_default
from sorl.thumbnail.base import EXTENSIONS, ThumbnailBackend
from sorl.thumbnail.conf import settings as thumbnail_settings
from sorl.thumbnail.helpers import serialize, tokey
from sorl.thumbnail.images import ImageFile

IMAGE_FOLDER = "press/images/"
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})

_UUID = "[0-9a-f]{32}"
_SOURCE = re.compile(rf"{re.escape(IMAGE_FOLDER)}(?P<uuid>{_UUID})(?P<suffix>\.[a-z]+)")


def renditions_root() -> str:
    """The folder holding one folder of renditions per lead image."""
    return f"{thumbnail_settings.THUMBNAIL_PREFIX}{IMAGE_FOLDER}"


def rendition_folder(uuid_hex: str) -> str:
    """The folder (under the media root) holding every rendition of one lead image."""
    return f"{renditions_root()}{uuid_hex}/"


def source_uuid(name: str) -> str | None:
    """The uuid of the lead image that ``name`` (a media path) is, or is a rendition of."""
    match = _SOURCE.fullmatch(name)
    if match:
        return match["uuid"] if match["suffix"] in IMAGE_SUFFIXES else None
    rendition = re.fullmatch(
        rf"{re.escape(renditions_root())}(?P<uuid>{_UUID})/{_UUID}\.(?:jpg|png|webp|gif)", name
    )
    return rendition["uuid"] if rendition else None


def is_source(name: str) -> bool:
    """Whether ``name`` is a lead image itself (not a rendition)."""
    match = _SOURCE.fullmatch(name)
    return bool(match and match["suffix"] in IMAGE_SUFFIXES)


def source_names(uuid_hex: str) -> list[str]:
    """Every name the lead image with this uuid may be stored under."""
    return [f"{IMAGE_FOLDER}{uuid_hex}{suffix}" for suffix in sorted(IMAGE_SUFFIXES)]


class RenditionBackend(ThumbnailBackend):
    """sorl-thumbnail, with each lead image's renditions in a folder named after it."""

    def _get_thumbnail_filename(self, source, geometry_string, options):
        if not is_source(source.name):
            return super()._get_thumbnail_filename(source, geometry_string, options)
        key = tokey(source.key, geometry_string, serialize(options))
        uuid_hex = PurePosixPath(source.name).stem
        return f"{rendition_folder(uuid_hex)}{key}.{EXTENSIONS[options['format']]}"


def delete_renditions(name: str) -> int:
    """Delete every rendition of the lead image ``name`` (they are made again when asked
    for); the image itself stays. Returns how many files were removed."""
    removed = 0
    uuid_hex = source_uuid(name)
    if uuid_hex is not None and is_source(name):
        folder = rendition_folder(uuid_hex)
        try:
            _folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            files = []
        for filename in files:
            default_storage.delete(folder + filename)
            removed += 1
        with contextlib.suppress(OSError, NotImplementedError):
            os.rmdir(default_storage.path(folder))  # the folder itself, once empty
    # sorl's record of the renditions (and any file it made under another name).
    thumbnail_default.kvstore.delete(ImageFile(name, default_storage))
    return removed
