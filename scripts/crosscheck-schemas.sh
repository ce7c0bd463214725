#!/usr/bin/env bash
# Cross-checks the JSON Schemas in schemas/ with an independent validator,
# check-jsonschema (python3 -m pip install check-jsonschema): every fixture under
# tests/fixtures/schemas/<kind>/valid must pass and every one under .../invalid must
# fail, the same verdicts `cargo test --test schemas` demands of aims itself. It also
# checks the bundled example register, which must be schema-valid, and what every
# command with a JSON output prints for it against that output's schema
# (schemas/output/, listed by `aims schema output`).
# Usage: scripts/crosscheck-schemas.sh [path/to/built/aims]
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
  [[ -f $example/context.yaml ]] && verdict 0 "$example/context.yaml" context
  for pair in system:systems risk:risks impact:impacts control:controls incident:incidents \
      policy:policies objective:objectives monitor:monitors audit:audits \
      management-review:management-reviews clause:clauses; do
    kind=${pair%%:*} folder=${pair#*:}
    for f in "$example/$folder"/*.yaml; do [[ -e $f ]] && verdict 0 "$f" "$kind"; done
  done
done
aims=${1:-$PWD/target/debug/aims}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/northwind "$work/register"
(cd "$work/register" && git init -q -b main && git add -A &&
  git -c user.name=CI -c user.email=ci@test.example commit -qm Register)
while IFS=$'\t' read -r name command; do
  read -ra words <<<"${command#aims }"
  if [[ " ${words[*]} " == *" ID "* ]]; then
    id=$(cd "$work/register" && "$aims" "${words[0]}" list --format json --today 2026-11-22 |
      python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
    words=("${words[@]/#ID/$id}")
  fi
  (cd "$work/register" && "$aims" "${words[@]}" --today 2026-11-22 </dev/null >"$work/$name.json")
  verdict 0 "$work/$name.json" "output/$name"
done < <("$aims" schema output)

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
