"""GitLab Code Quality report (a JSON array, one issue per finding)."""

from __future__ import annotations

import hashlib
import json

from wxlint.report.paths import display_path, failure_line

SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def render(result, context) -> str:
    issues = [{
        "type": "issue",
        "check_name": f.rule,
        "description": f.message,
        "categories": ["Bug Risk"] if f.severity == "error" else ["Compatibility"],
        "fingerprint": f.fingerprint,
        "severity": SEVERITIES[f.severity],
        "location": {"path": display_path(f.path, context.cwd), "lines": {"begin": f.line, "end": f.end_line}},
    } for f in result.active]
    # What was not analysed blocks the merge request as a finding would: an empty report must mean clean.
    for failure in result.failures:
        description = failure_line(failure, context.cwd)
        issues.append({
            "type": "issue",
            "check_name": f"wxlint-{failure.stage}-failure",
            "description": description,
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.sha256(description.encode("utf-8", "surrogateescape")).hexdigest()[:32],
            "severity": "blocker",
            "location": {"path": display_path(failure.path, context.cwd) if failure.path is not None else ".",
                         "lines": {"begin": 1, "end": 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
