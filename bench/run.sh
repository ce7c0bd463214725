#!/usr/bin/env bash
# Benchmark `aims check` on a generated register of the issue's size:
# 10,000 risks, 500 systems, 500 impact assessments, 38 controls, 1,000 incidents, the
# records of format 2 (200 objectives, 50 policies, the context, clause statements), and
# 500 monitors with 1,000 measurements each.
#
#   bench/run.sh              time aims check (hyperfine if installed) and its peak memory
#   bench/run.sh --compare    also time check-jsonschema on the same files and schemas
#   bench/run.sh --reports    also time every report, in HTML and Markdown
#
# Needs python3; hyperfine and GNU time (/usr/bin/time) are used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/register
compare=${1:-}

target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
if [[ ! -f $out/aims.yaml || bench/generate.py -nt $out/aims.yaml ]]; then
  python3 bench/generate.py "$out"
fi
files=$(find "$out" -name '*.yaml' | wc -l)
bytes=$(find "$out" -name '*.yaml' -print0 | du -c --apparent-size -b --files0-from=- | tail -1 | cut -f1)
csvs=$(find "$out/measurements" -name '*.csv' | wc -l)
rows=$(cat "$out"/measurements/*.csv | wc -l)
echo "register: $files YAML files, $bytes bytes; $csvs measurements files, $((rows - csvs)) measurements"

aims=./$target/release/aims
[[ $target = /* ]] && aims=$target/release/aims
"$aims" check "$out" --today 2026-11-22 | tail -1 || true
if command -v hyperfine >/dev/null; then
  hyperfine --ignore-failure --warmup 2 --runs 10 "$aims check $out --today 2026-11-22"
else
  for _ in 1 2 3; do /usr/bin/env time -f "wall %e s" "$aims" check "$out" --today 2026-11-22 >/dev/null; done
fi
if [[ -x /usr/bin/time ]]; then
  { /usr/bin/time -v "$aims" check "$out" --today 2026-11-22 2>&1 >/dev/null || true; } |
    grep -E 'Elapsed|Maximum resident' | sed 's/^\s*/aims check: /'
fi

if [[ $compare == --compare ]]; then
  command -v check-jsonschema >/dev/null || { echo "check-jsonschema is not installed: python3 -m pip install check-jsonschema"; exit 1; }
  start=$(date +%s.%N)
  check-jsonschema --schemafile schemas/aims.schema.json "$out/aims.yaml" >/dev/null
  for kind in system risk impact control incident; do
    find "$out/${kind}s" -name '*.yaml' -print0 |
      xargs -0 check-jsonschema --schemafile "schemas/$kind.schema.json" >/dev/null
  done
  end=$(date +%s.%N)
  echo "check-jsonschema, same files and schemas: $(echo "$end - $start" | bc) s"
fi

if [[ $compare == --reports ]]; then
  for kind in soa register impacts audit board; do
    for format in html md; do
      /usr/bin/env time -f "report $kind $format: %e s, %M KB peak" \
        "$aims" report "$kind" "$out" --format "$format" --today 2026-11-22 -o /dev/null
    done
  done
fi
