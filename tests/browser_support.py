"""What the browser tests share: Debian's Chromium (never a downloaded one), the Nu Html
Checker, viewport sizes. The fixtures themselves are in tests/conftest.py, defined once, so
every test directory drives the same browser."""

import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
]
VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


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


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_problems(page, paths: dict[str, str], artifacts_dir, prefix: str, status=None) -> list:
    """What a reader would meet wrong on each page: the Nu Html Checker's errors, axe-core's
    WCAG violations and horizontal overflow, at phone and desktop widths; a screenshot of
    each. ``status`` gives the answer a page other than 200 must give, by name."""
    from axe_playwright_python.sync_playwright import Axe

    axe, status, failures = Axe(), status or {}, []
    for name, path in paths.items():
        response = page.request.get(path)
        assert response.status == status.get(name, 200), path
        errors = validate_html(response.text())
        if errors:
            failures.append((name, "vnu", errors))
        for label, viewport in (("375", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(viewport)
            page.goto(path)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                failures.append((name, label, results.generate_report()))
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                failures.append((name, label, f"overflows by {overflow}px"))
            page.screenshot(
                path=str(artifacts_dir / f"{prefix}-{name}-{label}.png"), full_page=True
            )
    return failures


def report(failures: list) -> str:
    return "\n\n".join(f"{name} {where}: {detail}" for name, where, detail in failures)
