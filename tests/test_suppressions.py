"""Inline suppressions, ESLint style, in JS/TS/WXS and WXML, and unused directives."""

from __future__ import annotations

import json

import pytest

from conftest import lint_json, run_cli

RULE = "deprecated-getuserinfo"


def findings(project, files, *args):
    _, report = lint_json(project(files), *args)
    return report


JS_CASES = {
    "disable-next-line with a reason": (
        "Page({ tap() {\n  // wxlint-disable-next-line deprecated-getuserinfo -- old clients, reviewed 2024-05\n  wx.getUserInfo()\n} })",
        {3: ("inline", "old clients, reviewed 2024-05")}),
    "disable-line": ("Page({ tap() {\n  wx.getUserInfo() // wxlint-disable-line deprecated-getuserinfo\n} })", {2: ("inline", "")}),
    "no rule named means all rules": ("Page({ tap() {\n  /* wxlint-disable-next-line */\n  wx.getUserInfo()\n} })", {3: ("inline", "")}),
    "a region": ("/* wxlint-disable deprecated-getuserinfo */\nwx.getUserInfo()\nwx.getUserInfo()\n/* wxlint-enable deprecated-getuserinfo */\nwx.getUserInfo()\n",
                 {2: ("inline", ""), 3: ("inline", ""), 5: None}),
    "file-wide at the top": ("/* wxlint-disable */\nwx.getUserInfo()\nPage({ tap() { wx.getUserInfo() } })\n", {2: ("inline", ""), 3: ("inline", "")}),
    "another rule named does not suppress": ("// wxlint-disable-next-line missing-opensetting\nwx.getUserInfo()\n", {2: None}),
    "several rules": ("// wxlint-disable-next-line missing-opensetting, deprecated-getuserinfo\nwx.getUserInfo()\n", {2: ("inline", "")}),
}


@pytest.mark.parametrize("name", JS_CASES)
def test_javascript_directives(project, name):
    code, expected = JS_CASES[name]
    report = findings(project, {"pages/a/a.js": code, "pages/a/a.wxml": '<button bindtap="tap">资料</button>\n'},
                      "--select", f"{RULE},unused-disable")
    got = {f["line"]: (f["suppressed"]["kind"], f["suppressed"]["reason"]) if f["suppressed"] else None
           for f in report["findings"] if f["rule"] == RULE}
    assert got == expected


def test_wxml_comment_directives(project):
    wxml = ('<!-- wxlint-disable-next-line deprecated-getuserinfo -- the fallback branch for 2019 clients -->\n'
            '<button open-type="getUserInfo">a</button>\n'
            '<button open-type="getUserInfo">b</button>\n')
    report = findings(project, {"pages/a/a.wxml": wxml}, "--select", RULE)
    assert [(f["line"], bool(f["suppressed"])) for f in report["findings"]] == [(2, True), (3, False)]


def test_typescript_and_inline_wxs(project):
    files = {"pages/a/a.ts": "const x: number = 1\n// wxlint-disable-next-line deprecated-getuserinfo\nwx.getUserInfo()\n",
             "pages/a/a.wxml": "<wxs module=\"m\">\n// wxlint-disable-next-line\nwx.getUserInfo()\n</wxs>"}
    report = findings(project, files, "--select", RULE)
    assert [bool(f["suppressed"]) for f in report["findings"]] == [True, True]


def test_suppressed_findings_do_not_fail_and_are_not_printed(project):
    root = project({"pages/a/a.js": "wx.getUserInfo() // wxlint-disable-line deprecated-getuserinfo -- reviewed\n"})
    code, out, _ = run_cli("check", "--select", RULE, ".", cwd=root)
    assert code == 0
    assert "pages/a/a.js" not in out and "1 suppressed inline" in out
    code, out, _ = run_cli("check", "--select", RULE, "--format", "sarif", ".", cwd=root)
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "reviewed"}]


def test_unused_and_unknown_directives_are_reported(project):
    code = ("// wxlint-disable-next-line deprecated-getuserinfo\nwx.showToast({})\n"
            "wx.login() // wxlint-disable-line deprecated-getuserinfos\n"
            "/* wxlint-disable-next-line */\nwx.getUserInfo()\n")
    report = findings(project, {"pages/a/a.js": code})
    unused = [(f["line"], f["severity"], f["message"]) for f in report["findings"] if f["rule"] == "unused-disable"]
    assert [(line, severity) for line, severity, _ in unused] == [(1, "warning"), (3, "warning")]
    assert "suppresses nothing (deprecated-getuserinfo)" in unused[0][2]
    assert "`deprecated-getuserinfos`, which is not a wxlint rule" in unused[1][2]


def test_directives_for_rules_left_out_of_the_run_are_not_unused(project):
    code = "// wxlint-disable-next-line missing-opensetting\nwx.getLocation({})\n"
    report = findings(project, {"pages/a/a.js": code}, "--select", f"{RULE},unused-disable")
    assert report["findings"] == []
