from django.core.management.base import BaseCommand

from press.fulltext import is_postgresql
from press.search import refresh_search_vectors


class Command(BaseCommand):
    help = "Recompute the full-text search vector of every release (PostgreSQL only)."

    def handle(self, *args, **options):
        if not is_postgresql():
            self.stdout.write("SQLite searches without a stored vector; nothing to do.")
            return
        refresh_search_vectors()
        self.stdout.write(self.style.SUCCESS("Search vectors refreshed."))
