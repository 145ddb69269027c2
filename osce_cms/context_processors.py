from django.conf import settings

from taxonomy.navigation import site_navigation


def navigation(request):
    """Navigation and site identity for every page; built from the reference tables."""
    return {
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "navigation": site_navigation(),
    }
