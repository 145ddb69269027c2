"""The press room: releases shared under embargo, for accredited journalists only.

Nothing here is public. Every answer is private and never stored by the page cache (the
``/press-room/`` prefix is uncached, and ``no-store`` keeps browsers and proxies from
keeping a copy); anyone else is sent to the press room's sign-in, never shown a page.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from axes.helpers import get_client_ip_address
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from press.forms import JournalistAccessRequestForm
from press.models import EmbargoedView, PressRelease, attach_lead_sources, is_accredited_journalist

PRIVATE = "private, no-store"


def journalists_only(view):
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_accredited_journalist(request.user):
            response = redirect_to_login(request.get_full_path(), reverse("press-room:login"))
        else:
            response = view(request, *args, **kwargs)
        response["Cache-Control"] = PRIVATE
        response["X-Robots-Tag"] = "noindex"
        return response

    return guarded


@require_safe
@journalists_only
def room(request: HttpRequest) -> HttpResponse:
    releases = attach_lead_sources(PressRelease.objects.under_embargo().defer("body"))
    return render(request, "press_room/room.html", {"releases": releases})


@require_safe
@journalists_only
def release(request: HttpRequest, slug: str) -> HttpResponse:
    found = PressRelease.objects.under_embargo().filter(slug=slug).first()
    if found is None:
        # Not shared, or the embargo has lifted: the public page is the place for it then.
        raise Http404(_("No release under embargo at this address."))
    attach_lead_sources([found])
    EmbargoedView.objects.record(found, request.user, get_client_ip_address(request))
    return render(request, "press_room/release.html", {"release": found})


class PressRoomLoginView(auth_views.LoginView):
    """The admin's sign-in (and its lockouts, through django-axes) under the press room's
    address, leading back into the press room."""

    template_name = "press_room/login.html"
    next_page = reverse_lazy("press-room:room")
    redirect_authenticated_user = False

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = PRIVATE
        return response


# Requests stored per client address an hour: enough for a newsroom behind one address.
REQUESTS_PER_CLIENT_PER_HOUR = 5


def _within_limit(client: str) -> bool:
    key = f"press-room:requests:{hashlib.sha256(client.encode()).hexdigest()}"
    try:
        cache.add(key, 0, 3600)
        return cache.incr(key) <= REQUESTS_PER_CLIENT_PER_HOUR
    except Exception:  # a cache that is away limits nothing
        return True


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_access(request: HttpRequest) -> HttpResponse:
    """Media ask for the press room; an editor decides in the admin. The same thanks follow
    a stored request, a robot's and one over the limit."""
    form = JournalistAccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wanted = not form.cleaned_data["website"]
        if _within_limit(get_client_ip_address(request) or "") and wanted:
            form.save()
        return render(request, "press_room/request_sent.html")
    status = 400 if form.errors else 200
    return render(request, "press_room/request.html", {"form": form}, status=status)
