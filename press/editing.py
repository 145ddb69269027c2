"""Who is editing a release: "X is editing since 10:42", and taking over explicitly.

Opening a release's form takes its editing session when nobody else's page holds it; the
page then reports in every ``EDITING_HEARTBEAT_SECONDS`` (``static/admin/js/press-editing.js``)
and lets go when it is closed. Someone else opening the form sees who holds it and may take
over; the page it was taken from says so at its next report. None of this stops a save: the
form's version check refuses a save over a newer version, whatever the sessions say.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from press.models import EditingSession, PressRelease


def person(user) -> str:
    return user.get_full_name() or user.get_username()


def _at(moment) -> str:
    # 24-hour time, as the organisation writes it ("since 10:42").
    return time_format(timezone.localtime(moment), "H:i")


def claim(release: PressRelease, user, *, take_over: bool = False) -> EditingSession:
    """The release's session after ``user`` opened or reported in from its form: theirs when
    it was free, stale or theirs already (or when they take over), else the holder's."""
    now = timezone.now()
    with transaction.atomic():
        session = EditingSession.objects.select_for_update().filter(release=release).first()
        if session is None:
            try:
                with transaction.atomic():
                    return EditingSession.objects.create(
                        release=release, user=user, since=now, seen_at=now
                    )
            except IntegrityError:  # opened at the same moment elsewhere: that one holds it
                session = EditingSession.objects.select_for_update().get(release=release)
        if session.user_id == user.pk:
            session.seen_at = now
            session.save(update_fields=["seen_at"])
        elif take_over or not session.is_active:
            session.taken_from = session.user if session.is_active else None
            session.user, session.since, session.seen_at = user, now, now
            session.save()
        return session


def let_go(release: PressRelease, user) -> None:
    EditingSession.objects.filter(release=release, user=user).delete()


def notice(request: HttpRequest, release: PressRelease) -> dict:
    """What the form says about others editing, taking the session when it is free."""
    session = claim(release, request.user)
    mine = session.user_id == request.user.pk
    return {
        "mine": mine,
        "holder": person(session.user),
        "since": _at(session.since),
        "heartbeat_url": reverse("admin:press_pressrelease_editing", args=[release.pk]),
        "take_over_url": reverse("admin:press_pressrelease_take_over", args=[release.pk]),
        "leave_url": reverse("admin:press_pressrelease_leave", args=[release.pk]),
    }


def report(session: EditingSession, user) -> dict:
    """The answer to a page's report: whether it holds the release, and if not, why."""
    if session.user_id == user.pk:
        return {"mine": True, "message": ""}
    if session.taken_from_id == user.pk:
        message = _(
            "%(person)s took over editing at %(time)s. What you typed is kept, but if they "
            "save first your save will be refused: copy your changes, then reload."
        )
    else:
        message = _("%(person)s is editing this release since %(time)s.")
    return {
        "mine": False,
        "message": message % {"person": person(session.user), "time": _at(session.since)},
    }


def check_may_edit(model_admin, request: HttpRequest, release: PressRelease) -> None:
    if not model_admin.has_change_permission(request, release):
        raise PermissionDenied


def heartbeat_view(model_admin, request: HttpRequest, release: PressRelease) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    return JsonResponse(report(claim(release, request.user), request.user))


def take_over_view(model_admin, request: HttpRequest, release: PressRelease) -> HttpResponse:
    check_may_edit(model_admin, request, release)
    previous = EditingSession.objects.active().filter(release=release).select_related("user")
    previous = previous.first()
    claim(release, request.user, take_over=True)
    if previous is not None and previous.user_id != request.user.pk:
        messages.success(
            request,
            _("You took over editing from %(person)s; their page now says so.")
            % {"person": person(previous.user)},
        )
    return redirect("admin:press_pressrelease_change", release.pk)


def leave_view(model_admin, request: HttpRequest, release: PressRelease) -> HttpResponse:
    let_go(release, request.user)
    return HttpResponse(status=204)
