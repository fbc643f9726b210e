#!/usr/bin/env python3
"""Footnote conformance of sidenote's Markdown reader (not part of `cargo test`).

Runs `sidenote --json --format markdown` over the shared conformance material and
prints, per file and in total, the references and notes sidenote found against the
number the reference implementation renders:

- pulldown-cmark `footnotes.txt` (and `old_footnotes.txt`): the spec examples, split at
  their `.` lines; expected = `footnote-reference` / `footnote-definition` in the HTML;
- micromark `NAME.md` with `NAME.html`: expected = `data-footnote-ref` calls and
  `user-content-fn-` list items.

sidenote's model has anchors in body blocks only: a reference inside a note's own text
stays there as written (`[^1]`). Those are counted as "refs in notes" and added to the
references found. micromark, like GitHub, leaves out definitions nobody cites, where
sidenote keeps them as notes; such differences show in the per-file lines.

Usage: scripts/conformance-markdown.py [DIR] [--bin PATH] [--quiet]
DIR defaults to ../shared/conformance/markdown (beside the repository).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = "`" * 32


def sidenote_bin(args):
    if "--bin" in args:
        return args[args.index("--bin") + 1]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = target / "release" / "sidenote"
    if not exe.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True
        )
    return str(exe)


def run(exe, markdown):
    out = subprocess.run(
        [exe, "--json", "--format", "markdown", "-"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode("utf-8", "replace").strip())
    return json.loads(out.stdout)


REF_IN_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def found(doc):
    """(anchors, refs kept as text inside notes that name a defined note, notes)."""
    anchors = sum(len(b["anchors"]) for b in doc["blocks"])
    defined = {n["label"].lower() for n in doc["notes"] if n.get("defined")}
    in_notes = 0
    for n in doc["notes"]:
        for m in REF_IN_NOTE.finditer(n.get("text") or ""):
            if m.group(1).lower() in defined:
                in_notes += 1
    notes = sum(1 for n in doc["notes"] if n.get("defined"))
    return anchors, in_notes, notes


def spec_examples(path):
    """(name, markdown, html) of every example in a CommonMark-style spec file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out, i, n = [], 0, 0
    while i < len(lines):
        if lines[i].startswith(FENCE) and lines[i].strip().endswith("example"):
            n += 1
            start = i + 1
            j = start
            while j < len(lines) and lines[j] != ".":
                j += 1
            k = j + 1
            while k < len(lines) and not lines[k].startswith(FENCE):
                k += 1
            md = "\n".join(lines[start:j]) + "\n"
            html = "\n".join(lines[j + 1 : k])
            out.append((f"{path.name}#{n} (line {start})", md.replace("→", "\t"), html))
            i = k + 1
        else:
            i += 1
    return out


def main(args):
    quiet = "--quiet" in args
    positional = [a for a in args if not a.startswith("--")]
    if "--bin" in args:
        positional.remove(args[args.index("--bin") + 1])
    base = Path(positional[0]) if positional else ROOT.parent / "shared/conformance/markdown"
    exe = sidenote_bin(args)
    cases = []  # (name, markdown, expected refs, expected notes)
    pc = base / "pulldown-cmark"
    for spec in sorted(pc.glob("*footnotes.txt")):
        for name, md, html in spec_examples(spec):
            cases.append(
                (
                    name,
                    md,
                    html.count('class="footnote-reference"'),
                    html.count('class="footnote-definition"'),
                )
            )
    mm = base / "micromark-gfm-footnote"
    for md_path in sorted(mm.glob("*.md")):
        html_path = md_path.with_suffix(".html")
        if not html_path.exists():
            continue
        html = html_path.read_text(encoding="utf-8")
        cases.append(
            (
                f"micromark/{md_path.name}",
                md_path.read_text(encoding="utf-8"),
                html.count("data-footnote-ref"),
                len(re.findall(r'<li id="user-content-fn-', html)),
            )
        )

    totals = [0, 0, 0, 0, 0]  # anchors, in-note refs, notes, expected refs, expected notes
    exact = failed = 0
    print(f"{'case':<52} {'refs':>9} {'notes':>9}")
    for name, md, exp_refs, exp_notes in cases:
        try:
            anchors, in_notes, notes = found(run(exe, md))
        except (RuntimeError, json.JSONDecodeError) as e:
            failed += 1
            print(f"{name:<52} ERROR {e}")
            continue
        refs = anchors + in_notes
        for t, v in enumerate((anchors, in_notes, notes, exp_refs, exp_notes)):
            totals[t] += v
        same = refs == exp_refs and notes == exp_notes
        exact += same
        if not quiet or not same:
            mark = "" if same else "  <-"
            print(f"{name:<52} {refs:>4}/{exp_refs:<4} {notes:>4}/{exp_notes:<4}{mark}")
    anchors, in_notes, notes, exp_refs, exp_notes = totals
    print()
    print(f"cases: {len(cases)}, matching exactly: {exact}, errors: {failed}")
    print(
        f"references: {anchors + in_notes} found / {exp_refs} expected "
        f"({anchors} anchors in the body, {in_notes} kept as text inside notes)"
    )
    print(f"notes: {notes} found / {exp_notes} expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
