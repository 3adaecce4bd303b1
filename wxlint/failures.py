"""What a run did not do: a file, a check or a project that failed or was left out for want of time.

A gate must never read as clean where it did not look, so each failure is carried to every output format
(the text summary, JSON, SARIF's invocation, GitHub, JUnit, GitLab and the HTML banner) and the exit code.
A failure costs its smallest unit: one file's parse or model, one rule on one project, one project's
discovery; the rest of the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wxlint.safe_text import exception_summary


@dataclass(frozen=True)
class RunFailure:
    """A unit wxlint did not analyse, and why. `stage` is where it failed: "discover" (a project),
    "parse" or "model" (a file), "flow" (the flow engine of a project), "check" (a rule on a project, at a
    file when one can be named), "project" (the rest of a project's analysis), "budget" (files left when the run's time ran out), "run" (the whole run)."""

    stage: str
    path: Path | None  # the file, else the project's root; None for the whole run
    message: str  # one line, printable: what failed
    rule: str | None = None

    def describe(self, shown_path: str | None) -> str:
        """The one line for a terminal or a log: `internal error in rule X on pages/a.js: …`."""
        where = f" on {shown_path}" if shown_path else ""
        if self.stage == "budget":
            return f"{self.message}{where}"
        what = {"check": f"in rule {self.rule}", "parse": "while parsing", "model": "while modelling",
                "flow": "in the flow engine", "discover": "while reading the project", "project": "while analysing the project",
                "run": "while running"}[self.stage]
        return f"internal error {what}{where}: {self.message}; please report it with the file that causes it"


def failure_from(stage: str, path: Path | None, error: BaseException, rule: str | None = None) -> RunFailure:
    """A failure for an exception of wxlint's own (see `exception_summary`)."""
    return RunFailure(stage, path, exception_summary(error), rule)


def file_in_traceback(error: BaseException, files) -> Path | None:
    """The project file a failing check was working on: the innermost frame holding one (a `Path` of
    `files`, or an object whose `path` or `source.path` is one: a module, a parsed file, a WXML document)."""
    frame_locals = []
    tb = error.__traceback__
    while tb is not None:
        frame_locals.append(tb.tb_frame.f_locals)
        tb = tb.tb_next
    for local_values in reversed(frame_locals):
        for value in list(local_values.values()):
            for candidate in (value, getattr(value, "path", None), getattr(getattr(value, "source", None), "path", None)):
                if isinstance(candidate, Path) and candidate in files:
                    return candidate
    return None
