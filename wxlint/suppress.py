"""Suppressions: inline `wxlint-disable` comments and the baseline file.

The comment forms are ESLint's, in JS/TS/WXS comments and WXML `<!-- -->`:

    // wxlint-disable-next-line rule-a, rule-b -- reason
    foo()  // wxlint-disable-line rule-a
    /* wxlint-disable rule-a */ … /* wxlint-enable rule-a */
    /* wxlint-disable */            (from here to the end, or to a wxlint-enable)

With no rule named, all rules. Suppressed findings keep their place, marked
`suppressed`; a directive that suppresses nothing is itself reported.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from wxlint.checks.parse_error import RULE_ID as PARSE_ERROR
from wxlint.findings import Finding
from wxlint.parse.files import ParsedFile
from wxlint.safe_fs import inside, is_file

_KINDS = ("wxlint-disable-next-line", "wxlint-disable-line", "wxlint-disable", "wxlint-enable")


@dataclass
class Directive:
    path: Path
    kind: str  # disable-next-line | disable-line | disable | enable
    rules: frozenset[str] | None  # None: every rule
    reason: str
    line: int  # where the comment starts
    column: int
    end_line: int  # where it ends
    used: bool = False
    region_end: tuple[int, int] | None = field(default=None, repr=False)  # for `disable`: where an enable closes it

    def covers(self, finding: Finding) -> bool:
        if self.rules is not None and finding.rule not in self.rules:
            return False
        if self.kind == "disable-next-line":
            return finding.line == self.end_line + 1
        if self.kind == "disable-line":
            return finding.line == self.line
        if self.kind == "disable":
            start = (self.line, self.column)
            place = (finding.line, finding.column)
            return place >= start and (self.region_end is None or place < self.region_end)
        return False


def parse_directive(text: str) -> tuple[str, frozenset[str] | None, str] | None:
    """(kind, rules, reason) of a comment's text, or None when it is not a directive."""
    body = text.strip().strip("*").strip()
    for kind in _KINDS:
        if body == kind or body.startswith(kind + " ") or body.startswith(kind + "\t"):
            rest = body[len(kind):]
            rest, _, reason = rest.partition(" -- ")
            names = [name.strip() for name in rest.replace(",", " ").split() if name.strip()]
            return kind.removeprefix("wxlint-"), (frozenset(names) if names else None), reason.strip()
    return None


def directives_in(parsed: ParsedFile) -> list[Directive]:
    """The directives of one file, with each `disable` region closed by its `enable`."""
    source = parsed.source
    if source is None or "wxlint-" not in source.text:
        return []
    comments: list[tuple[str, int, int]] = []  # (text, start offset, end offset)
    trees = ([parsed.js] if parsed.js is not None else []) + list(parsed.inline_wxs)
    for tree in trees:
        for comment in tree.comments:
            comments.append((comment.value, source.from_utf16(comment.range[0]), source.from_utf16(comment.range[1])))
    if parsed.wxml is not None:
        for comment in parsed.wxml.comments():
            comments.append((comment.text, comment.offset, comment.end))
    directives = []
    for text, start, end in sorted(comments, key=lambda c: c[1]):
        found = parse_directive(text)
        if found is None:
            continue
        kind, rules, reason = found
        line, column = source.position(start)
        end_line = source.position(max(start, end - 1))[0]
        directives.append(Directive(parsed.path, kind, rules, reason, line, column, end_line))
    _close_regions(directives)
    return directives


def _close_regions(directives: list[Directive]) -> None:
    open_regions: list[Directive] = []
    for directive in directives:
        if directive.kind == "disable":
            open_regions.append(directive)
        elif directive.kind == "enable":
            for region in list(open_regions):
                if directive.rules is None or (region.rules is not None and region.rules <= directive.rules):
                    region.region_end = (directive.line, directive.column)
                    open_regions.remove(region)


def apply_inline(findings: list[Finding], directives: dict[Path, list[Directive]]) -> None:
    """Mark the findings a directive covers as suppressed, and the directives as used."""
    for finding in findings:
        for directive in directives.get(finding.path, ()):
            if directive.kind != "enable" and directive.covers(finding):
                directive.used = True
                if finding.suppressed is None:
                    finding.suppressed = {"kind": "inline", "reason": directive.reason}


