from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from press.classifier import Classifier
from press.importer import LegacyPageError, import_file


class Command(BaseCommand):
    help = (
        "Import pages scraped from the old website. Importing a page again updates its "
        "release. A page that cannot be imported is reported and skipped; the exit status "
        "is non-zero when any page failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders of pages.")

    def handle(self, *args, paths, **options):
        files = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
            else:
                files.append(path)
        classifier = Classifier.from_database()
        failed = created = updated = 0
        for path in files:
            try:
                release, is_new = import_file(path, classifier)
            except LegacyPageError as error:
                failed += 1
                self.stderr.write(f"{path}: {error}")
                continue
            created += is_new
            updated += not is_new
            verb = "created" if is_new else "updated"
            self.stdout.write(f"{path}: {verb} {release.get_absolute_url()}")
        self.stdout.write(f"Imported {created + updated} ({created} new, {updated} updated).")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")
