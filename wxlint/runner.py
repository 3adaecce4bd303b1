"""The pipeline, end to end: discover -> parse -> model -> checks -> suppress -> findings.

Reports and the CLI sit on top of `run`; nothing here prints.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wxlint.analyse.flow import FlowEngine
from wxlint.catalogue import Rule, load_catalogue
from wxlint.checks import CheckContext, check_module, reads_flow
from wxlint.discover import Project, Skipped, discover, skip
from wxlint.failures import RunFailure, failure_from, file_in_traceback
from wxlint.fork import Forked, can_fork, in_turns
from wxlint.findings import SEVERITY_RANK, Finding, TraceStep, assign_fingerprints, note, step_at
from wxlint.model.privacy import PrivacyUse, privacy_uses
from wxlint.model.project import ProjectModel
from wxlint.model.modules import file_dependencies, forget_module_paths
from wxlint.cache_files import CacheFolder, open_cache
from wxlint.parse.batch import ParseCache, parse_all
from wxlint.parse.files import ParsedFile, parse_bytes
from wxlint.parse.javascript import is_valid_native
from wxlint.parse.source import SourceError, SourceText, decode_bytes
from wxlint.safe_fs import read_file
from wxlint.safe_text import shortened
from wxlint.stamp import code_stamp
from wxlint.relevant import relevant_files
from wxlint.suppress import Baseline, apply_inline, directives_in

PARSE_ERROR = "parse-error"
UNUSED_DISABLE = "unused-disable"
CACHE_FOLDER = ".wxlint_cache"
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
    checks_in_child: int = 0  # checks that do not read the flow engine, run in a forked child (`_model_and_checks`)
    privacy: list[PrivacyUse] = field(default_factory=list)  # with RunOptions.privacy_inventory

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


_froze_trees = False  # whether an earlier run in this process froze its objects (see `run`)


def run(options: RunOptions) -> RunResult:
    global _froze_trees
    if _froze_trees:
        # An earlier run in this process (tests, the fuzzer, an editor) froze its trees, which are garbage
        # by now: give them back to the collector once, or every run would add its trees for good.
        gc.unfreeze()
        gc.collect()
        _froze_trees = False
    # Syntax trees are millions of small objects that live until the run ends: the cyclic
    # garbage collector would rescan them again and again (parsing, unpickling) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    forget_module_paths()
    try:
        return _run(options)
    finally:
        if collecting:
            # Re-enabling would make the next collection walk every tree object once more;
            # frozen, they are left alone until the next run (the command line has none).
            gc.freeze()
            _froze_trees = True
            gc.enable()


def _run(options: RunOptions) -> RunResult:
    catalogue = load_catalogue()
    failures: list[RunFailure] = []
    projects = discover(options.paths, set(catalogue), options.config_file, options.lint_vendored, failures)
    result = RunResult(projects=projects, failures=failures, sources=SourceFiles(p.root for p in projects))
    deadline = None if options.time_budget is None else time.monotonic() + options.time_budget
    fail_levels = []
    for project in projects:
        if options.min_lib_version:
            project.config = project.config.with_overrides(min_lib_version=options.min_lib_version)
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
        failed_files = {f.path for f in result.failures[failed_before:]}
        failed_files.update(s.path for s in result.skipped if s.words is not None and s.words.id == "skip-time-budget")
        result.checked_files.extend(p for p in project.files if project.reports_on(p) and p not in failed_files)
    result.findings.sort(key=lambda f: f.sort_key)
    result.fail_on = min(fail_levels, key=SEVERITY_RANK.get) if fail_levels else (options.fail_on or "warning")
    _apply_baseline(result, options)
    return result


def _check_project(project: Project, catalogue: dict[str, Rule], options: RunOptions, result: RunResult,
                   deadline: float | None):
    levels = enabled_rules(catalogue, project, options)
    contents = _read(project.files)
    cache_folder = _cache_folder(project, options, result)
    parse_cache = ParseCache(cache_folder) if cache_folder else None
    parsed: dict[Path, ParsedFile] = {}
    files = project.files
    if project.only_files is not None:
        files = _files_that_matter(project, contents, parse_cache, parsed, options.jobs, deadline)
    key = _result_key(project, {p: contents[p] for p in files}, levels, options) if cache_folder else None
    cached = _load_result(cache_folder, key, project) if key and not options.privacy_inventory else None
    if cached is not None:
        result.results_from_cache += 1
        return cached
    failures_before = len(result.failures)
    counts: Counter = Counter()
    # Checks that do not read the flow engine run in a forked child while this process builds the engine
    # and runs the others; the child also validates the trees parsed here (see `parse_js`). A child shares this
    # process's memory only until it touches it, and walking the trees touches all of it: a large project runs
    # its checks here, with every tree parsed in a worker (`compact`), so that memory stays near one copy.
    large = sum(len(data) for path, data in contents.items() if path.suffix in _SCRIPT_SUFFIXES
                and isinstance(data, bytes)) > LARGE_PROJECT_SCRIPT_BYTES
    fork = options.jobs > 1 and len(files) >= _FORK_MIN_FILES and can_fork() and not large
    parsed.update(parse_all([p for p in files if p not in parsed], jobs=options.jobs, cache=parse_cache, contents=contents,
                            counts=counts, validate_later=fork, deadline=deadline, compact=large))
    result.parsed_in_workers += counts["workers"]
    if len(parsed) < len(files):
        files = _skip_unparsed(project, files, parsed, options, result)
        key = None  # the findings of a part of the project are no result to keep
    model, outcomes, notes, refused = _model_and_checks(project, catalogue, levels, options, parsed, files, fork, result)
    if refused:  # rare: trees esprima's validator refuses (a `let` declared twice): those files parsed again
        for path in refused:
            parsed[path] = parse_bytes(path, contents[path])
        model, outcomes, notes, _ = _model_and_checks(project, catalogue, levels, options, parsed, files, False, result)
    if parse_cache is not None:
        result.cache_hits += parse_cache.hits
        _remember_dependencies(parse_cache, contents, parsed, model)
    if options.privacy_inventory:
        result.privacy.extend(use for use in privacy_uses(model) if project.reports_on(use.path))
    findings: list[Finding] = []
    if PARSE_ERROR in levels:
        findings.extend(_parse_error_findings(model, catalogue[PARSE_ERROR], levels[PARSE_ERROR], options.lang))
    result.failures.extend(RunFailure(error.internal, path, error.message) for path, error in model.problems
                           if error.internal and project.reports_on(path))
    for rule_id, (rule_findings, failure) in outcomes.items():
        findings.extend(rule_findings)
        if failure is not None:
            result.failures.append(failure)
    directives = {path: directives_in(file) for path, file in parsed.items()}
    apply_inline(findings, directives)
    if UNUSED_DISABLE in levels:
        findings.extend(_unused_directives(directives, catalogue, levels, options))
    # A finding belongs to a pre-commit run when its file or any step of its trace is staged: a `bindtap`
    # turned into `bindlongpress` in a .wxml changes a finding located in the .js.
    findings = [f for f in findings if project.reports_on(f.path) or any(project.reports_on(s.path) for s in f.trace)]

    def line_text(path: Path, line: int) -> str:
        source = model.source(path)
        return source.line_text(line) if source else ""

    assign_fingerprints(findings, line_text, lambda _path: project.root, _repository_place(project.root))
    notes = [n.localized(options.lang) for n in notes if project.reports_on(n.path)]
    if key and len(result.failures) == failures_before:
        _store_result(cache_folder, key, project, findings, notes)
    return findings, notes


def _skip_unparsed(project: Project, files: list[Path], parsed: dict[Path, ParsedFile], options: RunOptions,
                   result: RunResult) -> list[Path]:
    """The files the run's time budget left unparsed: each listed as skipped, and the run incomplete."""
    left = [path for path in files if path not in parsed]
    result.skipped.extend(skip(path, "skip-time-budget", seconds=f"{options.time_budget:g}") for path in left)
    result.failures.append(RunFailure("budget", project.root, f"the run's time budget of {options.time_budget:g} s ran "
                                      f"out; files not analysed: {len(left)} (--time-budget)"))
    return [path for path in files if path in parsed]


