"""The public API, version 1: releases through the listing engine, and the reference data.

Only what the publication rule lets the public read (``PressRelease.objects.published()``):
no draft, nothing in review, no scheduled release before it goes live. A withdrawn release
is public, as on the website: listed, readable, with the date and reason of its withdrawal.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import NinjaAPI

from api.docs import SelfHostedSwagger
from api.openapi import finish_schema
from api.params import openapi_parameters, read_list_request
from api.problems import InvalidParameters, invalid_parameters, problem
from api.schemas import (
    ChairpersonshipOut,
    CountryOut,
    FieldOfWorkOut,
    MeetingSeriesOut,
    Problem,
    ReleaseDetail,
    ReleasePage,
    StructureNode,
)
from listing.forms import SortOrder
from press.models import PressRelease, ReleaseSlugRedirect, ReleaseType, attach_lead_sources
from taxonomy.kinds import COUNTRY, FIELD_OF_WORK, KINDS, MEETING_SERIES, STRUCTURE, TermKind
from taxonomy.models import (
    Chairpersonship,
    Country,
    FieldOfWork,
    MeetingSeries,
    Structure,
    Term,
)

DESCRIPTION = """
The press releases of the newsroom and the reference data they are classified by, as
JSON. The list of releases takes every parameter of the website's listing, with the same
meaning, the same releases and the same counts.

- Every answer has an `ETag` and a `Last-Modified` that change when any content does:
  send `If-None-Match` or `If-Modified-Since` to get `304 Not Modified`.
- `Cache-Control: public, max-age` (at most 60 s, never past a scheduled publication).
- CORS: any origin may read.
- Errors are `application/problem+json` (RFC 9457); a 400 lists every parameter that was
  wrong in `errors`.
- Rate limit per client address; an API key (`Authorization: Bearer <key>`, given by the
  newsroom) raises it. Past the limit: 429 with `Retry-After`. `RateLimit-Limit`,
  `RateLimit-Remaining` and `RateLimit-Reset` say where a client stands.
