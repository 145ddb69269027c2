from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from website import machines as views
from website import views as press_views
from website.sitemaps import SITEMAPS

admin.site.site_header = settings.NEWSROOM["SITE_NAME"]
admin.site.site_title = settings.NEWSROOM["SITE_NAME"]

urlpatterns = [
    path("", press_views.home, name="home"),
    path("press-releases/preview/", include("press.preview_urls")),
    path("press-releases/", include("website.urls")),
    path("", include("website.term_urls")),
    path("alerts/", include("alerts.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(settings.ADMIN_URL, include("core.accounts")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "website.machines.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