# A child process pays for itself past this many files.
_FORK_MIN_FILES = 24
# Past this much script, children that would each copy the trees (measured: about 55 bytes of tree a byte of
# script, 400 MB for the 1,000 generated pages of the benchmark) cost more memory than they save time.
LARGE_PROJECT_SCRIPT_BYTES = 6_000_000
_SCRIPT_SUFFIXES = frozenset({".js", ".ts", ".wxs"})


def _model_and_checks(project: Project, catalogue: dict[str, Rule], levels: dict[str, str], options: RunOptions,
                      parsed: dict[Path, ParsedFile], files: list[Path], fork: bool, result: RunResult):
    """The project model and each check's outcome by rule id, (findings, internal error or None), in the
    catalogue's order; with the flow engine's notes, and the files whose tree esprima's validator refuses.
    With `fork`, the checks that do not read the flow engine run in a forked child while this process
    builds the engine; that child also validates the trees parsed with `validate_later`, and when one
    fails it runs no check and the outcomes are empty: those files must be parsed again. The checks that
    read the engine then run in this process and a second child, taking turns."""
    model = ProjectModel(project, parsed, files)
    flow = _Lazy(lambda: FlowEngine(model))
    checks = [rule_id for rule_id in levels if catalogue[rule_id].kind == "check"]
    apart = [rule_id for rule_id in checks if not reads_flow(catalogue[rule_id])] if fork else []
    together = [rule_id for rule_id in checks if rule_id not in apart]

    def run_apart():
        refused = [path for path, file in parsed.items() if file.js is not None and not is_valid_native(file.js)]
        if refused:
            return {}, [], refused
        own_flow = _Lazy(lambda: FlowEngine(model))  # for a check that reads the engine after all
        return _run_checks(project, model, catalogue, levels, apart, options, own_flow), _notes(own_flow), []

    with Forked(run_apart, fork=fork) as child:
        if fork and together:
            try:
                flow()  # here, so that the second child has it too
            except Exception:  # noqa: BLE001 - each check that reads it reports the failure, as without a child
                fork = False
        def run_one(number: int):
            return _run_checks(project, model, catalogue, levels, [together[number]], options, flow)

        done, notes_by_process = in_turns(len(together), run_one, lambda: _notes(flow), fork)
        outcomes_apart, notes_apart, refused = child.result()
    if refused:
        return model, {}, [], refused
    result.checks_in_child += len(apart) if child.in_child else 0
    outcomes = {rule_id: outcome for found in done.values() for rule_id, outcome in found.items()}
    outcomes.update(outcomes_apart)
    # each once: processes that asked the same of the engine noted the same, and a template that several
    # pages import is one place however many pages it is noted for
    notes = list(dict.fromkeys(step for steps in (*notes_by_process, notes_apart) for step in steps))
    return model, {rule_id: outcomes[rule_id] for rule_id in checks}, notes, []


