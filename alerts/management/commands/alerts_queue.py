"""Say where the alerts' tasks run; with ``--check``, exit 0 only when a worker is needed
(a broker is configured and answers), as ``make run`` asks before starting one."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alerts.worker import app


class Command(BaseCommand):
    help = "Where email alerts' tasks run: a Celery worker on the broker, or in-process."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with status 1 unless a broker is configured and answers.",
        )

    def handle(self, *args, check: bool = False, **options):
        if not settings.CELERY_BROKER_URL:
            self.stdout.write(
                self.style.WARNING(
                    "Email alerts run in-process: no CELERY_BROKER_URL is set, so their "
                    "tasks run in the web process that enqueues them, and the periodic ones "
                    "(scheduled releases going live, daily and weekly digests) do not run. "
                    "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1) to have "
                    "`make run` start a worker and beat alongside the server."
                )
            )
            if check:
                raise SystemExit(1)
            return
        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:
            message = f"The alerts' broker {settings.CELERY_BROKER_URL} does not answer: {error}"
            if check:
                raise CommandError(message, returncode=1) from error
            self.stdout.write(self.style.ERROR(message))
            return
        self.stdout.write(
            f"Email alerts: tasks go to the Celery worker on {settings.CELERY_BROKER_URL}."
        )
