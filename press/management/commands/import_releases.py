import csv
import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from press.importer import FIELDS, LegacyImporter, LegacyPageError, PageReport, evaluate


class Command(BaseCommand):
    help = (
        "Import pages scraped from the old website. Importing a page again updates its "
        "release, keeping what an editor corrected since. Pages without a date or a source "
        "are imported as drafts flagged for review. A page that cannot be read is reported "
        "and skipped; the exit status is non-zero when any page failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders of pages.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and classify the pages and print what would be stored; write nothing.",
        )
        parser.add_argument(
            "--url",
            default="",
            help="The old address of the page (one file only); a 'URL:' first line also says it.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=(
                "The language of the pages (default: Russian for Cyrillic text, else English). "
                "A page in another language than the original's becomes its version, linked "
                "to the original at the same address without the language prefix (or of the "
                "same dateline date and source)."
            ),
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="Write a report per file (stored fields, inferred from what, how sure) here.",
        )
        parser.add_argument(
            "--report-format",
            choices=["json", "csv"],
            help="Format of the report (default: from the file's suffix, else JSON).",
        )
        parser.add_argument(
            "--expected",
            type=Path,
            help="A JSON of the expected fields per file: print the accuracy of each field.",
        )
        parser.add_argument(
            "--min-accuracy",
            type=float,
            default=0.0,
            help="With --expected: fail when any field's accuracy is below this share (0-1).",
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help="A progress line on stderr (auto: for 100 files or more).",
        )

    def handle(self, *args, paths, dry_run, url, report, report_format, expected, **options):
        files = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
            else:
                files.append(path)
        if url and len(files) != 1:
            raise CommandError("--url gives the address of one page: name one file.")
        verbosity = options["verbosity"]
        importer = LegacyImporter(language=options.get("language"))
        progress = Progress(
            len(files),
            self.stderr,
            enabled={"always": True, "never": False}.get(options["progress"], len(files) >= 100),
        )
        reports: list[PageReport] = []
        failed = created = updated = 0
        for path in files:
            try:
                outcome = importer.import_file(path, url, dry_run=dry_run)
            except Exception as error:  # one bad file never stops the others
                if not isinstance(error, LegacyPageError):
                    # Not the page's fault as far as we know: say what went wrong.
                    error = f"could not be imported ({type(error).__name__}: {error})"
                failed += 1
                outcome = PageReport(file=str(path), action="failed", error=str(error))
                progress.clear()
                self.stderr.write(f"{path}: {error}")
            else:
                created += outcome.action == "created"
                updated += outcome.action == "updated"
                if verbosity >= 1 and not progress.enabled:
                    self.stdout.write(self._line(outcome))
            reports.append(outcome)
            progress.step()
        progress.done()
        if report:
            write_report(reports, report, report_format)
        reviewed = sum(r.needs_review for r in reports)
        if dry_run:
            self.stdout.write(
                f"Read {len(reports) - failed} of {len(files)} files ({reviewed} would need "
                "review); nothing written."
            )
        else:
            self.stdout.write(
                f"Imported {created + updated} ({created} new, {updated} updated, "
                f"{reviewed} flagged for review)."
            )
        if expected:
            self._evaluate(reports, expected, options["min_accuracy"])
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")

    @staticmethod
    def _line(outcome: PageReport) -> str:
        line = f"{outcome.file}: {outcome.action} {outcome.status} {outcome.title[:70]!r}"
        if outcome.needs_review:
            line += f" – needs review ({'; '.join(outcome.reasons)})"
        if outcome.kept:
            line += f" – kept the editor's {', '.join(outcome.kept)}"
        return line

    def _evaluate(self, reports, expected_path, floor):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        result = evaluate(reports, expected)
        self.stdout.write(
            f"Imported {result.imported} of {result.pages} pages; fields right per field:"
        )
        for name in FIELDS:
            right, total = result.right[name], result.total[name]
            self.stdout.write(f"  {name:16} {right:4}/{total:<4} {result.accuracy(name):6.1%}")
        self.stdout.write(f"  {'all fields':16} {result.overall():6.1%}")
        for line in result.misses:
            self.stdout.write(f"  miss {line}", style_func=lambda s: s)
        low = [name for name in FIELDS if result.accuracy(name) < floor]
        if low:
            raise CommandError(f"Accuracy below {floor:.0%} for: {', '.join(low)}.")


def write_report(reports: list[PageReport], path: Path, fmt: str | None) -> None:
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "json")
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=PageReport.CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(r.as_row() for r in reports)
        else:
            json.dump([r.as_dict() for r in reports], out, ensure_ascii=False, indent=2)


class Progress:
    """A progress line for long runs: done, total, rate and time left, on one line of a
    terminal, else a line every 10 %."""

    def __init__(self, total: int, out, *, enabled: bool):
        self.total, self.out, self.enabled = total, out, enabled
        self.done_count = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.tty = enabled and hasattr(out, "isatty") and out.isatty()
        self.next_mark = 0.1

    def step(self) -> None:
        self.done_count += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty and now - self.last < 0.2 and self.done_count < self.total:
            return
        share = self.done_count / self.total if self.total else 1.0
        if not self.tty and share < self.next_mark and self.done_count < self.total:
            return
        self.next_mark = share + 0.1
        self.last = now
        elapsed = now - self.started
        rate = self.done_count / elapsed if elapsed else 0.0
        left = (self.total - self.done_count) / rate if rate else 0.0
        width = 30
        bar = "#" * int(share * width)
        text = (
            f"[{bar:<{width}}] {self.done_count}/{self.total} {share:4.0%} "
            f"{rate:6.1f} files/s, {left:4.0f} s left"
        )
        if self.tty:
            self.out.write(f"\r{text}", ending="")
            self.out.flush()
        else:
            self.out.write(text)

    def clear(self) -> None:
        if self.tty:
            self.out.write("\r" + " " * 80 + "\r", ending="")

    def done(self) -> None:
        if self.tty:
            self.out.write("")
        sys.stderr.flush()
