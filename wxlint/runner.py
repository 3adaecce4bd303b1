"""The pipeline, end to end: discover -> parse/model -> checks -> findings.

Reports and the CLI sit on top of `run`; nothing here prints.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from wxlint.analyse.flow import FlowEngine
from wxlint.catalogue import Rule, load_catalogue
from wxlint.checks import CheckContext, check_module
from wxlint.discover import Project, Skipped, discover
from wxlint.findings import SEVERITY_RANK, Finding, TraceStep, assign_fingerprints
from wxlint.model.project import ProjectModel
from wxlint.parse.source import SourceText

PARSE_ERROR = "parse-error"


@dataclass
class RunOptions:
    paths: list[Path]
    config_file: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    min_lib_version: str | None = None
    fail_on: str | None = None
    lang: str = "en"


@dataclass
class RunResult:
    projects: list[Project] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    notes: list[TraceStep] = field(default_factory=list)  # what the analysis could not follow, for --verbose
    checked_files: list[Path] = field(default_factory=list)
    sources: dict[Path, SourceText] = field(default_factory=dict)  # for excerpts in reports
    fail_on: str = "warning"

    @property
    def files_checked(self) -> int:
        return len(self.checked_files)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def failed(self) -> bool:
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)


def enabled_rules(catalogue: dict[str, Rule], project: Project, options: RunOptions) -> dict[str, str]:
    """Rule id -> severity for the rules that run on a project."""
    levels = {}
    for rule_id, rule in catalogue.items():
        if options.select is not None and rule_id not in options.select:
            continue
        if rule_id in options.ignore:
            continue
        level = project.config.rules.get(rule_id, rule.severity)
        if level != "off":
            levels[rule_id] = level
    return levels


def run(options: RunOptions) -> RunResult:
    catalogue = load_catalogue()
    projects = discover(options.paths, set(catalogue), options.config_file)
    result = RunResult(projects=projects)
    fail_levels = []
    for project in projects:
        if options.min_lib_version:
            project.config = project.config.with_overrides(min_lib_version=options.min_lib_version)
        fail_levels.append(options.fail_on or project.config.fail_on)
        model = ProjectModel(project)
        flow = _Lazy(lambda model=model: FlowEngine(model))
        levels = enabled_rules(catalogue, project, options)
        findings: list[Finding] = []
        if PARSE_ERROR in levels:
            findings.extend(_parse_error_findings(model, catalogue[PARSE_ERROR], levels[PARSE_ERROR], options.lang))
        for rule_id, severity in levels.items():
            rule = catalogue[rule_id]
            if rule.kind != "check":
                continue
            context = CheckContext(model, rule, severity, options.lang, flow)
            try:
                check_module(rule).check(context)
            except Exception as error:  # a bug in one rule must not hide the others' findings
                where = traceback.extract_tb(error.__traceback__)[-1]
                result.internal_errors.append(
                    f"internal error in rule {rule_id} on {project.root}: {type(error).__name__}: {error} "
                    f"({Path(where.filename).name}:{where.lineno})")
            findings.extend(context.findings)
        findings = [f for f in findings if project.reports_on(f.path)]
        if flow.built:
            result.notes.extend(n for n in flow().notes() if project.reports_on(n.path))

        def line_text(path: Path, line: int, model=model) -> str:
            source = model.source(path)
            return source.line_text(line) if source else ""

        assign_fingerprints(findings, line_text, lambda _path, root=project.root: root)
        result.findings.extend(findings)
        result.skipped.extend(s for s in project.skipped if project.only_files is None)
        result.checked_files.extend(p for p in project.files if project.reports_on(p))
        result.sources.update((path, parsed.source) for path, parsed in model.parsed.items() if parsed.source is not None)
    result.findings.sort(key=lambda f: f.sort_key)
    result.fail_on = min(fail_levels, key=SEVERITY_RANK.get) if fail_levels else (options.fail_on or "warning")
    return result


class _Lazy:
    """Calling it returns `build()`, computed on the first call only."""

    def __init__(self, build):
        self._build = build
        self._value = None
        self.built = False

    def __call__(self):
        if not self.built:
            self._value = self._build()
            self.built = True
        return self._value


def _parse_error_findings(model: ProjectModel, rule: Rule, severity: str, lang: str) -> list[Finding]:
    findings = []
    for path, error in model.problems:
        source = model.source(path)
        if error.offset is not None and source is not None:
            line, column = source.position(error.offset)
        else:
            line, column = error.line or 1, error.column or 1
        findings.append(Finding(
            rule=rule.id, severity=severity, path=path, line=line, column=column,
            end_line=line, end_column=column, message_id="parse",
            message=rule.message("parse", lang, problem=error.message)))
    return findings
