"""getuserprofile-withdrawn: real calls of wx.getUserProfile, nothing else."""

from __future__ import annotations

from conftest import lint_json, run_cli

RULE = "getuserprofile-withdrawn"


def test_real_calls_through_aliases_and_wrappers(project):
    js = ("const { getUserProfile } = wx\nconst ask = promisify(wx.getUserProfile)\n"
          "Page({\n  onTap() {\n    wx.getUserProfile({ desc: '资料' })\n    getUserProfile({ desc: '资料' })\n    ask({ desc: '资料' })\n"
          "    this.getUserProfile()\n    const text = 'wx.getUserProfile()' // wx.getUserProfile({ desc })\n  },\n"
          "  getUserProfile() {}\n})\n")
    _, report = lint_json(project({"pages/me/me.js": js}), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(5, 5), (6, 5), (7, 5)]
    assert all(f["severity"] == "warning" for f in report["findings"])


def test_chinese_message(project):
    root = project({"pages/me/me.js": "Page({ onTap() { wx.getUserProfile({ desc: 'x' }) } })"})
    _, out, _ = run_cli("check", "--lang", "zh", "--select", RULE, ".", cwd=root)
    assert "`wx.getUserProfile` 只返回灰色头像和昵称“微信用户”" in out
