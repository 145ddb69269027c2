"""The site's URLs plus three baselines, measured in the same run as the real pages.

- ``/__bench/bytes/<name>``: the saved HTML of a page, returned from memory through the whole
  middleware stack: what Django itself costs, with no template and no database.
- ``/__bench/template/<name>``: the page's template rendered again from the objects captured
  when the page was first rendered, with every database query refused: what the template
  costs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.db import connection
from django.http import Http404, HttpResponse
from django.template.backends.django import Template
from django.test import RequestFactory
from django.urls import path, resolve

from osce_cms.urls import urlpatterns as site_urlpatterns

PAGES_FILE = Path(os.environ.get("BENCH_PAGES", Path(__file__).parent / "out" / "pages.json"))
SAVED_DIR = Path(os.environ.get("BENCH_SAVED", Path(__file__).parent / "out" / "saved"))

_bytes: dict[str, bytes] = {}
_captured: dict[str, tuple[Template, dict, object]] = {}


class DatabaseRefused(Exception):
    pass


def _refuse(execute, sql, params, many, context):
    raise DatabaseRefused(sql)


def _capture(name: str, url: str) -> None:
    """Render the real page once, keeping the outermost template and its context."""
    original = Template.render
    seen: list[tuple[Template, dict, object]] = []

    def recording_render(self, context=None, request=None):
        if not seen:
            seen.append((self, dict(context or {}), request))
        return original(self, context, request)

    Template.render = recording_render
    try:
        request = RequestFactory().get(url, HTTP_HOST="127.0.0.1")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        match = resolve(request.path_info)
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    finally:
        Template.render = original
    if seen:
        _captured[name] = seen[0]


def _load() -> None:
    if _bytes or not PAGES_FILE.exists():
        return
    for name, url in json.loads(PAGES_FILE.read_text()).items():
        saved = SAVED_DIR / f"{name}.html"
        if saved.exists():
            _bytes[name] = saved.read_bytes()
        _capture(name, url)


def saved_bytes(request, name: str):
    _load()
    if name not in _bytes:
        raise Http404
    return HttpResponse(_bytes[name], content_type="text/html; charset=utf-8")


def template_only(request, name: str):
    _load()
    if name not in _captured:
        raise Http404
    template, context, _ = _captured[name]
    with connection.execute_wrapper(_refuse):
        html = template.render(context, request)
    return HttpResponse(html)


urlpatterns = [
    path("__bench/bytes/<slug:name>", saved_bytes),
    path("__bench/template/<slug:name>", template_only),
    *site_urlpatterns,
]
