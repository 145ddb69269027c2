from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core.generations import current_state
from website.navigation import site_navigation


def navigation(request):
    """Navigation and site identity for every page; built from the reference tables."""
    return {
        "site_name": settings.NEWSROOM["SITE_NAME"],
        # The language of unprefixed addresses, the hreflang "x-default".
        "default_language": settings.LANGUAGE_CODE,
        # Lazy: pages whose navigation fragment is cached never load it.
        "navigation": SimpleLazyObject(site_navigation),
        "content_generation": current_state()["generation"],
    }
