"""The API's answers when Django itself answers for it: a request a middleware refused
(control characters, too many parameters) and a server error, as problem+json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from api.http import CORS_HEADERS
from api.problems import problem

PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(PREFIX)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = problem(
        None,
        400,
        "The request cannot be read: a control character or too many parameters in the query.",
    )
    for name, value in CORS_HEADERS.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    response = problem(None, 500, "Something went wrong on our side; it has been logged.")
    for name, value in CORS_HEADERS.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response
