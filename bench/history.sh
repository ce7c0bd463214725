#!/usr/bin/env bash
# Benchmark the git trail on a repository of 20,000 commits touching 10,000 entity
# files (bench/gen_history.py, built with git fast-import and then `git gc`):
# aims status, aims log for a risk (in the folder nearly every commit changes) on a
# first run and on later runs (which reuse what .git/aims/ keeps), against
# git log --name-only and git log -- <path>; aims diff across the whole history and
# aims report management-review (no review yet: since the first commit, every risk
# compared).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=bench/out/history
cargo build --release --quiet
if [[ ! -d $repo/.git ]]; then
  python3 bench/gen_history.py "$repo"
  git -C "$repo" gc -q
fi
aims=$PWD/target/release/aims
cd "$repo"
t() { /usr/bin/env time -f "$1: %e s, %M KB peak" "${@:2}" >/dev/null || true; }
rm -rf .git/aims
t "aims status" "$aims" status --format json
t "aims log R-00042, first run (works out what all 20,000 commits changed)" "$aims" log R-00042
t "aims log R-09000, later runs (only new commits are read)" "$aims" log R-09000
t "aims log sys-007, later runs" "$aims" log sys-007
t "aims diff of the whole history (20,000 commits)" "$aims" diff HEAD~19999..HEAD --format json
t "aims report management-review (since the first commit)" "$aims" report management-review --today 2026-05-20 --format json
t "git log --name-only" git log --name-only --format=%H
t "git log -- risks/R-00042.yaml" git log --format=%H -- risks/R-00042.yaml
