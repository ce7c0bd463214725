#!/usr/bin/env python3
"""Write a synthetic aims register of a given size, for benchmarks.

    python3 bench/generate.py OUT [--risks 10000] [--systems 500] [--impacts 500]
                                  [--incidents 1000] [--objectives 200] [--policies 50]
                                  [--monitors 500] [--measurements 1000]
                                  [--format 2] [--seed 42]

The register is clean as of 2026-11-22 (every file matches its schema, every reference
resolves, every review, action and verification is current), so `aims check` does all
of its work and prints one line. Output is deterministic for a given seed. `--format 1`
writes the register of format 1 alone (no context, policies, objectives, monitors or
clause statements), as older versions of aims read it. In format 2 every monitor has
`--measurements` daily measurements up to 2026-11-21, in measurements/<id>.csv.
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
    ap.add_argument("--objectives", type=int, default=200)
    ap.add_argument("--policies", type=int, default=50)
    ap.add_argument("--monitors", type=int, default=500)
    ap.add_argument("--measurements", type=int, default=1000)
    ap.add_argument("--format", type=int, choices=[1, 2], default=2)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    for folder in ["systems", "risks", "impacts", "controls", "incidents", "evidence"]:
        os.makedirs(os.path.join(a.out, folder))

    two = a.format == 2
    roles = "\n".join(f"  - id: {r}\n    name: {r.replace('-', ' ').title()}\n    email: {r}@example.org"
                      + ("\n    approver: true" if i == 0 else "")
                      + ("\n    top_management: true" if two and i == 0 else "")
                      + (f"\n    competence:\n      - {{ need: {sentence(rng, 4)[:-1]}, evidence: evidence/procedure.md,"
                         f" date: 2026-01-15, expires: 2028-01-15 }}" if two else "")
                      for i, r in enumerate(ROLES))
    write(os.path.join(a.out, "aims.yaml"), f"""aims: {a.format}
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
assessed: {date(rng, 2026, (1, 10))}
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
    if two:
        management_system(a, rng, systems, risks)
        monitoring(a, rng, systems, risks)


def management_system(a, rng, systems, risks):
    """Format 2: the context, policies, objectives and clause statements."""
    for folder in ["policies", "objectives", "clauses"]:
        os.makedirs(os.path.join(a.out, folder))
    issues = "\n".join(f"  - {{ id: ISS-{i}, kind: {('external', 'internal')[i % 2]}, description: {sentence(rng, 8)} }}"
                       for i in range(1, 21))
    parties = "\n".join(f"""  - id: party-{i}
    name: {sentence(rng, 3)}
    requirements: [{sentence(rng, 6)}]
    addressed_by: [{rng.choice(CONTROLS)}, policy-0]""" for i in range(20))
    write(os.path.join(a.out, "context.yaml"), f"""id: context
issues:
{issues}
interested_parties:
{parties}
review: {{ last: 2026-10-01 }}
""")
    for i in range(a.policies):
        kind = "ai-policy" if i == 0 else "topic"
        write(os.path.join(a.out, "policies", f"policy-{i}.yaml"), f"""id: policy-{i}
title: {sentence(rng, 4)}
kind: {kind}
version: "1.{i}"
document: evidence/procedure.md
owner: {rng.choice(ROLES)}
approved: {{ by: {ROLES[0]}, date: {date(rng, 2026, (1, 10))} }}
communicated:
  - {{ date: {date(rng, 2026, (10, 10))}, to: all staff, how: intranet }}
review: {{ last: {date(rng, 2026, (1, 10))} }}
""")
    for i in range(a.objectives):
        measurements = "\n".join(f"  - {{ date: 2026-{m:02d}-28, value: {rng.uniform(0, 2.9):.2f} }}"
                                 for m in range(1, 12))
        write(os.path.join(a.out, "objectives", f"OBJ-{i:04d}.yaml"), f"""id: OBJ-{i:04d}
title: {sentence(rng, 8)}
annex_c: [C.2.5]
policy: policy-0
systems: [{rng.choice(systems)}]
owner: {rng.choice(ROLES)}
metric:
  name: {sentence(rng, 4)}
  target: 3
  direction: at-most
  measure_every: 1m
due: {date(rng, 2027)}
plan:
  - {{ id: P1, description: {sentence(rng, 5)}, owner: {rng.choice(ROLES)}, due: {date(rng, 2027)}, status: planned }}
  - {{ id: P2, description: {sentence(rng, 5)}, owner: {rng.choice(ROLES)}, due: 2026-06-30, status: done,
      completed: 2026-06-20, evidence: [evidence/procedure.md] }}
measurements:
{measurements}
status: active
""")
    for clause in ["6.3", "7.1", "7.3", "9.2", "9.3", "10.1", "10.2"]:
        write(os.path.join(a.out, "clauses", f"{clause}.yaml"), f"""id: "{clause}"
status: implemented
statement: {sentence(rng, 12)}
evidence: [evidence/procedure.md]
""")


def monitoring(a, rng, systems, risks):
    """Format 2: monitors with a daily series of measurements each."""
    for folder in ["monitors", "measurements"]:
        os.makedirs(os.path.join(a.out, folder))
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
