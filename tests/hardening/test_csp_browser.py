"""The Content Security Policy in a real browser: the public site and the admin, rich-text
editor included, work without a single violation."""

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.browser_support import DESKTOP
from tests.factories import make_release, make_user

pytestmark = [
    pytest.mark.browser,
    # Live server: committed data (the suite's conftest reloads the reference data).
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"

# Collects every violation the browser reports, from the first script on each document.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def in_chromium(browser):
    """Run steps with a fresh page of the suite's Chromium that records policy violations."""

    def run(base_url: str, steps: Callable):
        context = browser.new_context(viewport=DESKTOP, base_url=base_url)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        try:
            return steps(page)
        finally:
            context.close()

    return run


def violations(page, where: str) -> list[str]:
    """Everything the policy blocked on the current document, and CSP errors in the console."""
    found = [f"{where}: {text}" for text in page.evaluate("window.__cspViolations")]
    found += [
        f"{where}: {text}" for text in page.console_errors if "Content Security Policy" in text
    ]
    return found


def log_in(page, username: str) -> None:
    page.goto(reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")


@pytest.fixture
def release():
    return make_release(
        "Ministerial Council opens in Vienna",
        countries=["austria"],
        fields=["border-management"],
        meetings=["ministerial-council"],
        tags=["ministerial"],
        body="<p>The <strong>Ministerial Council</strong> met today.</p>",
    )


def test_public_pages_load_without_a_policy_violation(in_chromium, live_server, release):
    paths = [
        "/",
        "/press-releases/",
        "/press-releases/?country=austria&q=council",
        release.get_absolute_url(),
        "/countries/",
        "/countries/austria/",
        "/fields-of-work/",
        "/fields-of-work/border-management/",
        "/structures/",
        "/structures/secretary-general/",
        "/meetings/ministerial-council/",
        "/press-releases/no-such-release/",
    ]

    def visit(page) -> tuple[list, list[str]]:
        statuses, problems = [], []
        for path in paths:
            response = page.goto(path)
            page.wait_for_load_state("load")
            statuses.append((path, response.status, "content-security-policy" in response.headers))
            problems += violations(page, path)
        return statuses, problems

    statuses, problems = in_chromium(live_server.url, visit)
    assert problems == []
    for path, status, has_policy in statuses:
        assert status in (200, 404), path
        assert has_policy, path


def test_admin_change_form_and_rich_text_editor_work_under_the_policy(
    in_chromium, live_server, release
):
    make_user("chief", superuser=True)
    change_url = reverse("admin:press_pressrelease_change", args=[release.pk])

    def edit(page) -> list[str]:
        log_in(page, "chief")
        problems = violations(page, "admin index")
        page.goto(change_url)
        page.wait_for_load_state("load")
        # The editor is built by script: had the policy blocked it, there would be no
        # editable area, only the hidden textarea.
        editor = page.locator(".ProseMirror[contenteditable=true]").first
        editor.wait_for(state="visible", timeout=10_000)
        editor.click()
        page.keyboard.press("End")
        page.keyboard.type(" Delegations adopted a declaration.")
        problems += violations(page, "change form")
        page.get_by_label("Minor change", exact=False).check()  # the release is public
        page.click("input[name=_save]")
        page.wait_for_load_state("load")
        return problems + violations(page, "after saving")

    assert in_chromium(live_server.url, edit) == []
    release.refresh_from_db()
    assert "Delegations adopted a declaration." in release.body
    assert "<strong>Ministerial Council</strong>" in release.body


def test_admin_add_form_and_changelist_load_without_a_policy_violation(
    in_chromium, live_server, release
):
    make_user("chief", superuser=True)
    paths = [
        reverse("admin:press_pressrelease_changelist"),
        reverse("admin:press_pressrelease_add"),
        reverse("admin:press_pressrelease_history", args=[release.pk]),
    ]

    def visit(page) -> tuple[list, list[str]]:
        log_in(page, "chief")
        statuses, problems = [], []
        for path in paths:
            response = page.goto(path)
            page.wait_for_load_state("load")
            statuses.append((path, response.status))
            problems += violations(page, path)
        return statuses, problems

    statuses, problems = in_chromium(live_server.url, visit)
    assert problems == []
    assert all(status == 200 for _path, status in statuses), statuses


def test_the_violation_record_sees_what_the_policy_blocks(in_chromium, live_server, settings):
    """Proof that the checks above can fail: forbid all script, and the admin's is reported."""
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": ["'none'"]}

    def visit(page) -> list[str]:
        page.goto(reverse("admin:login"))
        page.wait_for_load_state("load")
        return violations(page, "login")

    found = in_chromium(live_server.url, visit)
    assert any("script-src" in problem for problem in found), found
