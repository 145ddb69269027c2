from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: content generations and the public page cache, the signals that
    carry effects between apps, backup and restore. Imports Django only."""

    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from core import generations, signals

        signals.release_changed.connect(generations.releases_changed, dispatch_uid="core-r")
        signals.terms_changed.connect(generations.start_new_generation, dispatch_uid="core-t")
