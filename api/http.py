"""What every answer of the API shares: CORS, the rate limit, conditional requests and
caching per content generation, and errors as problem+json.

``public_endpoint(view)`` wraps each of the API's URL patterns (``api.urls``), so that no
operation can forget any of it.

- CORS: ``Access-Control-Allow-Origin: *`` on every answer; preflights (``OPTIONS``) answer
  204 for GET and HEAD.
- Rate limit: ``api.limits``; past it, 429 with ``Retry-After``. Every answer tells the
  client where it stands (``RateLimit-Limit``, ``RateLimit-Remaining``, ``RateLimit-Reset``).
- Conditional requests: an answer belongs to the current content generation
  (``core.generations``): its ETag names the generation and the address, its
  ``Last-Modified`` is when the generation began. A client that has it gets 304 before any
  work is done.
- Caching: ``Cache-Control: public`` with the ``max-age`` the site's pages have (at most
  ``MAX_AGE``, never past the next scheduled go-live), ``Vary: Authorization``. The site's
  own page cache never stores API answers (they vary by key), so each request is counted.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from api.limits import InvalidKey, allowance
from api.problems import PROBLEM_JSON, problem
from core import generations
from core.generations import MAX_AGE, current_state

SAFE_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
        "RateLimit-Reset, Location"
    ),
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
# Answers that are the same for everyone in a generation, and may be kept that long.
CACHEABLE_STATUSES = (200, 301, 404)


def _max_age(state: dict) -> int:
    limits = [MAX_AGE]
    if state["next_go_live"]:
        limits.append(state["next_go_live"] - time.time())
    return max(1, int(min(limits)))


def _etag(state: dict, request: HttpRequest) -> str:
    # The language too: the same address names terms in the reader's language.
    wanted = f"{translation.get_language()} {request.get_full_path()}"
    address = hashlib.sha256(wanted.encode()).hexdigest()[:20]
    generation = hashlib.sha256(str(state["generation"]).encode()).hexdigest()[:12]
    return f'W/"{generation}-{address}"'


def _as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An error some layer answered in its own words (Django's 405, ninja's), as a problem."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_JSON):
        return response
    detail = ""
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            detail = str(json.loads(response.content).get("detail", ""))
        except (ValueError, AttributeError):
            detail = ""
    replaced = problem(request, response.status_code, detail or "The request cannot be answered.")
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if response.has_header(header):
            replaced[header] = response[header]
    return replaced


def public_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def endpoint(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
        elif request.method not in SAFE_METHODS:
            response = problem(
                request,
                405,
                f"The API is read-only: {request.method} is not answered here.",
                headers={"Allow": "GET, HEAD, OPTIONS"},
            )
        else:
            response = _answer(view, request, *args, **kwargs)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response

    # The API answers OPTIONS and refuses other methods itself, without a CSRF token.
    endpoint.csrf_exempt = True
    return endpoint


def _answer(view, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    try:
        allowed = allowance(request)
    except InvalidKey:
        response = problem(
            request,
            401,
            "The Authorization header names no active API key. Send "
            "“Authorization: Bearer <key>”, or no Authorization header for the public limit.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
        patch_cache_control(response, no_store=True)
        return response
    rate_headers = {
        "RateLimit-Limit": str(allowed.limit),
        "RateLimit-Remaining": str(max(0, allowed.remaining)),
        "RateLimit-Reset": str(allowed.reset_after),
    }
    if allowed.exceeded:
        response = problem(
            request,
            429,
            f"More than {allowed.limit} requests in this window: try again in "
            f"{allowed.reset_after} seconds, or ask for an API key.",
            headers={"Retry-After": str(allowed.reset_after), **rate_headers},
        )
        patch_cache_control(response, no_store=True)
        return response

    state = current_state()
    etag, changed_at = _etag(state, request), int(state["changed_at"])
    response = get_conditional_response(request, etag=etag, last_modified=changed_at)
    stale = False
    if response is None:
        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # the operations answer GET; the body is dropped below
        token = generations._served_stale.set(False)
        try:
            response = _as_problem(request, view(request, *args, **kwargs))
            # Answered from the previous generation's index while this process builds the
            # next one (core.generations): right a moment ago, not this generation's answer.
            stale = generations._served_stale.get()
        finally:
            generations._served_stale.reset(token)
        if head:
            request.method = "HEAD"
            response.content = b""
    for name, value in rate_headers.items():
        response[name] = value
    patch_vary_headers(response, ["Authorization"])
    if response.status_code == 304 or (response.status_code in CACHEABLE_STATUSES and not stale):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed_at)
        patch_cache_control(response, public=True, max_age=_max_age(state))
    elif response.status_code in CACHEABLE_STATUSES:
        patch_cache_control(response, public=True, max_age=1)
    else:
        patch_cache_control(response, no_store=True)
    return response
