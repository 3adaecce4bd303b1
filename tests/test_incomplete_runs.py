"""A gate never reports clean where it did not look. A failure costs its smallest unit (a file, a rule on a
project, a project of a monorepo), and every output format says the run was incomplete: the text summary, JSON,
SARIF's invocation, GitHub, JUnit, GitLab and the HTML banner; the exit code is 2."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest

from conftest import DATA, run_cli, write_project

PAGE_JS = "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"
HELPER_JS = "module.exports = { ask() { wx.getUserInfo({}) } }\nmodule.exports.ask()\n"  # asked as it loads


@pytest.fixture
def shop(tmp_path):
    return write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS, "utils/helper.js": HELPER_JS})


@pytest.fixture
def broken_rule(monkeypatch):
    """deprecated-getuserinfo fails on utils/helper.js, after reporting what it found, as a bug of ours would."""
    from wxlint.checks import deprecated_getuserinfo

    original = deprecated_getuserinfo.check

    def check(ctx):
        original(ctx)
        for module in ctx.model.js_modules.values():
            if module.path.name == "helper.js":
                raise KeyError("rigged")

    monkeypatch.setattr(deprecated_getuserinfo, "check", check)


def _run(root, output_format, *args):
    return run_cli("check", "--no-cache", "--format", output_format, *args, ".", cwd=root)


def test_a_failing_rule_names_the_rule_and_the_file_and_keeps_the_other_findings(shop, broken_rule):
    code, out, err = _run(shop, "json")
    report = json.loads(out)
    assert code == 2
    assert err == ("wxlint: internal error in rule deprecated-getuserinfo on utils/helper.js: KeyError: 'rigged' "
                   "(test_incomplete_runs.py:35); please report it with the file that causes it\n")
    summary = report["summary"]
    assert (summary["complete"], summary["failed"]) == (False, True)
    assert summary["failures"] == [{"stage": "check", "path": "utils/helper.js", "rule": "deprecated-getuserinfo",
                                    "message": "KeyError: 'rigged' (test_incomplete_runs.py:35)"}]
    # what the rule reported before it failed is kept: real findings, in a run said to be incomplete
    assert ("pages/index/index.js", "deprecated-getuserinfo") in [(f["path"], f["rule"]) for f in report["findings"]]


def test_every_format_says_the_run_was_incomplete(shop, broken_rule, tmp_path):
    outputs = {}
    for name in ("text", "json", "sarif", "github", "junit", "gitlab", "html"):
        code, out, _ = _run(shop, name)
        assert code == 2, name
        outputs[name] = out
    assert "No problems found" not in outputs["text"]
    assert "not analysed: internal error in rule deprecated-getuserinfo on utils/helper.js" in outputs["text"]
    assert outputs["text"].rstrip().splitlines()[-1].startswith("✖ INCOMPLETE: 1 not analysed")

    sarif = json.loads(outputs["sarif"])
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    [invocation] = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and notification["associatedRule"]["id"] == "deprecated-getuserinfo"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "utils/helper.js"

    github = outputs["github"].splitlines()
    assert any(line.startswith("::error file=utils/helper.js,title=wxlint%3A not analysed::internal error in rule")
               for line in github)
    assert github[-1].startswith("wxlint: INCOMPLETE, 1 failure")

    junit = ElementTree.fromstring(outputs["junit"])
    assert junit.get("errors") == "1"
    [error] = junit.iter("error")
    assert error.get("type") == "check" and "utils/helper.js" in error.get("message")

    gitlab = json.loads(outputs["gitlab"])
    blockers = [issue for issue in gitlab if issue["severity"] == "blocker"]
    assert [(b["check_name"], b["location"]["path"]) for b in blockers] == [("wxlint-check-failure", "utils/helper.js")]

    html = outputs["html"]
    assert '<div class="incomplete" id="incomplete" role="alert">' in html
    assert html.index('id="incomplete"') < html.index("<h1>")


def test_a_complete_run_says_so_in_sarif_and_json(shop):
    code, out, _ = _run(shop, "sarif")
    assert code == 1
    [invocation] = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True and "toolExecutionNotifications" not in invocation
    assert invocation["properties"]["coverage"][0].startswith("Rules: ")  # what it covered, said beside it
    _, out, _ = _run(shop, "json")
    assert json.loads(out)["summary"]["complete"] is True and json.loads(out)["summary"]["failures"] == []


def test_a_parser_bug_costs_its_file_only(shop, monkeypatch):
    from wxlint.parse import files

    real_parse_js = files.parse_js

    def parse_js(source, *args, **kwargs):
        if source.path.name == "helper.js":
            raise IndexError("rigged parser")
        return real_parse_js(source, *args, **kwargs)

    monkeypatch.setattr(files, "parse_js", parse_js)
    code, out, err = _run(shop, "json", "--jobs", "1")
    report = json.loads(out)
    assert code == 2
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [
        ("pages/index/index.js", "deprecated-getuserinfo"), ("utils/helper.js", "parse-error")]
    assert report["summary"]["failures"][0]["stage"] == "parse"
    assert "internal error while parsing on utils/helper.js: IndexError: rigged parser" in err


def test_a_model_bug_costs_its_file_only(shop, monkeypatch):
    from wxlint.model import project as project_model

    real = project_model.JsModule

    def module(tree):
        if tree.source.path.name == "helper.js":
            raise AttributeError("rigged model")
        return real(tree)

    monkeypatch.setattr(project_model, "JsModule", module)
    code, out, err = _run(shop, "json")
    report = json.loads(out)
    assert code == 2
    assert ("pages/index/index.js", "deprecated-getuserinfo") in [(f["path"], f["rule"]) for f in report["findings"]]
    assert [(f["stage"], f["path"]) for f in report["summary"]["failures"]] == [("model", "utils/helper.js")]


def test_a_name_too_long_for_the_system_costs_its_entry_not_the_monorepo(tmp_path):
    # ENAMETOOLONG from discovery ended the run for every project of a monorepo, and echoed the whole name.
    long_route = "pages/" + "x" * 300 + "/index"
    write_project(tmp_path / "mono" / "a", {"pages/index/index.js": PAGE_JS})
    write_project(tmp_path / "mono" / "b", {"pages/index/index.js": PAGE_JS},
                  {"pages": ["pages/index/index", long_route, "pages/nul\u0000/index"],
                   "usingComponents": {"c": "/components/" + "y" * 100_000}})
    code, out, err = run_cli("check", "--no-cache", "--format", "json", "mono", cwd=tmp_path)
    assert code == 1, err
    assert err == ""
    paths = [(f["path"], f["rule"]) for f in json.loads(out)["findings"]]
    assert ("mono/a/pages/index/index.js", "deprecated-getuserinfo") in paths
    assert ("mono/b/pages/index/index.js", "deprecated-getuserinfo") in paths
    assert len(out) < 20_000  # no 100 KB name echoed


def test_a_whole_run_that_fails_still_writes_every_report(shop, monkeypatch, tmp_path):
    monkeypatch.setattr("wxlint.runner.load_catalogue", lambda: {}["boom"])
    sarif_file, html_file = tmp_path / "r.sarif", tmp_path / "r.html"
    code, out, err = run_cli("check", "--format", "text", "--output-sarif", str(sarif_file),
                             "--output-html", str(html_file), ".", cwd=shop)
    assert code == 2
    assert "No problems found" not in out and "INCOMPLETE" in out
    assert json.loads(sarif_file.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert 'id="incomplete"' in html_file.read_text(encoding="utf-8")


def test_files_the_run_time_budget_left_are_skipped_and_the_run_incomplete(tmp_path):
    # 4.5 MB of script takes a few seconds to parse: past a one-second budget it is left, never dropped in silence.
    slow = "".join(f"function f{n}(a) {{ return wx.getStorageSync('k' + a) }}\n" for n in range(80_000))
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS, "utils/slow.js": slow})
    for jobs in ("1", "2"):
        code, out, err = _run(root, "json", "--jobs", jobs, "--time-budget", "1", "--verbose")
        report = json.loads(out)
        assert code == 2, err
        assert [f["path"] for f in report["findings"]] == ["pages/index/index.js"]
        assert {s["path"]: s["reason"] for s in report["skipped"]}["utils/slow.js"] == (
            "not analysed: the run's time budget of 1 s ran out (--time-budget)")
        assert report["summary"]["files_checked"] == 1
        assert [(f["stage"], f["message"]) for f in report["summary"]["failures"]] == [
            ("budget", "the run's time budget of 1 s ran out; files not analysed: 1 (--time-budget)")]


def test_names_from_the_repository_cannot_forge_workflow_commands_or_terminal_sequences(tmp_path, broken_rule):
    # A folder name reaches stderr in an internal error; a configuration key in a configuration error.
    root = write_project(tmp_path / "mono" / "x\n::error file=app.js::forged\x1b]0;title\x07",
                         {"pages/index/index.js": PAGE_JS, "utils/helper.js": HELPER_JS})
    code, out, err = run_cli("check", "--no-cache", "--format", "github", ".", cwd=tmp_path / "mono")
    assert code == 2
    assert [line for line in err.splitlines() if "::" in line and not line.startswith("wxlint: ")] == []
    assert "\x1b" not in err and "\x07" not in err and "\\x1b" in err
    assert [line.split(" ", 1)[0] for line in out.splitlines() if line.startswith("::")] == ["::warning"] * 2 + ["::error"]
    config = "rules:\n  \"\\e]52;c;ZXZpbA==\\a\\n::error file=a.js::forged\": error\n"
    (root / ".wxlint.yml").write_text(config, encoding="utf-8")
    code, out, err = run_cli("check", "--no-cache", ".", cwd=root)
    assert code == 2 and err.count("\n") == 1 and err.startswith("wxlint: error: ")
    assert "\x1b" not in err and "\x07" not in err and ".wxlint.yml" in err


def test_junit_is_xml_whatever_names_and_messages_hold(tmp_path):
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS, "utils/a\ufffe\uffff.js": HELPER_JS,
                                             "pages/index/index.wxml": '<button bindtap="on\uffff">x</button>\n'})
    code, out, _ = _run(root, "junit")
    assert code == 1
    cases = ElementTree.fromstring(out).iter("testcase")
    assert "utils/a\\ufffe\\uffff.js" in {case.get("classname") for case in cases}


def test_sarif_uris_name_files_whose_names_hold_uri_characters(tmp_path):
    from urllib.parse import unquote, urlsplit

    names = ["a#frag.js", "q?x=1.js", "100%25.js", "with space.js", "[x]@y;z.js"]
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS,
                                             **{f"utils/{name}": HELPER_JS for name in names}})
    code, out, _ = _run(root, "sarif")
    assert code == 1
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(out)["runs"][0]["results"]}
    assert {unquote(uri) for uri in uris} == {"pages/index/index.js", *(f"utils/{name}" for name in names)}
    for uri in uris:  # read as a URI reference, each is a path alone: no query, no fragment, no other authority
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "") and unquote(parts.path) == unquote(uri)
