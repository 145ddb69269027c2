"""Errors as Problem Details (RFC 9457): ``application/problem+json``.

Every error the API gives, whatever raised it (a parameter, a missing release, the rate
limit, a method it does not answer, a server error), has this shape, so a client reads one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

PROBLEM_JSON = "application/problem+json"


@dataclass
class ParameterError:
    """One thing wrong with a request's parameters."""

    parameter: str
    value: str
    reason: str


class InvalidParameters(Exception):
    def __init__(self, errors: list[ParameterError]):
        super().__init__(errors)
        self.errors = errors


def problem(
    request: HttpRequest | None,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: list[ParameterError] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    if errors is not None:
        body["errors"] = [asdict(error) for error in errors]
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def invalid_parameters(request: HttpRequest, errors: list[ParameterError]) -> HttpResponse:
    described = "; ".join(f"{e.parameter}: {e.reason}" for e in errors)
    return problem(
        request,
        400,
        f"The request's parameters are not usable ({described}).",
        title="Invalid parameters",
        errors=errors,
    )
