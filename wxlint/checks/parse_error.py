"""The built-in rule `parse-error`: each file the parsers or the model refused, at the place they stopped. Not a
`check(ctx)`: it reports what the model could not take, and needs no model of the file."""

from __future__ import annotations

from wxlint.catalogue import Rule
from wxlint.findings import Finding
from wxlint.model.project import ProjectModel
from wxlint.safe_text import shortened

RULE_ID = "parse-error"


def parse_error_findings(model: ProjectModel, rule: Rule, severity: str, lang: str) -> list[Finding]:
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
