import time

from django.core.management.base import BaseCommand, CommandError

from press import demo


class Command(BaseCommand):
    help = (
        "Load deterministic demo releases (2000 to today, every status, skewed like a real "
        "newsroom). Refuses to add a second set unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=300, help="How many (default 300).")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same releases.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier demo releases first."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when demo releases are already there.",
        )

    def handle(self, *args, releases, seed, replace, if_empty, **options):
        if releases < 0:
            raise CommandError("--releases must be zero or more.")
        contacts = demo.seed_contacts()
        if contacts:
            self.stdout.write(f"Loaded {contacts} demo media contacts.")
        if demo.demo_exists():
            if if_empty:
                self.stdout.write("Demo releases are already loaded; nothing to do.")
                self._press_office()
                return
            if not replace:
                raise CommandError("Demo releases are already loaded; use --replace.")
            self.stdout.write(f"Removed {demo.remove_demo_content()} demo releases.")
        started = time.monotonic()
        last_report = [started]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if done == total or now - last_report[0] > 2:
                last_report[0] = now
                self.stdout.write(f"  {done:,} / {total:,} releases ({now - started:.0f} s)")

        made = demo.generate(releases, seed=seed, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {made:,} demo releases in {time.monotonic() - started:.1f} s."
            )
        )
        self._press_office()

    def _press_office(self) -> None:
        # Also on a database loaded before these demo pieces existed: each is added once.
        for done in demo.seed_press_office():
            self.stdout.write(f"Press office: {done}.")
