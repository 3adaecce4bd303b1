"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from wxlint import __version__
from wxlint.report.explain import render_rule
from wxlint.report.coverage import coverage_lines
from wxlint.report.paths import failure_line

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path, cwd) -> str:
    """A path relative to the current folder as a URI reference: every byte of the name but letters, digits,
    `/` and `-._~` percent-encoded (RFC 3986), so `a#frag.js` names that file and not `a` with a fragment, and a
    name that is not UTF-8 or holds control characters is exact and inert."""
    try:
        relative = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        relative = str(path)
    return quote(os.fsencode(Path(relative).as_posix()), safe="/")


def _location(path, line, column, end_line, end_column, cwd, message=None):
    location = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, cwd), "uriBaseId": "%SRCROOT%"}}}
    if line is not None:
        region = {"startLine": line, "startColumn": column}
        if end_line is not None:
            region.update(endLine=end_line, endColumn=max(end_column, 1))
        location["physicalLocation"]["region"] = region
    if message is not None:
        location["message"] = {"text": message}
    return location


def _fix(fix, cwd) -> dict:
    """A finding's fix as SARIF's `fix`: its edits grouped by file, each a region replaced by a text."""
    changes: dict = {}
    for edit in fix.edits:
        (line, column), (end_line, end_column) = edit.start_position, edit.end_position
        changes.setdefault(edit.path, []).append({
            "deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
            "insertedContent": {"text": edit.text}})
    return {"description": {"text": fix.description}, "artifactChanges": [
        {"artifactLocation": {"uri": artifact_uri(path, cwd), "uriBaseId": "%SRCROOT%"}, "replacements": replacements}
        for path, replacements in changes.items()]}


def information_uri() -> str | None:
    """The project's home page as its packaging declares it (`[project.urls]` Homepage or Repository);
    none declared (wxlint has no package index entry), SARIF's optional informationUri is left out
    rather than pointing at a page that does not exist."""
    try:
        urls = metadata.metadata("wxlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    named = dict(url.split(", ", 1) for url in urls if ", " in url)
    return next((named[key] for key in ("Homepage", "Repository", "Source") if key in named), None)


def render(result, context) -> str:
    lang = context.lang
    rules = list(context.catalogue.values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver_rules = [{
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.title[lang]},
        "fullDescription": {"text": " ".join(rule.rationale[lang].split())},
        "help": {"text": " ".join(rule.fix[lang].split()), "markdown": render_rule(rule, lang)},
        "helpUri": rule.references[0],
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags) or [rule.category], "category": rule.category},
    } for rule in rules]
    driver = {"name": "wxlint", "version": __version__, "semanticVersion": __version__}
    if information_uri():
        driver["informationUri"] = information_uri()
    results = []
    for finding in result.findings:
        entry = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [_location(finding.path, finding.line, finding.column, finding.end_line,
                                    finding.end_column, context.cwd)],
            "partialFingerprints": {"wxlint/v1": finding.fingerprint},
        }
        if finding.suppressed is not None:
            entry["suppressions"] = [{"kind": "inSource" if finding.suppressed["kind"] == "inline" else "external",
                                      "justification": finding.suppressed["reason"] or finding.suppressed["kind"]}]
        if finding.fix is not None:
            entry["fixes"] = [_fix(finding.fix, context.cwd)]
        if finding.trace:
            entry["codeFlows"] = [{"threadFlows": [{"locations": [
                {"location": _location(step.path, step.line, step.column, None, None, context.cwd, step.note)}
                for step in finding.trace]}]}]
        results.append(entry)
    # A run that did not look everywhere says so: an upload of an incomplete run must not close open alerts.
    notifications = []
    for failure in result.failures:
        notification = {"level": "error", "message": {"text": failure_line(failure, context.cwd)},
                        "descriptor": {"id": f"wxlint/{failure.stage}"}}
        if failure.path is not None:
            notification["locations"] = [_location(failure.path, None, None, None, None, context.cwd)]
        if failure.rule is not None and failure.rule in index:
            notification["associatedRule"] = {"id": failure.rule, "index": index[failure.rule]}
        notifications.append(notification)
    invocation = {"executionSuccessful": result.complete,
                  # what the run covered: a result set of one rule of many is not a clean bill of health
                  "properties": {"rulesRun": sorted(result.rules_run), "rulesKnown": result.rules_known,
                                 "coverage": coverage_lines(result, "en", context.cwd)}}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {**driver, "rules": driver_rules}},
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": context.cwd.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
