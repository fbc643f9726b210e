#!/usr/bin/env python3
"""Measure the HTML reader on third-party pages (not part of `cargo test`).

Runs `sidenote --json --format html` over ../shared/conformance/html/defuddle/fixtures,
the two readability pages and the Gutenberg HTML book, and prints per file the
references (anchors) and notes (defined notes) found against the expected counts:
defuddle's from the `[^n]` references and `[^n]:` definitions in expected/*.md, the
others from ../shared/conformance/MANIFEST.md.

Usage: scripts/conformance-html.py [path/to/sidenote] [path/to/shared/conformance]
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target")), "release", "sidenote")
SHARED = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "..", "shared", "conformance")

# From MANIFEST.md: ietf-1 has 22 citation links into a 16-entry References section (no
# back-links: citations, not notes); wikipedia-3 has 6 cite_note references to 5 notes.
FIXED = {
    "readability/ietf-1": (22, 16),
    "readability/wikipedia-3": (6, 5),
    "gutenberg/17997-h.htm": (33, 33),
}


def expected_md(path):
    text = open(path, encoding="utf-8").read()
    defs = re.findall(r"^\[\^([^\]\s]+)\]:", text, re.M)
    refs = re.findall(r"\[\^([^\]\s]+)\](?!:)", text)
    return len(refs), len(set(defs))


def run(path):
    p = subprocess.run([BIN, "--json", "--format", "html", path], capture_output=True, timeout=60)
    if p.returncode != 0:
        return None
    doc = json.loads(p.stdout)
    refs = sum(len(b["anchors"]) for b in doc["blocks"])
    notes = sum(1 for n in doc["notes"] if n["defined"])
    return refs, notes


def main():
    cases = []
    fx = os.path.join(SHARED, "html", "defuddle", "fixtures")
    for name in sorted(os.listdir(fx)):
        if name.endswith(".html"):
            md = os.path.join(SHARED, "html", "defuddle", "expected", name[:-5] + ".md")
            exp = expected_md(md) if os.path.exists(md) else None
            cases.append(("defuddle/" + name[:-5], os.path.join(fx, name), exp))
    for page in ("ietf-1", "wikipedia-3"):
        key = "readability/" + page
        cases.append((key, os.path.join(SHARED, "html", "readability", page, "source.html"), FIXED[key]))
    cases.append(("gutenberg/17997-h.htm", os.path.join(SHARED, "gutenberg", "17997-h.htm"),
                  FIXED["gutenberg/17997-h.htm"]))

    tot = [0, 0, 0, 0]
    exact = 0
    print(f"{'file':70} {'refs':>9} {'notes':>9}")
    for key, path, exp in cases:
        got = run(path)
        if got is None:
            print(f"{key:70} FAILED")
            continue
        er, en = exp or (0, 0)
        tot[0] += got[0]; tot[1] += er; tot[2] += got[1]; tot[3] += en
        mark = "" if got == (er, en) else "  *"
        exact += got == (er, en)
        print(f"{key[:70]:70} {got[0]:>4}/{er:<4} {got[1]:>4}/{en:<4}{mark}")
    print(f"{'total':70} {tot[0]:>4}/{tot[1]:<4} {tot[2]:>4}/{tot[3]:<4}")
    print(f"exact matches: {exact}/{len(cases)}")


if __name__ == "__main__":
    main()
