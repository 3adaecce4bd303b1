"""Findings and the trace steps that explain them."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from wxlint.words import Note

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class TraceStep:
    path: Path
    line: int
    column: int
    note: str  # in English until `localized`
    words: Note | None = None  # what `note` says, to render in another language

    def localized(self, lang: str) -> "TraceStep":
        if self.words is None or lang == "en":
            return self
        return replace(self, note=self.words.render(lang))


def step_at(path: Path, line: int, column: int, words: Note) -> TraceStep:
    return TraceStep(path, line, column, words.render("en"), words)


@dataclass(frozen=True)
class Edit:
    """A replacement of a file's decoded text between two code-point offsets (see `wxlint.fixes`)."""

    path: Path
    start: int
    end: int
    text: str
    # 1-based (line, column) of start and end, for the reports
    start_position: tuple[int, int]
    end_position: tuple[int, int]

    @classmethod
    def replacing(cls, source, start: int, end: int, text: str) -> "Edit":
        """`text` in place of a file's decoded text (a `SourceText`) between two code-point offsets."""
        return cls(source.path, start, end, text, source.position(start), source.position(end))


@dataclass(frozen=True)
class Fix:
    description: str  # in the run's language
    edits: tuple[Edit, ...]
    safe: bool = True  # false: it can change what the mini-program does, applied only with --unsafe-fixes


@dataclass
class Finding:
    rule: str
    severity: str
    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    message_id: str = ""
    trace: list[TraceStep] = field(default_factory=list)
    fingerprint: str = ""
    suppressed: dict | None = None  # {"kind": "inline" | "baseline", "reason": "…"}
    fix: Fix | None = None

    @property
    def sort_key(self):
        return (str(self.path), self.line, self.column, self.rule, self.message)


# Findings as plain data, each path written by `place` (relative to the current folder for the JSON
# report, to the project for the result cache) and read back by `path_of`.

def step_document(step: TraceStep, place) -> dict:
    return {"path": place(step.path), "line": step.line, "column": step.column, "note": step.note}


def finding_document(finding: Finding, place) -> dict:
    return {"rule": finding.rule, "message_id": finding.message_id, "severity": finding.severity,
            "path": place(finding.path), "line": finding.line, "column": finding.column,
            "end_line": finding.end_line, "end_column": finding.end_column, "message": finding.message,
            "trace": [step_document(step, place) for step in finding.trace],
            "fingerprint": finding.fingerprint, "suppressed": finding.suppressed,
            "fix": fix_document(finding.fix, place) if finding.fix is not None else None}


def fix_document(fix: Fix, place) -> dict:
    return {"description": fix.description, "safe": fix.safe,
            "edits": [{"path": place(e.path), "line": e.start_position[0], "column": e.start_position[1],
                       "end_line": e.end_position[0], "end_column": e.end_position[1], "text": e.text,
                       "offset": e.start, "end_offset": e.end} for e in fix.edits]}


def fix_from_document(document: dict, path_of) -> Fix:
    return Fix(document["description"], tuple(
        Edit(path_of(e["path"]), e["offset"], e["end_offset"], e["text"], (e["line"], e["column"]),
             (e["end_line"], e["end_column"])) for e in document["edits"]), document["safe"])


def step_from_document(document: dict, path_of) -> TraceStep:
    return TraceStep(path_of(document["path"]), document["line"], document["column"], document["note"])


def finding_from_document(document: dict, path_of) -> Finding:
    return Finding(rule=document["rule"], severity=document["severity"], path=path_of(document["path"]),
                   line=document["line"], column=document["column"], end_line=document["end_line"],
                   end_column=document["end_column"], message=document["message"], message_id=document["message_id"],
                   trace=[step_from_document(step, path_of) for step in document["trace"]],
                   fingerprint=document["fingerprint"], suppressed=document["suppressed"],
                   fix=fix_from_document(document["fix"], path_of) if document.get("fix") else None)


def repository_place(root: Path) -> str:
    """Where a project sits in its repository ("apps/shop"; "" at the top or outside any repository), so that
    identical files in two projects of a monorepo get different fingerprints (`assign_fingerprints`)."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return "" if folder == root else root.relative_to(folder).as_posix()
    return ""


def assign_fingerprints(findings: list[Finding], line_text, root_of, place: str = "") -> None:
    """Give each finding a fingerprint that survives unrelated edits.

    It hashes the rule, the message id, the path relative to its project and the
    flagged line's text with spaces removed, plus an occurrence counter for
    identical lines: moving code or editing other lines leaves it unchanged.
    `line_text(path, line)` and `root_of(path)` come from the run; `place` is where the project sits in
    its repository (a monorepo), left out when empty so single-project fingerprints stay as they were.
    """
    seen: Counter = Counter()
    for finding in sorted(findings, key=lambda f: f.sort_key):
        root = root_of(finding.path)
        try:
            relative = finding.path.relative_to(root).as_posix()
        except ValueError:
            relative = finding.path.as_posix()
        code = "".join(line_text(finding.path, finding.line).split())
        key = (finding.rule, finding.message_id, f"{place}/{relative}" if place else relative, code)
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode("utf-8", "surrogateescape")).hexdigest()
        finding.fingerprint = digest[:32]
