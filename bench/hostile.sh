#!/usr/bin/env bash
# Time and memory of `aims check` on a register holding 100 hostile files just under
# the 1 MiB limit: flat lists of half a million values, mappings of tens of thousands
# of unknown keys (a schema violation each), and deep flow nesting. The limits the
# robustness work promises: under 10 s and 1 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/hostile
cargo build --release --quiet
rm -rf "$out"
./target/release/aims init "$out" --organisation Hostile >/dev/null
python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
os.makedirs(f"{out}/risks", exist_ok=True)
limit = 1024 * 1024 - 64
for n in range(100):
    kind = n % 3
    if kind == 0:
        body = "id: [" + "a," * ((limit - 10) // 2) + "a]\n"
    elif kind == 1:
        lines, size = [f"id: R-{n}\n"], 0
        i = 0
        while size < limit - 64:
            line = f"k{i}: v\n"
            lines.append(line); size += len(line); i += 1
        body = "".join(lines)
    else:
        depth = 60
        body = f"id: R-{n}\nx: " + "[" * depth + "]" * depth + "\n"
        body += "y: [" + "1, " * ((limit - len(body) - 10) // 3) + "1]\n"
    with open(f"{out}/risks/R-{n}.yaml", "w") as f:
        f.write(body[:limit])
PY
du -sh "$out/risks"
/usr/bin/env time -f "aims check on 100 hostile files: %e s, %M KB peak" \
  ./target/release/aims check "$out" --today 2026-11-22 >/dev/null || true
