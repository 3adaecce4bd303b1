"""What a run found, skipped and could not analyse: what every report format reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wxlint.discover import Project, Skipped
from wxlint.failures import RunFailure
from wxlint.findings import SEVERITY_RANK, Finding, TraceStep
from wxlint.model.privacy import PrivacyUse
from wxlint.parse.source import SourceError, SourceText, decode_bytes
from wxlint.safe_fs import read_file
from wxlint.suppress import Baseline


class SourceFiles(dict):
    """Path -> decoded source, read on first use (reports need only the files they excerpt); only files inside
    the run's projects (`roots`): an excerpt never shows a file a link points to elsewhere."""

    def __init__(self, roots=()):
        super().__init__()
        self.roots = list(roots)

    def get(self, path, default=None):
        if path not in self:
            self[path] = None
            for root in self.roots:
                try:
                    text, encoding = decode_bytes(read_file(path, root))
                except (OSError, SourceError):
                    continue
                self[path] = SourceText(path=path, text=text, encoding=encoding)
                break
        return super().get(path) or default


@dataclass
class RunResult:
    projects: list[Project] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # suppressed ones included, marked
    skipped: list[Skipped] = field(default_factory=list)
    failures: list[RunFailure] = field(default_factory=list)  # what was not analysed: every output says so
    notes: list[TraceStep] = field(default_factory=list)  # what the analysis could not follow, for --verbose
    checked_files: list[Path] = field(default_factory=list)
    sources: SourceFiles = field(default_factory=SourceFiles)
    fail_on: str = "warning"
    baseline: Baseline | None = None
    baseline_fixed: list[dict] = field(default_factory=list)  # baseline entries no longer found
    cache_hits: int = 0  # files whose syntax tree came from the parse cache
    results_from_cache: int = 0  # projects whose findings came from the result cache
    parsed_in_workers: int = 0  # files parsed by worker processes
    checks_in_child: int = 0  # checks that do not use the flow engine, run in a forked child (`wxlint.scheduling`)
    privacy: list[PrivacyUse] = field(default_factory=list)  # with RunOptions.privacy_inventory
    # what the run covered, for reports to say: the rules that ran (in any project) out of the catalogue's, and
    # where each project's minimum base library came from ("--min-lib-version", a configuration file, "" the default)
    rules_run: set[str] = field(default_factory=set)
    rules_known: int = 0
    min_lib_sources: list[tuple[str, str]] = field(default_factory=list)  # (version, source)

    @property
    def configurations(self) -> list[Path]:
        return sorted({p.config.path for p in self.projects if p.config.path is not None})

    @property
    def files_checked(self) -> int:
        return len(self.checked_files)

    @property
    def active(self) -> list[Finding]:
        """The findings that count: not suppressed inline or by the baseline."""
        return [f for f in self.findings if f.suppressed is None]

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.active:
            counts[finding.severity] += 1
        return counts

    def suppressed_counts(self) -> dict[str, int]:
        counts = {"inline": 0, "baseline": 0}
        for finding in self.findings:
            if finding.suppressed is not None:
                counts[finding.suppressed["kind"]] += 1
        return counts

    @property
    def complete(self) -> bool:
        return not self.failures

    @property
    def failed(self) -> bool:
        """Whether the gate fails: a finding at or above the failing level, or a run that did not look everywhere."""
        threshold = SEVERITY_RANK[self.fail_on]
        return not self.complete or any(SEVERITY_RANK[f.severity] >= threshold for f in self.active)
