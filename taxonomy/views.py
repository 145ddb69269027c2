from django.http import Http404
from django.shortcuts import redirect, render

from press.models import PressRelease
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure

LATEST = 10


def _term_or_redirect(model, slug):
    term = model.objects.by_slug_or_former_slug(slug)
    if term is None:
        raise Http404(f"No {model._meta.verbose_name} {slug!r}")
    return term


def _latest(releases):
    return releases.newest_first().with_taxonomy()[:LATEST]


def country_index(request):
    countries = Country.objects.all()
    groups = [
        (title, [c for c in countries if c.group == group])
        for group, title in Country.GROUP_TITLES.items()
    ]
    return render(request, "taxonomy/country_index.html", {"groups": groups})


def country_detail(request, slug):
    country = _term_or_redirect(Country, slug)
    if country.slug != slug:
        return redirect(country, permanent=True)
    context = {
        "term": country,
        "chairpersonships": country.chairpersonships.all(),
        "hosted": country.hosted_structures.all(),
        "releases": _latest(PressRelease.objects.published().filter(countries=country)),
    }
    return render(request, "taxonomy/country_detail.html", context)


def field_index(request):
    return render(request, "taxonomy/field_index.html", {"fields": FieldOfWork.objects.all()})


def field_detail(request, slug):
    field = _term_or_redirect(FieldOfWork, slug)
    if field.slug != slug:
        return redirect(field, permanent=True)
    releases = _latest(PressRelease.objects.published().filter(fields_of_work=field))
    return render(request, "taxonomy/term_detail.html", {"term": field, "releases": releases})


def meeting_detail(request, slug):
    series = _term_or_redirect(MeetingSeries, slug)
    if series.slug != slug:
        return redirect(series, permanent=True)
    releases = _latest(PressRelease.objects.published().filter(meeting_series=series))
    return render(request, "taxonomy/term_detail.html", {"term": series, "releases": releases})


def structure_index(request):
    structures = list(Structure.objects.select_related("host_country"))
    children: dict[int | None, list[Structure]] = {}
    for s in structures:
        children.setdefault(s.parent_id, []).append(s)

    def walk(parent_id, depth):
        for s in children.get(parent_id, []):
            yield s, depth
            yield from walk(s.pk, depth + 1)

    return render(request, "taxonomy/structure_index.html", {"tree": list(walk(None, 0))})


def structure_detail(request, slug):
    structure = _term_or_redirect(Structure, slug)
    if structure.slug != slug:
        return redirect(structure, permanent=True)
    published = PressRelease.objects.published()
    context = {
        "term": structure,
        "ancestors": structure.ancestors(),
        "children": structure.children.all(),
        "former_names": structure.former_names.all(),
        "issued": _latest(published.filter(lead_source=structure)),
        "about": _latest(published.filter(structures=structure)),
    }
    return render(request, "taxonomy/structure_detail.html", context)
