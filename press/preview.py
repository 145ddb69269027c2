"""Preview links: a draft shown to a reviewer who has no account.

A link is a signed token holding the release's id and its ``preview_key``. It expires after
seven days; rotating the key (``PressRelease.revoke_preview_links``) voids every link at once.
A tampered, expired or revoked link is a 404, like any page that does not exist.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from press.models import PressRelease

SALT = "press.preview"
MAX_AGE = datetime.timedelta(days=7)


def make_token(release: PressRelease) -> str:
    return signing.dumps({"id": release.pk, "key": release.preview_key.hex}, salt=SALT)


def preview_url(release: PressRelease) -> str:
    return reverse("press_preview:preview", kwargs={"token": make_token(release)})


def release_for_token(token: str) -> PressRelease | None:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(payload, dict):
        return None
    release = PressRelease.objects.filter(pk=payload.get("id")).first()
    if release is None or release.preview_key.hex != payload.get("key"):
        return None
    return release


@require_GET
def preview(request: HttpRequest, token: str) -> HttpResponse:
    release = release_for_token(token)
    if release is None:
        raise Http404("No such preview")
    # The draft's images are not public: their addresses carry the link (press/media.py).
    release.image_url_query = "?" + urlencode({"preview": token})
    response = render(
        request,
        "press/release_detail.html",
        {"release": release, "preview": True, "preview_link": True},
    )
    # A preview is for the holder of the link only: never cached on the way, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
