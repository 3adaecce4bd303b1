"""Compare wxlint's upload-gate rules with WeChat's own code quality scan (代码质量) on real projects.

The scan ships in the official npm package `miniprogram-ci` as `checkCodeQuality`; it reads no private key
and needs no network. Install it once into a scratch folder:

    mkdir -p /tmp/mpci && npm install --prefix /tmp/mpci miniprogram-ci

then compare, on every folder below FOLDER that holds a project.config.json:

    python tools/compare_upload_scan.py --ci /tmp/mpci/node_modules/miniprogram-ci FOLDER... [--show]

For each official check it prints in how many projects the two agree (both pass, or both find something: the scan
fails the check, or lists something under CONTAINS_OTHER_PKG_COMPONENTS, which it never fails) and, with
`--show`, each disagreement with what each side says. The official result comes from a small Node.js
script written here at each run; wxlint runs with the eight upload-gate rules only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# official check -> (wxlint rule, the message ids of that rule that stand for the check; None: any)
CHECKS = {
    "PACKAGE_SIZE_LIMIT": ("package-size", {"main-over-scan-limit", "subpackage-over-scan-limit", "package-over-upload-limit"}),
    "JS_COMPRESS_OPEN": ("minify-disabled", {"js"}),
    "WXML_COMPRESS_OPEN": ("minify-disabled", {"wxml"}),
    "WXSS_COMPRESS_OPEN": ("minify-disabled", {"wxss"}),
    "LAZYCODE_LOADING_OPEN": ("lazy-code-loading-off", None),
    "IMAGE_AND_AUDIO_LIMIT": ("large-media", None),
    "CONTAINS_OTHER_PKG_JS": ("main-package-subpackage-only", {"script"}),
    "CONTAINS_OTHER_PKG_COMPONENTS": ("main-package-subpackage-only", {"component"}),
    "CONTAINS_UNUSED_PLUGINS": ("unused-plugin", None),
    "CONTAINS_UNUSED_COMPONENTS": ("unused-component", None),
    "CONTAINS_UNUSED_CODES": ("unused-file", None),
}
RULES = sorted({rule for rule, _ in CHECKS.values()})

# Calls checkCodeQuality as the package's typings describe it; ci.Project insists on a key it never reads.
NODE_SCRIPT = r"""
const fs = require('fs'), path = require('path');
for (const k of ['log', 'info', 'warn', 'error', 'debug']) console[k] = (...a) => process.stderr.write(a.join(' ') + '\n');
const ci = require(process.argv[2]);
const projectPath = path.resolve(process.argv[3]);
let appid = 'wx0000000000000000';
try { const c = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8')); if (c && c.appid) appid = c.appid; } catch (e) {}
const project = new ci.Project({appid, type: 'miniProgram', projectPath, privateKey: 'not-read-by-checkCodeQuality'});
ci.checkCodeQuality(project).then(r => { process.stdout.write(JSON.stringify(r)); process.exit(0); },
                                  e => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });
