"""What users of ESLint and Ruff expect from the command line: no silent "No problems" without a
mini-program, statistics, colour switches, suggestions for mistyped rule ids, a quiet summary for
routine skips, baselines that work from any folder, and fingerprints unique in a monorepo."""

from __future__ import annotations

import json
import subprocess

from conftest import lint_json, run_cli, write_project

PAGE_JS = "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"
TAP_PAGE = {
    "pages/me/me.wxml": '<button bindtap="onLogin">登录</button>\n',
    "pages/me/me.js": "Page({\n  onLogin() { wx.login({ success: () => wx.getUserProfile({ desc: '资料' }) }) }\n})\n",
}


def test_a_path_without_a_mini_program_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "tool.py").write_text("print('hi')\n", encoding="utf-8")
    for given in ("README.md", "src"):
        code, out, err = run_cli("check", given, cwd=tmp_path)
        assert code == 2 and out == ""
        assert err.startswith(f"wxlint: error: {given}: no mini-program here"), err


def test_statistics_count_findings_per_rule(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS + "wx.getUserInfo()\n", **TAP_PAGE},
                         {"pages": ["pages/index/index", "pages/me/me"]})
    code, out, _ = run_cli("check", "--statistics", ".", cwd=root)
    assert code == 1
    lines = out.splitlines()
    assert [line.split()[:3] for line in lines[:3]] == [["2", "deprecated-getuserinfo", "warning"],
                                                         ["1", "getuserprofile-outside-tap", "error"],
                                                         ["1", "getuserprofile-withdrawn", "warning"]]
    assert not any(".js:" in line for line in lines)  # counts, not findings
    assert lines[-1].startswith("✖ 4 problems")


def test_colour_switches(tmp_path, monkeypatch):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" not in run_cli("check", ".", cwd=root)[1]  # not a terminal
    assert "\x1b[" in run_cli("check", "--color", "always", ".", cwd=root)[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("check", ".", cwd=root)[1]
    assert "\x1b[" not in run_cli("check", "--color", "never", ".", cwd=root)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("check", ".", cwd=root)[1]


def test_rules_header_and_did_you_mean(tmp_path):
    code, out, _ = run_cli("rules", "--lang", "en")
    assert code == 0 and out.splitlines()[0].split() == ["RULE", "SEVERITY", "CATEGORY", "TITLE"]
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    code, _, err = run_cli("check", "--select", "missing-opensettings", ".", cwd=root)
    assert code == 2 and "missing-opensettings (did you mean missing-opensetting?)" in err
    code, _, err = run_cli("explain", "deprecated-getuserinf")
    assert code == 2 and "did you mean deprecated-getuserinfo?" in err


def test_routine_skips_do_not_alarm_the_summary(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS, "typings/wx.d.ts": "declare const wx: any\n",
                                            "libs/chart.min.js": "var a=1;"})
    out = run_cli("check", ".", cwd=root)[1]
    assert "1 file checked" in out and "1 skipped" in out  # the bundle; not the declarations
    verbose = run_cli("check", "--verbose", ".", cwd=root)[1]
    assert "skipped typings/wx.d.ts: TypeScript declarations" in verbose


def test_github_annotations_carry_the_trace(tmp_path):
    root = write_project(tmp_path / "app", TAP_PAGE)
    out = run_cli("check", "--format", "github", ".", cwd=root)[1]
    annotation = next(line for line in out.splitlines() if line.startswith("::error "))
    assert "%0A1. pages/me/me.wxml:1:9 `bindtap=\"onLogin\"` on <button>" in annotation
    assert "%0A2. pages/me/me.js:2:" in annotation and "%0A3. pages/me/me.js:2:41" in annotation


def test_a_baseline_matches_from_any_folder(tmp_path):
    root = write_project(tmp_path / "repo" / "app", {"pages/index/index.js": PAGE_JS})
    baseline = tmp_path / "repo" / "wxlint-baseline.json"
    code, out, _ = run_cli("baseline", "-o", str(baseline), "app", cwd=tmp_path / "repo")
    assert code == 0 and "1 findings recorded" in out
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"][0]["path"] == "app/pages/index/index.js"
    for cwd, target in ((tmp_path / "repo", "app"), (root, "."), (root / "pages", "..")):
        code, report = lint_json_from(cwd, "--baseline", str(baseline), target)
        assert code == 0, cwd
        assert [f["suppressed"]["kind"] for f in report["findings"]] == ["baseline"]


