"""The API's rate limit: requests per client address (or API key) in a fixed window.

Counters live in the Django cache (Redis in production), so every worker counts together.
A cache that is down counts nothing and limits nobody: the API keeps answering, as the site
keeps serving pages (``core.cache``), rather than refuse everyone.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from api.models import ApiKey

logger = logging.getLogger(__name__)


@dataclass
class Allowance:
    limit: int
    remaining: int
    reset_after: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


class InvalidKey(Exception):
    """An ``Authorization`` header that names no active key."""


def client_address(request: HttpRequest) -> str:
    """The client's address: behind ``DJANGO_PROXY_COUNT`` proxies, the one the outermost
    proxy saw (the last ones in ``X-Forwarded-For`` are the proxies' own)."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def bearer_key(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _space, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise InvalidKey
    return key.strip()


def allowance(request: HttpRequest) -> Allowance:
    """Count this request against its client's limit. Raises ``InvalidKey``."""
    window = max(1, settings.NEWSROOM["API_RATE_WINDOW_SECONDS"])
    key = bearer_key(request)
    if key is not None:
        api_key = ApiKey.objects.matching(key)
        if api_key is None:
            raise InvalidKey
        who, limit = f"key:{api_key.pk}", api_key.rate_limit
    else:
        who, limit = f"address:{client_address(request)}", settings.NEWSROOM["API_RATE_LIMIT"]
    now = time.time()
    started = math.floor(now / window) * window
    reset_after = max(1, math.ceil(started + window - now))
    count = _count(f"api-rate:{who}:{started}", window)
    if count is None:
        return Allowance(limit, limit, reset_after)
    return Allowance(limit, limit - count, reset_after)


def _count(counter: str, window: int) -> int | None:
    """Add one to ``counter`` (created for the window); None when the cache is away."""
    try:
        if cache.add(counter, 0, window + 1) is None:  # the resilient cache: Redis away
            return None
        value = cache.incr(counter)
    except ValueError:  # expired between add and incr: a new window starts at one
        cache.set(counter, 1, window + 1)
        return 1
    except Exception:
        logger.warning("Rate-limit counters unavailable; not limiting", exc_info=True)
        return None
    return value
