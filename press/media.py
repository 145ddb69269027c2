"""Release images and their renditions, served by the publication rule.

``/media/`` is no plain folder: a lead image, or a rendition of one, is shown to the public
only while its release is public and not withdrawn (``PressReleaseQuerySet.with_public_image``);
staff who may view releases, and holders of a valid preview link (``?preview=<token>``, added
to the image addresses of a preview page), see the others, privately. Anything else under
``/media/`` is a 404, like a file that does not exist.

A rendition names its source (``press/renditions.py``), so the view knows which image, and so
which release, a rendition belongs to.

Production serves the file through nginx (``DJANGO_MEDIA_ACCEL_REDIRECT``, an ``internal``
location, see deploy/nginx.conf); without it, Django streams the file itself.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from press.models import PressRelease, is_accredited_journalist
from press.preview import release_for_token
from press.renditions import source_names, source_uuid

# Public images never change under their name (a new upload gets a new one).
PUBLIC_CACHE_CONTROL = "public, max-age=604800"
PRIVATE_CACHE_CONTROL = "private, no-cache"


def _may_see_any(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.has_perm("press.view_pressrelease"))


def _preview_allows(request: HttpRequest, names: list[str]) -> bool:
    token = request.GET.get("preview", "")
    if not token:
        return False
    release = release_for_token(token)
    return release is not None and release.image.name in names


def _embargo_allows(request: HttpRequest, names: list[str]) -> bool:
    """An accredited journalist sees the image of a release shared under embargo, and of
    no other unpublished release."""
    user = getattr(request, "user", None)
    return bool(
        user
        and is_accredited_journalist(user)
        and PressRelease.objects.under_embargo().filter(image__in=names).exists()
    )


def _file_response(request: HttpRequest, name: str, path: Path):
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        # nginx sends the file; the (empty) answer streams so no page cache stores it.
        response = StreamingHttpResponse(iter(()))
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
        response["Content-Type"] = mimetypes.guess_type(name)[0] or "application/octet-stream"
    else:
        response = FileResponse(path.open("rb"))
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    return response


@require_safe
def serve(request: HttpRequest, name: str):
    """A lead image or rendition, to whoever may see it; a 404 to everyone else."""
    uuid_hex = source_uuid(name)
    if uuid_hex is None:
        raise Http404("No such file")
    try:
        path = Path(safe_join(settings.MEDIA_ROOT, name))
    except ValueError:  # SuspiciousFileOperation: outside the media root
        raise Http404("No such file") from None
    if not path.is_file():
        raise Http404("No such file")
    names = source_names(uuid_hex)
    if PressRelease.objects.with_public_image().filter(image__in=names).exists():
        cache_control = PUBLIC_CACHE_CONTROL
    elif (
        _may_see_any(request) or _preview_allows(request, names) or _embargo_allows(request, names)
    ):
        cache_control = PRIVATE_CACHE_CONTROL
    else:
        raise Http404("No such file")
    response = _file_response(request, name, path)
    response["Cache-Control"] = cache_control
    if cache_control == PRIVATE_CACHE_CONTROL:
        response["X-Robots-Tag"] = "noindex"
    return response
