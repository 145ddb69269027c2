from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from osce_cms import views
from press import views as press_views

admin.site.site_header = settings.NEWSROOM["SITE_NAME"]
admin.site.site_title = settings.NEWSROOM["SITE_NAME"]

urlpatterns = [
    path("", press_views.home, name="home"),
    path("press-releases/", include("press.urls")),
    path("", include("taxonomy.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
