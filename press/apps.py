from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Newsroom")  # the admin: "Newsroom › Press releases"

    def ready(self):
        from core.derived import register_derived
        from core.generations import register_schedule
        from press import receivers
        from press.fulltext import register_sqlite_functions
        from press.models import PressRelease, SearchDocument, SearchHead
        from taxonomy.kinds import register_classified

        connection_created.connect(register_sqlite_functions, dispatch_uid="press-sqlite")
        receivers.connect()
        # Taxonomy counts, merges and guards deletions by the releases terms classify.
        register_classified(PressRelease, public=PressRelease.objects.published)
        # Pages are cached per content generation: one ends when a scheduled release goes live.
        register_schedule(PressRelease.objects.next_go_live)
        # ... and one when a release leaves the listing at its expiry.
        register_schedule(PressRelease.objects.next_expiry)
        # ... and one when an announced event has taken place (the pages say so).
        register_schedule(PressRelease.objects.next_event_over)
        # Search documents are computed from the releases: backups leave them out, restores
        # rebuild them (on PostgreSQL; SQLite has none).
        # The heads first: each derived table is emptied just before its rebuild, and the
        # documents' rebuild writes the heads too.
        register_derived(SearchHead, lambda using: None)
        register_derived(SearchDocument, receivers.rebuild_search_documents)
