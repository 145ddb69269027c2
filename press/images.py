"""Lead image uploads: what the newsroom accepts, and the clean file it stores instead.

Every upload is decoded and re-encoded by Pillow, and stored at most ``MAX_EDGE`` pixels on
its long edge. That applies the EXIF orientation, drops all
metadata (GPS positions, camera serials, editing history) and leaves nothing of the uploaded
bytes on the server: a polyglot file cannot survive a round trip through the decoder.
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# 25 megapixels is more than any camera a newsroom sends out (a 24 MP full-frame photo, a
# 6000 × 4000 scan); larger is a poster or a panorama that no page needs.
MAX_PIXELS = 25_000_000
# What is stored at most on the long edge: twice the widest rendition, so renditions are
# made from a small file (a 25 MP original took seconds on the first page view).
MAX_EDGE = 3200

# Pillow format -> the extensions that may carry it, and the one the stored file gets.
FORMATS: dict[str, tuple[set[str], str]] = {
    "JPEG": ({".jpg", ".jpeg"}, ".jpg"),
    "PNG": ({".png"}, ".png"),
    "WEBP": ({".webp"}, ".webp"),
}
ALLOWED_EXTENSIONS = set().union(*(extensions for extensions, _suffix in FORMATS.values()))

MESSAGES = {
    "too_large": _("The file is %(size)s MB; the limit is 10 MB."),
    "extension": _("Upload a JPEG, PNG or WebP image (.jpg, .jpeg, .png or .webp)."),
    "not_image": _("This file is not a readable image. Upload a JPEG, PNG or WebP image."),
    "format": _("This is a %(format)s file. Upload a JPEG, PNG or WebP image."),
    "mismatch": _(
        "The file name ends in %(extension)s but the file is a %(format)s image. "
        "Rename it or export it again in the right format."
    ),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels. "
        "Make it smaller before uploading."
    ),
    "broken": _("The image is damaged or incomplete. Export it again and upload the new file."),
}


def clean_lead_image(upload) -> ContentFile:
    """Validate an uploaded image and return a re-encoded copy without metadata.

    Raises ``ValidationError`` with a message for the editor on any problem; never lets a
    decoder error escape, and never decodes an image before its size is known to be sane
    (a decompression bomb is refused from its header).
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            MESSAGES["too_large"], code="too_large", params={"size": f"{upload.size / 2**20:.1f}"}
        )
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(MESSAGES["extension"], code="extension")

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its limit, raises) on huge images; both are refusals.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            image_format = image.format or ""
            if image_format not in FORMATS:
                raise ValidationError(
                    MESSAGES["format"], code="format", params={"format": image_format or "?"}
                )
            if extension not in FORMATS[image_format][0]:
                raise ValidationError(
                    MESSAGES["mismatch"],
                    code="mismatch",
                    params={"extension": extension, "format": image_format},
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    MESSAGES["too_many_pixels"],
                    code="too_many_pixels",
                    params={"width": width, "height": height, "limit": MAX_PIXELS // 10**6},
                )
            image.load()
            data = _reencode(image, image_format)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            MESSAGES["too_many_pixels"],
            code="too_many_pixels",
            params={"width": "?", "height": "?", "limit": MAX_PIXELS // 10**6},
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(MESSAGES["not_image"], code="not_image") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        # Truncated or corrupt data surfaces as any of these from Pillow's decoders.
        raise ValidationError(MESSAGES["broken"], code="broken") from None
    return ContentFile(data, name=f"image{FORMATS[image_format][1]}")


def _reencode(image: Image.Image, image_format: str) -> bytes:
    # Turn the pixels the way the camera meant, then forget the EXIF that said so.
    image = ImageOps.exif_transpose(image)
    if max(image.size) > MAX_EDGE:
        # Keeps the proportions; a palette image is resampled in full colour, then stored so.
        if image.mode == "P":
            image = image.convert("RGBA")
            image.info.pop("transparency", None)  # now in the alpha channel
        image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    # Encoders fall back to what the decoder read (comments, ICC, XMP): keep only what the
    # pixels need to look right.
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    output = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(output, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(output, "WEBP", quality=88)
    return output.getvalue()
