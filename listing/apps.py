from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingConfig(AppConfig):
    """The one listing engine: cleans a listing's parameters and answers them from the
    facet index, for the HTML listing, the feeds and every later consumer."""

    name = "listing"
    verbose_name = _("Listing")
