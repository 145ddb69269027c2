"""Whole-page caching of the public site for anonymous readers.

Bursts of readers (a crisis, an election) are served from the cache: Redis when ``REDIS_URL``
is set, local memory otherwise. Every cached page belongs to a *content generation*; any
change to releases or reference data starts a new generation, so stale pages are never
served again. Scheduled releases go live by themselves: the generation also ends when the
next scheduled release goes live, and no page is cached longer than ``MAX_AGE`` seconds.

Responses say the same to downstream caches (a CDN, the nginx micro-cache): anonymous pages
are ``public`` with ``Last-Modified`` and a ``max-age`` of what is left until the next
scheduled go-live and until the cached entry expires (hits included), at most ``MAX_AGE``;
pages for signed-in staff are ``private``. ``PUBLIC_PAGE_CACHE = False`` in settings turns
the cache off (benchmarks). A cache that is down or hangs only makes the site slower:
errors are logged, never raised, and the generation catches up once it answers again.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

logger = logging.getLogger(__name__)

# The generation is a number that only grows: Redis INCR, never a delete, so that no
# worker can miss a change by reading between a delete and a set, and an answer lost in
# a hang cannot undo one. The state of the current generation (when it started, when it
# ends) sits beside it and is trusted only while it names the counter's value.
COUNTER_KEY = "public-pages:generation:v2"
STATE_KEY = "public-pages:state:v2"
# The change log: what started each generation, under the generation's number, written by
# the one worker whose INCR returned that number (so an entry is never overwritten). Only
# release changes are logged, as ``{"releases": [ids]}``; a scheduled moment logs no ids
# (what went live or expired is found by its time). A generation without an entry (a
# taxonomy change, a bulk load, a cache that lost it) means "anything may have changed".
CHANGES_KEY = "public-pages:changes:v1:"
CHANGES_TTL = 3600
# Past this many generations behind, a per-generation value is rebuilt rather than patched.
MAX_CHANGES = 64
MAX_AGE = 60
# The press room holds releases under embargo: never stored, even if a response forgot
# to say so.
UNCACHED_PREFIXES = (
    "/" + settings.ADMIN_URL,
    "/press-releases/preview/",
    "/press-room/",
    "/healthz",
)


def _safely(operation: Callable[[], Any], default: Any = None) -> Any:
    try:
        return operation()
    except Exception:  # any cache backend failure: serve uncached rather than fail
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        return default


# Where the next scheduled go-live comes from: the apps that schedule content register a
# function giving theirs (press registers its scheduled releases). Core knows no content.
_schedules: list[Callable[[], datetime.datetime | None]] = []


def register_schedule(next_go_live: Callable[[], datetime.datetime | None]) -> None:
    """Have generations end when ``next_go_live()`` comes (scheduled content goes live)."""
    if next_go_live not in _schedules:
        _schedules.append(next_go_live)


def _new_state(generation: int | str) -> dict[str, Any]:
    upcoming = [moment for moment in (source() for source in _schedules) if moment is not None]
    next_live = min(upcoming) if upcoming else None
    return {
        "generation": generation,
        "changed_at": time.time(),
        "next_go_live": next_live.timestamp() if next_live else None,
    }


def _first_counter() -> int:
    # A counter started afresh (Redis restarted or evicted it) starts above any value it
    # can have reached before, so pages cached under an old number are never reached
    # again: microseconds since the epoch grow faster than publications.
    return time.time_ns() // 1000


# This process's last known state. While the cache does not answer, it stands in for a
# few seconds (so per-generation work such as the facet index is not redone on every
# request), then a generation of this process's own starts: it sees changes made by other
# workers at most that much later.
_local: dict[str, Any] = {"state": None, "seen_at": 0.0}
LOCAL_STATE_SECONDS = 10
# Set when the cache failed to record a change or to answer at all: changes made meanwhile
# may be unknown to the cache, so once it answers again a new generation starts.
_missed = threading.Event()


def _expired(state: dict[str, Any]) -> bool:
    return bool(state["next_go_live"]) and time.time() >= state["next_go_live"]


# The state a public request started with (set by the middleware): every per-generation
# value the request uses belongs to one generation, and the cache is asked once per request
# instead of once per use (navigation, catalogue, index, classifier).
_request_state: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "request_state", default=None
)


def _advance(changes: dict[str, Any] | None = None) -> int | None:
    """Start the next generation in the cache; its number, or None if the cache is away.
    ``changes``: what started it, for the change log (None: unknown)."""
    try:
        generation = cache.incr(COUNTER_KEY)
        if changes is not None:
            _safely(lambda: cache.set(f"{CHANGES_KEY}{generation}", changes, CHANGES_TTL))
    except ValueError:  # no counter yet (a new or restarted cache)
        added = _safely(lambda: cache.add(COUNTER_KEY, _first_counter(), None))
        generation = _safely(lambda: cache.get(COUNTER_KEY)) if added is not None else None
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        generation = None
    if generation is None:
        _missed.set()
    return generation


def _shared_state() -> dict[str, Any] | None:
    """The current generation's state as the cache knows it; None if the cache is away."""
    values = _safely(lambda: cache.get_many([COUNTER_KEY, STATE_KEY]), {})
    generation = values.get(COUNTER_KEY)
    if generation is None:
        if _safely(lambda: cache.add(COUNTER_KEY, _first_counter(), None)) is None:
            _missed.set()
            return None
        generation = _safely(lambda: cache.get(COUNTER_KEY))
        if generation is None:
            _missed.set()
            return None
    if _missed.is_set():
        # Back after a failure: whatever changed meanwhile may not have been counted.
        _missed.clear()
        generation = _advance()
        if generation is None:
            return None
    state = values.get(STATE_KEY)
    if state is not None and state["generation"] == generation and not _expired(state):
        return state
    if state is not None and state["generation"] == generation:
        # The generation ended with a scheduled go-live: the first worker to notice starts
        # the next one, the others take its number.
        if _safely(lambda: cache.add(f"{COUNTER_KEY}:ended:{generation}", 1, 3600)):
            generation = _advance({"releases": []})
        else:
            generation = _safely(lambda: cache.get(COUNTER_KEY))
        if generation is None:
            return None
    state = _new_state(generation)
    # The first worker to describe a generation decides its start time for everyone.
    if not _safely(lambda: cache.add(f"{STATE_KEY}:{generation}", state, 3600)):
        state = _safely(lambda: cache.get(f"{STATE_KEY}:{generation}")) or state
    _safely(lambda: cache.set(STATE_KEY, state, None))
    return state


