"""The API's documentation page in a real browser: Swagger UI renders every operation from
our own files, under the site's Content Security Policy, asking no other origin for anything."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser_support import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def test_the_documentation_page_works_under_the_csp(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors, elsewhere = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    own = urlparse(live_server.url).netloc
    page.on(
        "request",
        lambda request: (
            urlparse(request.url).netloc not in (own, "") and elsewhere.append(request.url)
        ),
    )
    try:
        page.goto("/api/v1/docs")
        page.wait_for_selector("#operations-default-listReleases", timeout=15_000)
        for operation in ("getRelease", "listCountries", "listStructures", "listChairpersonships"):
            assert page.locator(f"#operations-default-{operation}").count() == 1
        assert page.evaluate("window.__cspViolations") == []
        assert errors == []
        assert elsewhere == []
    finally:
        context.close()
