from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Email alerts for any listing's filter: subscriptions by double opt-in, matching
    through the listing engine, sending by a Celery worker. A sibling of the website:
    neither imports the other."""

    name = "alerts"
    verbose_name = _("Email alerts")

    def ready(self):
        # The Celery application must exist before any task is enqueued.
        from alerts import receivers, worker  # noqa: F401

        receivers.connect()
