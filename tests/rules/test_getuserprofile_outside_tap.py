"""getuserprofile-outside-tap: messages, severities and traces; the flow constructs are in
tests/analyse/test_flow_contexts.py."""

from __future__ import annotations

from conftest import lint_json, run_cli

RULE = "getuserprofile-outside-tap"


def test_lifecycle_finding_is_an_error_with_a_trace(project):
    root = project({"pages/me/me.js": "Page({\n  onShow() {\n    wx.getUserProfile({ desc: '资料' })\n  }\n})\n"})
    code, report = lint_json(root, "--select", RULE)
    [finding] = report["findings"]
    assert code == 1
    assert finding["severity"] == "error"
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 5, 22)
    assert finding["message"].startswith("`wx.getUserProfile` is reached from `onShow`")
    assert "getUserProfile:fail can only be invoked by user TAP gesture" in finding["message"]
    assert [(s["line"], s["note"]) for s in finding["trace"]] == [
        (2, "onShow is a page lifecycle: the framework calls it, not a user tap"), (3, "calls wx.getUserProfile without the tap state")]


def test_a_call_nothing_reaches_is_a_note_not_a_finding(project):
    root = project({"pages/me/me.js": "Page({ later() { wx.getUserProfile({ desc: '资料' }) } })\n"})
    code, report = lint_json(root, "--select", RULE)
    assert report["findings"] == [] and code == 0
    [note] = report["notes"]
    assert (note["path"], note["line"], note["column"]) == ("pages/me/me.js", 1, 18)
    assert note["note"].startswith("wx.getUserProfile in later: no tap handler or lifecycle reaches it")


def test_chinese_messages_and_text_trace(project):
    root = project({
        "pages/me/me.wxml": '<button bindtap="login">登录</button>',
        "pages/me/me.js": "Page({\n  login() {\n    wx.login({ success: () => wx.getUserProfile({ desc: '资料' }) })\n  }\n})\n",
    })
    code, out, _ = run_cli("check", "--lang", "zh", "--select", RULE, ".", cwd=root)
    lines = out.splitlines()
    assert lines[0].startswith("pages/me/me.js:3:31: error getuserprofile-outside-tap `wx.getUserProfile` 从 `login` 中的用户点击开始，但经由 `wx.login() success` 延后执行")
    # Trace steps speak the run's language too.
    assert lines[1] == '    1. pages/me/me.wxml:1:9 <button> 上的 `bindtap="login"`：login 处理用户点击'
    assert lines[2] == "    2. pages/me/me.js:3:25 在 wx.login() 的 `success` 回调中：调用完成后才执行；点击态在此丢失"
    assert lines[3] == "    3. pages/me/me.js:3:31 在没有点击态时调用 wx.getUserProfile"


def test_dynamic_bindings_are_listed_as_not_followed(project):
    root = project({"pages/me/me.wxml": '<button bindtap="{{action}}">go</button>',
                    "pages/me/me.js": "Page({ go() { wx.getUserProfile({ desc: 'x' }) } })"})
    _, report = lint_json(root, "--select", RULE)
    assert report["notes"][0] == {"path": "pages/me/me.wxml", "line": 1, "column": 9,
                                  "note": '`bindtap="{{action}}"`: the handler is chosen at run time; not followed'}
    _, out, _ = run_cli("check", "--verbose", "--select", RULE, ".", cwd=root)
    assert "note pages/me/me.wxml:1:9: `bindtap=\"{{action}}\"`: the handler is chosen at run time; not followed" in out


def test_functions_without_a_name_are_named_in_the_run_language(project):
    root = project({"pages/me/me.js": "Page({\n  later() {\n    [1].forEach(function () { wx.getUserProfile({ desc: '资料' }) })\n"
                                      "  }\n})\nwx.getUserProfile({ desc: 'x' })\n"})
    _, out, _ = run_cli("check", "--verbose", "--lang", "zh", "--select", RULE, ".", cwd=root)
    assert "1. pages/me/me.js:1:1 模块顶层代码在文件加载时执行" in out
    # no space between the Chinese name and the Chinese around it; spaces beside code stay
    assert "说明 pages/me/me.js:3:31：匿名函数中的 wx.getUserProfile" in out
    assert "module top level" not in out and "anonymous" not in out
    _, out, _ = run_cli("check", "--verbose", "--select", RULE, ".", cwd=root)
    assert "note pages/me/me.js:3:31: wx.getUserProfile in an anonymous function" in out


