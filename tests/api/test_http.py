"""What every answer of the API carries: validators and 304s per content generation, public
caching, CORS, problem+json errors, the rate limit and API keys."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from api.models import ApiKey
from osce_cms.settings import redis_cache
from tests.factories import make_release

pytestmark = pytest.mark.django_db

API = "/api/v1/releases"
PROBLEM = "application/problem+json"


# Conditional requests


def test_etag_round_trip_gives_304_until_content_changes(client, archive, generous_limit):
    first = client.get(API, {"country": "austria"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and modified
    again = client.get(API, {"country": "austria"}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    by_date = client.get(API, {"country": "austria"}, headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    # Another address has another tag; a change to any content starts a new generation.
    assert client.get(API, {"country": "serbia"})["ETag"] != etag
    make_release("News from Austria", countries=["austria"])
    changed = client.get(API, {"country": "austria"}, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "News from Austria" in [r["title"] for r in changed.json()["results"]]


def test_answers_are_public_for_at_most_a_minute_and_never_past_a_go_live(client, archive):
    response = client.get(API)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert 1 <= int(re.search(r"max-age=(\d+)", cache_control).group(1)) <= 60
    make_release("Goes live soon", published_at=timezone.now() + datetime.timedelta(seconds=20))
    soon = client.get(API)["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", soon).group(1)) <= 20
    assert "Authorization" in client.get(API)["Vary"]


def test_any_origin_may_read(client, archive):
    for address in (API, f"{API}?country=nowhere", "/api/v1/countries", "/api/v1/nothing"):
        response = client.get(address, headers={"Origin": "https://example.org"})
        assert response["Access-Control-Allow-Origin"] == "*", address
        assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        API,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]


def test_head_answers_like_get_without_a_body(client, archive):
    response = client.head(API)
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get(API)["ETag"]


def test_the_api_is_read_only(client, archive):
    response = client.post(API, {"title": "x"})
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "GET" in response["Allow"]


# Errors


def test_a_bad_parameter_is_a_400_listing_everything_wrong(client, archive):
    """Where the website ignores what it cannot use, the API says what was wrong."""
    query = {
        "country": ["austria", "atlantis"],
        "from": "2026-13-45",
        "sort": "loudest",
        "page": "²",
        "colour": "blue",
        "facets": "country,mood",
    }
    html = client.get("/press-releases/", query)
    assert html.status_code == 200  # ignored there, with a notice
    response = client.get(API, query)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400 and problem["type"] == "about:blank"
    assert problem["title"] == "Invalid parameters"
    assert problem["instance"].startswith(API)
    wrong = {(e["parameter"], e["value"]) for e in problem["errors"]}
    assert wrong == {
        ("country", "atlantis"),
        ("from", "2026-13-45"),
        ("sort", "loudest"),
        ("page", "²"),
        ("colour", "blue"),
        ("facets", "mood"),
    }
    assert all(e["reason"] for e in problem["errors"])


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 201,
        "?page_size=0",
        "?sort=newest&sort=oldest",
        "?year=1850",
        "?from=2026-05-01&to=2026-04-01",
        "?to=",
        "?" + "&".join(f"country=c{n}" for n in range(51)),
    ],
)
def test_other_bad_parameters_are_400s_too(client, archive, query):
    response = client.get(API + query)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"]


def test_a_query_the_site_refuses_is_a_problem_too(client, archive):
    # Control characters are refused by a middleware before any view.
    response = client.get(API + "?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    # The website's own pages keep their HTML answer.
    assert "text/html" in client.get("/press-releases/?q=%00")["Content-Type"]


def test_an_unknown_address_under_the_api_is_a_problem_404(client):
    for address in ("/api/v1/nothing", "/api/v2/releases", f"{API}/a/b"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response["Content-Type"] == PROBLEM


# Rate limit and keys


@pytest.fixture
def limit_of_three(settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "API_RATE_LIMIT": 3, "API_RATE_WINDOW_SECONDS": 60}


def test_past_the_limit_429_with_retry_after(client, archive, limit_of_three):
    for n in range(3):
        response = client.get(API)
        assert response.status_code == 200
        assert response["RateLimit-Remaining"] == str(2 - n)
    refused = client.get(API)
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    assert refused.json()["status"] == 429
    # Another address has its own allowance.
    assert client.get(API, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_behind_proxies_the_clients_address_counts(client, archive, limit_of_three, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for _n in range(3):
        client.get(API, headers={"X-Forwarded-For": "198.51.100.1"})
    assert client.get(API, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert client.get(API, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_an_api_key_has_its_own_higher_limit(client, archive, limit_of_three):
    key = ApiKey(name="Partner app", rate_limit=10)
    secret = key.issue()
    key.save()
    assert secret not in (key.prefix + key.digest) and len(key.digest) == 64
    auth = {"Authorization": f"Bearer {secret}"}
    for _n in range(6):
        response = client.get(API, headers=auth)
        assert response.status_code == 200
    assert response["RateLimit-Limit"] == "10"
    # The address's own allowance is untouched by the key's requests.
    assert client.get(API).status_code == 200
    key.active = False
    key.save()
    revoked = client.get(API, headers=auth)
    assert revoked.status_code == 401
    assert revoked["Content-Type"] == PROBLEM
    assert "no-store" in revoked["Cache-Control"]
    assert revoked["WWW-Authenticate"].startswith("Bearer")
    wrong = client.get(API, headers={"Authorization": f"Bearer {secret[:-1]}x"})
    assert wrong.status_code == 401


def test_counting_never_breaks_the_api_when_redis_is_down(client, archive, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "API_RATE_LIMIT": 2}
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", retry_after_seconds=60)}
    for _n in range(5):
        response = client.get(API)
        assert response.status_code == 200
        assert response.json()["count"] == 7


def test_a_key_is_made_in_the_admin_and_shown_once(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/api/apikey/add/",
        {"name": "Data desk", "contact": "desk@example.org", "rate_limit": 5000, "active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    secret = re.search(r"The key is (\S+)\.", shown[0]).group(1)
    assert ApiKey.objects.matching(secret) == key
    assert secret not in key.digest
    page = client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert secret not in page and key.prefix in page


# Documentation


def test_the_documentation_page_uses_only_our_own_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/") for source in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    assert "<script>" not in page  # nothing inline: the CSP allows none
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "http" not in csp
