"""The Content Security Policy in a real browser: the public site and the admin, rich-text
editor included, work without a single violation."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP
from tests.factories import make_release, make_user

pytestmark = [
    pytest.mark.browser,
    # Live server: committed data, and the reference data restored after each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data"),
]


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
def csp_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def assert_no_violation(page, path: str) -> None:
    violations = page.evaluate("window.__cspViolations")
    csp_console = [text for text in page.console_errors if "Content Security Policy" in text]
    assert violations == [], f"{path}: {violations}"
    assert csp_console == [], f"{path}: {csp_console}"


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


def public_paths(release) -> list[str]:
    return [
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


def test_public_pages_load_without_a_policy_violation(csp_page, release):
    for path in public_paths(release):
        response = csp_page.goto(path)
        assert response.status in (200, 404), path
        csp_page.wait_for_load_state("load")
        assert "content-security-policy" in response.headers
        assert_no_violation(csp_page, path)


def test_admin_change_form_and_rich_text_editor_work_under_the_policy(csp_page, release):
    make_user("chief", superuser=True)
    csp_page.goto(reverse("admin:login"))
    csp_page.fill("#id_username", "chief")
    csp_page.fill("#id_password", "correct horse battery staple")
    csp_page.click("input[type=submit]")
    csp_page.wait_for_url(f"**{reverse('admin:index')}")
    assert_no_violation(csp_page, "admin index")

    change_url = reverse("admin:press_pressrelease_change", args=[release.pk])
    csp_page.goto(change_url)
    csp_page.wait_for_load_state("load")
    # The editor is built by script: if the policy had blocked it, there would be no
    # editable area, only the hidden textarea.
    editor = csp_page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for(state="visible", timeout=10_000)
    editor.click()
    csp_page.keyboard.press("End")
    csp_page.keyboard.type(" Delegations adopted a declaration.")
    assert_no_violation(csp_page, "change form")

    csp_page.click("input[name=_save]")
    csp_page.wait_for_load_state("load")
    assert_no_violation(csp_page, "after saving")
    release.refresh_from_db()
    assert "Delegations adopted a declaration." in release.body
    assert "<strong>Ministerial Council</strong>" in release.body


def test_admin_add_form_and_changelist_load_without_a_policy_violation(csp_page, release):
    make_user("chief", superuser=True)
    csp_page.goto(reverse("admin:login"))
    csp_page.fill("#id_username", "chief")
    csp_page.fill("#id_password", "correct horse battery staple")
    csp_page.click("input[type=submit]")
    csp_page.wait_for_url(f"**{reverse('admin:index')}")
    for path in (
        reverse("admin:press_pressrelease_changelist"),
        reverse("admin:press_pressrelease_add"),
        reverse("admin:press_pressrelease_history", args=[release.pk]),
    ):
        response = csp_page.goto(path)
        assert response.status == 200, path
        csp_page.wait_for_load_state("load")
        assert_no_violation(csp_page, path)


def test_the_violation_record_sees_what_the_policy_blocks(csp_page, settings):
    """Proof that the checks above can fail: forbid all script, and the admin's is reported."""
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": ["'none'"]}
    csp_page.goto(reverse("admin:login"))
    csp_page.wait_for_load_state("load")
    violations = csp_page.evaluate("window.__cspViolations")
    assert any("script-src" in violation for violation in violations), violations
