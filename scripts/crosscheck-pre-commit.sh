#!/usr/bin/env bash
# Runs both hooks of .pre-commit-hooks.yaml through the real pre-commit
# (python3 -m pip install pre-commit) on a repository whose register lives in a
# subfolder, configured as docs/ci.md says: the hook repository is this checkout
# (a file:// URL, so nothing is fetched but crates), pinned to its commit SHA. A clean
# commit passes; a commit that only deletes a register file that others refer to is
# stopped. The `aims-check` hook builds aims with `cargo install --locked` on the way.
# Usage: scripts/crosscheck-pre-commit.sh [path/to/built/aims]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
aims=${1:-$root/target/debug/aims}
command -v pre-commit >/dev/null || { echo "pre-commit not found: python3 -m pip install pre-commit" >&2; exit 2; }
[[ -x $aims ]] || { echo "$aims not built: run cargo build first" >&2; exit 2; }
[[ -z $(git status --porcelain -- .pre-commit-hooks.yaml scripts/pre-commit-aims-check) ]] ||
  echo "note: the hooks are taken from the last commit; uncommitted changes to them are not tested" >&2
rev=$(git rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache GIT_CONFIG_GLOBAL=$work/gitconfig
git config --global user.name CI
git config --global user.email ci@test.example
git config --global init.defaultBranch main

failures=0
check() { # hook-id description
  local id=$1 repo=$work/$1
  mkdir -p "$repo/compliance"
  cp -r examples/northwind "$repo/compliance/aims"
  cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: file://$root
    rev: $rev
    hooks:
      - id: $id
        args: [-C, compliance/aims, --today, "2026-11-22"]
YAML
  (
    cd "$repo"
    git init -q || exit 1
    git add -A || exit 1
    pre-commit install >/dev/null || { echo "FAIL: $id: pre-commit install"; exit 1; }
    if ! git commit -qm "Register" >"$work/$id.log" 2>&1; then
      echo "FAIL: $id: a commit of a clean register was stopped"; cat "$work/$id.log"; exit 1
    fi
    git rm -q compliance/aims/systems/credit-scoring.yaml || exit 1
    if git commit -qm "Remove a system" >"$work/$id.log" 2>&1; then
      echo "FAIL: $id: a commit deleting a system the risks refer to went through"; exit 1
    fi
    grep -q "unknown-reference" "$work/$id.log" || { echo "FAIL: $id: no unknown-reference reported"; cat "$work/$id.log"; exit 1; }
    echo "pre-commit cross-check: $id passed a clean commit and stopped a deletion"
  ) || failures=$((failures + 1))
}
PATH="$(dirname "$aims"):$PATH" check aims-check-system
# The hook's `cargo install --locked` builds the release profile; optimising it would
# add minutes that test nothing here, and a target folder kept under target/ lets the
# next run reuse the build.
CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=0 \
  CARGO_TARGET_DIR=$root/target/pre-commit-hook check aims-check
[[ $failures == 0 ]]