BASELINE_NAME = ".wxlint-baseline.json"


@dataclass
class Baseline:
    path: Path
    entries: list[dict]  # {path, fingerprint, rule, line, message}
    projects: list[str] | None = None  # the project folders it was written for, from its folder (None: an older file)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        """Raises ValueError with a readable message when the file is not a wxlint baseline."""
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ValueError(f"{path}: cannot read the baseline: {error}") from None
        except RecursionError:
            raise ValueError(f"{path}: cannot read the baseline: nested too deeply") from None
        if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
            raise ValueError(f"{path}: not a wxlint baseline (no 'findings' list)")
        projects = document.get("projects")
        projects = [p for p in projects if isinstance(p, str)] if isinstance(projects, list) else None
        entries = [e for e in document["findings"] if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                   and isinstance(e.get("path"), str) and e.get("rule") != PARSE_ERROR]  # a file that never parses stays reported
        return cls(path, entries, projects)

    def keys(self) -> set[tuple[str, str]]:
        return {(entry["path"], entry["fingerprint"]) for entry in self.entries}

    @staticmethod
    def write(path: Path, entries: list[dict], version: str, projects: list[Path]) -> None:
        folder = path.resolve().parent
        document = {"tool": f"wxlint {version}", "format": 1,
                    "comment": "Findings accepted when wxlint was adopted; `wxlint baseline --prune` drops fixed ones.",
                    "projects": sorted({_baseline_path(project, folder) for project in projects}),
                    "findings": sorted(entries, key=lambda e: (e["path"], e["line"], e["rule"]))}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _baseline_path(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def find_baseline(start: Path) -> Path | None:
    """The nearest baseline file in `start` or a folder above it, up to the repository's root (the folder that
    holds `.git`): where the configuration is found, whichever folder wxlint runs from."""
    for folder in (start, *start.parents):
        candidate = folder / BASELINE_NAME
        if is_file(candidate) and inside(folder, candidate):
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def apply_baseline(findings: list[Finding], checked_files: list[Path], path: Path,
                   projects: list[Path]) -> tuple[Baseline, list[dict]]:
    """Mark the findings the baseline at `path` accepted as suppressed; the baseline, and its entries that are
    fixed (no longer found in a file this run checked). Paths in a baseline are relative to its folder,
    wherever wxlint runs. Raises ValueError for a baseline written for other projects than `projects`; a
    `parse-error` is never accepted."""
    baseline = Baseline.load(path)
    accepted = baseline.keys()
    folder = path.resolve().parent
    if baseline.projects is not None and projects:
        ours = {_baseline_path(project, folder) for project in projects}
        if not ours & set(baseline.projects):
            raise ValueError(f"{path}: a baseline of other projects ({', '.join(baseline.projects[:3]) or 'none'}), "
                             f"not of {', '.join(sorted(ours)[:3])}: not applied (give the right one with --baseline, "
                             f"or --no-baseline)")
    found = set()
    for finding in findings:
        key = (_baseline_path(finding.path, folder), finding.fingerprint)
        found.add(key)
        if finding.rule == PARSE_ERROR:
            continue
        if finding.suppressed is None and key in accepted:
            finding.suppressed = {"kind": "baseline", "reason": f"in {path.name}"}
    checked = {_baseline_path(checked_path, folder) for checked_path in checked_files}
    fixed = [entry for entry in baseline.entries if (entry["path"], entry["fingerprint"]) not in found and entry["path"] in checked]
    return baseline, fixed


def baseline_entries(findings: list[Finding], folder: Path) -> list[dict]:
    """Baseline entries for findings that are not suppressed inline, paths relative to `folder` (the baseline
    file's)."""
    return [{"path": _baseline_path(f.path, folder), "fingerprint": f.fingerprint, "rule": f.rule, "line": f.line,
             "message": f.message} for f in findings
            if (f.suppressed is None or f.suppressed["kind"] == "baseline") and f.rule != PARSE_ERROR]