"""


def official(ci: Path, project: Path, script: Path, timeout: float) -> dict[str, dict] | str:
    """check name -> the scan's entry, or the reason the scan gave none."""
    try:
        done = subprocess.run(["node", str(script), str(ci), str(project)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"no answer in {timeout:g} s"
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["failed"])[-1][:200]
    return {entry["name"]: entry for entry in json.loads(done.stdout)}


def wxlint_findings(project: Path) -> list[dict] | str:
    done = subprocess.run([sys.executable, "-m", "wxlint", "check", "--no-cache", "--format", "json", "--select",
                           ",".join(RULES), "--include-vendored", "."], cwd=project, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        return (done.stderr.strip().splitlines() or ["failed"])[-1][:200]
    return json.loads(done.stdout)["findings"]


def official_finds(entry: dict) -> bool:
    """Whether the scan finds something: it failed the check, or, for CONTAINS_OTHER_PKG_COMPONENTS (which the scan
    never fails, it only lists), its list is not empty."""
    if entry["name"] == "CONTAINS_OTHER_PKG_COMPONENTS":
        return bool((entry.get("detail") or {}).get("comps"))
    return not entry["success"]


# the checks whose detail lists files: (how to read the list, the wxlint message ids that list them)
LISTS = {
    "CONTAINS_OTHER_PKG_JS": (lambda detail: (detail or {}).get("files") or [], {"script"}),
    "CONTAINS_OTHER_PKG_COMPONENTS": (lambda detail: [c + ".json" for c in (detail or {}).get("comps") or []], {"component"}),
    "CONTAINS_UNUSED_CODES": (lambda detail: detail or [], {"unused"}),
}


def listed_files(project: Path, scan: dict, findings: list[dict], check: str) -> tuple[set[str], set[str]]:
    """(files the scan lists, files wxlint reports) for a check whose detail is a list of files, as paths from the
    project folder; the scan's unused files count only when it fails the check (otherwise wxlint reports none)."""
    read, messages = LISTS[check]
    if check == "CONTAINS_UNUSED_CODES" and scan[check]["success"]:
        theirs = []
    else:
        theirs = read(scan[check].get("detail"))
    try:
        root = json.loads((project / "project.config.json").read_text(encoding="utf-8")).get("miniprogramRoot") or ""
    except (OSError, ValueError, AttributeError):
        root = ""
    root = root.strip("./").strip("/")
    prefix = f"{root}/" if root else ""
    rule = CHECKS[check][0]
    ours = {f["path"] for f in findings if f["rule"] == rule and f["message_id"] in messages}
    return {prefix + name for name in theirs}, ours


def wxlint_fails(findings: list[dict], check: str) -> bool:
    rule, messages = CHECKS[check]
    return any(f["rule"] == rule and (messages is None or f["message_id"] in messages) for f in findings)


def projects_below(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        for current, names, files in os.walk(folder):
            names[:] = sorted(n for n in names if n not in ("node_modules", ".git", "miniprogram_npm"))
            if "project.config.json" in files:
                found.append(Path(current))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--ci", type=Path, required=True, help="the installed miniprogram-ci package folder")
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    agree, total, fails_official, fails_wxlint = Counter(), Counter(), Counter(), Counter()
    both, only_official, only_wxlint = Counter(), Counter(), Counter()
    disagreements, file_differences = [], []
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "scan.js"
        script.write_text(NODE_SCRIPT, encoding="utf-8")
        projects = projects_below(args.folders)
        for project in projects:
            scan = official(args.ci.resolve(), project, script, args.timeout)
            findings = wxlint_findings(project)
            if isinstance(scan, str) or isinstance(findings, str):
                print(f"{project}: not compared (official: {scan if isinstance(scan, str) else 'ok'}; "
                      f"wxlint: {findings if isinstance(findings, str) else 'ok'})", file=sys.stderr)
                continue
            for check in CHECKS:
                if check not in scan:
                    continue
                theirs, ours = official_finds(scan[check]), wxlint_fails(findings, check)
                total[check] += 1
                fails_official[check] += theirs
                fails_wxlint[check] += ours
                if check in LISTS:
                    listed, reported = listed_files(project, scan, findings, check)
                    both[check] += len(listed & reported)
                    only_official[check] += len(listed - reported)
                    only_wxlint[check] += len(reported - listed)
                    if listed != reported:
                        file_differences.append((project, check, sorted(listed - reported), sorted(reported - listed)))
                if theirs == ours:
                    agree[check] += 1
                else:
                    disagreements.append((project, check, theirs, scan[check].get("detail"),
                                          [f"{f['path']}:{f['line']} {f['message_id']}" for f in findings
                                           if f["rule"] == CHECKS[check][0]]))
    print(f"{'official check':32} {'projects':>8} {'agree':>6} {'%':>6} {'fail (official)':>16} {'fail (wxlint)':>14}")
    for check in CHECKS:
        if total[check]:
            print(f"{check:32} {total[check]:8} {agree[check]:6} {100 * agree[check] / total[check]:6.1f} "
                  f"{fails_official[check]:16} {fails_wxlint[check]:14}")
    print(f"\n{'files listed':32} {'both':>8} {'only official':>14} {'only wxlint':>12}")
    for check in LISTS:
        print(f"{check:32} {both[check]:8} {only_official[check]:14} {only_wxlint[check]:12}")
    if args.show:
        for project, check, theirs, ours in file_differences:
            print(f"\n{project}: {check}: only official: {theirs[:8]}; only wxlint: {ours[:8]}")
        for project, check, theirs, detail, ours in disagreements:
            print(f"\n{project}: {check}: official {'fails' if theirs else 'passes'}, wxlint "
                  f"{'passes' if theirs else 'fails'}\n  official detail: {json.dumps(detail, ensure_ascii=False)[:600]}"
                  f"\n  wxlint: {ours[:10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
