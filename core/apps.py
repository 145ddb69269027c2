from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: content generations and the public page cache, the signals that
    carry effects between apps, backup and restore. Imports Django only."""

    name = "core"
    verbose_name = _("Site core")
