"""Which process runs each check of a project, and in what order; only a question of speed.

A check that does not use the flow engine (`uses_flow`) can run in a forked child while this process builds
the engine; the checks that use it then run in this process and a second child, taking turns (`in_turns`). A
child shares this process's memory only until it touches it, and walking the trees touches all of it: a
large project runs every check here. Without children the outcome is the same, only slower.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from wxlint.analyse.flow import FlowEngine
from wxlint.catalogue import Rule
from wxlint.checks import CheckContext, check_module, uses_flow, whole_project
from wxlint.discover import Project
from wxlint.failures import RunFailure, failure_from, file_in_traceback
from wxlint.findings import Finding, TraceStep
from wxlint.fork import Forked, can_fork, in_turns
from wxlint.model.project import ProjectModel, ScriptModels
from wxlint.parse.files import ParsedFile

# A child process pays for itself past this many files.
FORK_MIN_FILES = 24
# Past this much script, children that would each copy the trees (measured: about 55 bytes of tree a byte of
# script, 400 MB for the 1,000 generated pages of the benchmark) cost more memory than they save time.
LARGE_PROJECT_SCRIPT_BYTES = 6_000_000
_SCRIPT_SUFFIXES = frozenset({".js", ".ts", ".wxs"})

Outcomes = dict[str, tuple[list[Finding], RunFailure | None]]


def is_large(contents: dict[Path, bytes | OSError]) -> bool:
    """A project whose trees are all parsed in workers (`parse_all(compact=True)`) and checked without children."""
    script = sum(len(data) for path, data in contents.items() if path.suffix in _SCRIPT_SUFFIXES and isinstance(data, bytes))
    return script > LARGE_PROJECT_SCRIPT_BYTES


def forks(jobs: int, files: list[Path], large: bool) -> bool:
    return jobs > 1 and len(files) >= FORK_MIN_FILES and can_fork() and not large


class Lazy:
    """Calling it returns `build()`, computed on the first call only."""

    def __init__(self, build: Callable):
        self._build = build
        self._value = None
        self.built = False

    def __call__(self):
        if not self.built:
            self._value = self._build()
            self.built = True
        return self._value


def model_and_checks(project: Project, catalogue: dict[str, Rule], levels: dict[str, str], lang: str,
                     parsed: dict[Path, ParsedFile], files: list[Path], fork: bool, scripts: ScriptModels | None = None):
    """The project model and each check's outcome by rule id, (findings, failure or None), in the catalogue's
    order; with the flow engine's notes and how many checks ran in a child."""
    model = ProjectModel(project, parsed, files, scripts)
    flow = Lazy(lambda: FlowEngine(model))
    partial = project.only_files is not None  # a few files reported: the checks of the whole project wait
    checks = [rule_id for rule_id in levels if catalogue[rule_id].kind == "check"
              and not (partial and whole_project(catalogue[rule_id]))]
    apart = [rule_id for rule_id in checks if not uses_flow(catalogue[rule_id])] if fork else []
    together = [rule_id for rule_id in checks if rule_id not in apart]

    def run_apart():
        return run_checks(project, model, catalogue, levels, apart, lang, flow), []  # no engine, no notes

    with Forked(run_apart, fork=fork) as child:
        if fork and together:
            try:
                flow()  # here, so that the second child has it too
            except Exception:  # noqa: BLE001 - each check that reads it reports the failure, as without a child
                fork = False

        def run_one(number: int):
            return run_checks(project, model, catalogue, levels, [together[number]], lang, flow)

        done, notes_by_process = in_turns(len(together), run_one, lambda: _notes(flow), fork)
        outcomes_apart, notes_apart = child.result()
    outcomes = {rule_id: outcome for found in done.values() for rule_id, outcome in found.items()}
    outcomes.update(outcomes_apart)
    # each once: processes that asked the same of the engine noted the same, and a template that several
    # pages import is one place however many pages it is noted for
    notes = list(dict.fromkeys(step for steps in (*notes_by_process, notes_apart) for step in steps))
    return model, {rule_id: outcomes[rule_id] for rule_id in checks}, notes, len(apart) if child.in_child else 0


def _notes(flow: Lazy) -> list[TraceStep]:
    return flow().notes() if flow.built else []


def run_checks(project: Project, model: ProjectModel, catalogue: dict[str, Rule], levels: dict[str, str],
               rule_ids: list[str], lang: str, flow: Callable[[], FlowEngine]) -> Outcomes:
    outcomes = {}
    for rule_id in rule_ids:
        rule = catalogue[rule_id]
        context = CheckContext(model, rule, levels[rule_id], lang, flow)
        failure = None
        try:
            check_module(rule).check(context)
        except Exception as exception:  # a bug in one rule must not hide the others' findings, nor other files'
            where = file_in_traceback(exception, model.parsed) or project.root
            failure = failure_from("check", where, exception, rule_id)
        outcomes[rule_id] = (context.findings, failure)
    return outcomes
