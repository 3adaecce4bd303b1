"""The flow engine, observed through getuserprofile-outside-tap: each construct that keeps a
call inside the user's tap, each that defers it, and each way calls are followed."""

from __future__ import annotations

import pytest

from conftest import lint_json

RULE = "getuserprofile-outside-tap"
TAP_WXML = '<button bindtap="onTap">go</button>\n'
ASK = "wx.getUserProfile({ desc: '资料' })"


def verdicts(project, files: dict[str, str]) -> list[tuple[str, int, str]]:
    """(path, line, kind) of each finding, kind being the message's telling words."""
    _, report = lint_json(project(files), "--select", RULE)
    kinds = [(f["path"], f["line"], f["message_id"]) for f in report["findings"]]
    kinds += [(n["path"], n["line"], "unreached") for n in report["notes"] if "no tap handler or lifecycle reaches it" in n["note"]]
    return kinds


def page(js: str, wxml: str = TAP_WXML, **extra: str) -> dict[str, str]:
    return {"pages/index/index.js": js, "pages/index/index.wxml": wxml, **extra}


SYNCHRONOUS = {
    "directly in the tap handler": f"Page({{ onTap() {{ {ASK} }} }})",
    "in a new Promise executor": f"Page({{ onTap() {{ return new Promise((resolve) => {ASK}) }} }})",
    "in Promise.all arguments": f"Page({{ onTap() {{ Promise.all([new Promise(r => {ASK})]) }} }})",
    "in a forEach callback": f"Page({{ onTap() {{ [1].forEach(() => {{ {ASK} }}) }} }})",
    "in an IIFE": f"Page({{ onTap() {{ (function () {{ {ASK} }})() }} }})",
    "awaited as the first await": f"Page({{ async onTap() {{ const r = await {ASK}; this.setData(r) }} }})",
    "in its own success callback chain": "Page({ onTap() { wx.getUserProfile({ desc: 'x', success: () => wx.login() }) } })",
    "through this.method()": f"Page({{ onTap() {{ this.ask() }}, ask() {{ {ASK} }} }})",
    "through that = this": f"Page({{ onTap() {{ const that = this; that.ask() }}, ask() {{ {ASK} }} }})",
    "through var self = this in an arrow": f"Page({{ onTap() {{ var self = this; [1].map(() => self.ask()) }}, ask() {{ {ASK} }} }})",
    "through a module-level function": f"function ask() {{ {ASK} }}\nPage({{ onTap() {{ ask() }} }})",
    "through a const arrow": f"const ask = () => {ASK}\nPage({{ onTap: function () {{ ask() }} }})",
    "through a member that names a function": f"function handle() {{ {ASK} }}\nPage({{ onTap: handle }})",
    "through a wrapper object": f"const api = {{ ask() {{ {ASK} }} }}\nPage({{ onTap() {{ api.ask() }} }})",
    "through getApp()": "Page({ onTap() { getApp().ask() } })",
    "through const app = getApp()": "const app = getApp()\nPage({ onTap() { app.ask() } })",
    "through a callback the helper calls at once": f"function withLog(fn) {{ console.log('x'); fn() }}\nPage({{ onTap() {{ withLog(() => {ASK}) }} }})",
    "a page passed by name": f"const page = {{ onTap() {{ {ASK} }} }}\nPage(page)",
    "a page written as Component": f"Component({{ methods: {{ onTap() {{ {ASK} }} }} }})",
    "through a callback to a function wxlint cannot see": f"Page({{ onTap() {{ someLibrary.run(() => {{ {ASK} }}) }} }})",
    # wx.request, wx.downloadFile and wx.getSetting carry the tap state into their callbacks.
    "in wx.request's complete": f"Page({{ onTap() {{ wx.request({{ url: 'u', complete() {{ {ASK} }} }}) }} }})",
    "in wx.getSetting's success": f"Page({{ onTap() {{ wx.getSetting({{ success: (res) => {{ if (!res.authSetting['scope.userInfo']) {ASK} }} }}) }} }})",
    "in wx.downloadFile's fail": f"Page({{ onTap() {{ wx.downloadFile({{ url: 'u', fail: () => {ASK} }}) }} }})",
    # A dialog button or a payment is a tap of its own.
    "in a modal's success after onLoad": f"Page({{ onLoad() {{ wx.showModal({{ content: '登录后可同步资料', success: (r) => {{ if (r.confirm) {ASK} }} }}) }} }})",
    "in an action sheet's complete": f"Page({{ onShow() {{ wx.showActionSheet({{ itemList: ['a'], complete: () => {ASK} }}) }} }})",
    "in a payment's success": f"Page({{ onTap() {{ wx.login({{ success: () => wx.requestPayment({{ success: () => {ASK} }}) }}) }} }})",
    "an await only in an early-return branch": f"Page({{ async onTap() {{ if (this.data.busy) {{ await this.wait(); return }}\n{ASK} }}, wait() {{}} }})",
    "an await in the other branch": f"Page({{ async onTap() {{ if (this.data.ok) {{ {ASK} }} else {{ await this.wait() }} }}, wait() {{}} }})",
}

