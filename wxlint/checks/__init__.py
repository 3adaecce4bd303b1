"""One module per rule, named after its id (`deprecated-getuserinfo` ->
`deprecated_getuserinfo.py`), each with a `check(ctx)` function that reports
findings through the `CheckContext`. A rule's words live in `rules/<id>.yaml`."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Callable

from esprima.nodes import Node

from wxlint.analyse.flow import FlowEngine
from wxlint.catalogue import Rule
from wxlint.findings import Finding, TraceStep
from wxlint.model.javascript import JsModule
from wxlint.model.project import ProjectModel
from wxlint.parse.source import SourceText


def check_module(rule: Rule) -> ModuleType:
    return importlib.import_module(f"wxlint.checks.{rule.module_name}")


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

    @property
    def flow(self) -> FlowEngine:
        """The project's flow engine, built on first use and shared by all rules."""
        return self._flow()

    def report(self, path: Path, span: tuple[int, int, int, int], message_id: str,
               trace: list[TraceStep] | None = None, severity: str | None = None, **arguments) -> None:
        line, column, end_line, end_column = span
        self.findings.append(Finding(
            rule=self.rule.id, severity=severity or self.severity, path=path,
            line=line, column=column, end_line=end_line, end_column=end_column,
            message=self.rule.message(message_id, self.lang, **arguments), message_id=message_id,
            trace=[step.localized(self.lang) for step in trace or ()]))

    def report_node(self, module: JsModule, node: Node, message_id: str, **kwargs) -> None:
        self.report(module.path, module.tree.span(node), message_id, **kwargs)

    def report_range(self, source: SourceText, start: int, end: int, message_id: str, **kwargs) -> None:
        """Report a code-point range of a file (WXML elements and attributes)."""
        self.report(source.path, (*source.position(start), *source.position(end)), message_id, **kwargs)
