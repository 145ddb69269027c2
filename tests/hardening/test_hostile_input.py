"""Hostile input: every public address and every query parameter, fed junk by hypothesis.

The rule under test is the project's: no input produces a server error, and whatever a page
repeats back is escaped. The paths are read from the URL configuration, so a page added
later is covered without touching this file.
"""

import datetime
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from listing.forms import PARAMETER_ORDER
from tests.factories import make_release

CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")
# The listing's own parameters, and a few that no page reads.
FILTER_KEYS = [*PARAMETER_ORDER, "next", "format"]
# A tag that never occurs in a page of ours: if it comes back unescaped, it was reflected.
MARKER = "<zq-injected>"

HOSTILE_TEXT = [
    MARKER,
    f"{MARKER}<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}{% load log %}{% get_admin_log 10 as x %}",
    "' OR '1'='1' --",
    "1; DROP TABLE press_pressrelease; --",
    "%' UNION SELECT password FROM auth_user --",
    "\x00",
    "a\x00b",
    "\u202e\ufeff\ud7ff",
    "../../../../etc/passwd",
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "99999-01-01",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "last",
    "Россия",
    "x" * 10_000,
]
# Raw, already percent-encoded bytes: NUL, invalid and overlong UTF-8, lone surrogates.
RAW_ENCODED = ["%00", "%FF%FE", "%C0%AF", "%ED%A0%80", "%E2%82", "%25%FF", "%F4%90%80%80"]


def routes(patterns=None, prefix: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
            yield prefix + str(pattern.pattern)


def public_routes() -> list[str]:
    admin = settings.ADMIN_URL
    found = [route for route in routes() if not route.startswith(admin)]
    # The admin's two pages anyone may open.
    return sorted({*found, admin + "login/", admin + "password-reset/"})


PUBLIC_ROUTES = public_routes()


def test_the_public_address_list_is_read_from_the_url_configuration():
    assert {"", "press-releases/", "press-releases/<slug:slug>/", "healthz"} <= set(PUBLIC_ROUTES)
    assert not any(route.startswith(settings.ADMIN_URL + "press/") for route in PUBLIC_ROUTES)


def encoded(value: str) -> str:
    return quote(value, safe="")


segment_values = st.one_of(
    st.sampled_from(["austria", "border-management", "secretary-general", "ministerial-council"]),
    st.sampled_from(HOSTILE_TEXT).map(encoded),
    st.sampled_from(RAW_ENCODED),
    st.text(min_size=1, max_size=40).map(encoded),
    st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True),
)

# Digits that are not ASCII: str.isdigit() says yes to "²" (No) and "٣" (Nd), int() only to
# some of them. And dates at the ends of what Python's date can hold.
unicode_digits = st.text(
    alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=8
).map(encoded)
extreme_dates = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(1, 12, 31)),
    st.dates(min_value=datetime.date(9999, 1, 1), max_value=datetime.date(9999, 12, 31)),
).map(lambda day: day.isoformat())

query_values = st.one_of(
    unicode_digits,
    extreme_dates,
    st.sampled_from(HOSTILE_TEXT).map(encoded),
    st.sampled_from(RAW_ENCODED),
    st.text(max_size=60).map(encoded),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.from_regex(r"[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True),
    st.sampled_from(["austria", "border-management", "press-release", "newest", "2024"]),
)
query_keys = st.one_of(
    st.sampled_from(FILTER_KEYS),
    st.sampled_from(RAW_ENCODED),
    st.text(min_size=1, max_size=20).map(encoded),
)
queries = st.lists(st.tuples(query_keys, query_values), max_size=8).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)


def fill(route: str, values: list[str]) -> str:
    pieces = iter(values)
    return "/" + CONVERTER.sub(lambda _match: next(pieces), route)