def current_state() -> dict[str, Any]:
    snapshot = _request_state.get()
    if snapshot is not None:
        return snapshot
    state = _shared_state()
    if state is None:
        local = _local["state"]
        fresh = time.monotonic() - _local["seen_at"] < LOCAL_STATE_SECONDS
        if local is not None and fresh and not _expired(local):
            return local
        state = _new_state(f"local-{uuid.uuid4().hex}")
    if state is not _local["state"]:
        _local["state"], _local["seen_at"] = state, time.monotonic()
    return state


def _forget(changes: dict[str, Any] | None = None) -> None:
    _request_state.set(None)
    _local["state"] = None
    _advance(changes)


def forget_state() -> None:
    """Start a new generation now (tests, management commands)."""
    _forget()


def content_changed(changes: dict[str, Any] | None = None) -> None:
    """Start a new generation: now, and again when the writing transaction commits (so a
    page rendered from the old data in between is not kept). ``changes`` goes into the
    change log of both."""
    _forget(changes)
    transaction.on_commit(functools.partial(_forget, changes))


def start_new_generation(sender=None, **kwargs) -> None:
    """Receiver of ``terms_changed`` (core.signals): anything may depend on reference data."""
    content_changed()


def releases_changed(sender=None, ids=None, **kwargs) -> None:
    """Receiver of ``release_changed`` (core.signals): the log names the releases, when
    the sender could list them."""
    content_changed(None if ids is None else {"releases": sorted(ids)})


def changes_between(old: int | str | None, new: int | str) -> list[dict[str, Any]] | None:
    """The change log from generation ``old`` (excluded) to ``new``; None when some entry
    is missing, so that what depends on the content must be rebuilt."""
    if not (isinstance(old, int) and isinstance(new, int)) or not 0 < new - old <= MAX_CHANGES:
        return None
    keys = [f"{CHANGES_KEY}{generation}" for generation in range(old + 1, new + 1)]
    found = _safely(lambda: cache.get_many(keys), {})
    if keys[-1] not in found and len(found) == len(keys) - 1:
        # The newest entry is written just after its number is taken: a moment's grace.
        time.sleep(0.02)
        found |= _safely(lambda: cache.get_many(keys[-1:]), {})
    if len(found) != len(keys):
        return None
    return [found[key] for key in keys]


# Set while a request is answered from a per-generation value of an older generation
# (see per_generation's background rebuilds): such a response must not be cached as the
# current generation's page.
_served_stale: contextvars.ContextVar[bool] = contextvars.ContextVar("served_stale", default=False)


