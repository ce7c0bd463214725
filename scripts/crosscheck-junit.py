#!/usr/bin/env python3
"""Parses `aims check --format junit` with junitparser (python3 -m pip install
junitparser), the JUnit reader many CI systems use, on a register with one error and
one warning, and checks what it reads."""
import os
import shutil
import subprocess
import sys
import tempfile

from junitparser import Failure, JUnitXml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
aims = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "debug", "aims")
with tempfile.TemporaryDirectory() as tmp:
    register = os.path.join(tmp, "register")
    shutil.copytree(os.path.join(root, "examples", "northwind"), register)
    with open(os.path.join(register, "risks", "R-001.yaml"), "a", encoding="utf-8") as f:
        f.write("x: { note: appended }\n")
    text = open(os.path.join(register, "risks", "R-002.yaml"), encoding="utf-8").read()
    with open(os.path.join(register, "risks", "R-002.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("controls: [A.6.2.7, A.8.2]", "controls: [A.6.2.7, A.99]"))
    open(os.path.join(register, "risks", "notes.txt"), "w").write("scratch")
    out = subprocess.run([aims, "check", "--format", "junit", "--today", "2026-11-22"],
                         cwd=register, capture_output=True, check=False)
    assert out.returncode == 1, out
    report = JUnitXml.fromstring(out.stdout)
    cases = {(suite.name, case.name): case for suite in report for case in suite}
    failing = [key for key, case in cases.items() if any(isinstance(r, Failure) for r in case.result)]
    assert failing == [("risks/R-002.yaml", "unknown-reference")], failing
    assert ("risks/notes.txt", "unexpected-file") in cases, sorted(cases)
    assert report.tests == len(cases), (report.tests, len(cases))
    print(f"junit cross-check: junitparser read {len(cases)} test cases, the one expected failure among them")
