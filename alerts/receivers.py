"""Alerts hear of releases through ``core.signals.release_changed``, like the page cache.

A change is matched once its transaction has committed (the worker must see it). If the
broker cannot be reached the change is not lost: the periodic scan matches every release
that went live and was not matched yet.
"""

from __future__ import annotations

import logging

from django.db import transaction

from alerts.tasks import match_releases
from core.signals import release_changed

logger = logging.getLogger(__name__)

# More releases than this in one change (a bulk load) are left to the periodic scan.
MAX_IDS = 100


def _enqueue(ids: list[int]) -> None:
    try:
        match_releases.apply_async(args=[ids], retry=False)
    except Exception:
        logger.warning("Alerts queue unreachable; the periodic scan will match %s", ids)


def release_changed_receiver(sender, ids=None, **kwargs) -> None:
    if ids is None or len(ids) > MAX_IDS:
        return
    ids = list(ids)
    transaction.on_commit(lambda: _enqueue(ids))


def connect() -> None:
    release_changed.connect(release_changed_receiver, dispatch_uid="alerts-release-changed")