APP_WITH_ASK = f"App({{ ask() {{ {ASK} }} }})"


@pytest.mark.parametrize("name", SYNCHRONOUS)
def test_synchronous_in_a_tap_is_fine(project, name):
    files = page(SYNCHRONOUS[name])
    if "getApp" in SYNCHRONOUS[name]:
        files["app.js"] = APP_WITH_ASK
    assert verdicts(project, files) == []


@pytest.mark.parametrize("binding", ["bindtap", "catchtap", "bind:tap", "catch:tap", "capture-bind:tap",
                                     "capture-catch:tap", "mut-bind:tap"])
def test_every_tap_binding_form_is_a_tap(project, binding):
    files = page(f"Page({{ onTap() {{ {ASK} }} }})", f'<view {binding}="onTap">go</view>')
    assert verdicts(project, files) == []


DEFERRED = {
    "wx.login success": (f"Page({{ onTap() {{ wx.login({{ success: () => {{ {ASK} }} }}) }} }})", "deferred"),
    "another API's complete": (f"Page({{ onTap() {{ wx.checkSession({{ complete() {{ {ASK} }} }}) }} }})", "deferred"),
    "wx.request after the tap state was lost": (
        f"Page({{ onTap() {{ setTimeout(() => wx.request({{ url: 'u', success: () => {ASK} }}), 0) }} }})", "deferred"),
    "after await": (f"Page({{ async onTap() {{ await this.check()\n{ASK} }}, check() {{}} }})", "ios"),
    "after awaiting wx.login": (f"Page({{ async onTap() {{ await wx.login()\n{ASK} }} }})", "deferred"),
    "a modal's then": (f"Page({{ onLoad() {{ wx.showModal({{ content: 'x' }}).then((r) => {{ if (r.confirm) {ASK} }}) }} }})", "ios"),
    "after awaiting a modal": (f"Page({{ async onLoad() {{ const r = await wx.showModal({{ content: 'x' }})\nif (r.confirm) {ASK} }} }})", "ios"),
    "a modal's fail": (f"Page({{ onLoad() {{ wx.showModal({{ content: 'x', fail: () => {ASK} }}) }} }})", "lifecycle"),
    "used up by requestSubscribeMessage": (
        f"Page({{ onTap() {{ wx.requestSubscribeMessage({{ tmplIds: ['t'] }})\n{ASK} }} }})", "used-up"),
    "used up through a helper": (
        f"Page({{ onTap() {{ this.subscribe(); {ASK} }}, subscribe() {{ wx.requestSubscribeMessage({{ tmplIds: ['t'] }}) }} }})", "used-up"),
    "used up, then carried": (
        f"Page({{ onTap() {{ wx.requestSubscribeMessage({{ tmplIds: ['t'] }}); wx.request({{ url: 'u', success: () => {ASK} }}) }} }})", "used-up"),
    "awaited after another await": (f"Page({{ async onTap() {{ await wx.checkSession()\nconst r = await {ASK} }} }})", "deferred"),
    "then": (f"Page({{ onTap() {{ wx.checkSession().then(() => {{ {ASK} }}) }} }})", "deferred"),
    "catch": (f"Page({{ onTap() {{ fetchToken().catch(() => {ASK}) }} }})", "ios"),
    "finally": (f"Page({{ onTap() {{ fetchToken().finally(function () {{ {ASK} }}) }} }})", "ios"),
    "setTimeout": (f"Page({{ onTap() {{ setTimeout(() => {ASK}, 0) }} }})", "deferred"),
    "setInterval": (f"Page({{ onTap() {{ setInterval(() => {ASK}, 100) }} }})", "deferred"),
    "wx.nextTick": (f"Page({{ onTap() {{ wx.nextTick(() => {ASK}) }} }})", "deferred"),
    "an event listener": (f"Page({{ onTap() {{ wx.onNetworkStatusChange(() => {ASK}) }} }})", "deferred"),
    "a callback the helper defers": (
        f"function later(fn) {{ wx.checkSession({{ success: () => fn() }}) }}\nPage({{ onTap() {{ later(() => {ASK}) }} }})", "deferred"),
    "a method called in a callback": (
        f"Page({{ onTap() {{ wx.login({{ success: () => this.ask() }}) }}, ask() {{ {ASK} }} }})", "deferred"),
    "onLoad": (f"Page({{ onLoad() {{ {ASK} }} }})", "lifecycle"),
    "onShow through a helper": (f"Page({{ onShow() {{ this.ask() }}, ask() {{ {ASK} }} }})", "lifecycle"),
    "onReady in a success callback": (f"Page({{ onReady() {{ wx.login({{ success: () => {ASK} }}) }} }})", "lifecycle"),
    "onPullDownRefresh": (f"Page({{ onPullDownRefresh() {{ {ASK} }} }})", "lifecycle"),
    "Component lifetimes.attached": (f"Component({{ lifetimes: {{ attached() {{ {ASK} }} }} }})", "lifecycle"),
    "Component top-level ready": (f"Component({{ ready() {{ {ASK} }} }})", "lifecycle"),
    "Component pageLifetimes.show": (f"Component({{ pageLifetimes: {{ show() {{ {ASK} }} }} }})", "lifecycle"),
    "Component observers": (f"Component({{ observers: {{ 'a': function () {{ {ASK} }} }} }})", "lifecycle"),
    "a page as Component, onLoad in methods": (f"Component({{ methods: {{ onLoad() {{ {ASK} }} }} }})", "lifecycle"),
    "module top level": (f"{ASK}\nPage({{}})", "module-load"),
    "a method nothing reaches": (f"Page({{ unused() {{ {ASK} }} }})", "unreached"),
    "a dynamic binding wxlint does not guess": (f"Page({{ onTap() {{ {ASK} }} }})", "unreached"),
}


