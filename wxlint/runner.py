"""The pipeline, end to end: discover -> parse -> model -> checks -> suppress -> findings.

Reports and the CLI sit on top of `run`; nothing here prints. Each stage lives in the module named for it;
which process runs what is `wxlint.scheduling`'s, the whole-project result cache `wxlint.result_cache`'s.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wxlint.catalogue import Rule, load_catalogue
from wxlint.checks.parse_error import RULE_ID as PARSE_ERROR, parse_error_findings
from wxlint.checks.unused_disable import RULE_ID as UNUSED_DISABLE, unused_directive_findings
from wxlint.collector import trees_left_alone
from wxlint.discover import Project, discover, skip
from wxlint.failures import RunFailure, failure_from
from wxlint.findings import SEVERITY_RANK, Finding, TraceStep, assign_fingerprints, repository_place
from wxlint.model.modules import forget_module_paths
from wxlint.model.privacy import privacy_uses
from wxlint.model.project import ScriptModels
from wxlint.parse.batch import ParseCache, parse_all
from wxlint.parse.files import ParsedFile
from wxlint.relevant import files_that_matter, remember_dependencies
from wxlint.result_cache import load_result, project_cache, result_key, store_result
from wxlint.run_result import RunResult, SourceFiles
from wxlint.safe_fs import forget_real_folders, read_file, reading_unsaved
from wxlint.scheduling import forks, is_large, model_and_checks
from wxlint.suppress import apply_baseline, apply_inline, directives_in

DEFAULT_TIME_BUDGET = 600.0


@dataclass
class RunOptions:
    paths: list[Path]
    config_file: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    min_lib_version: str | None = None
    fail_on: str | None = None
    lang: str = "en"
    jobs: int = 1
    cache_dir: Path | None = None  # None: `.wxlint_cache/` in each project's root
    use_cache: bool = True
    baseline: Path | None = None
    cwd: Path = field(default_factory=Path.cwd)
    lint_vendored: bool = False
    privacy_inventory: bool = False  # also list where personal information is handled (wxlint privacy)
    # Seconds the whole run may take parsing before the files left are skipped (and the run said incomplete).
    time_budget: float | None = DEFAULT_TIME_BUDGET
    # Files as an editor or standard input has them, not as saved (path -> bytes): read instead of the disk's.
    unsaved: dict[Path, bytes] = field(default_factory=dict)


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
    with trees_left_alone(), reading_unsaved(options.unsaved):
        forget_module_paths()
        forget_real_folders()
        return _run(options)


def _run(options: RunOptions) -> RunResult:
    catalogue = load_catalogue()
    failures: list[RunFailure] = []
    projects = discover(options.paths, set(catalogue), options.config_file, options.lint_vendored, failures)
    result = RunResult(projects=projects, failures=failures, sources=SourceFiles(p.root for p in projects))
    deadline = None if options.time_budget is None else time.monotonic() + options.time_budget
    fail_levels = []
    result.rules_known = len(catalogue)
    for project in projects:
        source = str(project.config.path) if project.config.min_lib_version else ""
        if options.min_lib_version:
            project.config = project.config.with_overrides(min_lib_version=options.min_lib_version)
            source = "--min-lib-version"
        result.min_lib_sources.append((project.config.effective_min_lib_version[0], source))
        result.rules_run.update(enabled_rules(catalogue, project, options))
        fail_levels.append(options.fail_on or project.config.fail_on)
        failed_before = len(result.failures)
        try:
            findings, notes = _check_project(project, catalogue, options, result, deadline)
        except Exception as error:  # a bug in the engine must not hide the other projects' findings
            result.failures.append(failure_from("project", project.root, error))
            findings, notes = [], []
        result.findings.extend(findings)
        result.notes.extend(notes)
        result.skipped.extend(s for s in project.skipped if project.only_files is None)
        not_analysed = {f.path for f in result.failures[failed_before:]}
        not_analysed.update(s.path for s in result.skipped if s.words is not None and s.words.id == "skip-time-budget")
        result.checked_files.extend(p for p in project.files if project.reports_on(p) and p not in not_analysed)
    result.findings.sort(key=lambda f: f.sort_key)
    result.fail_on = min(fail_levels, key=SEVERITY_RANK.get) if fail_levels else (options.fail_on or "warning")
    if options.baseline is not None:
        result.baseline, result.baseline_fixed = apply_baseline(result.findings, result.checked_files, options.baseline,
                                                                [p.root for p in projects])
    return result


def _check_project(project: Project, catalogue: dict[str, Rule], options: RunOptions, result: RunResult,
                   deadline: float | None) -> tuple[list[Finding], list[TraceStep]]:
    levels = enabled_rules(catalogue, project, options)
    contents = _read(project.files)
    cache_notes: list[TraceStep] = []
    cache_folder = project_cache(project, options.cache_dir, cache_notes) if options.use_cache else None
    result.notes.extend(step.localized(options.lang) for step in cache_notes)
    parse_cache = ParseCache(cache_folder) if cache_folder else None
    parsed: dict[Path, ParsedFile] = {}
    files = project.files
    if project.only_files is not None:
        files = files_that_matter(project, contents, parse_cache, parsed, options.jobs, deadline)
    key = result_key(project, {p: contents[p] for p in files}, levels, options.lang) if cache_folder else None
    cached = load_result(cache_folder, key, project) if key and not options.privacy_inventory else None
    if cached is not None:
        result.results_from_cache += 1
        return cached
    failures_before = len(result.failures)
    # parse
    counts: Counter = Counter()
    scripts = ScriptModels()
    large = is_large(contents)
    fork = forks(options.jobs, files, large)
    parsed.update(parse_all([p for p in files if p not in parsed], jobs=options.jobs, cache=parse_cache, contents=contents,
                            counts=counts, deadline=deadline, compact=large, then=scripts.add))
    result.parsed_in_workers += counts["workers"]
    if len(parsed) < len(files):
        files = _skip_unparsed(project, files, parsed, options, result)
        key = None  # the findings of a part of the project are no result to keep
    # model and checks
    model, outcomes, notes, in_child = model_and_checks(project, catalogue, levels, options.lang, parsed, files, fork,
                                                         scripts)
    result.checks_in_child += in_child
    if parse_cache is not None:
        result.cache_hits += parse_cache.hits
        remember_dependencies(parse_cache, contents, parsed, model)
    if options.privacy_inventory:
        result.privacy.extend(use for use in privacy_uses(model) if project.reports_on(use.path))
    findings: list[Finding] = []
    if PARSE_ERROR in levels:
        findings.extend(parse_error_findings(model, catalogue[PARSE_ERROR], levels[PARSE_ERROR], options.lang))
    result.failures.extend(RunFailure(error.internal, path, error.message) for path, error in model.problems
                           if error.internal and project.reports_on(path))
    for rule_findings, failure in outcomes.values():
        findings.extend(rule_findings)
        if failure is not None:
            result.failures.append(failure)
    # suppress
    directives = {path: directives_in(file) for path, file in parsed.items()}
    apply_inline(findings, directives)
    if UNUSED_DISABLE in levels:
        every_rule_runs = options.select is None and not options.ignore and len(levels) == len(catalogue)
        findings.extend(unused_directive_findings(directives, catalogue, levels, every_rule_runs, options.lang))
    # A finding belongs to a pre-commit run when its file or any step of its trace is staged: a `bindtap`
    # turned into `bindlongpress` in a .wxml changes a finding located in the .js.
    findings = [f for f in findings if project.reports_on(f.path) or any(project.reports_on(s.path) for s in f.trace)]

    def line_text(path: Path, line: int) -> str:
        source = model.source(path)
        return source.line_text(line) if source else ""

    assign_fingerprints(findings, line_text, lambda _path: project.root, repository_place(project.root))
    notes = [n.localized(options.lang) for n in notes if project.reports_on(n.path)]
    if key and len(result.failures) == failures_before:
        store_result(cache_folder, key, project, findings, notes)
    return findings, notes


def _skip_unparsed(project: Project, files: list[Path], parsed: dict[Path, ParsedFile], options: RunOptions,
                   result: RunResult) -> list[Path]:
    """The files the run's time budget left unparsed: each listed as skipped, and the run incomplete."""
    left = [path for path in files if path not in parsed]
    result.skipped.extend(skip(path, "skip-time-budget", seconds=f"{options.time_budget:g}") for path in left)
    result.failures.append(RunFailure("budget", project.root, f"the run's time budget of {options.time_budget:g} s ran "
                                      f"out; files not analysed: {len(left)} (--time-budget)"))
    return [path for path in files if path in parsed]


def _read(paths: list[Path]) -> dict[Path, bytes | OSError]:
    contents: dict[Path, bytes | OSError] = {}
    for path in paths:
        try:
            contents[path] = read_file(path)
        except OSError as error:
            contents[path] = error
    return contents
