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
