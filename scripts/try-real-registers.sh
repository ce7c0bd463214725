#!/usr/bin/env bash
# Runs the import guide's commands for the real registers (docs/import.md, the blocks
# starting `# try: FILE WHAT ROWS`) against the files in ../shared/data/real-registers
# (or $REAL_REGISTERS), each in a fresh folder, and asserts that every row imports and
# that the register loads cleanly afterwards (no yaml-syntax or schema finding).
# The files are read where they are; nothing is copied into the repository.
#
#   scripts/try-real-registers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
real=${REAL_REGISTERS:-$repo/../shared/data/real-registers}
if [[ ! -d $real ]]; then
  echo "skipped: no real registers at $real (set REAL_REGISTERS to their folder)"
  exit 0
fi
real=$(cd "$real" && pwd)
target=${CARGO_TARGET_DIR:-target}
[[ $target == /* ]] || target=$repo/$target
cargo build --release --quiet
export PATH="$target/release:$PATH"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every block of the guide that starts with `# try:`.
python3 - "$repo/docs/import.md" "$work" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for i, block in enumerate(re.findall(r"```sh\n(# try: .*?)```", text, re.S)):
    with open(f"{sys.argv[2]}/block-{i}.sh", "w", encoding="utf-8") as f:
        f.write(block)
PY

failed=0 total=0
for block in "$work"/block-*.sh; do
  read -r _ _ file what rows < "$block"
  dir="$work/run-$(basename "$block" .sh)"
  mkdir -p "$dir"
  if [[ ! -f $real/$file ]]; then
    echo "FAIL $file: not in $real"; failed=1; continue
  fi
  ln -s "$real/$file" "$dir/$file"
  out=$(cd "$dir" && bash -e "$block" 2>&1) || { echo "FAIL $file: the commands failed"; echo "$out" | tail -20; failed=1; continue; }
  last=$(echo "$out" | tail -1)
  if [[ $last != "imported $rows rows into $what/"* ]]; then
    echo "FAIL $file: expected every one of its $rows rows imported, got: $last"; failed=1; continue
  fi
  register=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)
  broken=$(aims check "$register" --format json --fail-on never |
    python3 -c 'import json,sys; print(sum(d["rule"] in ("yaml-syntax", "schema", "file-unreadable") for d in json.load(sys.stdin)["diagnostics"]))')
  if [[ $broken != 0 ]]; then
    echo "FAIL $file: $broken files of the imported register do not load"; failed=1; continue
  fi
  total=$((total + rows))
  echo "ok   $file: $last"
done
echo "$total rows imported"
exit $failed
