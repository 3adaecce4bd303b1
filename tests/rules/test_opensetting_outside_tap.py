"""opensetting-outside-tap: wx.openSetting works from a tap or a dialog's confirm, nowhere else."""

from __future__ import annotations

import pytest

from conftest import lint_json

RULE = "opensetting-outside-tap"


def findings(project, js, wxml='<button bindtap="go">go</button>'):
    _, report = lint_json(project({"pages/index/index.js": js, "pages/index/index.wxml": wxml}), "--select", RULE)
    return report["findings"]


FINE = {
    "in a tap handler": "Page({ go() { wx.openSetting() } })",
    "in a modal's confirm after a lifecycle": "Page({ onShow() { wx.showModal({ success: (r) => r.confirm && wx.openSetting() }) } })",
    "in a wx.getSetting success from a tap": (
        "Page({ go() { wx.getSetting({ success: (res) => { if (res.authSetting['scope.camera'] === false) wx.openSetting() } }) } })"),
    "in an action sheet's success from a fail callback": (
        "Page({ go() { wx.getLocation({ fail: () => wx.showActionSheet({ itemList: ['设置'], success: () => wx.openSetting() }) }) } })"),
    "in a helper called by the modal": "function open() { wx.openSetting() }\nPage({ onShow() { wx.showModal({ success: () => open() }) } })",
    # `scope.userInfo` is always granted since 2021-04-28: the branch never runs (zgp-jack/2020_2021-gdjz-WeChat-applet)
    "under a test of scope.userInfo denied": (
        "Page({ onLoad() { wx.getSetting({ success: (res) => { if (!res.authSetting['scope.userInfo']) {"
        " wx.getUserInfo({ fail: () => wx.openSetting() }) } } }) } })"),
}


@pytest.mark.parametrize("name", FINE)
def test_user_gestures(project, name):
    assert findings(project, FINE[name]) == []


def test_from_a_lifecycle(project):
    [finding] = findings(project, "Page({\n  onLoad() {\n    wx.openSetting()\n  }\n})")
    assert finding["line"] == 3 and finding["message"].startswith("`wx.openSetting` is reached from `onLoad`")
    assert finding["trace"][0]["note"] == "onLoad is a page lifecycle: the framework calls it, not a user tap"


def test_deferred_after_a_tap(project):
    [finding] = findings(project, "Page({ go() { wx.getLocation({ fail: () => wx.openSetting() }) } })")
    assert "through `wx.getLocation() fail`" in finding["message"]


def test_a_modal_promise_keeps_the_tap_on_android_only(project):
    [finding] = findings(project, "Page({ onLoad() {\n  wx.showModal({ content: 'x' }).then((r) => { if (r.confirm) wx.openSetting() })\n} })")
    assert finding["message_id"] == "ios" and "does nothing on iOS" in finding["message"]
    assert (finding["line"], finding["column"]) == (2, 63)
    assert finding["trace"][-1]["note"] == "calls wx.openSetting: the tap state is held on Android only, so it fails on iOS"


def test_a_second_tap_gated_call_finds_the_tap_used_up(project):
    [finding] = findings(project, "Page({ go() {\n  wx.requestSubscribeMessage({ tmplIds: ['t'] })\n  wx.openSetting()\n} })")
    assert finding["message_id"] == "used-up" and finding["line"] == 3
    assert "`wx.requestSubscribeMessage` has already used up the tap state of `go`" in finding["message"]


# The step that calls the wrapper sits in a branch that never runs: `scope.address` is reported granted whatever the
# user did, so `=== false` never holds (1173710208/miniprogram-fdcustomer, held out). The same wrapper behind a
# deniable scope's test is reported.
ASYNC_WX = ("export const getSetting = () => new Promise((resolve, reject) => wx.getSetting({ success: resolve, fail: reject }))\n"
            "export const openSetting = () => new Promise((resolve, reject) => {\n"
            "  wx.openSetting({ success: resolve, fail: reject })\n"
            "})\n")
CALLER = ("import { getSetting, openSetting } from '../../utils/asyncWx.js'\n"
          "Page({\n"
          "  async chooseAddress() {\n"
          "    const res = await getSetting()\n"
          "    const state = res.authSetting['SCOPE']\n"
          "    if (state === false) {\n"
          "      await openSetting()\n"
          "    }\n"
          "  },\n"
          "})\n")


@pytest.mark.parametrize("scope, reported", [("scope.address", False), ("scope.writePhotosAlbum", True)])
def test_a_wrapper_called_in_a_branch_that_never_runs(project, scope, reported):
    root = project({"utils/asyncWx.js": ASYNC_WX, "pages/index/index.js": CALLER.replace("SCOPE", scope),
                    "pages/index/index.wxml": '<button bindtap="chooseAddress">地址</button>'})
    _, report = lint_json(root, "--select", RULE)
    assert [(f["path"], f["line"], f["message_id"]) for f in report["findings"]] == (
        [("utils/asyncWx.js", 3, "ios")] if reported else [])
