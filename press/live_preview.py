"""The live preview beside the release form: the public page as the unsaved form would make it.

The form's script (``static/admin/js/press-live-preview.js``) sends the fields as they are
typed; they are kept for a few minutes in the cache under a random key for this person, and
the preview frame loads the page for that key. Nothing is saved to the release: the form is
cleaned as a save would clean it, and what it would store is shown, the body sanitised.
Files are not sent (an image is uploaded when the form is saved); the saved image is shown.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.text import slugify
from django.views.decorators.csp import csp_override

from press.autosave import as_submission, check_may_edit, submitted_fields
from press.html import sanitize_body
from press.models import ChangeNote, PressRelease, ReleaseTerms

KEPT_SECONDS = 15 * 60


def _cache_key(user, key: str) -> str:
    return f"press:live-preview:{user.pk}:{key}"


def keep_view(model_admin, request: HttpRequest, release: PressRelease | None) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    form_class = model_admin.get_form(request, release, change=release is not None)
    key = secrets.token_urlsafe(16)
    cache.set(_cache_key(request.user, key), submitted_fields(request, form_class), KEPT_SECONDS)
    if release is None:
        address = reverse("admin:press_pressrelease_live_preview_new_page")
    else:
        address = reverse("admin:press_pressrelease_live_preview_page", args=[release.pk])
    return JsonResponse({"url": f"{address}?{urlencode({'key': key})}"})


def unsaved(model_admin, request: HttpRequest, release: PressRelease | None, data: dict):
    """The release as the form's data would make it, never saved."""
    form_class = model_admin.get_form(request, release, change=release is not None)
    form = form_class(data=as_submission(data), instance=release or PressRelease())
    form.is_valid()  # a field in error keeps its saved value (or none)
    shown = form.instance
    shown.body = sanitize_body(shown.body or "")
    shown.slug = shown.slug or slugify(shown.title) or "preview"
    shown.__dict__["terms"] = ReleaseTerms.chosen(getattr(form, "cleaned_data", {}))
    change = form.change_to_record()
    if change is not None and change[0] and change[1]:
        # The major change being written, as readers will see it once saved.
        now = timezone.now()
        upcoming = ChangeNote(release=shown, major=True, note=change[1], noted_at=now)
        shown.__dict__["change_history"] = [upcoming, *shown.change_history]
        shown.major_change_at = now
    return shown


# The page is shown in a frame of the release form, on the same site only.
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
def page_view(model_admin, request: HttpRequest, release: PressRelease | None) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    data = cache.get(_cache_key(request.user, request.GET.get("key", "")[:64]))
    if data is None:
        response = render(request, "press/live_preview_expired.html", status=404)
    else:
        context = {
            "release": unsaved(model_admin, request, release, data),
            "preview": True,
            "live_preview": True,
        }
        response = render(request, "press/release_detail.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
