"""The Redis cache with a circuit breaker.

A Redis that is down refuses connections at once, but a Redis that hangs (the process
stopped, the socket still open) makes every call wait for the socket timeout. A request
makes several cache calls (the content generation, the page, the navigation), so a hang
would cost each request several timeouts. Here the first failure opens the breaker: for
``RETRY_AFTER_SECONDS`` every call of this process answers at once as a miss, then one call
tries Redis again. A request therefore waits for Redis at most once, and pages are served
uncached, at the speed of the site without a cache, while Redis is away.

Failures are never raised to the caller (a cache that is away only makes the site slower):
reads give their default, ``add`` and ``incr`` give None, which callers that must know (the
content generations) tell apart from an answer.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Closed while the server answers. A failure opens it for ``retry_after`` seconds, in
    which every call is skipped; after that, one call probes the server (the others keep
    skipping meanwhile) and closes the breaker again if it succeeds."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        self._open_until = 0.0
        self._tripped = False
        self._lock = threading.Lock()

    def allow(self) -> bool:
        if not self._tripped:
            return True
        with self._lock:
            if time.monotonic() < self._open_until:
                return False
            # Half open: this caller probes, the others skip until it has answered.
            self._open_until = time.monotonic() + self.retry_after
            return True

    def succeeded(self) -> None:
        if self._tripped:
            with self._lock:
                self._tripped = False
            logger.warning("Cache server answering again")

    def failed(self) -> None:
        with self._lock:
            first = not self._tripped
            self._tripped = True
            self._open_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Cache server not answering; serving without the cache, trying again every %.0f s",
                self.retry_after,
            )


class _GuardedClient:
    """django-redis's client, each call first asking the breaker and reporting failures."""

    def __init__(self, client: Any, breaker: CircuitBreaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute
        breaker = self._breaker

        def guarded(*args, **kwargs):
            if not breaker.allow():
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted:
                breaker.failed()
                raise
            breaker.succeeded()
            return result

        return guarded


class ResilientRedisCache(RedisCache):
    """``django_redis.cache.RedisCache`` that skips Redis for a while after a failure.

    OPTIONS: django-redis's own, plus ``RETRY_AFTER_SECONDS`` (default 5). Exceptions are
    always ignored (``IGNORE_EXCEPTIONS``), and logged once per outage rather than per call.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._ignore_exceptions = True
        self._log_ignored_exceptions = False
        self.breaker = CircuitBreaker(retry_after)

    @property
    def client(self):
        return _GuardedClient(super().client, self.breaker)
