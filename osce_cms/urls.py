from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from core.uploads import upload_too_large
from press import media
from website import machines as views
from website import views as press_views
from website.sitemaps import SITEMAPS

admin.site.site_header = settings.NEWSROOM["SITE_NAME"]
admin.site.site_title = settings.NEWSROOM["SITE_NAME"]

urlpatterns = [
    path("", press_views.home, name="home"),
    # Lead images by the publication rule (press/media.py), in development and production.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.serve, name="media"),
    path("press-releases/preview/", include("press.preview_urls")),
    path("press-releases/", include("website.urls")),
    path("", include("website.term_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(f"{settings.ADMIN_URL}upload-too-large/", upload_too_large, name="upload-too-large"),
    path(settings.ADMIN_URL, include("core.accounts")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "website.machines.server_error"
