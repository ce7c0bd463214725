#!/usr/bin/env python3
"""Drafts the JSON Schemas of aims's JSON outputs (schemas/output/<name>.schema.json)
from what the commands print on sample registers: the example register inside git
with an approval, the same outside git, a new empty register, and a broken one.

Run it when a JSON output changes shape, then read the diff: the schemas are the
published contract, and the test suite (tests/cli/outputs.rs) validates every
command's output against its schema. Every object lists its properties, all of them
required, and no others; a property the Rust types declare as Option<...> may be null.

Usage: scripts/output-schemas.py [path/to/built/aims] [NAME...]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
aims = args.pop(0) if args and os.path.sep in args[0] else os.path.join(root, "target", "debug", "aims")
only = set(args)
TODAY = "2026-11-22"
ENV = {**os.environ, "NO_COLOR": "1", "GIT_AUTHOR_DATE": "2026-11-20T12:00:00Z",
       "GIT_COMMITTER_DATE": "2026-11-20T12:00:00Z"}

# Field names that serialised Rust types (`#[derive(..Serialize..)]` structs) declare
# as Option<...>: null is allowed wherever they appear.
# Likewise the names of fields that are lists of strings, for lists no sample fills.
optional = set()
string_lists = set()
for folder, _, files in os.walk(os.path.join(root, "src")):
    for name in files:
        if name.endswith(".rs"):
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            for body in re.findall(r"#\[derive\([^)]*Serialize[^)]*\)\][^{;]*?struct\s+\w+(?:<[^>]*>)?\s*\{(.*?)\n\}", text, re.S):
                optional.update(re.findall(r"\b([a-z_][a-z0-9_]*): Option<", body))
                string_lists.update(re.findall(
                    r"\b([a-z_][a-z0-9_]*): (?:Vec<(?:String|&(?:'\w+ )?str)>|&(?:'\w+ )?\[&(?:'\w+ )?str\])", body))
# Fields serialised by hand (a finding's position).
optional.update({"line", "column", "entity", "hint"})

# The JSON type each optional field's Rust type serialises to, for fields that no
# sample fills (every sample null): unit enums are strings, structs objects.
enums, structs = set(), set()
rust_optional = {}
for folder, _, files in os.walk(os.path.join(root, "src")):
    for name in files:
        if name.endswith(".rs"):
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            enums.update(re.findall(r"\benum\s+(\w+)", text))
            structs.update(re.findall(r"\bstruct\s+(\w+)", text))
            for field, rust in re.findall(r"\b([a-z_][a-z0-9_]*): Option<(?:&(?:'\w+ )?)?([\w:]+)", text):
                rust_optional.setdefault(field, set()).add(rust.split("::")[-1])
            for field in re.findall(r"\b([a-z_][a-z0-9_]*): Extension\b", text):
                rust_optional.setdefault(field, set()).add("Extension")
SCALARS = {"String": "string", "str": "string", "NaiveDate": "string", "PathBuf": "string",
           "bool": "boolean", "f64": "number", "f32": "number", "Value": "object",
           "Extension": "object", "Vec": "array"}
# Raw evidence as the files hold it: a path or URL, or a detailed record.
EVIDENCE = {"anyOf": [{"type": "string"}, {"type": "object", "properties": {
    "ref": {"type": "string"}, "description": {"type": ["string", "null"]},
    "date": {"type": ["string", "null"]}, "expires": {"type": ["string", "null"]},
    "sha256": {"type": ["string", "null"]}}, "required": ["ref"], "additionalProperties": False}]}


def rust_kinds(name):
    """JSON types of an optional field by its Rust type, or None when unknown."""
    kinds = set()
    for rust in rust_optional.get(name, ()):
        if rust in SCALARS:
            kinds.add(SCALARS[rust])
        elif re.fullmatch(r"[ui](8|16|32|64|size)", rust):
            kinds.add("integer")
        elif rust == "Evidence":
            return None
        elif rust in enums and rust not in structs:
            kinds.add("string")
        elif rust in structs:
            kinds.add("object")
    return sorted(kinds) or None


def git(cwd, *argv, who=("CI", "ci@test.example")):
    env = {**ENV, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
           "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1]}
    subprocess.run(["git", *argv], cwd=cwd, env=env, check=True, capture_output=True)


def samples(tmp):
    """Sample registers, each with the date to judge it by: the example as of a day it
    is clean, and as of a year later, when everything is overdue."""
    example = os.path.join(root, "examples", "northwind")
    in_git = os.path.join(tmp, "in-git")
    shutil.copytree(example, in_git)
    git(in_git, "init", "-q", "-b", "main")
    git(in_git, "add", "-A")
    git(in_git, "commit", "-qm", "Register")
    git(in_git, "commit", "-q", "--allow-empty", "-m",
        "Approve\n\nApproves: R-001, A.6.2.4, aims\nApproved-by: Priya Natarajan <priya@northwind.example>",
        who=("Priya Natarajan", "priya@northwind.example"))
    with open(os.path.join(in_git, "risks", "R-002.yaml"), "a", encoding="utf-8") as f:
        f.write("# edited\n")
    outside = os.path.join(tmp, "outside-git")
    shutil.copytree(example, outside)
    broken = os.path.join(tmp, "broken")
    shutil.copytree(example, broken)
    with open(os.path.join(broken, "risks", "R-001.yaml"), "a", encoding="utf-8") as f:
        f.write("unknown_field: 1\n")
    with open(os.path.join(broken, "risks", "notes.txt"), "w", encoding="utf-8") as f:
        f.write("scratch")
    # a breach no review has answered yet: triggered reviews, due and (later) overdue
    with open(os.path.join(broken, "measurements", "credit-age-gap.csv"), "a", encoding="utf-8") as f:
        f.write("2026-11-20,6.1,fairness job,after the November retrain\n")
    for name in os.listdir(os.path.join(broken, "impacts")):
        path = os.path.join(broken, "impacts", name)
        text = open(path, encoding="utf-8").read()
        # drop the first dimension: an assessment with a dimension missing
        start = text.index("  - dimension:")
        end = text.find("  - dimension:", start + 1)
        open(path, "w", encoding="utf-8").write(text[:start] + text[end:])
    empty = os.path.join(tmp, "empty")
    os.mkdir(empty)
    subprocess.run([aims, "init", "--organisation", "Empty Org"], cwd=empty, env=ENV,
                   check=True, capture_output=True)
    late = "2027-12-31"
    return [(in_git, TODAY), (outside, TODAY), (broken, TODAY), (empty, TODAY),
            (in_git, late), (broken, late)]


def outputs():
    listing = subprocess.run([aims, "schema", "output"], capture_output=True, check=True, text=True)
    return [line.split("\t", 1) for line in listing.stdout.splitlines()]


def run(register, command):
    register, today = register
    words = command.split()[1:]
    out = subprocess.run([aims, *words, "--today", today], cwd=register, env=ENV,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        return None
    return json.loads(out.stdout)


def values_of(register, command):
    if "ID" not in command.split():
        value = run(register, command)
        return [] if value is None else [value]
    kind = command.split()[1]
    listed = run(register, f"aims {kind} list --format json") or []
    found = []
    for item in listed:
        value = run(register, command.replace("ID", item["id"]))
        if value is not None:
            found.append(value)
    return found


def kind_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def infer(values, name=None):
    kinds = sorted({kind_of(v) for v in values})
    if "number" in kinds and "integer" in kinds:
        kinds.remove("integer")
    if name in optional and "null" not in kinds:
        kinds.append("null")
    schema = {}
    if not values:
        return {"type": ["null"]} if name in optional else {}
    if kinds == ["null"] and rust_kinds(name):
        kinds = sorted(rust_kinds(name) + ["null"])
        return {"type": kinds}
    non_null = [k for k in kinds if k != "null"]
    schema["type"] = kinds[0] if len(kinds) == 1 else sorted(kinds)
    if "object" in non_null:
        objects = [v for v in values if isinstance(v, dict)]
        keys = []
        for o in objects:
            for k in o:
                if k not in keys:
                    keys.append(k)
        schema["properties"] = {k: infer([o[k] for o in objects if k in o], k) for k in keys}
        schema["required"] = [k for k in keys if all(k in o for o in objects)]
        schema["additionalProperties"] = False
    if "array" in non_null:
        items = [i for v in values if isinstance(v, list) for i in v]
        if items:
            schema["items"] = infer(items)
        elif name in string_lists:
            schema["items"] = {"type": "string"}
        else:
            schema["items"] = {}
    return schema


# What inference cannot know, by output and path (`[]` for an array's items).
REFINE = {
    ("check", "diagnostics[]/rule"): {"type": "string", "description": "the rule's name, as in the README's table of rules"},
    ("check", "diagnostics[]/severity"): {"enum": ["error", "warning"]},
    ("check", "diagnostics[]/file"): {"type": "string", "description": "relative to the register root, `/`-separated"},
    ("check", "diagnostics[]/line"): {"type": ["integer", "null"], "minimum": 1},
    ("check", "diagnostics[]/column"): {"type": ["integer", "null"], "minimum": 1},
    ("check", "diagnostics[]/message"): {"type": "string"},
    ("check", "diagnostics[]/hint"): {"type": ["string", "null"], "description": "what to do about it; null when there is no advice"},
}


# Where outputs carry the register's raw evidence (a path or a detailed record).
for name, path in [
    ("incident-show", "corrective_actions[]/evidence[]"),
    ("management-review-show", "actions[]/evidence[]"),
    ("management-review-show", "minutes"),
    ("objective-show", "objective/plan[]/evidence[]"),
    ("policy-show", "document"),
    ("audit-show", "report"),
    ("export", "objectives[]/plan[]/evidence[]"),
    ("export", "policies[]/document"),
]:
    REFINE[(name, path)] = EVIDENCE if path.endswith("[]") else {"anyOf": [EVIDENCE, {"type": "null"}]}

# Outputs whose schema is written by hand: their samples leave sections empty.
HAND = {"diff", "evidence-list"}


def refine(name, schema, path=""):
    for key, sub in schema.get("properties", {}).items():
        here = f"{path}/{key}" if path else key
        if (name, here) in REFINE:
            schema["properties"][key] = REFINE[(name, here)]
        else:
            refine(name, sub, here)
    if isinstance(schema.get("items"), dict):
        if (name, f"{path}[]") in REFINE:
            schema["items"] = REFINE[(name, f"{path}[]")]
        else:
            refine(name, schema["items"], f"{path}[]")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        registers = samples(tmp)
        for name, command in outputs():
            if (only and name not in only) or name in HAND:
                continue
            values = [v for r in registers for v in values_of(r, command)]
            if not values:
                print(f"{name}: no output to learn from", file=sys.stderr)
                continue
            schema = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"https://github.com/aims-register/aims/schemas/output/{name}.schema.json",
                "title": f"`{command}`",
                "description": f"What `{command}` prints (`aims schema output {name}`).",
                **infer(values),
            }
            refine(name, schema)
            path = os.path.join(root, "schemas", "output", f"{name}.schema.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(schema, f, indent=2, ensure_ascii=False)
                f.write("\n")
            print(f"{name}: {len(values)} outputs", file=sys.stderr)


main()