def per_generation[T](
    build: Callable[[], T] | None = None,
    *,
    background_after: Callable[[], float | None] | None = None,
    patch: Callable[[T, list[dict[str, Any]]], T | None] | None = None,
) -> Callable[[], T]:
    """Memoise ``build()`` in this process for the current content generation.

    For what every request needs and only a content change alters (reference data, the
    facet index, the classifier): built by the first request of a generation, shared by
    the process's threads, rebuilt after any change.

    ``background_after``: a function giving a number of seconds. Once a build has taken
    longer than that (a facet index of a million releases), later rebuilds run in a thread
    while requests keep the previous value, marked stale so that their pages are not
    cached; quick builds are simply redone by the request that needs them.

    ``patch``: a function ``patch(value, changes)`` bringing the previous generation's
    value up to date from the change log (``changes_between``), or returning None when it
    cannot; tried first whenever the log is complete.
    """
    if build is None:
        return functools.partial(per_generation, background_after=background_after, patch=patch)
    lock = threading.Lock()
    memo: dict[str, Any] = {"generation": None, "value": None, "seconds": 0.0, "building": False}

    def timed_build() -> T:
        started = time.monotonic()
        value = build()
        memo["seconds"] = time.monotonic() - started
        return value

    def rebuild_in_background(generation: str, started_from: Any) -> None:
        try:
            value = timed_build()
            with lock:
                # Unless a patch brought the value further meanwhile.
                if memo["generation"] == started_from:
                    memo["value"], memo["generation"] = value, generation
        except Exception:
            logger.exception("Background rebuild of %s failed", build.__qualname__)
        finally:
            memo["building"] = False
            connections.close_all()  # this thread's own connections

    def patched(generation: Any) -> bool:
        """Bring the value to ``generation`` by patching it, if the log allows."""
        changes = changes_between(memo["generation"], generation)
        if changes is None:
            return False
        try:
            value = patch(memo["value"], changes)
        except Exception:
            logger.exception("Patching %s failed; rebuilding", build.__qualname__)
            return False
        if value is None:
            return False
        memo["value"], memo["generation"] = value, generation
        return True

    @functools.wraps(build)
    def current() -> T:
        generation = current_state()["generation"]
        if memo["generation"] == generation:
            return memo["value"]
        if patch is not None and memo["generation"] is not None:
            with lock:
                if memo["generation"] == generation or patched(generation):
                    return memo["value"]
        threshold = background_after() if background_after is not None else None
        slow = threshold is not None and memo["seconds"] > threshold
        if slow and memo["generation"] is not None:
            with lock:
                if not memo["building"]:
                    memo["building"] = True
                    threading.Thread(
                        target=rebuild_in_background,
                        args=(generation, memo["generation"]),
                        daemon=True,
                    ).start()
            _served_stale.set(True)
            return memo["value"]
        with lock:
            if memo["generation"] != generation:
                memo["value"] = timed_build()
                memo["generation"] = generation
        return memo["value"]

    return current


def _seconds_left(state: dict[str, Any], expires_at: float | None = None) -> int:
    """How long a page of ``state``'s generation may be kept from now: until the next
    scheduled go-live, until its cache entry expires, and never longer than MAX_AGE."""
    limits = [MAX_AGE]
    if state["next_go_live"]:
        limits.append(state["next_go_live"] - time.time())
    if expires_at is not None:
        limits.append(expires_at - time.time())
    return int(min(limits))


class PublicPageCacheMiddleware:
    """Place after AuthenticationMiddleware: it needs to know who is asking."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response
        token = _request_state.set(current_state())
        try:
            if not getattr(settings, "PUBLIC_PAGE_CACHE", True):
                return self.get_response(request)
            return self._public_response(request, _request_state.get())
        finally:
            _request_state.reset(token)

    def _public_response(self, request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
        prefix = str(state["generation"])
        key = _safely(lambda: get_cache_key(request, prefix, "GET", cache=cache))
        if key is not None:
            cached = _safely(lambda: cache.get(key))
            seconds = _seconds_left(state, getattr(cached, "expires_at", None))
            if cached is not None and seconds >= 1:
                # What is left of the entry's life, not the max-age it was stored with:
                # downstream caches must not keep it past a go-live or its expiry.
                patch_cache_control(cached, max_age=seconds)
                cached["X-Cache"] = "hit"
                return cached

        token = _served_stale.set(False)
        try:
            response = self.get_response(request)
            stale = _served_stale.get()
        finally:
            _served_stale.reset(token)
        if not response.streaming:
            # One chunk, one write: feeds are built from thousands of small writes, each of
            # which would otherwise be its own send() to the client.
            response.content = response.content
        if stale and self._storable(request, response):
            # Answered while this process rebuilds for the new generation: correct a moment
            # ago, so shareable for a second, but not this generation's page.
            patch_cache_control(response, public=True, max_age=1)
            response["X-Cache"] = "stale"
        elif request.method == "GET" and self._storable(request, response):
            seconds = max(1, _seconds_left(state))
            patch_cache_control(response, public=True, max_age=seconds)
            response.headers.setdefault("Last-Modified", http_date(state["changed_at"]))
            if not response.has_header("ETag"):
                set_response_etag(response)
            response["X-Cache"] = "miss"
            response.expires_at = time.time() + seconds

            def store():
                key = learn_cache_key(request, response, seconds, prefix, cache=cache)
                cache.set(key, response, seconds)

            _safely(store)
        return response

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(UNCACHED_PREFIXES):
            return False
        # Signed-in staff may see drafts and banners: never share their pages.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        return not (has_session and request.user.is_authenticated)

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        if get_max_age(response) == 0 or has_vary_header(response, "Authorization"):
            return False
        # A page carrying a CSP nonce must never be served twice.
        return not getattr(request, "_csp_nonce", None)
