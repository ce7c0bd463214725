#!/usr/bin/env bash
# Cross-checks the JSON Schemas in schemas/ with an independent validator,
# check-jsonschema (python3 -m pip install check-jsonschema): every fixture under
# tests/fixtures/schemas/<kind>/valid must pass and every one under .../invalid must
# fail, the same verdicts `cargo test --test schemas` demands of aims itself. It also
# checks the bundled example register, which must be schema-valid.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v check-jsonschema >/dev/null || { echo "check-jsonschema not found: python3 -m pip install check-jsonschema" >&2; exit 2; }

pass=0 fail=0
verdict() { # expected-exit file schema
  check-jsonschema --schemafile "schemas/$3.schema.json" "$2" >/dev/null 2>&1
  local got=$?
  if [[ $1 == 0 && $got == 0 ]] || [[ $1 == 1 && $got == 1 ]]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL: $2 against $3.schema.json: check-jsonschema exited $got, expected $1"
  fi
}
for kind in $(ls tests/fixtures/schemas); do
  for f in tests/fixtures/schemas/$kind/valid/*.yaml; do verdict 0 "$f" "$kind"; done
  for f in tests/fixtures/schemas/$kind/invalid/*.yaml; do verdict 1 "$f" "$kind"; done
done
for example in examples/*/; do
  [[ -f $example/aims.yaml ]] || continue
  verdict 0 "$example/aims.yaml" aims
  for kind in system risk impact control incident monitor; do
    for f in "$example/${kind}s"/*.yaml; do [[ -e $f ]] && verdict 0 "$f" "$kind"; done
  done
done
echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
