"""The alerts' task queue: a Celery application on the Redis broker.

``celery -A alerts.worker worker`` runs the tasks (``alerts.tasks``); ``celery -A
alerts.worker beat`` enqueues the periodic ones (``CELERY_BEAT_SCHEDULE`` in settings).
Configured from Django's settings, the ``CELERY_`` ones. Without ``CELERY_BROKER_URL`` the
tasks run in the process that enqueues them (development; ``make run`` says so).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_cms.settings")

app = Celery("alerts")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["alerts"])
