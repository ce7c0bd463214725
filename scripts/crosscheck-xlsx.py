#!/usr/bin/env python3
"""Reads `aims report soa|register|impacts|clauses --format xlsx` of the example register back
with openpyxl (python3 -m pip install openpyxl), the library most spreadsheet scripts
use, and checks what a person opening it sees: one sheet, the header row frozen, a
filter over every column, columns sized to their content, dates as dates, numbers as
numbers, and each band filled with its colour."""
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
aims = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "debug", "aims")
register = os.path.join(root, "examples", "northwind")
today = ["--today", "2026-11-22"]


def run(*args):
    return subprocess.run([aims, *args, *today], cwd=register, capture_output=True, check=True).stdout


with tempfile.TemporaryDirectory() as tmp:
    for kind, sheet in [("soa", "Statement of Applicability"), ("register", "Risk register"),
                        ("impacts", "Impact assessments"), ("clauses", "Clause readiness")]:
        path = os.path.join(tmp, f"{kind}.xlsx")
        run("report", kind, "--format", "xlsx", "--output", path)
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == [sheet], book.sheetnames
        ws = book[sheet]
        csv_rows = list(csv.reader(io.StringIO(run("report", kind, "--format", "csv").decode(), newline="")))
        header = [c.value for c in ws[1]]
        assert header == csv_rows[0], (header, csv_rows[0])
        assert ws.max_row == len(csv_rows), (kind, ws.max_row, len(csv_rows))
        assert ws.freeze_panes == "A2", ws.freeze_panes
        last = openpyxl.utils.get_column_letter(len(header))
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", ws.auto_filter.ref
        assert all(c.font.bold for c in ws[1]), "the header is bold"
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(header))]
        assert max(widths) > 30, widths  # a column of sentences is widened
        dates = [c.value for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, datetime.datetime)]
        assert dates or kind == "clauses", f"{kind}: dates are dates"
        if kind == "register":
            context = json.loads(run("report", "register", "--format", "json"))
            colours = {b["name"]: b["colour"].lstrip("#").upper() for b in context["criteria"]["bands"]}
            band = header.index("band")
            score = header.index("score")
            for row in ws.iter_rows(min_row=2):
                assert isinstance(row[score].value, int), row[score].value
                fill = row[band].fill.fgColor.rgb[-6:].upper()
                assert fill == colours[row[band].value], (row[band].value, fill)
        print(f"xlsx cross-check: openpyxl read {kind}.xlsx, {ws.max_row - 1} rows of {len(header)} columns")
