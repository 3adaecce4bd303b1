"""The benchmark's generated project is valid code with the patterns the rules look for."""

from __future__ import annotations

import sys

from conftest import REPO, lint_json

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_project import generate  # noqa: E402


def test_generated_project_parses_and_has_findings_of_each_flow_rule(tmp_path):
    stats = generate(tmp_path / "bench", pages=24)
    assert stats["pages"] == 24 and stats["js_bytes"] > 24 * 4000
    _, report = lint_json(tmp_path / "bench", "--no-cache")
    rules = {f["rule"] for f in report["findings"]}
    assert "parse-error" not in rules
    assert {"deprecated-getuserinfo", "getuserprofile-outside-tap", "missing-opensetting", "login-popup-on-launch"} <= rules