@pytest.mark.parametrize("name", DEFERRED)
def test_outside_the_tap_is_reported(project, name):
    js, kind = DEFERRED[name]
    wxml = '<button bindtap="{{handler}}">go</button>' if "dynamic" in name else TAP_WXML
    found = verdicts(project, page(js, wxml))
    assert [k for _, _, k in found] == [kind]
    assert found[0][0] == "pages/index/index.js"


def test_a_new_modal_tap_is_fresh_even_after_the_first_tap_was_used(project):
    js = ("Page({ onTap() { wx.requestSubscribeMessage({ tmplIds: ['t'], complete: () => {\n"
          f"  wx.showModal({{ content: '完善资料?', success: (r) => {{ if (r.confirm) {ASK} }} }}) }} }}) }} }})")
    assert verdicts(project, page(js)) == []


def test_calls_in_exclusive_branches_do_not_use_up_each_other(project):
    js = f"Page({{ onTap() {{ if (this.data.subscribe) wx.requestSubscribeMessage({{ tmplIds: ['t'] }})\nelse {ASK} }} }})"
    assert verdicts(project, page(js)) == []


def test_app_lifecycle_through_getapp_method(project):
    files = page("Page({})", "<view/>", **{"app.js": f"App({{ onLaunch() {{ this.ask() }}, ask() {{ {ASK} }} }})"})
    assert verdicts(project, files) == [("app.js", 1, "lifecycle")]


