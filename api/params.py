"""The list endpoint's parameters: the listing's own, read strictly.

The website's listing ignores what it cannot use (a shared link outlives its terms) and says
so on the page. A program deserves an error instead: every parameter the listing would
ignore, and anything it does not know, is a 400 that lists what was wrong and why. What is
left is handed to the listing engine unchanged, so the API and the website agree on every
release and every count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from api.problems import InvalidParameters, ParameterError
from listing.engine import FACETS, Listing
from listing.forms import MAX_QUERY_LENGTH, MAX_VALUES_PER_KEY, PARAMETER_ORDER

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The listing's parameters that take one value; the others (terms, types, tags, years) take
# several, alternatives to one another.
SINGLE = ("q", "from", "to", "sort", "page", "page_size", "facets")
OWN = ("page_size", "facets")
KNOWN = (*PARAMETER_ORDER, *OWN)
# No words is a search for everything.
MAY_BE_EMPTY = ("q",)


@dataclass
class ListRequest:
    listing: Listing
    page_size: int
    facets: list[str]


def _positive(raw: str) -> int | None:
    # ASCII digits only, as the listing reads page numbers ("²" is no number).
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) >= 1 else None


def read_list_request(params: QueryDict) -> ListRequest:
    """The listing and the API's own options for ``params``; raises ``InvalidParameters``."""
    errors: list[ParameterError] = []
    for key, values in params.lists():
        shown = ",".join(values)
        if key not in KNOWN:
            errors.append(ParameterError(key, shown, "not a parameter of this list"))
        elif key in SINGLE and len(values) > 1:
            errors.append(ParameterError(key, shown, "given more than once"))
        elif len(values) > MAX_VALUES_PER_KEY:
            errors.append(ParameterError(key, shown, f"more than {MAX_VALUES_PER_KEY} values"))
        elif key not in MAY_BE_EMPTY and not all(value.strip() for value in values):
            # The website's form sends empty fields; a program means something by one.
            errors.append(ParameterError(key, shown, "empty"))
    query = params.get("q", "")
    if len(" ".join(query.split())) > MAX_QUERY_LENGTH:
        errors.append(ParameterError("q", query, f"longer than {MAX_QUERY_LENGTH} characters"))

    page_size = DEFAULT_PAGE_SIZE
    raw_size = params.get("page_size", "").strip()
    if raw_size:
        size = _positive(raw_size)
        if size is None or size > MAX_PAGE_SIZE:
            errors.append(
                ParameterError("page_size", raw_size, f"not a number from 1 to {MAX_PAGE_SIZE}")
            )
        else:
            page_size = size

    facets: list[str] = []
    raw_facets = params.get("facets", "")
    for key in raw_facets.split(",") if raw_facets else []:
        if key not in FACETS:
            errors.append(
                ParameterError("facets", key, f"not a facet (one of {', '.join(FACETS)})")
            )
        elif key not in facets:
            facets.append(key)

    listing = Listing(params)
    errors += [ParameterError(item.key, item.value, item.reason) for item in listing.ignored]
    if errors:
        raise InvalidParameters(errors)
    return ListRequest(listing, page_size, facets)


def _array(name: str, description: str, items: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": items or {"type": "string"}},
    }


def _single(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def openapi_parameters(kinds, release_types, sort_orders) -> list[dict]:
    """The list endpoint's parameters as OpenAPI describes them."""
    terms = [
        _array(
            kind.key,
            f"{kind.label} slugs (see the reference data endpoints); several are alternatives. "
            "A structure stands for everything under it. A former slug is understood and "
            "reported in `renamed`.",
        )
        for kind in kinds
    ]
    return [
        _single(
            "q",
            'Search words: "quoted phrase", `or`, `-excluded`.',
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        ),
        *terms,
        _array(
            "type",
            "Release types; several are alternatives.",
            {"type": "string", "enum": release_types},
        ),
        _array("tag", "Tag slugs; several are alternatives."),
        _array(
            "year",
            "Years of publication; several are alternatives.",
            {"type": "string", "pattern": "^[0-9]{4}$"},
        ),
        _single(
            "from", "Published on or after this local date.", {"type": "string", "format": "date"}
        ),
        _single(
            "to", "Published on or before this local date.", {"type": "string", "format": "date"}
        ),
        _single(
            "sort",
            "Order: newest first (ties by id, highest first), oldest first, or by relevance "
            "to `q`. The default is relevance when `q` is given, newest first otherwise.",
            {"type": "string", "enum": sort_orders},
        ),
        _single("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
        _single(
            "page_size",
            f"Releases per page (the website shows {DEFAULT_PAGE_SIZE}).",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        ),
        {
            "name": "facets",
            "in": "query",
            "required": False,
            "description": "Facets to count, comma-separated (`facets=country,field`): for each, "
            "how many releases each value would give with the other filters applied.",
            "style": "form",
            "explode": False,
            "schema": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "enum": list(FACETS)},
            },
        },
    ]
