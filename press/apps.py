from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press releases")

    def ready(self):
        from core.generations import content_changed
        from press.models import PressRelease
        from press.search import refresh_search_vectors, register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="press-sqlite")

        def classification_changed(sender, instance, action, reverse, pk_set, **kwargs):
            # The search vector holds the names of a release's terms: keep it current when
            # they change, whichever code changed them.
            if action not in {"post_add", "post_remove", "post_clear"}:
                return
            content_changed()
            if not reverse:
                refresh_search_vectors([instance.pk])
            elif pk_set:
                refresh_search_vectors(pk_set)

        for field in ("countries", "fields_of_work", "structures", "meeting_series"):
            m2m_changed.connect(
                classification_changed,
                sender=getattr(PressRelease, field).through,
                dispatch_uid=f"press-search-{field}",
            )
