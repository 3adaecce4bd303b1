"""location-undeclared: requiredPrivateInfos, the permission purpose, background mode, fuzzy vs precise."""

from __future__ import annotations

import json

from conftest import lint_json

RULE = "location-undeclared"
PURPOSE = {"scope.userLocation": {"desc": "用于推荐附近门店"}}


def found(project, js, app):
    files = {"pages/index/index.js": js, "pages/index/index.wxml": '<button bindtap="go">定位</button>',
             "app.json": json.dumps({"pages": ["pages/index/index"], **app}, indent=2)}
    _, report = lint_json(project(files), "--select", RULE)
    return [(f["path"], f["line"], f["column"], f["message_id"]) for f in report["findings"]], report


def test_each_undeclared_call_names_the_key_to_add(project):
    js = "Page({\n  go() {\n    wx.getLocation({})\n    wx.chooseAddress({})\n    this.getLocation()\n  },\n  getLocation() {}\n})"
    rows, report = found(project, js, {"permission": PURPOSE, "requiredPrivateInfos": ["chooseLocation"]})
    assert rows == [("pages/index/index.js", 3, 5, "undeclared"), ("pages/index/index.js", 4, 5, "undeclared")]
    assert 'add "getLocation" to `requiredPrivateInfos`' in report["findings"][0]["message"]


def test_purpose_and_background_mode(project):
    js = "Page({ go() { wx.startLocationUpdateBackground({}) } })"
    rows, _ = found(project, js, {"requiredPrivateInfos": ["startLocationUpdateBackground"]})
    assert [r[3] for r in rows] == ["no-background-mode"]
    rows, _ = found(project, js, {"requiredPrivateInfos": ["startLocationUpdateBackground"], "requiredBackgroundModes": ["location"]})
    assert rows == []
    # The approximate location has a scope of its own: no scope.userLocation purpose needed.
    rows, _ = found(project, "Page({ go() { wx.getFuzzyLocation({}) } })", {"requiredPrivateInfos": ["getFuzzyLocation"]})
    assert rows == []
    js = "Page({ go() { wx.chooseLocation({}) } })"
    rows, _ = found(project, js, {"requiredPrivateInfos": ["chooseLocation"]})
    assert [r[3] for r in rows] == ["no-permission-desc"]
    rows, _ = found(project, js, {"requiredPrivateInfos": ["chooseLocation"], "permission": PURPOSE})
    assert rows == []


def test_fuzzy_and_precise_declared_together_is_reported_in_app_json(project):
    rows, report = found(project, "Page({})", {"requiredPrivateInfos": ["getFuzzyLocation", "getLocation"]})
    assert rows == [("app.json", 5, 3, "fuzzy-and-precise")]
    assert "`getLocation`" in report["findings"][0]["message"]


def test_ext_json_of_a_third_party_platform_counts(project):
    files = {"pages/index/index.js": "Page({ go() { wx.getLocation({}) } })",
             "app.json": json.dumps({"pages": ["pages/index/index"], "permission": PURPOSE}),
             "ext.json": json.dumps({"extEnable": True, "requiredPrivateInfos": ["getLocation"]})}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []


def test_a_call_that_never_runs_never_fails(project):
    # caaaaaainiao/shenhuaxiaochengxu, feiyue5838-ai/kezhangxiaochengxu (held out): a method nothing binds or calls, a
    # helper nothing calls
    js = ("function locate() { wx.getLocation({}) }\n"
          "Page({\n  go() { wx.chooseLocation({}) },\n  old() { wx.getLocation({}) },\n})\n")
    rows, _ = found(project, js, {"requiredPrivateInfos": [], "permission": PURPOSE})
    assert rows == [("pages/index/index.js", 3, 10, "undeclared")]
