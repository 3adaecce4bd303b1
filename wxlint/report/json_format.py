"""JSON output: the contract other tools and the tests rely on."""

from __future__ import annotations

import json
from pathlib import Path

from wxlint import __version__
from wxlint.findings import finding_document, step_document
from wxlint.report.paths import display_path, failure_line


# The contract, as a JSON Schema shipped with the package (tests validate every kind of report against it).
SCHEMA = Path(__file__).with_name("json-report.schema.json")


def render(result, context) -> str:
    def place(path):
        return display_path(path, context.cwd)

    counts = result.counts()
    document = {
        "version": __version__,
        "findings": [finding_document(f, place) for f in result.findings],
        "skipped": [{"path": place(s.path), "reason": s.reason} for s in result.skipped],
        "notes": [step_document(n, place) for n in result.notes],
        "summary": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "files_checked": result.files_checked,
            "projects": [place(p.root) for p in result.projects],
            "fail_on": result.fail_on,
            "failed": result.failed,
            "complete": result.complete,
            "failures": [{"stage": f.stage, "path": place(f.path) if f.path is not None else None, "rule": f.rule,
                          "message": f.message} for f in result.failures],
            "internal_errors": [failure_line(f, context.cwd) for f in result.failures if f.stage != "budget"],
            "suppressed": result.suppressed_counts(),
            "baseline": None if result.baseline is None else {
                "file": place(result.baseline.path), "fixed": result.baseline_fixed},
            # what the run covered (report/coverage.py says it in words)
            "rules_run": sorted(result.rules_run),
            "rules_known": result.rules_known,
            "configurations": [place(path) for path in result.configurations],
            "min_lib": [{"version": version, "source": source if not source or source.startswith("--") else place(Path(source))}
                        for version, source in sorted(set(result.min_lib_sources))],
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
