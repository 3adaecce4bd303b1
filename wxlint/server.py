"""`wxlint server`: a Language Server (pygls) that shows findings in the editor while the file is being typed.

A document opened, edited or saved is linted as its file of its project, the unsaved contents of every open
document standing for their files (as `check --stdin-filename` does); the cache keeps the rest of the project
cheap. Findings become diagnostics with their traces as related information and their rule's documentation as
the link; code actions disable a rule for a line and apply the fixes `check --fix` would. Runs stay on the main
thread (the parser's time limit is a signal), one at a time, after a short pause in typing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from wxlint import __version__
from wxlint.catalogue import load_catalogue
from wxlint.data_tables import CatalogueError
from wxlint.discover import NoMiniProgram
from wxlint.config import ConfigError
from wxlint.findings import Finding
from wxlint.runner import RunOptions, run

# Seconds without a new edit before a run: typing does not start one run a keystroke.
PAUSE_SECONDS = 0.15
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}
# How a line is disabled in each kind of file (wxlint.suppress reads these); JSON has no comments, and a `.vue` file has
# two kinds (no action offered there: a directive works in either, written by hand).
DISABLE_COMMENTS = {".js": "// {directive}", ".ts": "// {directive}", ".wxs": "// {directive}",
                    ".wxml": "<!-- {directive} -->"}


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None


class WxlintServer(LanguageServer):
    def __init__(self):
        super().__init__("wxlint", __version__)
        self.findings: dict[str, list[tuple[types.Diagnostic, Finding]]] = {}  # uri -> what was last published
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # -- runs
    def schedule(self, uri: str) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(PAUSE_SECONDS, self.lint, uri)

    def unsaved(self) -> dict[Path, bytes]:
        contents = {}
        for uri, document in self.workspace.text_documents.items():
            path = path_of(uri)
            if path is not None:
                contents[path] = document.source.encode("utf-8")
        return contents

    def lint(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return  # closed meanwhile
        path = path_of(uri)
        if path is None or path.suffix not in (".js", ".ts", ".wxml", ".wxs", ".json", ".vue"):
            return
        try:
            result = run(RunOptions(paths=[path], cwd=path.parent, jobs=1, unsaved=self.unsaved()))
        except NoMiniProgram:
            return  # a file of no mini-program: nothing to say
        except (ConfigError, CatalogueError, ValueError) as error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"wxlint: {error}"))
            return
        for failure in result.failures:  # what was not analysed is said, as in every report
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning,
                                                           f"wxlint: {failure.describe(str(failure.path))}"))
        by_path: dict[Path, list[Finding]] = {}
        for finding in result.active:
            by_path.setdefault(finding.path, []).append(finding)
        # a JSON file's run covers its whole project: every open document gets its findings
        targets = [uri] if path.suffix != ".json" else list(self.workspace.text_documents)
        for target in targets:
            target_path = path_of(target)
            self.publish(target, by_path.get(target_path, []) if target_path is not None else [])

    def publish(self, uri: str, findings: list[Finding]) -> None:
        document = self.workspace.get_text_document(uri)
        pairs = [(self.diagnostic(document, finding), finding) for finding in findings]
        self.findings[uri] = pairs
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=[diagnostic for diagnostic, _ in pairs]))

    # -- findings as the editor shows them
    def range_of(self, document, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """1-based lines and code-point columns, as findings count, in the client's units (UTF-16 by default)."""
        start = types.Position(max(line - 1, 0), max(column - 1, 0))
        end = types.Position(max(end_line - 1, 0), max(end_column - 1, 0))
        return self.workspace.position_codec.range_to_client_units(document.lines, types.Range(start, end))

    def diagnostic(self, document, finding: Finding) -> types.Diagnostic:
        rule = load_catalogue().get(finding.rule)
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=step.path.as_uri(),
                                    range=types.Range(types.Position(step.line - 1, step.column - 1),
                                                      types.Position(step.line - 1, step.column - 1))),
            message=f"{number}. {step.note}") for number, step in enumerate(finding.trace, 1)]
        return types.Diagnostic(
            range=self.range_of(document, finding.line, finding.column, finding.end_line, finding.end_column),
            message=finding.message, severity=SEVERITIES[finding.severity], code=finding.rule, source="wxlint",
            code_description=types.CodeDescription(href=rule.references[0]) if rule and rule.references else None,
            related_information=related or None)

    def code_actions(self, uri: str, wanted: list[types.Diagnostic]) -> list[types.CodeAction]:
        document = self.workspace.get_text_document(uri)
        path = path_of(uri)
        actions = []
        for diagnostic, finding in self.findings.get(uri, []):
            if not any(d.range == diagnostic.range and d.code == diagnostic.code for d in wanted):
                continue
            if finding.fix is not None:
                changes: dict[str, list[types.TextEdit]] = {}
                for edit in finding.fix.edits:
                    target = self.workspace.get_text_document(edit.path.as_uri())
                    changes.setdefault(edit.path.as_uri(), []).append(types.TextEdit(
                        range=self.range_of(target, *edit.start_position, *edit.end_position), new_text=edit.text))
                actions.append(types.CodeAction(title=f"wxlint: {finding.fix.description}",
                                                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                                edit=types.WorkspaceEdit(changes=changes),
                                                is_preferred=finding.fix.safe))
            comment = DISABLE_COMMENTS.get(path.suffix if path is not None else "")
            if comment is not None:
                line = diagnostic.range.start.line
                text = document.lines[line] if line < len(document.lines) else ""
                indent = text[:len(text) - len(text.lstrip(" \t"))]
                directive = comment.format(directive=f"wxlint-disable-next-line {finding.rule}")
                actions.append(types.CodeAction(
                    title=f"wxlint: disable {finding.rule} for this line", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic], edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                        range=types.Range(types.Position(line, 0), types.Position(line, 0)),
                        new_text=f"{indent}{directive}\n")]})))
        return actions


server = WxlintServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WxlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WxlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: WxlintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WxlintServer, params: types.DidCloseTextDocumentParams) -> None:
    pending = ls.pending.pop(params.text_document.uri, None)
    if pending is not None:
        pending.cancel()
    ls.findings.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: WxlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    return ls.code_actions(params.text_document.uri, params.context.diagnostics)


def serve() -> None:
    server.start_io()
