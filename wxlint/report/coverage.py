"""What a run covered, in words: which rules ran, which configuration and baseline were used and what the baseline
hid, where the minimum base library came from. A report that says FAIL or PASS says over what."""

from __future__ import annotations

from pathlib import Path

from wxlint.data_tables import load_data_table
from wxlint.report.paths import display_path


def coverage_lines(result, lang: str, cwd: Path) -> list[str]:
    words = load_data_table("report-words")["coverage"][lang]
    configurations = ", ".join(display_path(p, cwd) for p in result.configurations)
    versions = []
    for version, source in sorted(set(result.min_lib_sources)):
        if not source:
            versions.append(words["default_version"].format(version=version))
        else:
            shown = source if source.startswith("--") else display_path(Path(source), cwd)
            versions.append(words["sourced_version"].format(version=version, source=shown))
    lines = [words["rules_ran"].format(ran=len(result.rules_run), known=result.rules_known),
             words["configuration"].format(files=configurations) if configurations else words["no_configuration"],
             words["baseline_used"].format(file=display_path(result.baseline.path, cwd),
                                           hidden=result.suppressed_counts()["baseline"])
             if result.baseline is not None else words["no_baseline"]]
    if versions:
        lines.append(words["min_lib"].format(versions=", ".join(versions)))
    return lines
