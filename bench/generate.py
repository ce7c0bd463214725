#!/usr/bin/env python3
"""Write a synthetic aims register of a given size, for benchmarks.

    python3 bench/generate.py OUT [--risks 10000] [--systems 500] [--impacts 500]
                                  [--incidents 1000] [--monitors 500]
                                  [--measurements 1000] [--seed 42]

Every monitor has `--measurements` daily measurements up to 2026-11-21, in
measurements/<id>.csv. The register is clean as of 2026-11-22 (every file matches its schema, every reference
resolves, every review, action and verification is current), so `aims check` does all
of its work and prints one line. Output is deterministic for a given seed.
"""
import argparse
import datetime
import os
import random
import shutil

CATEGORIES = ["bias-fairness", "explainability-transparency", "security", "privacy",
              "safety", "societal", "operational", "supply-chain"]
CONTROLS = ["A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.4.4", "A.4.5",
            "A.4.6", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.2",
            "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3",
            "A.7.4", "A.7.5", "A.7.6", "A.8.2", "A.8.3", "A.8.4", "A.8.5", "A.9.2", "A.9.3",
            "A.9.4", "A.10.2", "A.10.3", "A.10.4"]
ROLES = ["head-of-ai-governance", "ml-lead", "data-protection-officer", "ciso", "product-owner"]
DIMENSIONS = ["fairness", "safety", "privacy", "transparency", "human-oversight", "fundamental-rights"]
WORDS = ("model drift data training bias output review customer decision threshold vendor "
         "pipeline monitoring fairness accuracy latency privacy consent retention audit").split()


def sentence(rng, n=10):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def date(rng, year=2026, months=(1, 12)):
    return f"{year}-{rng.randint(*months):02d}-{rng.randint(1, 28):02d}"


