"""One module per rule, named after its id (`deprecated-getuserinfo` ->
`deprecated_getuserinfo.py`), each with a `check(ctx)` function that reports
findings through the `CheckContext`, and `USES_FLOW`: whether it asks for the flow
engine (`ctx.flow`); a check that does not is free to run before the engine exists. A check may
also declare `WHOLE_PROJECT = True`: it judges the project as a whole (the upload package) and runs
only when the whole project is reported, not for a few files (pre-commit, an editor's buffer).
A rule's words live in `rules/<id>.yaml`."""

from __future__ import annotations

import ast
import importlib
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Callable

from esprima.nodes import Node

from wxlint.analyse.flow import FlowEngine
from wxlint.catalogue import Rule
from wxlint.data_tables import CatalogueError
from wxlint.findings import Edit, Finding, Fix, TraceStep
from wxlint.model.javascript import JsModule
from wxlint.model.project import ProjectModel
from wxlint.model.upload import left_out_of_the_upload
from wxlint.parse.source import SourceText


def check_module(rule: Rule) -> ModuleType:
    """The check of a rule, once its use of the catalogue is verified (see `verify_contract`)."""
    module = importlib.import_module(f"wxlint.checks.{rule.module_name}")
    verify_contract(rule, module)
    return module


# Where each reporting method takes its message id: (position, keyword).
_MESSAGE_ARGUMENT = {"report": 2, "report_node": 2, "report_range": 3, "fix": 0}


@lru_cache(maxsize=None)
def _check_syntax(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"), filename=path)


def uses_flow(rule: Rule) -> bool:
    """What the rule's check declares (`USES_FLOW`); `CheckContext.flow` holds it to that."""
    return check_module(rule).USES_FLOW


def whole_project(rule: Rule) -> bool:
    """Whether the rule's check judges the project as a whole (`WHOLE_PROJECT`, False when not declared)."""
    return getattr(check_module(rule), "WHOLE_PROJECT", False) is True


@lru_cache(maxsize=None)
def _catalogue_uses(path: str) -> tuple[tuple[str, str, int], ...]:
    """("message" | "data", name, line) for each literal message id a check reports and each
    literal key it reads from `ctx.data`, read from the check's syntax tree."""
    tree = _check_syntax(path)
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MESSAGE_ARGUMENT:
            position = _MESSAGE_ARGUMENT[node.func.attr]
            argument = node.args[position] if len(node.args) > position else next(
                (k.value for k in node.keywords if k.arg == "message_id"), None)
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                uses.append(("message", argument.value, node.lineno))
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "data"
              and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
            uses.append(("data", node.slice.value, node.lineno))
    return tuple(uses)


def verify_contract(rule: Rule, module: ModuleType) -> None:
    """A check may only report the message ids and read the `data` keys its rule's YAML defines:
    a mismatch is a catalogue error naming the check's file and line, before anything runs."""
    if not isinstance(getattr(module, "USES_FLOW", None), bool):
        raise CatalogueError(f"{module.__file__}: a check declares USES_FLOW = True or False")
    for kind, name, line in _catalogue_uses(module.__file__):
        known = rule.messages if kind == "message" else rule.data
        if name not in known:
            what = "message id" if kind == "message" else "data key"
            raise CatalogueError(f"{module.__file__}:{line}: {what} {name!r} is not in {rule.path.name}")


# Rules about files and the package, not about what code does when it runs
_FILE_RULE_CATEGORIES = frozenset({"upload", "input", "suppression"})


class CheckContext:
    """What a check sees: the project model, its rule, and `report`."""

    def __init__(self, model: ProjectModel, rule: Rule, severity: str, lang: str, flow: Callable[[], FlowEngine]):
        self.model = model
        self.rule = rule
        self.severity = severity
        self.lang = lang
        self.data = rule.data
        self.findings: list[Finding] = []
        self._flow = flow
        self._uses_flow = uses_flow(rule)

    @property
    def flow(self) -> FlowEngine:
        """The project's flow engine, built on first use and shared by all rules; for checks that declare
        `USES_FLOW` (the others may run where there is none)."""
        if not self._uses_flow:
            raise CatalogueError(f"{self.rule.id}: the check reads ctx.flow but declares USES_FLOW = False")
        return self._flow()

    def report(self, path: Path, span: tuple[int, int, int, int], message_id: str,
               trace: list[TraceStep] | None = None, severity: str | None = None, fix: Fix | None = None,
               **arguments) -> None:
        """A finding; `fix`, when given, is what `--fix` applies (see `wxlint.fixes`). A behaviour rule says nothing of
        a page that never opens, nor of a script the upload leaves out, nor of tsc's output beside its TypeScript source
        (the upload rules judge their files)."""
        if self.rule.category not in _FILE_RULE_CATEGORIES and (
                self.model.in_a_page_never_opened(path) or self.model.compiled_from_typescript(path)
                or left_out_of_the_upload(self.model, path)):
            return
        line, column, end_line, end_column = span
        self.findings.append(Finding(
            rule=self.rule.id, severity=severity or self.severity, path=path,
            line=line, column=column, end_line=end_line, end_column=end_column,
            message=self.rule.message(message_id, self.lang, **arguments), message_id=message_id,
            trace=[step.localized(self.lang) for step in trace or ()], fix=fix))

    def fix(self, message_id: str, *edits: Edit, safe: bool = True, **arguments) -> Fix:
        """A fix described by one of the rule's messages."""
        return Fix(self.rule.message(message_id, self.lang, **arguments), tuple(edits), safe)

    def report_node(self, module: JsModule, node: Node, message_id: str, **kwargs) -> None:
        reported = len(self.findings)
        self.report(module.path, module.tree.span(node), message_id, **kwargs)
        if len(self.findings) > reported and module.tree.text_of(node).startswith("uni."):
            # the catalogue's words name `wx.X`; where the code wrote uni-app's `uni.X` (which forwards to it), say so
            finding = self.findings[-1]
            finding.message = finding.message.replace("`wx.", "`uni.")

    def report_range(self, source: SourceText, start: int, end: int, message_id: str, **kwargs) -> None:
        """Report a code-point range of a file (WXML elements and attributes)."""
        self.report(source.path, (*source.position(start), *source.position(end)), message_id, **kwargs)
