"""Public pages of the reference data: the index of each kind and one page per term."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from listing.engine import latest
from listing.index import ABOUT, ISSUED
from taxonomy.catalogue import term_catalogue
from taxonomy.contacts import contact_directory
from taxonomy.kinds import COUNTRY, STRUCTURE, TermKind
from taxonomy.models import Country, FieldOfWork, Structure
from website.events import upcoming_events_of

# The lists of releases a term's page shows: (index set, heading). A structure's page tells
# what it issued from what is about it; other terms have one list.
SECTIONS = {
    STRUCTURE.key: ((ISSUED, _("Releases issued")), (ABOUT, _("Releases about it"))),
}
DEFAULT_SECTIONS = ((None, _("Latest releases")),)
LATEST = "latest"


def _country_facts(country: Country) -> dict:
    return {
        "chairpersonships": [c.year for c in country.chairpersonships.order_by("year")],
        "hosted": country.hosted_structures.order_by("closed_year", "position", "name"),
    }


def _structure_facts(structure: Structure) -> dict:
    return {
        "ancestors": term_catalogue().ancestors(structure),
        "children": structure.children.all(),
        "former_names": structure.former_names.all(),
        "contacts": contact_directory().of_structure(structure.pk),
    }


# What a term's page says about the term itself, beyond its name, by kind.
FACTS = {COUNTRY.key: _country_facts, STRUCTURE.key: _structure_facts}


@require_safe
def term_detail(request: HttpRequest, slug: str, *, kind: TermKind) -> HttpResponse:
    """Any term's page: what it is, and its latest releases."""
    term = kind.model.objects.by_slug_or_former_slug(slug)
    if term is None:
        raise Http404(_("Nothing is filed under this name."))
    if term.slug != slug:
        return redirect(term, permanent=True)
    sections = [
        (relation or LATEST, heading, latest(relation or kind.key, term.slug))
        for relation, heading in SECTIONS.get(kind.key, DEFAULT_SECTIONS)
    ]
    context = {
        "term": term,
        "kind": kind,
        "filter_key": kind.key,
        "sections": sections,
        "upcoming_events": upcoming_events_of(kind, term),
    }
    if kind.key in FACTS:
        context.update(FACTS[kind.key](term))
    return render(
        request, [f"taxonomy/{kind.key}_detail.html", "taxonomy/term_detail.html"], context
    )


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
def field_index(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/field_index.html", {"fields": FieldOfWork.objects.all()})


@require_safe
def structure_index(request: HttpRequest) -> HttpResponse:
    # The tree in one recursive query, depth first, siblings in the navigation's order.
    structures = list(
        Structure.objects.with_tree_fields()
        .order_siblings_by("position", "name")
        .select_related("host_country")
    )
    operations = [s for s in structures if s.kind == Structure.Kind.FIELD_OPERATION]
    context = {
        # Field operations are listed on their own, active and closed apart.
        "tree": [(s, s.tree_depth) for s in structures if s.kind != Structure.Kind.FIELD_OPERATION],
        "active_operations": [s for s in operations if not s.is_closed],
        "closed_operations": sorted(
            (s for s in operations if s.is_closed), key=lambda s: (-s.closed_year, s.name)
        ),
    }
    return render(request, "taxonomy/structure_index.html", context)
