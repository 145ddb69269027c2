from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public website: pages, feeds, sitemaps, navigation, template tags. The top
    floor: nothing imports it."""

    name = "public"
    verbose_name = _("Public site")
