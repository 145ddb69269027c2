"""Autosave in the release editor: the form's unsaved fields, kept on the server while an
author types, offered back when they open the same form again.

The browser side is ``static/admin/js/press-autosave.js``; it also warns before leaving a
form with unsaved changes. What is kept is the person's own text and goes nowhere else:
it is neither sanitised nor published, and the form's normal save (with its checks) is the
only way it reaches the release.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from press.models import Autosave, PressRelease

RESTORE_PARAMETER = "restore"
RESTORE_VALUE = "autosave"
# Submitted by the form's buttons or the admin, never part of the text.
NOT_KEPT = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_step"}


def kept_for(user, release: PressRelease | None) -> Autosave | None:
    return Autosave.objects.select_related("release").filter(user=user, release=release).first()


def field_names(form_class) -> set[str]:
    return set(form_class.base_fields)


def _belongs_to_form(name: str, fields: set[str]) -> bool:
    # Split widgets (date and time) submit name_0 and name_1.
    return name in fields or name.rsplit("_", 1)[0] in fields


def submitted_fields(request: HttpRequest, form_class) -> dict[str, list[str]]:
    """The form's fields as the browser sent them (name -> values), buttons left out."""
    fields = field_names(form_class)
    return {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in NOT_KEPT and _belongs_to_form(name, fields)
    }


def as_submission(data: dict) -> QueryDict:
    """Kept fields back in the shape of a form submission."""
    submitted = QueryDict(mutable=True)
    for name, values in data.items():
        if isinstance(values, list):
            submitted.setlist(name, [str(value) for value in values])
    return submitted


def keep(request: HttpRequest, form_class, release: PressRelease | None) -> Autosave:
    """Store the submitted fields of ``form_class`` for this person and release."""
    defaults = {
        "data": submitted_fields(request, form_class),
        "base_version": release.version if release is not None else None,
    }
    if release is not None:
        previous = kept_for(request.user, release)
        # A form opened before someone else saved keeps the version it started from, so it is
        # recognised as behind; a form opened afterwards starts again from the new version.
        started_from = request.POST.get("base_version", "")
        if started_from.isascii() and started_from.isdigit():
            defaults["base_version"] = int(started_from)
        elif previous is not None:
            defaults["base_version"] = previous.base_version
    try:
        with transaction.atomic():
            autosave, _created = Autosave.objects.update_or_create(
                user=request.user, release=release, defaults=defaults
            )
    except IntegrityError:  # two saves of one form crossed: the later one wins
        autosave, _created = Autosave.objects.update_or_create(
            user=request.user, release=release, defaults=defaults
        )
    return autosave


def restored_initial(form_class, autosave: Autosave) -> dict:
    """The kept values in the shape a form's ``initial`` takes, read by each field's widget
    as it reads a submission (lists for multiple choices, parts for split widgets)."""
    submitted = as_submission(autosave.data)
    initial = {}
    for name, field in form_class.base_fields.items():
        if name == "base_version":
            continue
        if name in submitted or f"{name}_0" in submitted:
            initial[name] = field.widget.value_from_datadict(submitted, {}, name)
    return initial


def notice(request: HttpRequest, release: PressRelease | None) -> dict | None:
    """What the form says about kept changes: when, and whether they can be restored."""
    autosave = kept_for(request.user, release)
    if autosave is None:
        return None
    return {
        "saved_at": timezone.localtime(autosave.saved_at),
        "time": time_format(timezone.localtime(autosave.saved_at), "TIME_FORMAT"),
        "behind": autosave.is_behind,
        "restored": request.GET.get(RESTORE_PARAMETER) == RESTORE_VALUE and not autosave.is_behind,
        "restore_url": f"?{RESTORE_PARAMETER}={RESTORE_VALUE}",
        "discard_url": discard_url(release),
    }


def save_url(release: PressRelease | None) -> str:
    if release is None:
        return reverse("admin:press_pressrelease_autosave_new")
    return reverse("admin:press_pressrelease_autosave", args=[release.pk])


def discard_url(release: PressRelease | None) -> str:
    if release is None:
        return reverse("admin:press_pressrelease_autosave_discard_new")
    return reverse("admin:press_pressrelease_autosave_discard", args=[release.pk])


def form_url(release: PressRelease | None) -> str:
    if release is None:
        return reverse("admin:press_pressrelease_add")
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def check_may_edit(model_admin, request: HttpRequest, release: PressRelease | None) -> None:
    allowed = (
        model_admin.has_add_permission(request)
        if release is None
        else model_admin.has_change_permission(request, release)
    )
    if not allowed:
        raise PermissionDenied


def save_view(model_admin, request: HttpRequest, release: PressRelease | None) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    form_class = model_admin.get_form(request, release, change=release is not None)
    autosave = keep(request, form_class, release)
    when = time_format(timezone.localtime(autosave.saved_at), "TIME_FORMAT")
    return JsonResponse(
        {
            "saved_at": autosave.saved_at.isoformat(),
            "message": _("Unsaved changes kept at %(time)s.") % {"time": when},
        }
    )


def discard_view(model_admin, request: HttpRequest, release: PressRelease | None) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    Autosave.objects.filter(user=request.user, release=release).delete()
    messages.info(request, _("The kept changes were discarded."))
    return redirect(form_url(release))


def forget(user, release: PressRelease, *, new: bool) -> None:
    """The form was saved: what it kept is in the release now."""
    Autosave.objects.filter(user=user, release=release).delete()
    if new:
        Autosave.objects.filter(user=user, release=None).delete()