def _notes(flow: _Lazy) -> list[TraceStep]:
    return flow().notes() if flow.built else []


def _run_checks(project: Project, model: ProjectModel, catalogue: dict[str, Rule], levels: dict[str, str],
                rule_ids: list[str], options: RunOptions, flow) -> dict[str, tuple[list[Finding], str | None]]:
    outcomes = {}
    for rule_id in rule_ids:
        rule = catalogue[rule_id]
        context = CheckContext(model, rule, levels[rule_id], options.lang, flow)
        failure = None
        try:
            check_module(rule).check(context)
        except Exception as exception:  # a bug in one rule must not hide the others' findings, nor other files'
            where = file_in_traceback(exception, model.parsed) or project.root
            failure = failure_from("check", where, exception, rule_id)
        outcomes[rule_id] = (context.findings, failure)
    return outcomes


def _files_that_matter(project: Project, contents, parse_cache: ParseCache | None, parsed: dict[Path, ParsedFile],
                       jobs: int, deadline: float | None) -> list[Path]:
    """For a run on a few files: the project files that can affect their findings (see wxlint.relevant).
    Dependencies come from the cache's facts; files it does not know are parsed now (and kept)."""
    dependencies: dict[Path, list] = {}
    unknown = []
    for path in project.files:
        data = contents[path]
        known = parse_cache.fact(ParseCache.key(path, data)) if parse_cache is not None and isinstance(data, bytes) else None
        if known is None:
            unknown.append(path)
        else:
            dependencies[path] = [tuple(d) for d in known]
    if unknown:
        parsed.update(parse_all(unknown, jobs=jobs, cache=parse_cache, contents=contents, deadline=deadline))
        for path in unknown:
            if path in parsed:
                dependencies[path] = file_dependencies(parsed[path])
        if parse_cache is not None:
            _remember_dependencies(parse_cache, contents, parsed)
    relevant = relevant_files(project, set(project.only_files), dependencies)
    return [path for path in project.files if path in relevant or path in project.only_files]


