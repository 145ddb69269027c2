"""The API's addresses: ``/api/v1/…``, each through ``api.http.public_endpoint``."""

from __future__ import annotations

from django.urls import URLPattern, include, path, re_path

from api.endpoints import api
from api.http import public_endpoint
from api.problems import problem

patterns, ninja_app_name, namespace = api.urls


def not_found(request, *args, **kwargs):
    return problem(request, 404, "Nothing of the API answers at this address.")


urlpatterns = [
    path(
        "v1/",
        include(
            (
                [
                    URLPattern(p.pattern, public_endpoint(p.callback), p.default_args, p.name)
                    for p in patterns
                ],
                ninja_app_name,
            ),
            namespace=namespace,
        ),
    ),
    # Under /api/, an address that names nothing is a problem+json 404 as well.
    re_path(r"", public_endpoint(not_found)),
]
