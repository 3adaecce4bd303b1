"""GitHub Actions workflow commands: one annotation per finding, then a summary."""

from __future__ import annotations

from wxlint.report.paths import display_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub shows at most this many annotations of each type per step.
SHOWN_PER_TYPE = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result, context) -> str:
    lines = []
    for f in result.active:
        properties = (f"file={_property(display_path(f.path, context.cwd))},line={f.line},col={f.column},"
                      f"endLine={f.end_line},endColumn={f.end_column},title={_property('wxlint ' + f.rule)}")
        lines.append(f"::{COMMANDS[f.severity]} {properties}::{_data(f.message)}")
    counts = result.counts()
    summary = (f"wxlint: {sum(counts.values())} problems ({counts['error']} errors, {counts['warning']} warnings, "
               f"{counts['info']} info) in {result.files_checked} files")
    if any(count > SHOWN_PER_TYPE for count in counts.values()):
        summary += f"; GitHub shows only {SHOWN_PER_TYPE} annotations of each type per step: the list above is complete"
    lines.append(summary)
    return "\n".join(lines) + "\n"
