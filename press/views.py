from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from press.models import PressRelease, ReleaseSlugRedirect


def home(request):
    latest = PressRelease.objects.published().newest_first().with_taxonomy()[:10]
    return render(request, "press/home.html", {"latest": latest})


def release_list(request):
    releases = PressRelease.objects.published().newest_first().with_taxonomy()
    page = Paginator(releases, settings.NEWSROOM["PAGE_SIZE"]).get_page(request.GET.get("page"))
    return render(request, "press/release_list.html", {"page_obj": page})


def release_detail(request, slug: str):
    release = (
        PressRelease.objects.published()
        .select_related("lead_source")
        .prefetch_related(
            "countries",
            "fields_of_work",
            "structures",
            "meeting_series",
            "supporting_sources",
            "tags",
        )
        .filter(slug=slug)
        .first()
    )
    if release is None:
        moved = ReleaseSlugRedirect.objects.filter(old_slug=slug).select_related("release").first()
        if moved is not None and moved.release.is_live:
            return redirect(moved.release, permanent=True)
        raise Http404("No such release")
    return render(request, "press/release_detail.html", {"release": release})
