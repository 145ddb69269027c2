from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The public website: pages, feeds, sitemaps, navigation, template tags. The top
    floor: nothing imports it."""

    name = "website"
    verbose_name = _("Website")