def test_non_tap_events_and_custom_component_events(project):
    files = {
        "pages/index/index.json": '{"usingComponents": {"login-bar": "../../components/login-bar/login-bar"}}',
        "pages/index/index.wxml": '<view bindlongpress="onPress"/>\n<login-bar bind:login="onLogin"/>\n<input bindinput="onInput"/>',
        "pages/index/index.js": f"Page({{\n onPress() {{ {ASK} }},\n onLogin() {{ {ASK} }},\n onInput() {{ {ASK} }}\n}})",
        "components/login-bar/login-bar.json": '{"component": true}',
        "components/login-bar/login-bar.wxml": '<button bindtap="tap">login</button>',
        "components/login-bar/login-bar.js": "Component({ methods: { tap() { this.triggerEvent('login') } } })",
    }
    # A tap inside the component fires `login` at once: the page's handler runs in that tap.
    assert verdicts(project, files) == [("pages/index/index.js", 2, "event"), ("pages/index/index.js", 4, "event")]


def test_component_and_behavior_methods_bound_in_component_wxml(project):
    files = {
        "pages/index/index.json": '{"usingComponents": {"bar": "/components/bar/bar"}}',
        "pages/index/index.wxml": "<bar/>",
        "pages/index/index.js": "Page({})",
        "components/bar/bar.json": '{"component": true}',
        "components/bar/bar.wxml": '<button bindtap="own">a</button><button bindtap="mixed">b</button>',
        "components/bar/bar.js": f"import ask from '../../behaviors/ask'\nComponent({{ behaviors: [ask], methods: {{ own() {{ {ASK} }} }} }})",
        "behaviors/ask.js": f"export default Behavior({{ methods: {{ mixed() {{ {ASK} }} }}, lifetimes: {{ attached() {{ {ASK} }} }} }})",
    }
    assert verdicts(project, files) == [("behaviors/ask.js", 1, "lifecycle")]


MODULE_STYLES = {
    "module.exports object": ("const auth = require('../../utils/auth')\n", "auth.ask()",
                              f"function ask() {{ {ASK} }}\nmodule.exports = {{ ask }}"),
    "module.exports object with methods": ("const auth = require('../../utils/auth.js')\n", "auth.ask()",
                                           f"module.exports = {{ ask() {{ {ASK} }} }}"),
    "exports.x": ("const auth = require('../../utils/auth')\n", "auth.ask()", f"exports.ask = function () {{ {ASK} }}"),
    "module.exports = function": ("const ask = require('../../utils/auth')\n", "ask()", f"module.exports = function () {{ {ASK} }}"),
    "destructured require": ("const { ask } = require('../../utils/auth')\n", "ask()", f"module.exports.ask = () => {ASK}"),
    "named import": ("import { ask } from '../../utils/auth'\n", "ask()", f"export function ask() {{ {ASK} }}"),
    "renamed export": ("import { go } from '../../utils/auth'\n", "go()", f"function ask() {{ {ASK} }}\nexport {{ ask as go }}"),
    "default import": ("import auth from '../../utils/auth'\n", "auth.ask()", f"export default {{ ask() {{ {ASK} }} }}"),
    "namespace import": ("import * as auth from '../../utils/auth'\n", "auth.ask()", f"export const ask = () => {ASK}"),
    "absolute path": ("const auth = require('/utils/auth')\n", "auth.ask()", f"module.exports = {{ ask: () => {ASK} }}"),
    "index file": ("const auth = require('../../utils')\n", "auth.ask()", f"module.exports = {{ ask: () => {ASK} }}"),
    # how tsc and Babel compile a call of an imported function (Akiratsutsucn/fapaiminiapp, held out)
    "compiled import": ('const auth_1 = require("../../utils/auth")\n', "(0, auth_1.ask)()",
                        f'Object.defineProperty(exports, "__esModule", {{ value: true }})\nexports.ask = ask\nfunction ask() {{ {ASK} }}'),
}


