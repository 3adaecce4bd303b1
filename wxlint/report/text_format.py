"""Terminal output in the ESLint/Ruff style: `path:line:col: severity rule-id message`."""

from __future__ import annotations

import click

from wxlint.data_tables import load_data_table
from wxlint.report.coverage import coverage_lines
from wxlint.report.paths import display_path, failure_line

_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _statistics(result, catalogue, lang: str) -> list[str]:
    """`--statistics`: one line per rule, most findings first, like Ruff."""
    names = load_data_table("report-words")["rule_documentation"][lang]
    severity_names = {level: names[f"severity_{level}"] for level in ("error", "warning", "info")}
    counts: dict[str, int] = {}
    for finding in result.active:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    width = max((len(rule) for rule in counts), default=0)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        known = catalogue.get(rule)
        title = known.title.get(lang, known.title["en"]) if known else ""
        severity = severity_names[next(f.severity for f in result.active if f.rule == rule)]
        lines.append(f"{count:>5}  {rule:<{width}}  {severity:<7}  {title}")
    return lines


def render(result, context) -> str:
    words = load_data_table("report-words")["text"][context.lang]
    color = context.color

    def paint(text: str, **style) -> str:
        return click.style(text, **style) if color else text

    lines = []
    if context.statistics:
        lines.extend(_statistics(result, context.catalogue, context.lang))
    for finding in [] if context.statistics else result.active:
        location = f"{display_path(finding.path, context.cwd)}:{finding.line}:{finding.column}:"
        severity = paint(finding.severity, fg=_SEVERITY_COLORS[finding.severity], bold=True)
        lines.append(f"{paint(location, bold=True)} {severity} {paint(finding.rule, dim=True)} {finding.message}")
        for number, step in enumerate(finding.trace, 1):
            lines.append(f"    {number}. {display_path(step.path, context.cwd)}:{step.line}:{step.column} {step.note}")
    if context.verbose:
        lines.append(" · ".join(coverage_lines(result, context.lang, context.cwd)))
        for skipped in result.skipped:
            lines.append(f"{words['skipped_one']} {display_path(skipped.path, context.cwd)}{words['colon']}{skipped.reason_in(context.lang)}")
        for note in result.notes:
            lines.append(f"{words['note']} {display_path(note.path, context.cwd)}:{note.line}:{note.column}{words['colon']}{note.note}")
    # Never left out, not even with --quiet: a run that did not look everywhere must not read as clean.
    for failure in result.failures:
        lines.append(paint(f"{words['failure']}{words['colon']}{failure_line(failure, context.cwd)}", fg="red", bold=True))
    if context.quiet:
        return "\n".join(lines) + ("\n" if lines else "")
    counts = result.counts()
    total = sum(counts.values())
    if total:
        parts = []
        for severity in ("error", "warning", "info"):
            count = counts[severity]
            if context.lang == "zh":
                parts.append(f"{count} {words[severity]}")
            else:
                noun = words[severity] if severity == "info" or count == 1 else words[severity + "s"]
                parts.append(f"{count} {noun}")
        noun = words["problem"] if total == 1 else words["problems"]
        summary = f"{total} {noun}{words['open']}{words['comma'].join(parts)}{words['close']}"
        summary = paint("✖ " + summary, fg="red" if result.failed else "yellow", bold=True)
        fixes = [f.fix for f in result.active if f.fix is not None]
        safe = sum(1 for fix in fixes if fix.safe)
        if safe:
            summary += words["comma"] + words["fixable"].format(count=safe)
        if len(fixes) > safe:
            summary += words["comma"] + words["unsafe_fixable"].format(count=len(fixes) - safe)
    elif result.complete:
        summary = paint("✔ " + words["clean"], fg="green", bold=True)
    else:
        summary = ""
    tail = f"{result.files_checked} {words['file' if result.files_checked == 1 else 'files']}"
    suppressed = result.suppressed_counts()
    if suppressed["inline"]:
        tail += f"{words['comma']}{suppressed['inline']} {words['suppressed']}"
    if result.baseline is not None:
        # Also when none matched: a baseline that matches nothing usually belongs to other paths.
        tail += words["comma"] + words["baselined"].format(matched=suppressed["baseline"], total=len(result.baseline.entries))
    if result.baseline_fixed:
        tail += f"{words['comma']}{len(result.baseline_fixed)} {words['fixed']}"
    minimums = sorted({(p.config.effective_min_lib_version) for p in result.projects})
    if minimums:
        shown = words["comma"].join(f"{version}{words['open']}{words['default']}{words['close']}" if is_default else version
                                    for version, is_default in minimums)
        tail += f"{words['comma']}{words['min_lib']} {shown}"
    unexpected = [s for s in result.skipped if not s.routine]
    if unexpected:
        tail += f"{words['comma']}{len(unexpected)} {words['skipped']}"
        if not context.verbose:
            tail += f"{words['open']}{words['see_verbose']}{words['close']}"
    if not result.complete:
        incomplete = paint("✖ " + words["incomplete"].format(count=len(result.failures)), fg="red", bold=True)
        summary = f"{incomplete} · {summary}" if summary else incomplete
    if lines:
        lines.append("")
    lines.append(f"{summary} · {tail}")
    return "\n".join(lines) + "\n"
