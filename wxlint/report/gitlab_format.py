"""GitLab Code Quality report (a JSON array, one issue per finding)."""

from __future__ import annotations

import json

from wxlint.report.paths import display_path

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
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
