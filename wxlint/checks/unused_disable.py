"""The built-in rule `unused-disable`: a `wxlint-disable` directive that suppressed nothing, or names a rule
that does not exist. Not a `check(ctx)`: it reads what the suppressions did, after every check ran."""

from __future__ import annotations

from wxlint.catalogue import Rule
from wxlint.findings import Finding

RULE_ID = "unused-disable"


def unused_directive_findings(directives, catalogue: dict[str, Rule], levels: dict[str, str], every_rule_runs: bool,
                              lang: str) -> list[Finding]:
    """`directives`: path -> the file's directives, marked `used` by `apply_inline`. A directive naming no rule
    only counts as unused when `every_rule_runs`: it may be meant for a rule this run left out."""
    rule = catalogue[RULE_ID]
    severity = levels[RULE_ID]
    findings = []
    for path_directives in directives.values():
        for directive in path_directives:
            if directive.kind == "enable" or directive.used:
                continue
            unknown = sorted((directive.rules or set()) - set(catalogue))
            if unknown:
                message_id, arguments = "unknown-rule", {"rule": unknown[0]}
            elif directive.rules is None and not every_rule_runs:
                continue
            elif directive.rules is not None and not directive.rules <= set(levels):
                continue
            else:
                named = "" if directive.rules is None else f" ({', '.join(sorted(directive.rules))})"
                message_id, arguments = "unused", {"named": named}
            findings.append(Finding(
                rule=rule.id, severity=severity, path=directive.path, line=directive.line, column=directive.column,
                end_line=directive.line, end_column=directive.column, message_id=message_id,
                message=rule.message(message_id, lang, kind=directive.kind, **arguments)))
    return findings
