"""Public pages of the reference data: indexes and one page per term."""

from __future__ import annotations

from django.db.models import Model, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from press.models import PressRelease
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure

LATEST = 10


def _term(model: type[Model], slug: str):
    """The term at ``slug``; raises 404 when there is none (old slugs resolve to the term)."""
    term = model.objects.by_slug_or_former_slug(slug)
    if term is None:
        raise Http404(_("Nothing is filed under this name."))
    return term


def _latest(releases):
    return releases.newest_first().select_related("lead_source")[:LATEST]


@require_safe
def country_index(request: HttpRequest) -> HttpResponse:
    countries = list(Country.objects.all())
    anchors = {
        Country.Group.PARTICIPATING: "participating-states",
        Country.Group.ASIAN_PARTNER: "asian-partners",
        Country.Group.MEDITERRANEAN_PARTNER: "mediterranean-partners",
    }
    groups = [
        (anchors[group], title, [c for c in countries if c.group == group])
        for group, title in Country.GROUP_TITLES.items()
    ]
    return render(request, "taxonomy/country_index.html", {"groups": groups})


@require_safe
def country_detail(request: HttpRequest, slug: str) -> HttpResponse:
    country = _term(Country, slug)
    if country.slug != slug:
        return redirect(country, permanent=True)
    published = PressRelease.objects.published()
    context = {
        "term": country,
        "filter_key": "country",
        "chairpersonships": [c.year for c in country.chairpersonships.order_by("year")],
        "hosted": country.hosted_structures.order_by("closed_year", "position", "name"),
        "releases": _latest(published.filter(countries=country)),
    }
    return render(request, "taxonomy/country_detail.html", context)


@require_safe
def field_index(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/field_index.html", {"fields": FieldOfWork.objects.all()})


def _term_page(request: HttpRequest, model, slug: str, *, filter_key: str, kind_label, link):
    """A field of work's or a meeting series' page: the term and its latest releases."""
    term = _term(model, slug)
    if term.slug != slug:
        return redirect(term, permanent=True)
    context = {
        "term": term,
        "filter_key": filter_key,
        "kind_label": kind_label,
        "releases": _latest(PressRelease.objects.published().filter(**{link: term})),
    }
    return render(request, "taxonomy/term_detail.html", context)


@require_safe
def field_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _term_page(
        request,
        FieldOfWork,
        slug,
        filter_key="field",
        kind_label=_("Field of work"),
        link="fields_of_work",
    )


@require_safe
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _term_page(
        request,
        MeetingSeries,
        slug,
        filter_key="meeting",
        kind_label=_("Meetings and conferences"),
        link="meeting_series",
    )


@require_safe
def structure_index(request: HttpRequest) -> HttpResponse:
    structures = list(Structure.objects.select_related("host_country"))
    children: dict[int | None, list[Structure]] = {}
    for s in structures:
        children.setdefault(s.parent_id, []).append(s)

    def walk(parent_id: int | None, depth: int):
        for s in children.get(parent_id, []):
            if s.kind == Structure.Kind.FIELD_OPERATION:
                continue  # listed on their own below, active and closed apart
            yield s, depth
            yield from walk(s.pk, depth + 1)

    operations = [s for s in structures if s.kind == Structure.Kind.FIELD_OPERATION]
    context = {
        "tree": list(walk(None, 0)),
        "active_operations": [s for s in operations if not s.is_closed],
        "closed_operations": sorted(
            (s for s in operations if s.is_closed), key=lambda s: (-s.closed_year, s.name)
        ),
    }
    return render(request, "taxonomy/structure_index.html", context)


@require_safe
def structure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    structure = _term(Structure, slug)
    if structure.slug != slug:
        return redirect(structure, permanent=True)
    published = PressRelease.objects.published()
    context = {
        "term": structure,
        "filter_key": "structure",
        "ancestors": structure.ancestors(),
        "children": structure.children.all(),
        "former_names": structure.former_names.all(),
        "issued": _latest(
            published.filter(
                Q(lead_source=structure)
                | Q(
                    pk__in=PressRelease.supporting_sources.through.objects.filter(
                        structure=structure
                    ).values("pressrelease_id")
                )
            )
        ),
        "about": _latest(published.filter(structures=structure)),
    }
    return render(request, "taxonomy/structure_detail.html", context)
