"""How long importing a large archive of legacy pages takes.

    uv run python bench/import_legacy.py [--pages 10000] [--database-url URL]

Writes ``--pages`` pages (the evaluation pages of tests/data/legacy_eval, every shape of the
old site, each copy with a title of its own) to a temporary folder, migrates an empty
database (a fresh SQLite file unless ``--database-url`` names another, which must be empty)
and times ``manage.py import_releases`` on the folder twice: ``--dry-run`` (reading and
classifying only) and the import itself. The target: 10,000 pages in under 5 minutes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "legacy_eval" / "pages"
TITLE_WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliett",
]


def write_pages(folder: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_cms.settings")
    import django

    django.setup()
    from press.importer import parse_page

    sources = sorted(PAGES.glob("*.txt"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sources]
    for n in range(count):
        name, text = texts[n % len(texts)]
        title = parse_page(text).title
        # A title of its own per copy, as in a real archive (the slugs differ too).
        suffix = " ".join(TITLE_WORDS[int(d)] for d in str(n))
        (folder / f"{n:05}_{name}").write_text(
            text.replace(title, f"{title} {suffix}", 1), encoding="utf-8"
        )


def manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsroom-import-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, args.pages)
        env = dict(os.environ)
        env["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--no-input", "-v", "0")
        dry = manage(env, "import_releases", str(folder), "--dry-run", "--progress", "always")
        real = manage(env, "import_releases", str(folder), "--progress", "always")
        again = manage(env, "import_releases", str(folder), "--progress", "always")
    print(f"{args.pages} pages")
    for label, seconds in (("dry run", dry), ("import", real), ("re-import", again)):
        print(f"  {label:10} {seconds:7.1f} s  {args.pages / seconds:7.1f} pages/s")


if __name__ == "__main__":
    main()
