"""SARIF (validated against the official schema), GitHub annotations, JUnit, GitLab, and several outputs at once."""

from __future__ import annotations

import json
import shutil
from xml.etree import ElementTree

import jsonschema

from conftest import DATA, SAMPLES, expected_counts, run_cli

LEGACY = SAMPLES / "legacy-shop"
EXPECTED = expected_counts(LEGACY)


def _run(*args, cwd=LEGACY):
    code, out, err = run_cli("check", *args, ".", cwd=cwd)
    assert code in (0, 1), err
    return code, out


def test_sarif_validates_and_carries_rules_results_and_code_flows():
    _, out = _run("--format", "sarif")
    document = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    [run] = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "wxlint" and driver["version"] and driver.get("informationUri", "https://").startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    rule = rules["login-popup-on-launch"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["helpUri"].startswith("https://developers.weixin.qq.com/")
    assert "## How to fix" in rule["help"]["markdown"] and rule["help"]["text"]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["properties"]["tags"]
    results = run["results"]
    assert len(results) == EXPECTED["total"] > 20
    popup = next(r for r in results if r["ruleId"] == "login-popup-on-launch")
    assert driver["rules"][popup["ruleIndex"]]["id"] == "login-popup-on-launch"
    location = popup["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "miniprogram/app.js"
    assert location["region"] == {"startLine": 26, "startColumn": 11, "endLine": 26, "endColumn": 23}
    assert popup["partialFingerprints"]["wxlint/v1"]
    steps = popup["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["physicalLocation"]["region"]["startLine"] for s in steps] == [5, 14, 26]
    assert steps[0]["location"]["message"]["text"] == "App onLaunch runs when the mini-program opens"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_information_uri_is_the_declared_home_page_or_absent(monkeypatch):
    """No package index entry exists: informationUri never names a page that is not there."""
    from wxlint.report import sarif_format

    _, out = _run("--format", "sarif")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert "pypi.org" not in out
    assert driver.get("informationUri") == sarif_format.information_uri()

    class Declared:
        @staticmethod
        def get_all(name):
            return ["Issues, https://git.example.com/tools/wxlint/issues", "Homepage, https://git.example.com/tools/wxlint"]

    monkeypatch.setattr(sarif_format.metadata, "metadata", lambda name: Declared)
    assert sarif_format.information_uri() == "https://git.example.com/tools/wxlint"


def test_sarif_in_chinese_is_still_valid():
    _, out = _run("--format", "sarif", "--lang", "zh")
    document = json.loads(out)
    jsonschema.validate(document, json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
    assert "自 2021-04-28 起" in document["runs"][0]["results"][0]["message"]["text"]


def test_github_annotations_escape_and_summarise(project):
    root = project({"pages/a,b/x.js": "Page({ tap() { wx.getUserInfo() } })\n", "pages/a,b/x.wxml": '<button bindtap="tap"/>\n'})
    _, out = _run("--format", "github", cwd=root)
    first, coverage, summary = out.splitlines()
    assert first.startswith("::warning file=pages/a%2Cb/x.js,line=1,col=16,endLine=1,endColumn=30,title=wxlint deprecated-getuserinfo::`wx.getUserInfo`")
    assert coverage.startswith("wxlint: Rules: ") and "Baseline: none" in coverage
    assert summary == "wxlint: 1 problem (0 errors, 1 warning, 0 info) in 2 files"
    _, legacy = _run("--format", "github")
    assert legacy.count("::error ") == EXPECTED["error"] > 1 and "GitHub shows only 10 annotations" in legacy.splitlines()[-1]


def test_junit_has_a_suite_per_file_and_a_failure_per_finding():
    _, out = _run("--format", "junit")
    root = ElementTree.fromstring(out)
    suites = root.findall("testsuite")
    json_files = {key[len("file:"):] for key in EXPECTED if key.startswith("file:") and key.endswith(".json")}
    assert json_files and len(suites) == 15 + len(json_files)  # every checked file, and the JSON files with findings
    failures = root.findall(".//failure")
    assert len(failures) == int(root.get("failures")) == EXPECTED["total"]
    app = next(s for s in suites if s.get("name") == "miniprogram/app.js")
    assert int(app.get("failures")) == EXPECTED["file:miniprogram/app.js"] > 1
    clean = next(s for s in suites if s.get("name") == "miniprogram/pages/login/login.js")
    assert clean.get("failures") == "1"


def test_gitlab_code_quality_has_unique_fingerprints():
    _, out = _run("--format", "gitlab")
    issues = json.loads(out)
    assert len(issues) == EXPECTED["total"]
    assert len({i["fingerprint"] for i in issues}) == EXPECTED["total"]
    issue = issues[0]
    assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["location"]["lines"]["begin"] >= 1 and issue["severity"] in ("info", "minor", "major", "critical", "blocker")


def test_text_on_the_terminal_and_reports_in_files_in_one_run(tmp_path):
    sarif, html = tmp_path / "wxlint.sarif", tmp_path / "report.html"
    code, out = _run("--format", "text", "--output-sarif", str(sarif), "--output-html", str(html))
    assert code == 1
    assert out.splitlines()[-1].startswith(f"✖ {EXPECTED['total']} problems")
    assert len(json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]) == EXPECTED["total"]
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_only_one_format_may_print():
    code, _, err = run_cli("check", "--format", "text", "--format", "json", ".", cwd=LEGACY)
    assert code == 2 and "only one format can print to the terminal" in err


def test_json_reports_follow_the_shipped_schema(tmp_path):
    """Findings with traces and fixes, suppressed ones, a baseline, skipped files and failures: all as the schema says."""
    from wxlint.report.json_format import SCHEMA

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    _, out = _run("--format", "json", "--verbose")
    legacy = json.loads(out)
    assert any(f["trace"] for f in legacy["findings"]) and any(f["fix"] for f in legacy["findings"])
    jsonschema.validate(legacy, schema)
    root = tmp_path / "shop"
    shutil.copytree(LEGACY, root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    run_cli("baseline", ".", cwd=root)
    (root / "miniprogram" / "pages" / "broken.js").write_text("Page({ onLoad( {\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--time-budget", "1", ".", cwd=root)
    report = json.loads(out)
    assert report["summary"]["baseline"] is not None
    jsonschema.validate(report, schema)
