from django.conf import settings
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's, files): the
    # hashed static file answers it, cached for a year by the static files' headers.
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@require_GET
def robots_txt(request):
    # The admin's address is not announced here: robots.txt is public, and a configurable
    # admin path is only worth having if it stays unlisted (its pages need a login anyway).
    lines = [
        "User-agent: *",
        "Disallow: /press-releases/preview/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page, rendered without the database: the error may be the database itself."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"site_name": settings.NEWSROOM["SITE_NAME"]}))