def recent(rng):
    """A date in the three weeks before the benchmark date, 2026-11-22."""
    return f"2026-11-{rng.randint(1, 21):02d}"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--risks", type=int, default=10000)
    ap.add_argument("--systems", type=int, default=500)
    ap.add_argument("--impacts", type=int, default=500)
    ap.add_argument("--incidents", type=int, default=1000)
    ap.add_argument("--monitors", type=int, default=500)
    ap.add_argument("--measurements", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    for folder in ["systems", "risks", "impacts", "controls", "incidents", "evidence", "monitors",
                   "measurements"]:
        os.makedirs(os.path.join(a.out, folder))

    roles = "\n".join(f"  - id: {r}\n    name: {r.replace('-', ' ').title()}\n    email: {r}@example.org"
                      + ("\n    approver: true" if i == 0 else "") for i, r in enumerate(ROLES))
    write(os.path.join(a.out, "aims.yaml"), f"""aims: 1
organisation: Synthetic Benchmark Ltd
scope: All AI systems of the synthetic organisation.
roles:
{roles}
criteria:
  likelihood:
    - {{ level: 1, name: Rare }}
    - {{ level: 2, name: Unlikely }}
    - {{ level: 3, name: Possible }}
    - {{ level: 4, name: Likely }}
    - {{ level: 5, name: Almost certain }}
  consequence:
    - {{ level: 1, name: Negligible }}
    - {{ level: 2, name: Minor }}
    - {{ level: 3, name: Moderate }}
    - {{ level: 4, name: Major }}
    - {{ level: 5, name: Severe }}
  bands:
    - {{ name: low, max: 4, review_every: 1y }}
    - {{ name: medium, max: 9, review_every: 6m }}
    - {{ name: high, max: 16, review_every: 3m }}
    - {{ name: critical, max: 25, review_every: 1m }}
  acceptance_threshold: 6
""")
    write(os.path.join(a.out, "evidence", "procedure.md"), "# Procedure\n")

    systems = [f"sys-{i:04d}" for i in range(a.systems)]
    risks = [f"R-{i:05d}" for i in range(a.risks)]
    impacts = [f"IA-{i:04d}" for i in range(a.impacts)]
    for s in systems:
        screening = "\n".join(f"  - {{ category: {c}, date: {date(rng, 2026, (1, 6))}, rationale: {sentence(rng, 6)} }}"
                              for c in CATEGORIES)
        write(os.path.join(a.out, "systems", f"{s}.yaml"), f"""id: {s}
name: System {s}
intended_use: {sentence(rng)}
lifecycle: deployed
organisation_role: developer
model_type: proprietary
data_inputs: [application data, bureau data]
users: [analysts]
affected_parties: [customers]
deployment: Production
criticality: {rng.choice(["low", "medium", "high", "critical"])}
owner: {rng.choice(ROLES)}
in_scope: true
changes:
  - {{ date: {date(rng, 2025)}, description: Retrained model }}
screening:
{screening}
""")
    for i, r in enumerate(risks):
        l, c = rng.randint(1, 5), rng.randint(1, 5)
        write(os.path.join(a.out, "risks", f"{r}.yaml"), f"""id: {r}
title: {sentence(rng, 6)}
systems: [{rng.choice(systems)}]
category: {rng.choice(CATEGORIES)}
sources: [C.3.4]
cause: {sentence(rng)}
event: {sentence(rng)}
consequence: {sentence(rng)}
consequence_areas: [regulatory, reputational]
affected_parties: [customers]
owner: {rng.choice(ROLES)}
identified: {date(rng, 2025)}
assessment:
  likelihood: {l}
  consequence: {c}
  rationale: {sentence(rng)}
target:
  likelihood: {max(1, l - 1)}
  consequence: {c}
controls: [{", ".join(rng.sample(CONTROLS, 2))}]
impacts: [{impacts[i % len(impacts)]}]
treatment:
  option: mitigate
  rationale: {sentence(rng)}
  actions:
    - id: T1
      description: {sentence(rng, 6)}
      owner: {rng.choice(ROLES)}
      due: {date(rng, 2027)}
      status: planned
review:
  last: {recent(rng)}
status: open
""")
    for i, ia in enumerate(impacts):
        dims = "\n".join(f"""  - dimension: {d}
    description: {sentence(rng, 8)}
    severity: {rng.randint(1, 5)}
    likelihood: {rng.randint(1, 5)}
    reversible: partly
    mitigations: [Human review]
    risks: [{risks[i % len(risks)]}]""" for d in DIMENSIONS)
        write(os.path.join(a.out, "impacts", f"{ia}.yaml"), f"""id: {ia}
system: {systems[i % len(systems)]}
assessed: {date(rng)}
assessor: {rng.choice(ROLES)}
affected_groups: [customers]
dimensions:
{dims}
review:
  last: {date(rng, 2026, (1, 10))}
""")
    for ctl in CONTROLS:
        write(os.path.join(a.out, "controls", f"{ctl}.yaml"), f"""id: {ctl}
applicable: true
justification: {sentence(rng)}
status: implemented
owner: {rng.choice(ROLES)}
evidence: [evidence/procedure.md]
verified: {date(rng, 2026, (1, 10))}
""")
    for i in range(a.incidents):
        write(os.path.join(a.out, "incidents", f"INC-{i:05d}.yaml"), f"""id: INC-{i:05d}
title: {sentence(rng, 6)}
kind: incident
reported: {date(rng, 2026, (1, 10))}
reporter: {rng.choice(ROLES)}
systems: [{rng.choice(systems)}]
risks: [{rng.choice(risks)}]
severity: medium
description: {sentence(rng)}
root_cause: {sentence(rng)}
corrective_actions:
  - {{ id: CA1, description: {sentence(rng, 5)}, owner: {rng.choice(ROLES)}, due: {date(rng, 2027)}, status: planned }}
status: open
""")
    kinds = ["performance", "drift", "fairness", "robustness"]
    last = datetime.date(2026, 11, 21)
    for i in range(a.monitors):
        m = f"mon-{i:04d}"
        kind = kinds[i % len(kinds)]
        base = rng.uniform(0.6, 0.9)
        write(os.path.join(a.out, "monitors", f"{m}.yaml"), f"""id: {m}
system: {systems[i % len(systems)]}
kind: {kind}
metric: {sentence(rng, 5)}
key: {kind}/{m}
threshold: {{ max: 2 }}
warn: {{ max: 1.5 }}
every: 1w
owner: {rng.choice(ROLES)}
risks: [{risks[i % len(risks)]}]
controls: [A.6.2.6]
""")
        rows = ["date,value,source,note"]
        for d in range(a.measurements - 1, -1, -1):
            day = last - datetime.timedelta(days=d)
            rows.append(f"{day.isoformat()},{base + rng.uniform(-0.1, 0.1):.4f},run {rng.randint(1, 999999)},")
        write(os.path.join(a.out, "measurements", f"{m}.csv"), "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
