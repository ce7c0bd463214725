#!/usr/bin/env bash
# Benchmark an edit on the generated register of bench/run.sh (about 12,300 files): the time
# `aims risk action done` takes to read what the risk's findings depend on, edit the
# risk in place, and say what `aims check` then reports about it.
#
#   bench/edit.sh
#
# Needs python3; hyperfine and GNU time (/usr/bin/time) are used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
register=$PWD/bench/out/register
edit=$PWD/bench/out/edit

cargo build --release --quiet
aims=${CARGO_TARGET_DIR:-$PWD/target}/release/aims
if [[ ! -f $register/aims.yaml || bench/generate.py -nt $register/aims.yaml ]]; then
  python3 bench/generate.py "$register"
fi
rm -rf "$edit"
cp -r "$register" "$edit"
mkdir -p "$edit/evidence/R-00001"
echo "Reweighting merged in PR 412." > "$edit/evidence/R-00001/pr.md"
cp "$edit/risks/R-00001.yaml" "$edit/R-00001.orig"
echo "register: $(find "$edit" -name '*.yaml' | wc -l) YAML files"

cd "$edit"
done_cmd="$aims risk action done R-00001 T1 --evidence evidence/R-00001/pr.md --today 2026-11-22"
restore="cp R-00001.orig risks/R-00001.yaml"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 20 --prepare "$restore" "$done_cmd"
else
  for _ in 1 2 3 4 5; do $restore; /usr/bin/env time -f "wall %e s" $done_cmd >/dev/null; done
fi
if [[ -x /usr/bin/time ]]; then
  $restore
  { /usr/bin/time -v $done_cmd 2>&1 >/dev/null || true; } |
    grep -E 'Elapsed|Maximum resident' | sed 's/^\s*/risk action done: /'
fi
