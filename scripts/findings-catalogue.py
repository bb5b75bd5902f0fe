#!/usr/bin/env python3
"""Brings every module's META-INF/wsingress/findings.tsv up to date with the code.

For each module that has a catalogue: one row per constant of its finding enums (the classes in
src/main that implement FindingKind), with the constant's severity and hint (the fix) and the
README findings table row's meaning; rows of codes the module reports without an enum constant are
kept, their meaning refreshed from the README. Sources are kept; a new code gets "-" until someone
cites the upstream file at a release tag its rule rests on. The FindingCatalogTest of each module
checks the result. Usage: scripts/findings-catalogue.py [ROOT]
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
HEADER = "code\tseverity\tmeaning\tfix\tsource"
ROW = re.compile(r"^\| `([A-Z0-9-]+)` \| (ERROR|WARNING|INFO) \| (.*) \| (.*) \|$")
readme = {}
for line in (root / "README.md").read_text(encoding="utf-8").split("\n"):
    m = ROW.match(line)
    if m:
        readme[m.group(1)] = (m.group(2), m.group(3))


def java_string(expr):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', expr)
    return json.loads('"' + "".join(parts) + '"')


def arguments(body):
    args, depth, cur, quoted, escaped = [], 0, "", False, False
    for ch in body:
        if quoted:
            cur += ch
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
            continue
        if ch == '"':
            quoted = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            args.append(cur)
            cur = ""
        else:
            cur += ch
    args.append(cur)
    return args


def constants(src):
    """(code, severity, hint) of every constant of a FindingKind enum's source."""
    prefix = re.search(r'String prefix\(\)\s*\{\s*return "([A-Z-]+)";', src).group(1)
    body = src[src.index("implements FindingKind") :]
    body = body[: body.index(";\n")]
    out = []
    for m in re.finditer(r"^  ([A-Z][A-Z0-9_]+)\(", body, re.M):
        i = j = m.end()
        depth, quoted, escaped = 1, False, False
        while depth > 0:
            ch = body[j]
            if quoted:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    quoted = False
            elif ch == '"':
                quoted = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            j += 1
        args = arguments(body[i : j - 1])
        severity = re.search(r"Severity\.(\w+)", args[0]).group(1)
        out.append((prefix + "-" + m.group(1).replace("_", "-"), severity, java_string(args[-1])))
    return out


problems = []
for tsv in sorted(root.glob("*/src/main/resources/META-INF/wsingress/findings.tsv")):
    module = tsv.parents[5]
    old = {}
    for line in tsv.read_text(encoding="utf-8").split("\n")[1:]:
        if line:
            f = line.split("\t")
            old[f[0]] = f
    rows, enum_codes = [], set()
    for java in sorted((module / "src/main/java").rglob("*.java")):
        src = java.read_text(encoding="utf-8")
        if re.search(r"\benum \w+ implements FindingKind", src):
            for code, severity, hint in constants(src):
                enum_codes.add(code)
                source = old.get(code, [None] * 5)[4] or "-"
                meaning = readme.get(code, (None, None))[1]
                if meaning is None:
                    problems.append(f"{code}: no README findings table row")
                    meaning = "-"
                rows.append([code, severity, meaning, hint, source])
    for code, f in old.items():
        if code not in enum_codes:
            if code in readme:
                f[2] = readme[code][1]
            rows.append(f)
    text = HEADER + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    if text != tsv.read_text(encoding="utf-8"):
        tsv.write_text(text, encoding="utf-8")
        print(f"updated {tsv.relative_to(root)}")
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