def assert_survives(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, f"{response.status_code} for {url[:300]}"
    content_type = response.get("Content-Type", "")
    if "html" in content_type or "xml" in content_type:
        body = response.content.decode(errors="replace")
        assert MARKER not in body, f"unescaped echo for {url[:300]}"
        assert "<script>alert(1)" not in body, f"unescaped echo for {url[:300]}"


@pytest.fixture
def releases(db):
    make_release("Border management seminar", countries=["austria"], fields=["border-management"])
    make_release(
        "Ministerial Council statement",
        type="statement",
        meetings=["ministerial-council"],
        tags=["ministerial"],
    )
    make_release("A draft nobody may see", status="draft")


@pytest.fixture
def quiet_client(client):
    """A client that reports a server error as a 500 response, with the URL, for shrinking."""
    client.raise_request_exception = False
    return client


@hypothesis_settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(PUBLIC_ROUTES),
    values=st.lists(segment_values, min_size=4, max_size=4),
    query=queries,
)
@example(route="press-releases/", values=[], query="page=-1")
@example(route="press-releases/", values=[], query="page=99999999999999999999")
@example(route="press-releases/", values=[], query="from=2025-02-30&to=0000-00-00")
@example(route="press-releases/", values=[], query="year=-5&year=99999999999")
@example(route="press-releases/", values=[], query="q=%00&country=%FF%FE")
@example(route="press-releases/feed/", values=[], query="q=%FF%FE&from=2025-13-01")
@example(route="press-releases/feed/", values=[], query="q=a%00b&country=%01")
@example(route="press-releases/feed/atom/", values=[], query=f"q={encoded(MARKER)}")
@example(route="press-releases/", values=[], query="page=%C2%B2")
@example(route="press-releases/", values=[], query="year=%C2%B2%C2%B2%C2%B2%C2%B2")
@example(route="press-releases/", values=[], query="to=9999-12-31&from=0001-01-01")
@example(route="press-releases/feed/", values=[], query="to=9999-12-31&page=%C2%B2")
@example(route="press-releases/feed/atom/", values=[], query="to=9999-12-31&year=%D9%A3")
def test_no_address_or_query_causes_a_server_error(quiet_client, releases, route, values, query):
    url = fill(route, values) + ("?" + query if query else "")
    assert_survives(quiet_client, url)


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_overlong_values_in_every_parameter(quiet_client, releases, route):
    long = "x" * 10_000
    url = fill(route, ["austria"] * 4) + "?" + "&".join(f"{key}={long}" for key in FILTER_KEYS)
    assert_survives(quiet_client, url)


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_thousands_of_repeated_keys(quiet_client, releases, route):
    base = fill(route, ["austria"] * 4)
    # Under Django's limit of fields per request: the page copes with them all.
    assert_survives(quiet_client, base + "?" + "&".join(["country=austria"] * 1500))
    # Over the limit: refused as a bad request, not a crash.
    response = quiet_client.get(base + "?" + "&".join(f"tag=t{n}" for n in range(3000)))
    assert response.status_code == 400


@pytest.mark.parametrize("value", [f"q={encoded(MARKER)}", f"country={encoded(MARKER)}"])
def test_the_listing_escapes_what_it_repeats(quiet_client, releases, value):
    response = quiet_client.get("/press-releases/?" + value)
    assert response.status_code in (200, 400)
    assert MARKER not in response.text


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
@pytest.mark.parametrize("query", ["q=a%00b", "country=%01", "tag=%1F", "%00=1"])
def test_control_characters_in_a_query_are_a_bad_request(quiet_client, releases, route, query):
    response = quiet_client.get(fill(route, ["austria"] * 4) + "?" + query)
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["q=border%09management", "q=two%0D%0Alines"])
def test_tabs_and_line_breaks_in_a_search_are_fine(quiet_client, releases, query):
    assert quiet_client.get("/press-releases/?" + query).status_code == 200


@pytest.mark.parametrize(
    "path", ["/press-releases/", "/press-releases/feed/", "/press-releases/feed/atom/"]
)
@pytest.mark.parametrize(
    "query", ["page=%C2%B2", "year=%C2%B2%C2%B2%C2%B2%C2%B2", "to=9999-12-31", "from=0001-01-01"]
)
def test_unicode_digits_and_extreme_dates_are_ignored(client, releases, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    if path == "/press-releases/":
        # The usual notice, and the whole list as if the value were not there.
        assert "were not understood and have been ignored" in response.text
        assert client.get(path).context["page_obj"].paginator.count == (
            response.context["page_obj"].paginator.count
        )
