"""unknown-caniuse-schema: typos and prefixes are reported, every known form passes."""

from __future__ import annotations

from conftest import lint_json

RULE = "unknown-caniuse-schema"


def test_known_and_unknown_schemas(project):
    js = ("wx.canIUse('getUserProfile')\nwx.canIUse('button.open-type.getUserInfo')\n"
          "wx.canIUse('getSystemInfoSync.return.screenWidth')\nwx.canIUse('live-player')\nwx.canIUse(name)\n"
          "wx.canIUse('getUserProfiles')\nwx.canIUse('wx.getUserProfile')\nwx.canIUse('buton.open-type.contact')\n")
    _, report = lint_json(project({"pages/index/index.js": js}), "--select", RULE)
    found = [(f["line"], f["column"], f["message"]) for f in report["findings"]]
    assert [(line, column) for line, column, _ in found] == [(6, 12), (7, 12), (8, 12)]
    assert "`getUserProfiles` is neither a wx API nor a built-in component" in found[0][2]
    assert "write `wx.canIUse('getUserProfile')`" in found[1][2]
