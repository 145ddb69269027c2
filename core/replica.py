"""Public reads from a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``).

Anonymous readers are most of the traffic and only read; the replica answers them, so the
primary keeps its time for the newsroom. Everything else stays on the primary: writes,
staff and anyone with a session, the admin, previews, the press room, the health check,
management commands and background threads (they carry no request mark).

Nobody reads older data than they should:

- whoever wrote (any request that was not GET/HEAD, or that routed a write) gets a short
  ``newsroom_primary`` cookie and reads the primary for ``REPLICA_PIN_SECONDS``: a
  subscriber sees their own subscription;
- for everyone, a content change (``release_changed``, ``terms_changed``, the signals that
  also start a new content generation) sends public reads to the primary for those seconds,
  and after that until the replica has replayed the primary's WAL up to the change. A page
  rendered from a lagging replica would otherwise be cached as the new generation's page,
  and a per-generation value (the facet index) built from old rows for the whole
  generation;
- a replica that does not answer, or a cache (Redis) that cannot say when content last
  changed, sends reads to the primary.

Without a ``replica`` database in settings this module does nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.utils import ConnectionDoesNotExist
from django.http import HttpRequest, HttpResponse

from core.generations import UNCACHED_PREFIXES
from core.signals import release_changed, terms_changed

logger = logging.getLogger(__name__)

REPLICA = "replica"
PIN_COOKIE = "newsroom_primary"
# Where the primary's WAL stood after the last content change, and until when reads go to
# the primary regardless. Shared by every app server through the cache.
CHANGE_KEY = "replica:last-change:v1"
SAFE_METHODS = ("GET", "HEAD")
# After the replica failed to answer, this process leaves it alone this long.
RETRY_AFTER_SECONDS = 5


def configured() -> bool:
    try:
        connections[REPLICA]
    except ConnectionDoesNotExist:
        return False
    return True


def pin_seconds() -> float:
    return float(getattr(settings, "REPLICA_PIN_SECONDS", 5))


# The request's mark: None outside a replica-safe request; otherwise whether the replica is
# fit to answer it (None until the first read asks).
_mark: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "replica_mark", default=None
)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_wrote", default=False)
_failure = {"until": 0.0}
_failure_lock = threading.Lock()


def forget_failure() -> None:
    """Try the replica again at once (tests, after the replica came back)."""
    _failure["until"] = 0.0


def _primary_position() -> str | None:
    """The primary's current WAL position (PostgreSQL), or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def _record_change(*, with_position: bool) -> None:
    try:
        position = _primary_position() if with_position else None
    except DatabaseError:
        logger.warning("Could not read the primary's WAL position", exc_info=True)
        position = None
    previous = cache.get(CHANGE_KEY) or {}
    cache.set(
        CHANGE_KEY,
        {
            # Before the commit the position is not known yet; keep the last one until the
            # commit records its own (the window covers the moments in between).
            "position": position or previous.get("position"),
            "until": time.time() + pin_seconds(),
        },
        None,
    )


def note_content_change(sender=None, **kwargs) -> None:
    """Receiver of ``release_changed`` and ``terms_changed``: public reads go to the
    primary now, and once committed, until the replica has the change."""
    if not configured():
        return
    _record_change(with_position=False)
    transaction.on_commit(lambda: _record_change(with_position=True))


# Connected here rather than in core.apps: this module is loaded by the router and the
# middleware settings name, before any request or write, and only matters with them.
release_changed.connect(note_content_change, dispatch_uid="core-replica-r")
terms_changed.connect(note_content_change, dispatch_uid="core-replica-t")


def _last_change() -> dict[str, Any] | None:
    change = cache.get(CHANGE_KEY)
    if change is not None:
        return change
    # Nothing recorded: a new or restarted cache, or one that does not answer. Changes may
    # have been missed, so the replica must first catch up with the primary as it is now.
    try:
        change = {"position": _primary_position(), "until": 0.0}
    except DatabaseError:
        return None
    if not cache.add(CHANGE_KEY, change, None):  # None: the cache is away; False: raced
        return None
    return change


def _replica_has(position: str | None) -> bool:
    connection = connections[REPLICA]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" or position is None:
            cursor.execute("SELECT 1")
            return True
        # A server not in recovery (a promoted replica, or the primary itself in a
        # development setup) has everything it will ever have.
        cursor.execute(
            "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, NOT pg_is_in_recovery())",
            [position],
        )
        return bool(cursor.fetchone()[0])


def _replica_fit() -> bool:
    if time.monotonic() < _failure["until"]:
        return False
    change = _last_change()
    if change is None or time.time() < change["until"]:
        return False
    try:
        return _replica_has(change["position"])
    except DatabaseError:
        with _failure_lock:
            first = time.monotonic() >= _failure["until"]
            _failure["until"] = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.warning("Read replica not answering; reading from the primary", exc_info=True)
        connections[REPLICA].close()
        return False


def reads_from_replica() -> bool:
    """Whether this moment's reads may go to the replica."""
    mark = _mark.get()
    if mark is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    if mark["fit"] is None:
        mark["fit"] = _replica_fit()
    return mark["fit"]


@contextlib.contextmanager
def request_marked(safe: bool = True) -> Iterator[None]:
    """Reads inside are those of a replica-safe request (or, ``safe=False``, of one that
    must read the primary), as the middleware marks them."""
    mark = _mark.set({"fit": None} if safe else None)
    wrote = _wrote.set(False)
    try:
        yield
    finally:
        _mark.reset(mark)
        _wrote.reset(wrote)


class ReplicaRouter:
    """Reads of replica-safe requests to ``replica``, writes never there.

    Otherwise it has no opinion (None), so that Django's own rules still hold for a
    database named with ``using()`` or ``--database`` (backup and restore)."""

    def db_for_read(self, model, **hints):
        return REPLICA if reads_from_replica() else None

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        mark = _mark.get()
        if mark is not None:
            # This request reads its own write from now on.
            mark["fit"] = False
        instance = hints.get("instance")
        if instance is not None and instance._state.db == REPLICA:
            return DEFAULT_DB_ALIAS  # read from the replica, saved to the primary
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # Same rows on both servers.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica replays the primary's migrations; it cannot run its own.
        return False if db == REPLICA else None


def replica_safe(request: HttpRequest) -> bool:
    """Anonymous public reads: no session, no pin, no private or health-check path."""
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


def route_public_reads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Mark replica-safe requests for the router; pin writers to the primary for a while."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not configured():
            return get_response(request)
        with request_marked(replica_safe(request)):
            response = get_response(request)
            pin = request.method not in SAFE_METHODS or _wrote.get()
        if pin:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=max(1, round(pin_seconds())),
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

    return middleware