def _remember_dependencies(parse_cache: ParseCache, contents, parsed: dict[Path, ParsedFile],
                           model: ProjectModel | None = None) -> None:
    """Store each new file's dependencies (`file_dependencies`), read from the model when there is one."""
    for path, file in parsed.items():
        data = contents.get(path)
        if isinstance(data, bytes):
            key = ParseCache.key(path, data)
            if parse_cache.fact(key) is None:
                modules = None
                if model is not None:
                    modules = ([model.js_modules[path]] if path in model.js_modules else []) + model.inline_wxs.get(path, [])
                    if len(modules) != (file.js is not None) + len(file.inline_wxs):
                        modules = None  # a tree the model could not take: read the tree itself
                parse_cache.remember(key, file_dependencies(file, modules))
    parse_cache.save_facts()


def _read(paths: list[Path]) -> dict[Path, bytes | OSError]:
    contents: dict[Path, bytes | OSError] = {}
    for path in paths:
        try:
            contents[path] = read_file(path)
        except OSError as error:
            contents[path] = error
    return contents


def _result_key(project: Project, contents, levels: dict[str, str], options: RunOptions) -> str:
    """Everything a project's findings depend on: every file's content, the project files
    (app.json, project.config.json, page and component .json), the configuration and the options."""
    digest = hashlib.sha256(f"wxlint {code_stamp()}\0{sorted(levels.items())}\0{options.lang}\0"
                            f"{project.config}\0{sorted(map(str, project.only_files or []))}".encode("utf-8", "surrogateescape"))
    context_files = {project.root / "project.config.json": project.root, project.miniprogram_root / "app.json": project.root}
    context_files.update((unit.json, project.root) for unit in project.units.values() if unit.json is not None)
    if project.config.path is not None:
        context_files[project.config.path] = None  # above the project in a monorepo, and checked where it was found
    for path, root in sorted(context_files.items()):
        try:
            digest.update(os.fsencode(f"\0{path}\0") + read_file(path, root))
        except OSError:
            digest.update(os.fsencode(f"\0{path}\0missing"))
    for path, data in sorted(contents.items()):
        digest.update(os.fsencode(f"\0{path}\0") + (data if isinstance(data, bytes) else os.fsencode(str(data))))
    return digest.hexdigest()


def _cache_folder(project: Project, options: RunOptions, result: RunResult) -> CacheFolder | None:
    """The project's cache, unless the run uses none or it cannot be trusted (said in the notes)."""
    if not options.use_cache:
        return None
    path = options.cache_dir or project.root / CACHE_FOLDER
    folder, refusal = open_cache(path, [project.root])
    if refusal is not None:
        result.notes.append(step_at(path, 1, 1, note("cache-not-used", reason=refusal)))
    return folder


def _result_entry(key: str) -> str:
    return f"results/{key}.json"


def _load_result(folder: CacheFolder, key: str, project: Project):
    try:
        document = json.loads(folder.read(_result_entry(key), key) or b"null")
    except ValueError:
        return None
    if document is None:
        return None
    root = project.root

    def place(relative: str) -> Path:
        return Path(os.path.normpath(root / relative))

    def step(raw) -> TraceStep:
        return TraceStep(place(raw["path"]), raw["line"], raw["column"], raw["note"])

    findings = [Finding(rule=f["rule"], severity=f["severity"], path=place(f["path"]), line=f["line"], column=f["column"],
                        end_line=f["end_line"], end_column=f["end_column"], message=f["message"],
                        message_id=f["message_id"], trace=[step(s) for s in f["trace"]],
                        fingerprint=f["fingerprint"], suppressed=f["suppressed"]) for f in document["findings"]]
    return findings, [step(n) for n in document["notes"]]


