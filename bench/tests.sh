#!/usr/bin/env bash
# Time the whole test suite, warm: `cargo test` N times (default 5) after one build,
# and print each run and the median of the wall times, with the CPU time beside them.
#
#   bench/tests.sh [N]
#
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo test --quiet --no-run 2>/dev/null
walls=()
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$runs"); do
  /usr/bin/time -o "$times" -f "%e %U %S" cargo test --quiet >/dev/null 2>&1
  read -r wall user sys <"$times"
  echo "wall ${wall} s, cpu $(echo "$user + $sys" | bc) s (user $user, sys $sys)"
  walls+=("$wall")
done
printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print "median wall " a[int((NR+1)/2)] " s of " NR " runs"}'
