#!/usr/bin/env bash
# Benchmark `aims import risks` on a generated 10,000-row risk register sheet, as CSV
# and as .xlsx, into a fresh register (`aims init`), dry run and real run.
#
#   bench/import.sh [ROWS]     default 10000
#
# Needs python3 (the .xlsx is written with the standard library: a zip of XML).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
out=bench/out/import
target=${CARGO_TARGET_DIR:-target}
aims=$target/release/aims

cargo build --release --quiet
mkdir -p "$out"
python3 - "$out" "$rows" <<'PY'
import csv, random, sys, zipfile
from xml.sax.saxutils import escape

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
header = ["Risk ID", "Risk Description", "AI System", "Risk Category", "Likelihood (1-5)",
          "Impact (1-5)", "Risk Owner", "Status", "Mitigation Plan", "Annex A Controls",
          "Date Raised", "Review Date", "Notes"]
systems = [f"System {i}" for i in range(1, 21)]
categories = ["Bias/Fairness", "Security", "Privacy/Data Protection", "Safety", "Societal",
              "Operational", "Supply chain", "Transparency/Explainability"]
owners = ["AI Lead", "Risk Manager", "DPO", "CISO", "Head of Data"]
statuses = ["Open", "In Progress", "Planned", "Closed"]
controls = ["A.6.2.4", "A.7.4", "A.8.2", "A.10.3", "A.9.4", "A.5.4"]
data = []
for i in range(1, n + 1):
    data.append([
        f"BR-{i:05d}",
        f"Risk {i}: the model may {rng.choice(['drift', 'leak data', 'discriminate', 'fail'])}. More detail follows.",
        rng.choice(systems), rng.choice(categories), str(rng.randint(1, 5)), str(rng.randint(1, 5)),
        rng.choice(owners), rng.choice(statuses),
        f"Mitigation {i}: monitor and retrain", "; ".join(rng.sample(controls, rng.randint(0, 2))),
        f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026",
        f"{rng.randint(1, 28)}-{rng.choice(['Jan', 'Mar', 'Jun', 'Sep', 'Dec'])}-2027",
        f"note {i}",
    ])
with open(f"{out}/risks.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(data)

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

rows_xml = []
for r, row in enumerate([header] + data, start=1):
    cells = "".join(
        f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row) if v)
    rows_xml.append(f'<row r="{r}">{cells}</row>')
sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<sheetData>{"".join(rows_xml)}</sheetData></worksheet>')
with zipfile.ZipFile(f"{out}/risks.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", sheet)
PY
echo "sheets: $(wc -l < "$out/risks.csv") CSV lines, $(du -h "$out/risks.xlsx" | cut -f1) .xlsx"

flags=(--today 2026-11-22 --create-missing systems,roles,categories --value "status:Closed=closed")
runs=3
# Fresh registers made up front and flushed, so that no run pays for the last one's
# deletion; every run is timed, and the fastest quoted.
regs=()
for _ in $(seq $((runs * 4))); do
  reg=$(mktemp -d)
  "$aims" init "$reg" --organisation Bench >/dev/null
  regs+=("$reg")
done
sync
trap 'rm -rf "${regs[@]}"' EXIT
next=0
for sheet in "$out/risks.csv" "$out/risks.xlsx"; do
  for mode in --dry-run import; do
    times=()
    for _ in $(seq $runs); do
      reg=${regs[$next]}
      next=$((next + 1))
      extra=()
      [[ $mode == --dry-run ]] && extra=(--dry-run)
      start=$(date +%s.%N)
      "$aims" -C "$reg" import risks "$sheet" "${flags[@]}" "${extra[@]}" >/dev/null
      end=$(date +%s.%N)
      times+=("$(echo "$end - $start" | bc)")
      sleep 1
    done
    files=$(find "$reg/risks" -name '*.yaml' | wc -l)
    best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
    printf '%-5s %-9s best %5.2f s of %s (%s), %s risk files\n' "${sheet##*.}" "$mode" "$best" \
      "$runs" "$(printf '%.2f ' "${times[@]}")" "$files"
  done
done
