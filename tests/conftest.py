import contextlib
import os

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.factories import make_user


def pytest_collection_modifyitems(config, items):
    """Tests about PostgreSQL itself (restarting the server) belong to the PostgreSQL run;
    on SQLite they are not collected rather than skipped."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept = [item for item in items if not item.get_closest_marker("postgresql_only")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


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
    yield page
    # A request still in flight (a tag suggestion, an autosave) would meet the database
    # being emptied for the next test: let the page go quiet first.
    with contextlib.suppress(PlaywrightError):  # one that never goes quiet is closed anyway
        page.wait_for_load_state("networkidle", timeout=5000)
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
