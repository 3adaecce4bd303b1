"""GitHub Actions workflow commands: one annotation per finding, then a summary."""

from __future__ import annotations

from wxlint.report.coverage import coverage_lines
from wxlint.report.paths import display_path, failure_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub shows at most this many annotations of each type per step.
SHOWN_PER_TYPE = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def render(result, context) -> str:
    lines = []
    for f in result.active:
        properties = (f"file={_property(display_path(f.path, context.cwd))},line={f.line},col={f.column},"
                      f"endLine={f.end_line},endColumn={f.end_column},title={_property('wxlint ' + f.rule)}")
        message = f.message + "".join(f"\n{number}. {display_path(step.path, context.cwd)}:{step.line}:{step.column} {step.note}"
                                      for number, step in enumerate(f.trace, 1))
        lines.append(f"::{COMMANDS[f.severity]} {properties}::{_data(message)}")
    for failure in result.failures:
        place = f"file={_property(display_path(failure.path, context.cwd))}," if failure.path is not None else ""
        lines.append(f"::error {place}title={_property('wxlint: not analysed')}::{_data(failure_line(failure, context.cwd))}")
    counts = result.counts()
    total = sum(counts.values())
    summary = (f"wxlint: {_count(total, 'problem')} ({_count(counts['error'], 'error')}, "
               f"{_count(counts['warning'], 'warning')}, {counts['info']} info) in {_count(result.files_checked, 'file')}")
    if result.failures:
        summary = f"wxlint: INCOMPLETE, {_count(len(result.failures), 'failure')} (annotated above); " + summary[len("wxlint: "):]
    if any(count > SHOWN_PER_TYPE for count in counts.values()):
        summary += f"; GitHub shows only {SHOWN_PER_TYPE} annotations of each type per step: the list above is complete"
    lines.append("wxlint: " + "; ".join(coverage_lines(result, "en", context.cwd)))  # what the verdict is over
    lines.append(summary)  # last: a log that keeps one line keeps the verdict
    return "\n".join(lines) + "\n"