def _store_result(folder: CacheFolder, key: str, project: Project, findings: list[Finding], notes: list[TraceStep]) -> None:
    root = project.root

    def relative(path: Path) -> str:
        return os.path.relpath(path, root)

    def step(s: TraceStep) -> dict:
        return {"path": relative(s.path), "line": s.line, "column": s.column, "note": s.note}

    document = {"findings": [{
        "rule": f.rule, "severity": f.severity, "path": relative(f.path), "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column, "message": f.message, "message_id": f.message_id,
        "trace": [step(s) for s in f.trace], "fingerprint": f.fingerprint, "suppressed": f.suppressed}
        for f in findings], "notes": [step(n) for n in notes]}
    folder.write(_result_entry(key), key, json.dumps(document).encode())  # ASCII: file names that are not UTF-8 survive


def _unused_directives(directives, catalogue: dict[str, Rule], levels: dict[str, str], options: RunOptions) -> list[Finding]:
    rule = catalogue[UNUSED_DISABLE]
    severity = levels[UNUSED_DISABLE]
    findings = []
    every_rule_runs = options.select is None and not options.ignore and len(levels) == len(catalogue)
    for path_directives in directives.values():
        for directive in path_directives:
            if directive.kind == "enable" or directive.used:
                continue
            unknown = sorted((directive.rules or set()) - set(catalogue))
            if unknown:
                message_id, arguments = "unknown-rule", {"rule": unknown[0]}
            elif directive.rules is None and not every_rule_runs:
                continue  # it may be meant for a rule this run left out
            elif directive.rules is not None and not directive.rules <= set(levels):
                continue
            else:
                named = "" if directive.rules is None else f" ({', '.join(sorted(directive.rules))})"
                message_id, arguments = "unused", {"named": named}
            findings.append(Finding(
                rule=rule.id, severity=severity, path=directive.path, line=directive.line, column=directive.column,
                end_line=directive.line, end_column=directive.column, message_id=message_id,
                message=rule.message(message_id, options.lang, kind=directive.kind, **arguments)))
    return findings


def _apply_baseline(result: RunResult, options: RunOptions) -> None:
    if options.baseline is None:
        return
    baseline = Baseline.load(options.baseline)
    result.baseline = baseline
    accepted = baseline.keys()
    folder = options.baseline.resolve().parent  # paths in a baseline are relative to it, wherever wxlint runs
    found = set()
    for finding in result.findings:
        key = (_baseline_path(finding.path, folder), finding.fingerprint)
        found.add(key)
        if finding.suppressed is None and key in accepted:
            finding.suppressed = {"kind": "baseline", "reason": f"in {options.baseline.name}"}
    checked = {_baseline_path(path, folder) for path in result.checked_files}
    result.baseline_fixed = [entry for entry in baseline.entries
                             if (entry["path"], entry["fingerprint"]) not in found and entry["path"] in checked]


def _repository_place(root: Path) -> str:
    """Where a project sits in its repository ("apps/shop"; "" at the top or outside any repository), so that
    identical files in two projects of a monorepo get different fingerprints."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return "" if folder == root else root.relative_to(folder).as_posix()
    return ""


def _baseline_path(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def baseline_entries(result: RunResult, folder: Path) -> list[dict]:
    """Baseline entries for the findings of a run that are not suppressed inline, paths relative to `folder`
    (the baseline file's)."""
    return [{"path": _baseline_path(f.path, folder), "fingerprint": f.fingerprint, "rule": f.rule, "line": f.line,
             "message": f.message} for f in result.findings if f.suppressed is None or f.suppressed["kind"] == "baseline"]


def _parse_error_findings(model: ProjectModel, rule: Rule, severity: str, lang: str) -> list[Finding]:
    findings = []
    for path, error in model.problems:
        source = model.source(path)
        if error.offset is not None and source is not None:
            line, column = source.position(error.offset)
        else:
            line, column = error.line or 1, error.column or 1
        # a parser's message can quote a name of the file, of any length
        problem = shortened(error.words.render(lang) if error.words is not None else error.message)
        message_id = "parse" if error.whole_file else "entry"
        findings.append(Finding(
            rule=rule.id, severity=severity, path=path, line=line, column=column, end_line=line, end_column=column,
            message_id=message_id, message=rule.message(message_id, lang, problem=problem)))
    return findings
