"""Production settings plus the baseline endpoints the benchmark compares pages against."""

import os

from osce_cms.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The benchmark measures pages with and without the page cache.
PUBLIC_PAGE_CACHE = os.environ.get("NEWSROOM_PAGE_CACHE", "1") == "1"
