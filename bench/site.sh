#!/usr/bin/env bash
# Benchmark `aims report site` on the generated register of bench/run.sh (10,000 risks,
# 500 systems, 500 impact assessments, 1,000 incidents, 200 objectives, 50 policies:
# 12,298 files, 12,389 pages):
#
#   outside git      the register as generated (no history, no approvals)
#   in git           the same register committed once and approved once (every entity's
#                    history and approval state read), as CI builds it
#   --history        also the 20,000-commit repository of bench/history.sh (every
#                    entity's history followed through every commit)
#
# Each run writes a fresh folder: ext4 allocates inodes slowly right after 12,000 files
# were deleted, so the folders of all runs are removed together at the end. The wall
# time, CPU time (user + system) and peak memory of each run are printed; hyperfine is
# not used, since each run must write to a folder of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
cargo build --release --quiet
aims=$(realpath "${CARGO_TARGET_DIR:-target}/release/aims")

out=bench/out/register
if [[ ! -f $out/aims.yaml || bench/generate.py -nt $out/aims.yaml ]]; then
  python3 bench/generate.py "$out" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

time_site() { # label, register, extra args...
  local label=$1 reg=$2
  shift 2
  for i in $(seq "$runs"); do
    /usr/bin/env time -f "$label: %e s wall, %U s user + %S s system, %M KB peak" \
      "$aims" -C "$reg" report site --output "$work/site-$label-$i" --today 2026-11-22 "$@" \
      2> >(grep -v '^wrote ' >&2)
  done
  echo "$label: $(find "$work/site-$label-1" -type f | wc -l) files, $(du -sh "$work/site-$label-1" | cut -f1)"
}

# Outside git: a copy, so that the register is not read as part of this repository.
cp -r "$out" "$work/register"
time_site "outside git" "$work/register"

# In git: one commit by the ML lead, then `aims approve` of every system by the head of
# AI governance.
reg=$work/register
git -C "$reg" init -q -b main
git -C "$reg" -c user.name="Ml Lead" -c user.email=ml-lead@example.org add -A
git -C "$reg" -c user.name="Ml Lead" -c user.email=ml-lead@example.org \
  commit -qm "Benchmark register"
git -C "$reg" config user.name "Head Of Ai Governance"
git -C "$reg" config user.email head-of-ai-governance@example.org
mapfile -t systems < <(ls "$reg/systems" | sed 's/\.yaml$//')
"$aims" -C "$reg" approve "${systems[@]}" -m "Approve the inventory" >/dev/null
time_site "in git" "$reg"

if [[ ${1:-} == --history ]]; then
  repo=bench/out/history
  if [[ ! -d $repo/.git ]]; then
    python3 bench/gen_history.py "$repo"
    git -C "$repo" gc -q
  fi
  time_site "20,000 commits" "$repo"
fi
rm -rf "$work"/site-*
