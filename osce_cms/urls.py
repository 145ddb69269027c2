from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.defaults import bad_request as django_bad_request

from api import errors as api_errors
from api import urls as api_urls
from core.uploads import upload_too_large
from press import media
from website import contacts as contact_views
from website import events as event_views
from website import machines as views
from website import views as press_views
from website.sitemaps import SITEMAPS

admin.site.site_header = settings.NEWSROOM["SITE_NAME"]
admin.site.site_title = settings.NEWSROOM["SITE_NAME"]

# Addresses that are not in a language: files, machines' endpoints, the API, the admin.
urlpatterns = [
    # Lead images by the publication rule (press/media.py), in development and production.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.serve, name="media"),
    path("press-releases/preview/", include("press.preview_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(f"{settings.ADMIN_URL}upload-too-large/", upload_too_large, name="upload-too-large"),
    path("api/", include(api_urls)),
    path(settings.ADMIN_URL, include("core.accounts")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# The public pages, in each of the site's languages: English at the addresses it always
# had, the others under their prefix (/ru/press-releases/…).
urlpatterns += i18n_patterns(
    path("", press_views.home, name="home"),
    path("press-releases/", include("website.urls")),
    path("press-room/", include("website.press_room_urls")),
    path("", include("website.term_urls")),
    path("media-contacts/", contact_views.media_contacts, name="media-contacts"),
    # A contact's card keeps its address when the contact is renamed: it is its id.
    path(
        "media-contacts/<int:pk>.vcf", contact_views.media_contact_vcard, name="media-contact-vcard"
    ),
    path("events/", event_views.events, name="events"),
    path("events.ics", event_views.events_calendar, name="events-calendar"),
    path("alerts/", include("alerts.urls")),
    prefix_default_language=False,
)


def bad_request(request, exception):
    # The API answers in problem+json even when a middleware refused the request.
    if api_errors.is_api(request):
        return api_errors.bad_request(request, exception)
    return django_bad_request(request, exception)


def server_error(request):
    if api_errors.is_api(request):
        return api_errors.server_error(request)
    return views.server_error(request)


handler400 = bad_request
handler500 = server_error
