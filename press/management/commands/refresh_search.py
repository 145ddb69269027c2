from django.core.management.base import BaseCommand

from press.fulltext import is_postgresql
from press.search import refresh_search_vectors


class Command(BaseCommand):
    help = "Recompute the full-text search vector of every release (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--heads",
            action="store_true",
            help="Only the heads relevance is ranked on (quick: the texts are not read).",
        )

    def handle(self, *args, heads, **options):
        if not is_postgresql():
            self.stdout.write("SQLite searches without a stored vector; nothing to do.")
            return
        refresh_search_vectors(documents=not heads)
        self.stdout.write(
            self.style.SUCCESS("Search heads refreshed." if heads else "Search vectors refreshed.")
        )