def test_the_callback_of_set_data_runs_after_the_tap(project):
    # it runs once the view has rendered: another macrotask, where the tap state no longer holds
    from conftest import lint_json

    page = ("Page({ onTap() { this.setData({ busy: true }, () => { wx.getUserProfile({ desc: '资料' }) }) },\n"
            "  onOk() { wx.getUserProfile({ desc: '资料' }); this.setData({ busy: true }, () => {}) } })\n")
    root = project({"pages/index/index.js": page,
                    "pages/index/index.wxml": '<button bindtap="onTap">a</button><button bindtap="onOk">b</button>\n'})
    _, report = lint_json(root, "--select", "getuserprofile-outside-tap")
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(1, 55)]



def test_a_ui_library_button_fires_its_click_from_the_users_tap(project):
    # vant's and wux's buttons emit `click` in their own tap handler: the page's handler holds the tap state, so
    # code after an `await` there fails on iOS; a component wxlint knows nothing of stays unknown, and silent
    import json

    page = ("Page({\n  async onLogin() { await this.prepare(); wx.getUserProfile({ desc: '资料' }) },\n"
            "  async onOther() { await this.prepare(); wx.getUserProfile({ desc: '资料' }) },\n  prepare() {}\n})\n")
    wxml = '<van-button bind:click="onLogin">登录</van-button>\n<my-button bind:click="onOther">登录</my-button>\n'
    using = {"usingComponents": {"van-button": "@vant/weapp/button/index", "my-button": "some-ui/button/index"}}
    root = project({"pages/index/index.js": page, "pages/index/index.wxml": wxml,
                    "pages/index/index.json": json.dumps(using)})
    _, report = lint_json(root, "--select", "getuserprofile-outside-tap")
    assert [(f["line"], f["trace"][0]["note"]) for f in report["findings"]] == [
        (2, "`bind:click=\"onLogin\"` on <van-button>: vant's component fires `click` from the user's tap, so onLogin handles a user tap")]


def test_library_components_are_known_by_their_folders_npm_or_copied():
    from wxlint.analyse.flow import library_tap_event

    assert library_tap_event("@vant/weapp/button/index", "click") == "vant"
    assert library_tap_event("components/vant/submit-bar/index", "submit") == "vant"
    assert library_tap_event("miniprogram_npm/@vant/weapp/dist/goods-action-button/index", "click") == "vant"
    assert library_tap_event("/components/wux/button/index", "click") == "wux"
    assert library_tap_event("@vant/weapp/button/index", "getuserinfo") is None  # not a tap event
    assert library_tap_event("components/vantage/button/index", "click") is None
    assert library_tap_event("components/button/index", "click") is None


def test_methods_of_an_instance_kept_on_the_page_are_followed(project):
    # `this.store = new Store()` in onLoad, then `this.store.load()`: the class's method is the callee
    store = ("class Store {\n  load() {\n    wx.getUserProfile({ desc: '资料', success: (res) => { this.user = res.userInfo } })\n"
             "  }\n}\nmodule.exports = Store\n")
    page = ("const Store = require('../../utils/store')\nPage({\n  onLoad() {\n    this.store = new Store()\n"
            "    wx.login({ success: () => this.store.load() })\n  },\n  onTap() { this.store.load() }\n})\n")
    root = project({"pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="onTap">x</button>\n',
                    "utils/store.js": store})
    _, report = lint_json(root, "--select", "getuserprofile-outside-tap")
    assert [(f["path"], f["line"], [s["line"] for s in f["trace"]]) for f in report["findings"]] == [
        ("utils/store.js", 3, [3, 5, 5, 3])]
