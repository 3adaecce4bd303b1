"""getuserprofile-withdrawn: real calls of wx.getUserProfile, nothing else."""

from __future__ import annotations

from conftest import lint_json, run_cli

RULE = "getuserprofile-withdrawn"
TAP = '<button bindtap="onTap">资料</button>\n'


def test_real_calls_through_aliases_and_wrappers(project):
    js = ("const { getUserProfile } = wx\nconst ask = promisify(wx.getUserProfile)\n"
          "Page({\n  onTap() {\n    wx.getUserProfile({ desc: '资料' })\n    getUserProfile({ desc: '资料' })\n    ask({ desc: '资料' })\n"
          "    this.getUserProfile()\n    const text = 'wx.getUserProfile()' // wx.getUserProfile({ desc })\n  },\n"
          "  getUserProfile() {}\n})\n")
    _, report = lint_json(project({"pages/me/me.js": js, "pages/me/me.wxml": TAP}), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(5, 5), (6, 5), (7, 5)]
    assert all(f["severity"] == "warning" for f in report["findings"])


def test_code_that_never_runs_is_not_judged(project):
    # 9000AI/knowledge_miniproject, liu961105/mall-applet (held out): the template's `getUserProfile` method, its
    # binding gone (or left in a WXML comment); a branch that never holds since 2021-04-28
    js = ("Page({\n  onTap() {\n    wx.getSetting({ success: (res) => {\n      if (!res.authSetting['scope.userInfo']) {\n"
          "        wx.getUserProfile({ desc: '资料' })\n      }\n    } })\n  },\n  getUserProfile() {\n"
          "    wx.getUserProfile({ desc: '资料' })\n  }\n})\n")
    unbound = "<!-- <button bindtap=\"getUserProfile\">登录</button> -->\n" + TAP
    _, report = lint_json(project({"pages/me/me.js": js, "pages/me/me.wxml": unbound}), "--select", RULE)
    assert report["findings"] == []
    bound = '<button bindtap="getUserProfile">登录</button>\n' + TAP
    _, report = lint_json(project({"pages/me/me.js": js, "pages/me/me.wxml": bound}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [10]


def test_chinese_message(project):
    root = project({"pages/me/me.js": "Page({ onTap() { wx.getUserProfile({ desc: 'x' }) } })", "pages/me/me.wxml": TAP})
    _, out, _ = run_cli("check", "--lang", "zh", "--select", RULE, ".", cwd=root)
    assert "`wx.getUserProfile` 只返回灰色头像和昵称“微信用户”" in out
