#!/usr/bin/env bash
# Lighthouse scores of the home page, the listing and a release page, in English and Russian,
# at phone and desktop settings, with Debian's Chromium; fails when any category is under 95.
#
#     make lighthouse [BASE=http://127.0.0.1:8000]
#
# BASE is a running site (`make run` in another terminal, or gunicorn with production
# settings). Lighthouse comes from the npm registry into .cache/lighthouse, once.
set -euo pipefail
BASE="${BASE:-${1:-http://127.0.0.1:8000}}"
MINIMUM="${MINIMUM:-95}"
CHROMIUM="${CHROME_PATH:-/usr/bin/chromium}"
TOOLS="$(cd "$(dirname "$0")/.." && pwd)/.cache/lighthouse"
OUT="${TOOLS}/reports"
mkdir -p "$OUT"
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save lighthouse@12 >/dev/null
fi
first_release() {  # the first release linked from a listing
  curl -fsS "$BASE$1" | grep -o 'release-card__title"><a href="[^"]*"' | head -1 | cut -d'"' -f3
}
pages=(
  / /ru/ /press-releases/ /ru/press-releases/
  "$(first_release /press-releases/)" "$(first_release /ru/press-releases/)"
)
failed=0
for page in "${pages[@]}"; do
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    report="$OUT/$(echo "$page" | tr '/' '_' | cut -c1-60)-$form.json"
    CHROME_PATH="$CHROMIUM" "$TOOLS/node_modules/.bin/lighthouse" "$BASE$page" "${preset[@]}" \
      --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --no-first-run"
    python3 - "$report" "$page" "$form" "$MINIMUM" <<'PY' || failed=1
import json, sys
report, page, form, minimum = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
categories = json.load(open(report))["categories"]
scores = {name: round(category["score"] * 100) for name, category in categories.items()}
print(f"{page:<70} {form:<8} " + "  ".join(f"{name} {score}" for name, score in scores.items()))
sys.exit(1 if min(scores.values()) < minimum else 0)
PY
  done
done
[ "$failed" = 0 ] || { echo "Some page scored under $MINIMUM (reports in $OUT)"; exit 1; }
