#!/usr/bin/env python3
"""Build a git repository holding an aims register with a long history, for benchmarks.

    python3 bench/gen_history.py OUT [--commits 20000] [--files 10000] [--seed 7]

The first commit adds a register (aims.yaml and FILES entity files: risks, systems,
controls, incidents); each later commit changes one to three files, and one commit in
fifty carries an `Approved-by:` trailer. Built with `git fast-import`; dates are fixed,
so the repository is the same on every run.
"""
import argparse
import os
import random
import shutil
import subprocess

AIMS = b"""aims: 1
organisation: History Ltd
scope: Everything.
roles:
  - { id: lead, name: Lead Person, email: lead@history.example, approver: true }
  - { id: dev, name: Dev Person, email: dev@history.example }
criteria:
  likelihood: [{ level: 1, name: a }, { level: 2, name: b }, { level: 3, name: c }]
  consequence: [{ level: 1, name: a }, { level: 2, name: b }, { level: 3, name: c }]
  bands: [{ name: low, max: 3, review_every: 1y }, { name: high, max: 9, review_every: 3m }]
  acceptance_threshold: 3
"""


def risk(i, version):
    return (f"id: R-{i:05d}\ntitle: Risk {i} version {version}\nsystems: [sys-{i % 50:03d}]\n"
            f"category: safety\nowner: lead\nidentified: 2025-01-01\n"
            f"assessment: {{ likelihood: {1 + version % 3}, consequence: {1 + i % 3} }}\n").encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=20000)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    subprocess.run(["git", "init", "-q", "-b", "main", a.out], check=True)
    fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=a.out, stdin=subprocess.PIPE)
    out = fi.stdin
    mark = 0
    t0 = 1767225600  # 2026-01-01

    def blob(data):
        nonlocal mark
        mark += 1
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    def commit(n, files, message, author=b"Dev Person <dev@history.example>"):
        marks = [(path, blob(data)) for path, data in files]
        when = t0 + n * 600
        msg = message.encode()
        out.write(b"commit refs/heads/main\n")
        out.write(b"author %s %d +0000\ncommitter %s %d +0000\n" % (author, when, author, when))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        for path, m in marks:
            out.write(b"M 100644 :%d %s\n" % (m, path.encode()))

    initial = [("aims.yaml", AIMS)]
    for s in range(50):
        initial.append((f"systems/sys-{s:03d}.yaml", f"id: sys-{s:03d}\nname: S\nintended_use: x\nlifecycle: deployed\norganisation_role: developer\nowner: lead\n".encode()))
    for i in range(a.files - 50):
        initial.append((f"risks/R-{i:05d}.yaml", risk(i, 0)))
    commit(0, initial, "Initial register")
    versions = {}
    for n in range(1, a.commits):
        changed = []
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(a.files - 50)
            versions[i] = versions.get(i, 0) + 1
            changed.append((f"risks/R-{i:05d}.yaml", risk(i, versions[i])))
        message = f"Update {', '.join(p for p, _ in changed)}"
        if n % 50 == 0:
            message += "\n\nApproved-by: Lead Person <lead@history.example>"
        commit(n, changed, message)
    out.close()
    fi.wait()
    subprocess.run(["git", "checkout", "-q", "main"], cwd=a.out, check=True)


if __name__ == "__main__":
    main()
