"""The API's documentation page: Swagger UI from our own static files.

ninja's default page loads Swagger UI from a CDN, which the Content Security Policy forbids
(``script-src 'self'``). The same Swagger UI ships inside django-ninja (Apache 2.0) and is
served from ``/static/ninja/``; the page's settings travel in a JSON data block, read by a
script of our own, so nothing inline runs.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class SelfHostedSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            # Swagger UI would otherwise ask validator.swagger.io for a badge.
            "validatorUrl": None,
        }
        return render(request, self.template, {"api": api, "swagger_settings": settings})