@pytest.mark.parametrize("name", MODULE_STYLES)
def test_calls_are_followed_across_modules(project, name):
    header, call, module = MODULE_STYLES[name]
    path = "utils/index.js" if "index" in name else "utils/auth.js"
    good = page(f"{header}Page({{ onTap() {{ {call} }} }})", **{path: module})
    assert verdicts(project, good) == []
    bad = page(f"{header}Page({{ onShow() {{ {call} }} }})", **{path: module})
    assert [(p, k) for p, _, k in verdicts(project, bad)] == [(path, "lifecycle")]


def test_a_helper_reached_both_ways_is_reported_on_the_bad_path_with_its_trace(project):
    files = page(
        "const auth = require('../../utils/auth')\n"
        "Page({\n"
        "  onTap() { auth.ask() },\n"
        "  onShow() {\n"
        "    wx.login({ success: () => auth.ask() })\n"
        "  }\n"
        "})\n",
        **{"utils/auth.js": f"function ask() {{\n  return {ASK}\n}}\nmodule.exports = {{ ask }}\n"})
    _, report = lint_json(project(files), "--select", RULE)
    [finding] = report["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == ("utils/auth.js", 2, 10)
    assert "`onShow`" in finding["message"]
    assert [(s["path"], s["line"], s["column"]) for s in finding["trace"]] == [
        ("pages/index/index.js", 4, 3), ("pages/index/index.js", 5, 25), ("pages/index/index.js", 5, 31),
        ("utils/auth.js", 2, 10)]
    assert [s["note"] for s in finding["trace"]] == [
        "onShow is a page lifecycle: the framework calls it, not a user tap",
        "in the `success` callback of wx.login(): it runs later, when the call completes",
        "the success callback calls auth.ask()",
        "calls wx.getUserProfile without the tap state",
    ]


def test_included_and_imported_templates_bind_handlers(project):
    files = page(
        f"Page({{ a() {{ {ASK} }}, b() {{ {ASK} }}, c() {{ {ASK} }} }})",
        '<include src="part.wxml"/>\n<import src="/templates/t.wxml"/>\n<template is="used"/>',
        **{"pages/index/part.wxml": '<button bindtap="a">a</button>',
           "templates/t.wxml": '<template name="used"><button bindtap="b">b</button></template>\n'
                               '<template name="unused"><button bindtap="c">c</button></template>'})
    assert verdicts(project, files) == [("pages/index/index.js", 1, "unreached")]


LITEMALL_WXML = ('<button wx:if="{{canIUseGetUserProfile}}" type="primary" bindtap="wxLogin">微信直接登录</button>\n'
                 '<button wx:else type="primary" open-type="getUserInfo" bindgetuserinfo="wxLogin">微信直接登录</button>\n')
LITEMALL_JS = """Page({
  data: { canIUseGetUserProfile: false },
  onLoad() {
    if (wx.getUserProfile) this.setData({ canIUseGetUserProfile: true })
  },
  wxLogin(e) {
    if (this.data.canIUseGetUserProfile) {
      wx.getUserProfile({ desc: '用于完善会员资料', success: (res) => this.loginByWeixin(res.userInfo) })
    } else {
      this.loginByWeixin(e.detail.userInfo)
    }
  },
  loginByWeixin(userInfo) {}
})
"""


def test_a_handler_testing_the_flag_that_picks_its_binding(project):
    """litemall's login page: the getuserinfo binding only renders when the flag is false,
    and the handler only asks for the profile when it is true."""
    assert verdicts(project, page(LITEMALL_JS, LITEMALL_WXML)) == []
    unguarded = LITEMALL_JS.replace("if (this.data.canIUseGetUserProfile) {", "if (true) {")
    assert verdicts(project, page(unguarded, LITEMALL_WXML)) == [("pages/index/index.js", 8, "event")]


def test_members_assigned_onto_an_exported_object(project):
    auth = f"const Auth = {{}}\nAuth.ask = function () {{\n  {ASK}\n}}\nmodule.exports = Auth\n"
    header = "const Auth = require('../../utils/auth')\n"
    assert verdicts(project, page(f"{header}Page({{ onTap() {{ Auth.ask() }} }})", **{"utils/auth.js": auth})) == []
    assert verdicts(project, page(f"{header}Page({{ onShow() {{ Auth.ask() }} }})", **{"utils/auth.js": auth})) == [
        ("utils/auth.js", 3, "lifecycle")]


def test_handler_names_chosen_by_a_written_expression(project):
    js = f"Page({{ onTap() {{ {ASK} }}, onPress() {{ {ASK} }}, onHold() {{ {ASK} }} }})"
    wxml = ('<button bindtap="{{ loading ? \'\' : \'onTap\' }}">go</button>\n'
            '<view bindlongpress="{{ mode === 1 ? \'onPress\' : \'onHold\' }}">hold</view>\n')
    assert verdicts(project, page(js, wxml)) == [("pages/index/index.js", 1, "event"), ("pages/index/index.js", 1, "event")]


def test_a_helper_called_from_a_lifecycle_and_a_tap_keeps_each_context(project):
    js = (f"function withLoading(fn) {{\n  wx.showLoading({{ title: '加载中' }})\n  fn()\n  wx.hideLoading()\n}}\n"
          f"Page({{\n  onLoad() {{ withLoading(() => this.load()) }},\n  onTap() {{ withLoading(() => {{ {ASK} }}) }},\n  load() {{}}\n}})\n")
    assert verdicts(project, page(js)) == []
    deferring = js.replace("  fn()\n", "  wx.checkSession({ complete: () => fn() })\n")
    assert verdicts(project, page(deferring)) == [("pages/index/index.js", 8, "deferred")]


def test_bound_and_named_methods_are_callbacks_not_calls(project):
    bound = "Page({ onTap() { wx.getSetting({ success: this.afterSetting.bind(this) }) }, afterSetting() { wx.openSetting() } })"
    _, report = lint_json(project(page(bound)), "--select", "opensetting-outside-tap")
    assert report["findings"] == []
    named = "Page({ onLoad() { wx.getSetting({ success: this.afterSetting }) }, afterSetting() { wx.openSetting() } })"
    _, report = lint_json(project(page(named)), "--select", "opensetting-outside-tap")
    assert [f["message_id"] for f in report["findings"]] == ["lifecycle"]
    # `.bind` makes a function and calls nothing: onLoad does not run ask.
    only_bound = f"Page({{ onLoad() {{ this.handler = this.ask.bind(this) }}, ask() {{ {ASK} }} }})"
    assert verdicts(project, page(only_bound)) == [("pages/index/index.js", 1, "unreached")]


def test_a_component_whose_code_is_not_visible_is_unknown(project):
    files = {
        "pages/index/index.json": '{"usingComponents": {"van-button": "@vant/weapp/button/index"}}',
        "pages/index/index.wxml": '<van-button bind:click="onTap">登录</van-button>',
        "pages/index/index.js": f"Page({{ onTap() {{ {ASK} }} }})",
    }
    assert verdicts(project, files) == []


def test_a_component_event_fired_at_attach_is_not_a_tap(project):
    files = {
        "pages/index/index.json": '{"usingComponents": {"auth-gate": "/components/auth-gate/auth-gate"}}',
        "pages/index/index.wxml": '<auth-gate bind:needlogin="onNeedLogin"/>',
        "pages/index/index.js": f"Page({{ onNeedLogin() {{ {ASK} }} }})",
        "components/auth-gate/auth-gate.json": '{"component": true}',
        "components/auth-gate/auth-gate.wxml": '<view/>',
        "components/auth-gate/auth-gate.js": "Component({ lifetimes: { attached() { this.triggerEvent('needlogin') } } })",
    }
    assert verdicts(project, files) == [("pages/index/index.js", 1, "lifecycle")]


CLASS_PAGE = """const BasePage = require('../../utils/base-page')
class Home extends BasePage {
  data = { user: null }
  onTap() {
    wx.getUserProfile({ desc: '资料', success: (res) => this.setData({ user: res.userInfo }) })
  }
  onHold = () => {
    wx.getUserProfile({ desc: '资料' })
  }
}
Page(new Home())
"""
BASE_PAGE = """class BasePage {
  onShow() {
    this.refreshProfile()
  }
  refreshProfile() {
    wx.getUserProfile({ desc: '刷新资料' })
  }
}
module.exports = BasePage
"""


def test_class_pages_and_lifecycles_inherited_from_a_base_class(project):
    files = page(CLASS_PAGE, '<button bindtap="onTap">登录</button>\n<view bindlongpress="onHold">按住</view>',
                 **{"utils/base-page.js": BASE_PAGE})
    assert sorted(verdicts(project, files)) == [("pages/index/index.js", 8, "event"), ("utils/base-page.js", 6, "lifecycle")]


def test_tap_rules_see_calls_through_a_wx_proxy(project):
    proxy = ("const api = {}\nfor (const name in wx) {\n  api[name] = (o) => new Promise((ok, no) => wx[name]({ ...o, success: ok, fail: no }))\n}\n"
             "export default api\n")
    files = page("import api from '../../utils/wx'\nPage({\n  onShow() { api.getUserProfile({ desc: 'x' }) },\n"
                 "  onTap() { api.getUserProfile({ desc: 'x' }) }\n})", **{"utils/wx.js": proxy})
    assert verdicts(project, files) == [("pages/index/index.js", 3, "lifecycle")]


def test_a_dynamic_binding_in_a_template_several_pages_include_is_noted_once(project):
    template = '<template name="row"><view bindtap="{{ item.handler }}">x</view></template>\n'
    using = '<import src="/templates/row.wxml"/><template is="row" data="{{ item }}"/>\n'
    root = project({"templates/row.wxml": template,
                    "pages/a/a.js": f"Page({{ onTap() {{ {ASK} }} }})", "pages/a/a.wxml": using + TAP_WXML,
                    "pages/b/b.js": f"Page({{ onTap() {{ {ASK} }} }})", "pages/b/b.wxml": using + TAP_WXML})
    _, report = lint_json(root, "--select", RULE)
    dynamic = [(n["path"], n["line"]) for n in report["notes"] if "chosen at run time" in n["note"]]
    assert dynamic == [("templates/row.wxml", 1)]


def _poster_page(selector: str, wxml: str) -> dict[str, str]:
    # KevinsCodeVerse/tcgz_wxapp goods/detail (held out): a tap handler runs a method of a component on the page
    return {
        "app.json": '{"pages": ["pages/detail/detail"]}',
        "pages/detail/detail.json": '{"usingComponents": {"poster": "/components/poster/poster", "card": "/components/card/card"}}',
        "pages/detail/detail.wxml": '<button bindtap="onTap">分享</button>\n' + wxml,
        "pages/detail/detail.js": f"Page({{\n  onLoad() {{ this.selectComponent('{selector}').prepare() }},\n"
                                  f"  onTap() {{\n    const child = this.selectComponent('{selector}')\n    child.save()\n  }}\n}})\n",
        "components/poster/poster.json": '{"component": true}', "components/poster/poster.wxml": "<canvas/>",
        "components/poster/poster.js": (f"Component({{ methods: {{\n  prepare() {{ {ASK} }},\n"
                                        f"  save() {{ setTimeout(() => {ASK}, 0) }}\n}} }})\n"),
        "components/card/card.json": '{"component": true}', "components/card/card.wxml": "<view/>",
        "components/card/card.js": "Component({ methods: { prepare() {}, save() {} } })\n",
    }


def test_a_component_s_method_through_select_component(project):
    found = verdicts(project, _poster_page("#poster", '<poster id="poster"/>\n<card id="card"/>'))
    assert sorted(found) == [("components/poster/poster.js", 2, "lifecycle"), ("components/poster/poster.js", 3, "deferred")]
    # by a class, too
    found = verdicts(project, _poster_page(".share", '<poster class="big share"/>\n<card class="card"/>'))
    assert sorted(found) == [("components/poster/poster.js", 2, "lifecycle"), ("components/poster/poster.js", 3, "deferred")]


def test_a_selector_that_picks_no_single_component_calls_nothing_known(project):
    # two components answer `.share`, and an id set from data is unknown until run time: no edge is made
    for wxml in ('<poster class="share"/>\n<card class="share"/>', '<poster id="{{posterId}}"/>'):
        found = verdicts(project, _poster_page(".share" if "class" in wxml else "#poster", wxml))
        assert {kind for _, _, kind in found} <= {"unreached"}, wxml


FORWARDING_REQUEST = """const post = (options) => {
  wx.getStorage({ key: 'token', success: () => startPost(options), fail: () => startPost(options) })
}
const startPost = (options) => {
  wx.request({ url: options.url, success: (res) => { if (options.success) options.success(res.data) } })
}
function run(options) { call(options) }
function call(options) { options.success() }
export default { post, run }
"""


def test_options_handed_on_whole_from_one_helper_to_another(project):
    # KevinsCodeVerse/tcgz_wxapp utils/request.js (held out): `post(options)` hands the options to `startPost`,
    # which calls their `success` from wx.request's; the callback runs there, later, not at an unknown time
    files = page(f"import request from '../../utils/request'\nPage({{ onTap() {{\n"
                 f"  request.post({{ url: '/a', success: () => {ASK} }})\n"
                 f"  request.run({{ success: () => {ASK} }})\n}} }})\n", **{"utils/request.js": FORWARDING_REQUEST})
    assert verdicts(project, files) == [("pages/index/index.js", 3, "deferred")]  # line 4 runs at once: in the tap


def test_a_module_kept_in_the_app_s_options_and_exported_from_an_iife(project):
    # cznq/mynt_marvin_mini_Program (held out): App({ Util: require('utils/util.js') }), whose exports are assigned
    # inside `;(function () { … })()`, called as `that.Util.network.POST({ success })` from an App method
    util = (";(function () {\n  function POST(handler) { wx.getStorage({ key: 't', success: (res) => handler.success(res) }) }\n"
            "  module.exports.network = { POST: POST }\n})()\n")
    app = ("App({\n  Util: require('utils/util.js'),\n  ask() {\n    var that = this\n"
           f"    that.Util.network.POST({{ url: '/a', success: () => {ASK} }})\n  }}\n}})\n")
    files = page("const app = getApp()\nPage({ onTap() { app.ask() } })\n", **{"app.js": app, "utils/util.js": util})
    assert verdicts(project, files) == [("app.js", 5, "deferred")]
