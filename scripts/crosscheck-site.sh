#!/usr/bin/env bash
# The example register's site read by real consumers: the Nu Html Checker (vnu.jar)
# validates every page and the stylesheet, and headless Chromium opens every page
# from file:// with axe-core, follows the links, walks from the home page to a high
# risk, its control, the control's evidence and the approving commit, and uses the
# search box (scripts/site-check/check.mjs).
#
# The example is committed in a throwaway repository by the ML lead, then R-001,
# A.6.2.4 and aims.yaml are approved with `aims approve` by the head of AI
# governance, so that the site shows real history and approvals.
#
# Needs Java (for vnu.jar), Node.js with npm, and Chromium (Debian's package
# `chromium`, or CHROMIUM=/path/to/chrome); installs the npm packages pinned in
# scripts/site-check/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

aims=${AIMS:-}
if [ -z "$aims" ]; then
  cargo build --quiet
  aims="${CARGO_TARGET_DIR:-$repo/target}/debug/aims"
fi

(cd scripts/site-check && npm ci --ignore-scripts --no-audit --no-fund --silent)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reg="$work/northwind"
cp -r examples/northwind "$reg"
gitc() {
  GIT_CONFIG_NOSYSTEM=1 HOME="$work" GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
    git -C "$reg" -c user.name="$2" -c user.email="$3" "${@:4}"
}
gitc 2026-11-01 "Tom Okafor" tom@northwind.example init -q -b main
gitc 2026-11-01 "Tom Okafor" tom@northwind.example add -A
gitc 2026-11-01 "Tom Okafor" tom@northwind.example commit -qm "Northwind register"
git -C "$reg" config user.name "Priya Natarajan"
git -C "$reg" config user.email priya@northwind.example
HOME="$work" GIT_CONFIG_NOSYSTEM=1 "$aims" -C "$reg" approve R-001 A.6.2.4 aims \
  -m "Approve the fairness risk and its validation control" >/dev/null

"$aims" -C "$reg" report site --output "$work/site" --today 2026-11-22

echo "-- vnu.jar: every page and the stylesheet, errors and warnings"
# One note is left out: vnu cannot evaluate the pages' Content-Security-Policy for a
# file: document and says the site's own stylesheet and script would be blocked;
# Chromium (below) and Firefox load them under the same policy from file://.
find "$work/site" -path "$work/site/files" -prune -o \( -name '*.html' -o -name '*.css' \) -print0 |
  xargs -0 java -jar scripts/site-check/node_modules/vnu-jar/build/dist/vnu.jar \
    --also-check-css --exit-zero-always --format gnu 2>&1 |
  grep -v 'info warning: Resource violates Content Security Policy (meta tag): external \(stylesheet\|script\) “\(\.\./\)\?assets/site\.\(css\|js\)”' \
    >"$work/vnu.txt" || true
if [ -s "$work/vnu.txt" ]; then
  cat "$work/vnu.txt"
  echo "vnu.jar reports $(wc -l <"$work/vnu.txt") message(s)"
  exit 1
fi
echo "vnu.jar reports nothing"

echo "-- Chromium: links, console, axe, the walk, search"
node scripts/site-check/check.mjs "$work/site"
