"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

import json
from importlib import metadata

from wxlint import __version__
from wxlint.report.explain import render_rule
from wxlint.report.paths import display_path

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _location(path, line, column, end_line, end_column, cwd, message=None):
    region = {"startLine": line, "startColumn": column}
    if end_line is not None:
        region.update(endLine=end_line, endColumn=max(end_column, 1))
    location = {"physicalLocation": {
        "artifactLocation": {"uri": display_path(path, cwd), "uriBaseId": "%SRCROOT%"},
        "region": region}}
    if message is not None:
        location["message"] = {"text": message}
    return location


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
        if finding.trace:
            entry["codeFlows"] = [{"threadFlows": [{"locations": [
                {"location": _location(step.path, step.line, step.column, None, None, context.cwd, step.note)}
                for step in finding.trace]}]}]
        results.append(entry)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {**driver, "rules": driver_rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": context.cwd.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
