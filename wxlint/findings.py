"""Findings and the trace steps that explain them."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class TraceStep:
    path: Path
    line: int
    column: int
    note: str


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

    @property
    def sort_key(self):
        return (str(self.path), self.line, self.column, self.rule, self.message)


def assign_fingerprints(findings: list[Finding], line_text, root_of) -> None:
    """Give each finding a fingerprint that survives unrelated edits.

    It hashes the rule, the message id, the path relative to its project and the
    flagged line's text with spaces removed, plus an occurrence counter for
    identical lines: moving code or editing other lines leaves it unchanged.
    `line_text(path, line)` and `root_of(path)` come from the run.
    """
    seen: Counter = Counter()
    for finding in sorted(findings, key=lambda f: f.sort_key):
        root = root_of(finding.path)
        try:
            relative = finding.path.relative_to(root).as_posix()
        except ValueError:
            relative = finding.path.as_posix()
        code = "".join(line_text(finding.path, finding.line).split())
        key = (finding.rule, finding.message_id, relative, code)
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()
        finding.fingerprint = digest[:32]
