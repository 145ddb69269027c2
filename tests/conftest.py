import contextlib
import os
import threading
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.signals import request_finished, request_started

from tests.factories import make_user


class RequestsInFlight:
    """Requests the live server is still answering. On SQLite the server thread shares the
    test's connection to the in-memory database, so one still running while the database is
    emptied for the next test corrupts both; on PostgreSQL it deadlocks the flush."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.count += 1

    def finished(self, **kwargs):
        with self.lock:
            self.count -= 1

    def wait_until_quiet(self, quiet_for=0.2, timeout=10.0):
        """Return once no request has run for `quiet_for` seconds: one the browser sent
        just before it was stopped may not have reached the server yet."""
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if self.count > 0:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_for:
                return
            time.sleep(0.02)


requests_in_flight = RequestsInFlight()
request_started.connect(requests_in_flight.started, dispatch_uid="tests.requests_in_flight")
request_finished.connect(requests_in_flight.finished, dispatch_uid="tests.requests_in_flight")


def pytest_collection_modifyitems(config, items):
    """Tests about PostgreSQL itself (restarting the server) belong to the PostgreSQL run;
    on SQLite they are not collected rather than skipped."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept = [item for item in items if not item.get_closest_marker("postgresql_only")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language: a request to /ru/ leaves Russian
    active in the thread (the next request would set its own), and a test's own reverse()
    would otherwise give /ru/ addresses."""
    from django.utils import translation

    translation.activate("en-gb")
    yield
    translation.deactivate()


@pytest.fixture
def author(db):
    return make_user("author", groups=["Author"])


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editor"])


@pytest.fixture
def taxonomy_manager(db):
    return make_user("keeper", groups=["Taxonomy manager"])


@pytest.fixture
def superuser(db):
    return make_user("admin", superuser=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the navigation and pages are cached)."""
    from django.core.cache import cache

    from core.generations import forget_state

    cache.clear()
    # Each test's data is new: so is the content generation (facet index, names, pages).
    forget_state()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """What the data migrations wrote (reference data, groups), dumped once before any test
    changed it: tests that commit flush every table when they end, and the ones after them
    load it back. Permissions and content types come back by themselves (Django makes them
    again after a flush), so groups name their permissions by natural key."""
    from django.core.management import call_command

    dump = tmp_path_factory.mktemp("migrated") / "data.json"
    with django_db_blocker.unblock():
        call_command(
            "dumpdata", "taxonomy", "auth.group", natural_foreign=True, output=dump, verbosity=0
        )
    return dump


def restore_migrated_data(dump) -> None:
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    if not Group.objects.exists():
        call_command("loaddata", dump, verbosity=0)


@pytest.fixture
def reference_data(transactional_db, migrated_data):
    restore_migrated_data(migrated_data)


@pytest.fixture(autouse=True)
def _reference_data_for_committing_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("reference_data")


# The browser: one Chromium for the whole run, whichever folder a browser test is in.


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message))
    # Its context is closed after the test by _quiet_live_server.
    return page


@pytest.fixture(autouse=True)
def _quiet_live_server(request):
    """A request still in flight (a tag suggestion, an autosave, the live preview) would meet
    the database being emptied for the next test. Refuse any new request from every context
    the test opened (a debounced autosave firing after it), close them, then let the server
    finish the ones under way."""
    yield
    if "live_server" not in request.fixturenames:
        return
    if "browser" in request.fixturenames:
        browser = request.getfixturevalue("browser")
        for context in browser.contexts:
            with contextlib.suppress(PlaywrightError):
                context.route("**/*", lambda route: route.abort())
        for context in browser.contexts:
            with contextlib.suppress(PlaywrightError):
                context.close()
    requests_in_flight.wait_until_quiet()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
