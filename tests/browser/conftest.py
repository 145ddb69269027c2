"""Browser tests: a real Chromium (Debian's, never a downloaded one) against a live server."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
]
VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


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
    context.close()


def validate_html(html: str) -> list[str]:
    """Errors the Nu Html Checker finds in a document."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "text", "-"],
        input=html.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    output = (result.stdout + result.stderr).decode()
    return [
        line
        for line in output.splitlines()
        if line.strip() and not line.startswith("Document checking completed")
    ]


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def reference_data(transactional_db):
    """The reference data and groups, loaded by their migrations as in production.

    Serialized rollback restores them after an earlier live-server test flushed the
    database, except when the test runs on a connection object without the serialized copy
    (after non-transactional tests ran first): then they are loaded again here.
    """
    from importlib import import_module

    from django.apps import apps as django_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from taxonomy.models import Structure

    if not Group.objects.exists():
        groups = import_module("press.migrations.0003_groups")
        for label in ("press", "taxonomy", "taggit"):
            create_permissions(django_apps.get_app_config(label), verbosity=0)
        for name, codenames in groups.GROUPS.items():
            group = Group.objects.create(name=name)
            for app_label, codename in codenames:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
    if not Structure.objects.exists():
        import_module("taxonomy.migrations.0002_reference_data").load(django_apps, None)