"""


class PublicApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return finish_schema(super().get_openapi_schema(**kwargs))


api = PublicApi(
    title=f"{settings.NEWSROOM['SITE_NAME']} API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api",
    docs=SelfHostedSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS = {400: Problem, 404: Problem, 429: Problem}


@api.exception_handler(InvalidParameters)
def _invalid(request: HttpRequest, exc: InvalidParameters) -> HttpResponse:
    return invalid_parameters(request, exc.errors)


# Addresses


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _term(request: HttpRequest, kind: TermKind, term: Term) -> dict[str, Any]:
    return {
        "slug": term.slug,
        "name": term.name,
        "url": _absolute(request, reverse(kind.url_name, kwargs={"slug": term.slug})),
    }


def _structure(request: HttpRequest, structure: Structure | None) -> dict[str, Any] | None:
    if structure is None:
        return None
    return {**_term(request, STRUCTURE, structure), "acronym": structure.acronym}


def _former_names(term: Term) -> list[dict[str, Any]]:
    return [
        {"name": f.name, "slug": f.slug, "until_year": f.until_year}
        for f in term.former_names.all()
    ]


# Releases


def _event(request: HttpRequest, release: PressRelease) -> dict[str, Any] | None:
    if not release.has_event:
        return None
    if release.event_is_cancelled:
        status = "cancelled"
    elif release.event_has_taken_place:
        status = "taken_place"
    else:
        status = "upcoming"
    calendar = reverse("press:event-calendar", kwargs={"slug": release.slug})
    return {
        "starts_at": release.event_starts_at,
        "ends_at": release.event_ends_at,
        "timezone": release.event_zone.key,
        "venue": release.event_venue,
        "accreditation_deadline": release.accreditation_deadline,
        "accreditation_url": release.accreditation_url or None,
        "status": status,
        "calendar_url": _absolute(request, calendar),
    }


def _summary(request: HttpRequest, release: PressRelease) -> dict[str, Any]:
    withdrawn = None
    if release.is_withdrawn:
        withdrawn = {"at": release.withdrawn_at, "reason": release.withdrawal_reason}
    return {
        "id": release.pk,
        "slug": release.slug,
        "title": release.title,
        "reference": release.reference or None,
        "lead": release.lead,
        "type": {"value": release.type, "label": str(release.get_type_display())},
        "published_at": release.published_at,
        "updated_at": release.updated_at,
        "public_updated_at": release.public_updated_at,
        "dateline": {"city": release.dateline_city, "date": release.dateline_date},
        "source": _structure(request, getattr(release, "lead_source", None)),
        "withdrawn": withdrawn,
        "event": _event(request, release),
        "url": _absolute(request, release.get_absolute_url()),
        "api_url": _absolute(request, reverse("api:release", kwargs={"slug": release.slug})),
    }


def _page_url(request: HttpRequest, number: int | None) -> str | None:
    if number is None:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return _absolute(request, f"{request.path}?{query.urlencode()}")


@api.get(
    "/releases",
    response={200: ReleasePage, **ERRORS},
    operation_id="listReleases",
    summary="Releases matching the listing's filters",
    openapi_extra={
        "parameters": openapi_parameters(
            KINDS, list(ReleaseType.values), [value for value, _label in SortOrder.CHOICES]
        )
    },
)
def list_releases(request: HttpRequest):
    """The releases the website's listing shows for the same parameters, newest first
    (ties by id), a page at a time; optionally the facet counts."""
    asked = read_list_request(request.GET)
    listing = asked.listing
    paginator = Paginator(listing.results(), asked.page_size)
    try:
        page = paginator.page(listing.page_number)
    except EmptyPage:
        return problem(request, 404, f"There is no page {listing.page_number} of this list.")
    facets = None
    if asked.facets:
        facets = [
            {
                "key": facet.key,
                "label": facet.label,
                "options": [vars(option) for option in facet.visible_options],
            }
            for facet in listing.facets()
            if facet.key in asked.facets
        ]
    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": asked.page_size,
        "pages": max(1, math.ceil(paginator.count / asked.page_size)),
        "next": _page_url(request, page.next_page_number() if page.has_next() else None),
        "previous": _page_url(
            request, page.previous_page_number() if page.has_previous() else None
        ),
        "renamed": listing.renamed,
        "facets": facets,
        "results": [_summary(request, release) for release in page.object_list],
    }


def _renditions(request: HttpRequest, srcset: str, media_type: str) -> list[dict[str, Any]]:
    renditions = []
    for candidate in filter(None, (part.strip() for part in srcset.split(", "))):
        url, _space, width = candidate.rpartition(" ")
        renditions.append(
            {"url": _absolute(request, url), "width": int(width.rstrip("w")), "format": media_type}
        )
    return renditions


def _image(request: HttpRequest, release: PressRelease) -> dict[str, Any] | None:
    if not release.image:
        return None
    try:
        made = release.image_renditions()
    except OSError:  # a missing or unreadable file: the text still reads, as on the site
        return None
    if made is None:
        return None
    return {
        "alt": made["alt"],
        "caption": release.image_caption,
        "credit": release.image_credit,
        "src": _absolute(request, made["src"]),
        "width": made["width"],
        "height": made["height"],
        "renditions": _renditions(request, made["webp_srcset"], "image/webp")
        + _renditions(request, made["jpeg_srcset"], "image/jpeg"),
    }


@api.get(
    "/releases/{slug}",
    response={200: ReleaseDetail, 301: None, 404: Problem, 429: Problem},
    operation_id="getRelease",
    url_name="release",
    summary="One release, with every public field",
)
def get_release(request: HttpRequest, slug: str):
    """A release by its slug. An old address of a release answers 301 to its current one."""
    release = PressRelease.objects.published().filter(slug=slug).first()
    if release is None:
        moved = ReleaseSlugRedirect.objects.filter(old_slug=slug).select_related("release").first()
        if moved is not None and moved.release.is_live:
            return HttpResponsePermanentRedirect(
                reverse("api:release", kwargs={"slug": moved.release.slug})
            )
        return problem(request, 404, "No public release has this slug.")
    attach_lead_sources([release])
    terms = release.terms
    return {
        **_summary(request, release),
        "body": release.body,
        "supporting_sources": [_structure(request, s) for s in terms.supporting_sources],
        "terms": {
            kind.key: [_term(request, kind, term) for term in terms.by_kind.get(kind.key, [])]
            for kind in KINDS
        },
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in terms.tags],
        "image": _image(request, release),
        "change_notes": [
            {"at": change.noted_at, "note": change.note} for change in release.change_history
        ],
    }


# Reference data


@api.get(
    "/countries",
    response={200: list[CountryOut], 429: Problem},
    operation_id="listCountries",
    summary="The participating States and Partners for Co-operation",
)
def list_countries(request: HttpRequest):
    countries = Country.objects.prefetch_related("former_names", "chairpersonships")
    return [
        {
            **_term(request, COUNTRY, country),
            "iso_code": country.iso_code,
            "group": {"value": country.group, "label": str(country.get_group_display())},
            "chairpersonships": sorted(c.year for c in country.chairpersonships.all()),
            "former_names": _former_names(country),
        }
        for country in countries
    ]


@api.get(
    "/fields-of-work",
    response={200: list[FieldOfWorkOut], 429: Problem},
    operation_id="listFieldsOfWork",
    summary="The fields of work",
)
def list_fields_of_work(request: HttpRequest):
    fields = list(FieldOfWork.objects.prefetch_related("former_names"))
    slugs = {field.pk: field.slug for field in fields}
    return [
        {
            **_term(request, FIELD_OF_WORK, field),
            "parent": slugs.get(field.parent_id),
            "former_names": _former_names(field),
        }
        for field in fields
    ]


@api.get(
    "/structures",
    response={200: list[StructureNode], 429: Problem},
    operation_id="listStructures",
    summary="The structure tree: Secretariat, institutions, field operations, closed ones too",
)
def list_structures(request: HttpRequest):
    """The tree of structures from its roots, siblings in the website's order. Closed field
    operations are in it with their `closed_year`; former names with each."""
    structures = list(
        Structure.objects.with_tree_fields()
        .order_siblings_by("position", "name")
        .select_related("host_country")
        .prefetch_related("former_names")
    )
    nodes: dict[int, dict[str, Any]] = {}
    roots = []
    for structure in structures:  # depth first: a parent comes before its children
        node = {
            **_structure(request, structure),
            "kind": {"value": structure.kind, "label": str(structure.get_kind_display())},
            "opened_year": structure.opened_year,
            "closed_year": structure.closed_year,
            "closed": structure.is_closed,
            "host_country": structure.host_country.slug if structure.host_country_id else None,
            "host_territory": structure.host_territory,
            "former_names": _former_names(structure),
            "children": [],
        }
        nodes[structure.pk] = node
        parent = nodes.get(structure.parent_id)
        (parent["children"] if parent is not None else roots).append(node)
    return roots


@api.get(
    "/meeting-series",
    response={200: list[MeetingSeriesOut], 429: Problem},
    operation_id="listMeetingSeries",
    summary="The meeting series (summits, Ministerial Councils, …)",
)
def list_meeting_series(request: HttpRequest):
    return [
        {**_term(request, MEETING_SERIES, series), "former_names": _former_names(series)}
        for series in MeetingSeries.objects.prefetch_related("former_names")
    ]


@api.get(
    "/chairpersonships",
    response={200: list[ChairpersonshipOut], 429: Problem},
    operation_id="listChairpersonships",
    summary="The Chairpersonship of each year, newest first",
)
def list_chairpersonships(request: HttpRequest):
    return [
        {
            "year": chair.year,
            "country": _term(request, COUNTRY, chair.country),
            "label": str(chair.label),
        }
        for chair in Chairpersonship.objects.select_related("country")
    ]