def lint_json_from(cwd, *args):
    code, out, err = run_cli("check", "--format", "json", *args, cwd=cwd)
    assert code in (0, 1), err
    return code, json.loads(out)


def test_fingerprints_are_unique_across_a_monorepo(tmp_path):
    repo = tmp_path / "mono"
    for name in ("shop", "admin"):
        write_project(repo / "apps" / name, {"pages/index/index.js": PAGE_JS})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _, report = lint_json(repo)
    prints = [f["fingerprint"] for f in report["findings"]]
    assert len(prints) == 2 and len(set(prints)) == 2
    single = write_project(tmp_path / "single", {"pages/index/index.js": PAGE_JS})
    subprocess.run(["git", "init", "-q", str(single)], check=True)
    outside = write_project(tmp_path / "outside", {"pages/index/index.js": PAGE_JS})
    assert lint_json(single)[1]["findings"][0]["fingerprint"] == lint_json(outside)[1]["findings"][0]["fingerprint"]


def test_a_staged_wxml_reports_the_findings_it_changes(tmp_path):
    """pre-commit with only the .wxml staged: the tap became a long press, the finding is in the .js."""
    root = write_project(tmp_path / "app", {
        "pages/me/me.wxml": '<button bindlongpress="onLogin">登录</button>\n',
        "pages/me/me.js": "Page({\n  onLogin() { wx.getUserProfile({ desc: '资料' }) }\n})\n"})
    code, report = lint_json_from(root, "--select", "getuserprofile-outside-tap", "pages/me/me.wxml")
    assert code == 1
    assert [(f["path"], f["rule"], f["trace"][0]["path"]) for f in report["findings"]] == [
        ("pages/me/me.js", "getuserprofile-outside-tap", "pages/me/me.wxml")]
    code, report = lint_json_from(root, "--select", "getuserprofile-outside-tap", "pages/me/me.js")
    assert [f["path"] for f in report["findings"]] == ["pages/me/me.js"]


def test_a_bug_in_wxlint_is_one_line_naming_the_project_and_the_others_are_still_linted(tmp_path, monkeypatch):
    # A bug of ours (here a rigged one in the model of one project, then in one rule) must not end the
    # run with a traceback: the user sees what failed and where, the other findings, and exit code 2.
    from wxlint.checks import deprecated_getuserinfo
    from wxlint.model.project import ProjectModel

    broken = write_project(tmp_path / "broken", {"pages/index/index.js": PAGE_JS})
    write_project(tmp_path / "healthy", {"pages/index/index.js": PAGE_JS})  # the project still linted
    original = ProjectModel._link_wx_modules

    def fail_on_broken(model):
        if model.project.root == broken.resolve():
            raise RecursionError("maximum recursion depth exceeded")
        original(model)

    monkeypatch.setattr(ProjectModel, "_link_wx_modules", fail_on_broken)
    code, out, err = run_cli("check", "--format", "json", "--no-cache", "broken", "healthy", cwd=tmp_path)
    assert code == 2
    assert [f["path"] for f in json.loads(out)["findings"]] == ["healthy/pages/index/index.js"]
    assert "Traceback" not in err
    assert err.startswith("wxlint: internal error while analysing the project on broken: RecursionError: maximum "
                          "recursion depth exceeded (test_cli_behaviour.py:"), err
    assert len(err.splitlines()) == 1

    monkeypatch.setattr(ProjectModel, "_link_wx_modules", original)
    monkeypatch.setattr(deprecated_getuserinfo, "check", lambda ctx: 1 / 0)
    code, out, err = run_cli("check", "--format", "json", "--no-cache", "healthy", cwd=tmp_path)
    assert code == 2 and "internal error in rule deprecated-getuserinfo on healthy:" in err and "ZeroDivisionError" in err

    monkeypatch.setattr("wxlint.runner.discover", lambda *args: [][0])
    code, out, err = run_cli("check", "--format", "json", "healthy", cwd=tmp_path)
    assert code == 2 and err.startswith("wxlint: internal error while running: IndexError: list index out of range")
    assert json.loads(out)["summary"]["complete"] is False  # the report is still written, and says so
