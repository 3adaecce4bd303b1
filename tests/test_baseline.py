"""`wxlint baseline`: adopt on a legacy project, report only new findings, prune fixed ones."""

from __future__ import annotations

import json

from conftest import lint_json, run_cli

PAGE = ("Page({\n  tap() {\n    wx.getUserInfo({})\n  },\n  other() {\n    wx.authorize({ scope: 'scope.userInfo' })\n  }\n})\n")
TEMPLATE = '<button bindtap="tap">资料</button>\n<button bindtap="other">授权</button>\n'


def test_baseline_hides_old_findings_survives_edits_and_reports_new_ones(project):
    root = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    code, out, _ = run_cli("baseline", ".", cwd=root)
    assert code == 0 and "2 findings recorded" in out
    baseline = json.loads((root / ".wxlint-baseline.json").read_text(encoding="utf-8"))
    assert [e["rule"] for e in baseline["findings"]] == ["deprecated-getuserinfo", "deprecated-getuserinfo"]
    code, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert code == 0 and all(f["suppressed"]["kind"] == "baseline" for f in report["findings"])
    # Move the code down, edit another function, reformat elsewhere: still the same findings.
    edited = "// header comment\n\n" + PAGE.replace("other() {", "other(   ) {\n    const x = 1").replace("Page({", "Page( {")
    (root / "pages/a/a.js").write_text(edited + "wx.getUserInfo()\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", ".", cwd=root)
    assert code == 1
    [line] = [l for l in out.splitlines() if "deprecated-getuserinfo" in l and l.startswith("pages/")]
    assert line.startswith("pages/a/a.js:12:")  # only the new call
    assert "2 of 2 baselined findings matched" in out


def test_the_summary_says_when_the_baseline_matches_nothing(project):
    root = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    run_cli("baseline", ".", cwd=root)
    # Both accepted lines rewritten: nothing in the baseline matches any more, and the summary says so.
    (root / "pages/a/a.js").write_text(PAGE.replace("wx.getUserInfo({})", "wx.getUserInfo({ lang: 'zh_CN' })")
                                       .replace("scope: 'scope.userInfo'", "scope: 'scope.userInfo', success() {}"),
                                       encoding="utf-8")
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", ".", cwd=root)
    assert code == 1 and "0 of 2 baselined findings matched" in out
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", "--lang", "zh", ".", cwd=root)
    assert "基线中 2 个问题匹配了 0 个" in out


def test_fixed_findings_are_reported_and_pruned(project):
    root = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    run_cli("baseline", ".", cwd=root)
    (root / "pages/a/a.js").write_text(PAGE.replace("wx.getUserInfo({})", "wx.showToast({})"), encoding="utf-8")
    code, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert code == 0 and len(report["summary"]["baseline"]["fixed"]) == 1
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", ".", cwd=root)
    assert "1 baselined findings fixed (run `wxlint baseline --prune`)" in out
    code, out, _ = run_cli("baseline", "--prune", ".", cwd=root)
    assert "removed 1 fixed findings, kept 1" in out
    assert len(json.loads((root / ".wxlint-baseline.json").read_text(encoding="utf-8"))["findings"]) == 1


def test_no_baseline_and_broken_baseline(project):
    root = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    run_cli("baseline", ".", cwd=root)
    code, report = lint_json(root, "--no-baseline", "--select", "deprecated-getuserinfo")
    assert code == 1 and not any(f["suppressed"] for f in report["findings"])
    (root / ".wxlint-baseline.json").write_text("{ not json", encoding="utf-8")
    code, _, err = run_cli("check", ".", cwd=root)
    assert code == 2 and "cannot read the baseline" in err and "Traceback" not in err


def test_the_baseline_is_found_from_any_folder_of_the_repository(project):
    root = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    (root / ".git").mkdir()
    run_cli("baseline", ".", cwd=root)
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", "..", cwd=root / "pages")
    assert code == 0 and "2 of 2 baselined findings matched" in out
    # not from beyond the repository's root
    (root.parent / ".wxlint-baseline.json").write_text((root / ".wxlint-baseline.json").read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    (root / ".wxlint-baseline.json").unlink()
    code, out, _ = run_cli("check", "--select", "deprecated-getuserinfo", ".", cwd=root)
    assert code == 1 and "baselined" not in out


def test_a_baseline_of_another_project_is_refused_and_a_parse_error_is_never_accepted(project):
    shop = project({"pages/a/a.js": PAGE, "pages/a/a.wxml": TEMPLATE})
    run_cli("baseline", ".", cwd=shop)
    blog = project({"pages/b/b.js": PAGE})
    code, _, err = run_cli("check", "--baseline", str(shop / ".wxlint-baseline.json"), ".", cwd=blog)
    assert code == 2 and "a baseline of other projects" in err
    (shop / "pages/a/a.js").write_text(PAGE + "}}}\n", encoding="utf-8")  # broken now
    run_cli("baseline", ".", cwd=shop)
    document = json.loads((shop / ".wxlint-baseline.json").read_text(encoding="utf-8"))
    assert not [e for e in document["findings"] if e["rule"] == "parse-error"]
    document["findings"].append({"path": "pages/a/a.js", "fingerprint": "x", "rule": "parse-error", "line": 10})
    (shop / ".wxlint-baseline.json").write_text(json.dumps(document), encoding="utf-8")
    code, report = lint_json(shop)
    assert code == 1 and [f["suppressed"] for f in report["findings"] if f["rule"] == "parse-error"] == [None]
