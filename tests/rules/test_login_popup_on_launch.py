"""login-popup-on-launch: each popup kind, each launch context, and what is not a popup."""

from __future__ import annotations

import json

import pytest

from conftest import lint_json

RULE = "login-popup-on-launch"


def launch_findings(project, files, *args):
    _, report = lint_json(project(files), "--select", RULE, *args)
    return [(f["path"], f["line"], f["message"].split(" ", 1)[0]) for f in report["findings"]], report


POPUPS = {
    "authorize a scope": ("wx.authorize({ scope: 'scope.writePhotosAlbum' })", "`wx.authorize`"),
    "getLocation": ("wx.getLocation({ type: 'gcj02' })", "`wx.getLocation`"),
    "chooseAddress": ("wx.chooseAddress({})", "`wx.chooseAddress`"),
    "getWeRunData": ("wx.getWeRunData({})", "`wx.getWeRunData`"),
    "recorder manager": ("const rm = wx.getRecorderManager()\nrm.start({ duration: 60000 })", "`RecorderManager.start`"),
    "saveImageToPhotosAlbum": ("wx.saveImageToPhotosAlbum({ filePath: 'a.png' })", "`wx.saveImageToPhotosAlbum`"),
    "getUserProfile after a modal without a cancel button": (
        "wx.showModal({ title: '提示', content: '完善资料', showCancel: false, success: () => wx.getUserProfile({ desc: '资料' }) })",
        "`wx.getUserProfile`"),
    "login modal in Chinese": ("wx.showModal({ title: '提示', content: '登录后才能使用' })", "`wx.showModal`"),
    "login modal in English, concatenated": ("wx.showModal({ content: 'Please ' + 'Sign in first' })", "`wx.showModal`"),
    "navigate to login": ("wx.navigateTo({ url: '/pages/login/index?from=' + src })", "`wx.navigateTo`"),
    "reLaunch to bind phone": ("wx.reLaunch({ url: `/pages/user/bind-phone` })", "`wx.reLaunch`"),
}


@pytest.mark.parametrize("name", POPUPS)
def test_each_popup_kind_in_on_launch(project, name):
    code, first_word = POPUPS[name]
    files = {"app.js": f"const src = 'x'\nApp({{\n  onLaunch() {{\n{code}\n  }}\n}})\n"}
    found, report = launch_findings(project, files)
    assert [(p, w) for p, _, w in found] == [("app.js", first_word)]
    [finding] = report["findings"]
    assert finding["trace"][0]["note"] == "App onLaunch runs when the mini-program opens"


def test_modal_without_cancel_says_so(project):
    files = {"app.js": "App({ onShow() { wx.showModal({ title: '请先授权', showCancel: false }) } })"}
    _, report = launch_findings(project, files)
    assert "`showCancel: false`" in report["findings"][0]["message"]


@pytest.mark.parametrize("content, reported", [
    # dachun-tech/fengyunxiaochengxu app.js (held out): a permission demand without a cancel button, as the entry opens
    ("要正常使用此小程序，您需要允许用户位置获取权限", True),
    ("To use this mini-program, allow the location permission", True),
    # a notice that the user may not do something is no request to grant anything
    ("您没有权限访问该页面", False),
    ("权限不足，请联系管理员", False),
])
def test_a_dialog_demanding_a_permission_on_open_is_a_forced_prompt(project, content, reported):
    files = {"app.js": "App({ onShow() {\n  wx.showModal({ title: '提示', content: '" + content + "', showCancel: false })\n} })"}
    found, _ = launch_findings(project, files)
    assert found == ([("app.js", 2, "`wx.showModal`")] if reported else [])


ENTRY = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/other/other"],
                                 "usingComponents": {"global-bar": "/components/bar/bar"}}),
         "pages/other/other.js": "Page({ onLoad() { wx.getLocation({}) } })"}


@pytest.mark.parametrize("lifecycle", ["onLoad", "onShow", "onReady"])
def test_entry_page_lifecycles(project, lifecycle):
    files = {**ENTRY, "pages/home/home.js": f"Page({{ {lifecycle}() {{ wx.getLocation({{}}) }}, onHide() {{ wx.getLocation({{}}) }} }})"}
    found, report = launch_findings(project, files)
    assert [p for p, _, _ in found] == ["pages/home/home.js"]
    assert report["findings"][0]["trace"][0]["note"] == f"{lifecycle} of the entry page pages/home/home runs when the mini-program opens"


def test_components_on_the_entry_page_nested_and_global(project):
    files = {**ENTRY,
             "pages/home/home.json": json.dumps({"usingComponents": {"card": "../../components/card/card"}}),
             "pages/home/home.wxml": "<card/><global-bar/>",
             "pages/home/home.js": "Page({})",
             "components/card/card.json": json.dumps({"component": True, "usingComponents": {"avatar": "../avatar/avatar"}}),
             "components/card/card.wxml": "<avatar/>",
             "components/card/card.js": "Component({ lifetimes: { attached() { wx.chooseLocation({}) } } })",
             "components/avatar/avatar.js": "Component({ ready() { wx.authorize({ scope: 'scope.camera' }) } })",
             "components/bar/bar.js": "Component({ pageLifetimes: { show() { wx.getWeRunData({}) } }, methods: { tap() { wx.getLocation({}) } } })",
             "components/unused/unused.js": "Component({ attached() { wx.getLocation({}) } })"}
    found, report = launch_findings(project, files)
    assert [(p, w) for p, _, w in found] == [("components/avatar/avatar.js", "`wx.authorize`"),
                                             ("components/bar/bar.js", "`wx.getWeRunData`"),
                                             ("components/card/card.js", "`wx.chooseLocation`")]
    notes = [f["trace"][0]["note"] for f in report["findings"]]
    assert notes[0] == "ready of <avatar>, rendered on the entry page pages/home/home, runs when the mini-program opens"


def test_entry_page_path_and_configured_entry_pages(project):
    pages = {"pages/a/a.js": "Page({ onLoad() { wx.getLocation({}) } })",
             "pages/b/b.js": "Page({ onLoad() { wx.chooseAddress({}) } })"}
    found, _ = launch_findings(project, {**pages, "app.json": json.dumps({"pages": ["pages/a/a", "pages/b/b"], "entryPagePath": "pages/b/b"})})
    assert [p for p, _, _ in found] == ["pages/b/b.js"]
    configured = {**pages, "app.json": json.dumps({"pages": ["pages/a/a", "pages/b/b"]}),
                  ".wxlint.yml": "entry-pages: [pages/b/b]\n"}
    found, _ = launch_findings(project, configured)
    assert [p for p, _, _ in found] == ["pages/b/b.js"]


def test_popups_in_callbacks_helpers_and_timers_still_pop_up_at_launch(project):
    files = {"app.js": "const auth = require('./utils/auth')\n"
                       "App({ onLaunch() { wx.checkSession({ fail: () => auth.ask() }) }, onShow() { setTimeout(() => wx.getLocation({}), 1000) } })",
             "utils/auth.js": "module.exports = { ask() { return new Promise(() => wx.authorize({ scope: 'scope.record' })) } }"}
    found, report = launch_findings(project, files)
    assert [(p, l) for p, l, _ in found] == [("app.js", 2), ("utils/auth.js", 1)]
    assert [s["path"] for s in report["findings"][1]["trace"]] == ["app.js", "app.js", "app.js", "utils/auth.js", "utils/auth.js"]


def test_launch_goes_on_in_the_callback_of_set_data(project):
    # `this.setData(data, callback)`: the callback runs once the view has rendered, still on open
    page = ("Page({\n  onLoad() {\n    this.setData({ ready: true }, () => this.locate())\n  },\n"
            "  locate() { wx.getLocation({ type: 'gcj02' }) },\n"
            "  onTap() { this.setData({ busy: true }, () => wx.getLocation({})) }\n})\n")
    found, report = launch_findings(project, {"pages/index/index.js": page})
    assert found == [("pages/index/index.js", 5, "`wx.getLocation`")]
    assert [step["note"].split(":")[0] for step in report["findings"][0]["trace"]][1] == "in the callback of this.setData()"


def test_a_popup_on_a_timer_is_not_said_to_come_as_soon_as_it_opens(project):
    files = {"app.js": "App({ onShow() { setTimeout(() => wx.getLocation({}), 1000) }, onLaunch() { wx.authorize({ scope: 'scope.record' }) } })"}
    _, report = lint_json(project(files), "--select", RULE)
    assert sorted((f["message_id"], "as soon as" in f["message"], "on a timer started when" in f["message"])
                  for f in report["findings"]) == [("authorize", True, False), ("scope-api", False, True)]
    _, report = lint_json(project(files), "--select", RULE, "--lang", "zh")
    assert sorted(f["message"].split("；")[0] for f in report["findings"]) == [
        "`wx.authorize` 在小程序打开时申请 `scope.record`", "`wx.getLocation` 在小程序打开后启动的定时器中申请位置信息权限"]


def test_login_pages_configuration(project):
    files = {"app.js": "App({ onLaunch() { wx.redirectTo({ url: '/pages/account/enter' }); wx.navigateTo({ url: '/pages/login/login' }) } })",
             ".wxlint.yml": "login-pages: ['pages/account/*']\n"}
    found, report = launch_findings(project, files)
    assert [f["message"].split("`")[3] for f in report["findings"]] == ["/pages/account/enter"]


NOT_POPUPS = {
    "silent login and checks": "wx.login({ success: () => wx.checkSession({}) }); wx.getSetting({})",
    "granted scope checked first": "wx.getSetting({ success: (res) => { if (res.authSetting['scope.userLocation']) { wx.getLocation({}) } } })",
    "granted with && and === true": "wx.getSetting({ success: (r) => r.authSetting['scope.werun'] === true && wx.getWeRunData({}) })",
    "the old quickstart's userInfo check": "wx.getSetting({ success: (res) => { if (res.authSetting['scope.userInfo']) { wx.getUserInfo({}) } } })",
    "authorize scope.userInfo shows nothing": "wx.authorize({ scope: 'scope.userInfo' })",
    "a modal about something else": "wx.showModal({ title: '新版本', content: '发现新版本，是否更新？' })",
    "navigation elsewhere": "wx.switchTab({ url: '/pages/author/list' })",
    "a listener that waits for an event": "wx.onNetworkStatusChange(() => wx.getLocation({}))",
    "a callback wxlint cannot see": "someSdk.init(() => wx.getLocation({}))",
    # wx.getUserInfo shows no dialog since 2018-04-30; it stays a deprecated-getuserinfo finding.
    "getUserInfo": "wx.getUserInfo({ success: (res) => console.log(res) })",
    # Without a tap these fail and show nothing: the tap rules report them.
    "getUserProfile without a tap": "wx.getUserProfile({ desc: '资料' })",
    "subscribe message without a tap": "wx.requestSubscribeMessage({ tmplIds: ['t'] })",
    # What follows the user's answer to a dialog that let them cancel is their choice (the dialog is judged itself).
    "getUserProfile after a modal's confirm": (
        "wx.showModal({ title: '提示', content: '完善资料', success: (r) => { if (r.confirm) wx.getUserProfile({ desc: '资料' }) } })"),
    "a notice after the settings page the user chose": (
        "wx.showModal({ title: '定位', content: '去设置里打开定位？', success: (r) => { if (r.confirm) wx.openSetting({ "
        "success: () => wx.showModal({ title: '提示', content: '授权后请重新登录' }) }) } })"),
    # `authSetting['scope.userInfo']` is always true since 2021-04-28: this branch never runs
    "a redirect when scope.userInfo is not granted": (
        "wx.getSetting({ success: (res) => { if (!res.authSetting['scope.userInfo']) wx.redirectTo({ url: '/pages/auth/auth' }) } })"),
    "an action sheet's choice": "wx.showActionSheet({ itemList: ['拍照'], success: () => wx.authorize({ scope: 'scope.camera' }) })",
}


@pytest.mark.parametrize("name", NOT_POPUPS)
def test_not_a_popup_at_launch(project, name):
    found, _ = launch_findings(project, {"app.js": f"App({{ onLaunch() {{ {NOT_POPUPS[name]} }} }})"})
    assert found == []


def test_taps_and_non_entry_pages_are_fine(project):
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/me/me"]}),
             "pages/home/home.wxml": '<button bindtap="login">登录</button>',
             "pages/home/home.js": "Page({ login() { wx.navigateTo({ url: '/pages/login/login' }) } })",
             "pages/me/me.js": "Page({ onLoad() { wx.showModal({ content: '请先登录', showCancel: false }) } })"}
    found, _ = launch_findings(project, files)
    assert found == []


def test_events_elements_fire_by_themselves_on_the_entry_page(project):
    files = {**ENTRY,
             "pages/home/home.wxml": '<image src="{{banner}}" bindload="onBannerLoad"/>\n<button bindtap="onTap">定位</button>',
             "pages/home/home.js": "Page({\n  onBannerLoad() {\n    wx.getLocation({ type: 'gcj02' })\n  },\n"
                                   "  onTap() { wx.chooseLocation({}) }\n})"}
    found, report = launch_findings(project, files)
    assert [(p, line) for p, line, _ in found] == [("pages/home/home.js", 3)]
    assert report["findings"][0]["trace"][0]["note"] == (
        '`bindload="onBannerLoad"` on <image>: the element fires `load` by itself when the entry page pages/home/home opens')


def test_constant_scopes_and_urls(project):
    files = {"app.js": "const LOGIN_PAGE = '/pages/login/login'\nconst SCOPES = { record: 'scope.record' }\n"
                       "App({\n  onLaunch() {\n    wx.authorize({ scope: SCOPES.record })\n"
                       "    wx.navigateTo({ url: LOGIN_PAGE + '?from=launch' })\n  }\n})\n"}
    found, report = launch_findings(project, files)
    assert [(line, word) for _, line, word in found] == [(5, "`wx.authorize`"), (6, "`wx.navigateTo`")]
    assert "`scope.record`" in report["findings"][0]["message"]
    assert "the login page `/pages/login/login`" in report["findings"][1]["message"]


def test_a_granted_check_is_carried_into_the_function_it_calls(project):
    app = ("App({\n  onLaunch() {\n    wx.getSetting({ success: (res) => {\n"
           "      if (res.authSetting['scope.userLocation']) this.locate()\n      else this.later()\n    } })\n  },\n"
           "  locate() { wx.getLocation({ type: 'gcj02' }) },\n  later() { wx.chooseLocation({}) }\n})\n")
    found, _ = launch_findings(project, {"app.js": app})
    assert [(line, word) for _, line, word in found] == [(9, "`wx.chooseLocation`")]


AUTH_UTIL = """function isLogin(ask = false) {
  const token = wx.getStorageSync('token')
  if (!token && ask) {
    wx.showModal({ title: '提示', content: '请先登录', success: (res) => res.confirm && wx.navigateTo({ url: '/pages/login/login' }) })
  }
  return !!token
}
module.exports = { isLogin }
"""


def test_constant_arguments_and_defaults_decide_branches(project):
    quiet = {"app.js": "const { isLogin } = require('./utils/auth')\nApp({ onLaunch() { this.globalData.logged = isLogin() }, globalData: {} })",
             "utils/auth.js": AUTH_UTIL}
    found, _ = launch_findings(project, quiet)
    assert found == []
    asking = {**quiet, "app.js": "const { isLogin } = require('./utils/auth')\nApp({ onLaunch() { isLogin(true) } })"}
    found, _ = launch_findings(project, asking)
    # the modal; the navigation in its answer is the user's choice (the dialog can be cancelled)
    assert [(p, line, word) for p, line, word in found] == [("utils/auth.js", 4, "`wx.showModal`")]


REQUEST_WRAPPER = """function request(url, data) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: 'https://shop.example.com' + url,
      data,
      header: { 'X-Token': wx.getStorageSync('token') },
      success: (res) => {
        if (res.data.errno === 501) {
          wx.navigateTo({ url: '/pages/auth/login/login' })
          reject(res.data)
        } else {
          resolve(res.data.data)
        }
      }
    })
  })
}
module.exports = { request }
"""


def test_a_login_redirect_on_a_server_status_depends_on_the_server(project):
    # not certain from the code: its own rule, as information, and never "as soon as it opens"
    files = {"app.json": json.dumps({"pages": ["pages/home/home"]}),
             "pages/home/home.js": "const { request } = require('../../utils/util')\n"
                                   "Page({ onLoad() { request('/wx/home/index').then((data) => this.setData(data)) } })",
             "utils/util.js": REQUEST_WRAPPER}
    root = project(files)
    _, report = lint_json(root, "--select", f"{RULE},login-on-server-answer")
    [finding] = report["findings"]
    assert (finding["rule"], finding["path"], finding["line"], finding["severity"]) == (
        "login-on-server-answer", "utils/util.js", 9, "info")
    assert "when the server answers `res.data.errno === 501`" in finding["message"] and "depends on your server" in finding["message"]
    assert "as soon as" not in finding["message"]
    assert [step["path"] for step in finding["trace"]][0] == "pages/home/home.js"
    # a stored login tested first: an expired session
    files["pages/home/home.js"] = files["pages/home/home.js"].replace("onLoad() {", "onLoad() { if (!wx.getStorageSync('token')) return;")
    _, report = lint_json(project(files), "--select", "login-on-server-answer")
    assert report["findings"] == []


SERVER_ANSWERS = {
    # `else if (r.statusCode == 401) loginExpired()`: the test is at the call, the redirect in the helper
    "on the way to a login helper": (
        "function loginExpired() { wx.reLaunch({ url: '/pages/login/login?man=true' }) }\n"
        "function req(url) { return new Promise((res) => wx.request({ url, success(r) {\n"
        "  if (r.statusCode == 200) res(r)\n  else if (r.statusCode == 401) loginExpired()\n} })) }\n", 1, "r.statusCode == 401"),
    # compiled TypeScript: `var res = r.data` in the request's success, then `else if (res.code == 100)`
    "under another name": (
        "function req(url) { wx.request({ url, success: function (r) {\n  var res = r.data\n"
        "  if (res.code == 0) { console.log(res) }\n  else if (res.code == 100) { wx.redirectTo({ url: '/pages/login/login' }) }\n"
        "} }) }\n", 4, "res.code == 100"),
    # a dialog asking to log in, not a redirect (WinstonLiyt/WhereToEatAtTongji-Frontend utils/util.js:44)
    "a login dialog": (
        "function req(url) { return new Promise((resolve) => wx.request({ url, success: (res) => {\n"
        "  if (res.statusCode === 200) resolve(res)\n  else if (res.statusCode === 401) {\n"
        "    wx.showModal({ title: '登录提醒', content: '该功能需注册使用，是否注册？' })\n  }\n} })) }\n", 4,
        "res.statusCode === 401"),
    # awaited: what a request helper settles with is the server's answer too
    "awaited": (
        "const http = require('./http')\nasync function req(url) {\n  const res = await http.get(url)\n"
        "  if (res.code === 401) wx.navigateTo({ url: '/pages/login/login' })\n}\n", 4, "res.code === 401"),
    # the jump in the `else` of a test: the answer is the test failing (hdj274903391/wxEbike pages/index, held out)
    "in the else branch": (
        "function req(url) { wx.request({ url, success: (res) => {\n  if (res.data.token != '') wx.setStorageSync('t', res.data.token)\n"
        "  else wx.navigateTo({ url: '../login/login' })\n} }) }\n", 3, "res.data.token == ''"),
    # against a constant holding a literal (jaytangchn/WxMiniAppDemo utils/request.js, held out)
    "against a named constant": (
        "const TOKEN_IS_EMPTY = 'TOKEN_IS_EMPTY'\nfunction req(url) { wx.request({ url, success: (res) => {\n"
        "  if (res.data.status == TOKEN_IS_EMPTY) wx.redirectTo({ url: '../login/login' })\n} }) }\n", 3,
        "res.data.status == TOKEN_IS_EMPTY"),
}


@pytest.mark.parametrize("name", SERVER_ANSWERS)
def test_a_server_answer_the_redirect_hangs_on_is_found(project, name):
    util, line, test = SERVER_ANSWERS[name]
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "pages/home/home.js": "const { req } = require('../../utils/api')\nPage({ onLoad() { req('/feed') } })\n",
             "pages/login/login.js": "Page({})\n", "utils/api.js": util + "module.exports = { req }\n",
             "utils/http.js": "module.exports = { get: (url) => new Promise((resolve) => wx.request({ url, success: resolve })) }\n"}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("login-on-server-answer", line)]
    assert f"when the server answers `{test}`" in report["findings"][0]["message"]


def entry_page(on_load: str, extra: str = "") -> dict:
    return {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
            "app.js": "App({ globalData: { token: '' } })",
            "pages/login/login.js": "Page({})",
            "pages/home/home.js": f"const app = getApp()\nPage({{\n  data: {{ hasLogin: false }},\n  onLoad() {{\n{on_load}\n  }},\n{extra}\n}})\n"}


STORED_LOGIN_TESTS = {
    "a storage key": ("wx.getStorageSync('token')", "wx.getStorageSync('token')"),
    "the app's global data": ("app.globalData.token", "app.globalData.token"),
    "a page data flag": ("this.data.hasLogin", "this.data.hasLogin"),
    "a constant read from storage with a default": ("t", "t"),
}


@pytest.mark.parametrize("name", STORED_LOGIN_TESTS)
def test_sending_users_without_a_stored_login_to_log_in_is_forced_login(project, name):
    tested, shown = STORED_LOGIN_TESTS[name]
    code = (f"    const t = wx.getStorageSync('access_token') || ''\n    if (!{tested}) {{\n"
            "      wx.redirectTo({ url: '/pages/login/login' })\n      return\n    }\n    this.setData({ ready: true })")
    _, report = launch_findings(project, entry_page(code))
    [finding] = report["findings"]
    assert (finding["path"], finding["line"], finding["message_id"]) == ("pages/home/home.js", 7, "navigate-logged-out")
    assert f"without a stored login (`{shown}` empty)" in finding["message"]


def test_a_login_prompt_only_a_logged_in_user_reaches_is_a_re_login(project):
    code = ("    if (!wx.getStorageSync('token')) return\n"
            "    wx.checkSession({ fail: () => wx.navigateTo({ url: '/pages/login/login' }) })\n"
            "    this.loadOrders()")
    extra = ("  loadOrders() {\n    wx.request({ url: 'https://shop.example.com/orders', success: (res) => {\n"
             "      if (res.statusCode === 401) wx.showModal({ title: '登录已过期', content: '请重新登录', showCancel: false })\n"
             "    } })\n    wx.getLocation({ type: 'gcj02' })\n  },")
    found, _ = launch_findings(project, entry_page(code, extra))
    # the location prompt is still an authorization popup on open, logged in or not
    assert [(line, word) for _, line, word in found] == [(13, "`wx.getLocation`")]


def test_names_that_do_not_say_the_user_is_logged_in_guard_nothing(project):
    code = ("    if (this.data.tokenExpired || app.globalData.needLogin) return\n"
            "    wx.navigateTo({ url: '/pages/login/login' })")
    _, report = launch_findings(project, entry_page(code))
    assert [f["message_id"] for f in report["findings"]] == ["navigate"]


def test_a_logged_in_test_is_carried_into_the_functions_it_calls(project):
    code = "    const token = wx.getStorageSync('token')\n    if (token) this.refresh()\n    else this.welcome()"
    extra = ("  refresh() { wx.navigateTo({ url: '/pages/login/login?reason=refresh' }) },\n"
             "  welcome() { wx.showModal({ title: '提示', content: '登录后查看更多' }) },")
    _, report = launch_findings(project, entry_page(code, extra))
    [finding] = report["findings"]
    assert (finding["line"], finding["message_id"]) == (10, "modal-logged-out")
    assert "(`token` empty)" in finding["message"]


def test_a_setting_read_from_the_device_is_not_a_server_answer(project):
    app = ("App({\n  onLaunch() {\n    wx.getSetting({ success: (res) => {\n"
           "      if (res.authSetting['scope.userLocation']) wx.getLocation({})\n"
           "      else wx.navigateTo({ url: '/pages/login/login' })\n    } })\n  }\n})\n")
    _, report = launch_findings(project, {"app.js": app})
    assert [(f["line"], f["message_id"], f["severity"]) for f in report["findings"]] == [(5, "navigate", "error")]


def test_a_login_page_the_user_chose_in_a_dialog_is_judged_by_the_dialog(project):
    # found on a real project: checkSession fails, a modal asks, its confirm opens the login page
    app = ("App({\n  onShow() {\n    wx.checkSession({ fail() {\n      wx.showModal({ title: '提示', content: '现未登录，是否登录', CANCEL\n"
           "        success(e) { if (e.confirm) wx.navigateTo({ url: '/pages/login/login' }) } })\n    } })\n  }\n})\n")
    found, _ = launch_findings(project, {"app.js": app.replace("CANCEL", "")})
    assert [(line, word) for _, line, word in found] == [(4, "`wx.showModal`")]
    # without a cancel button the navigation is forced too
    found, report = launch_findings(project, {"app.js": app.replace("CANCEL", "showCancel: false,")})
    assert [(line, word) for _, line, word in found] == [(4, "`wx.showModal`"), (5, "`wx.navigateTo`")]
    assert report["findings"][1]["message_id"] == "navigate"  # not a server's answer: `e` is the dialog's


@pytest.mark.parametrize("modal, reported", [
    # MMMMMMLi/Account utils/auth.js (held out): the project's own login request failed; a notice, nothing to do
    ("wx.showModal({ title: '无法登录', content: res.data.msg, showCancel: false })", []),
    # a failure that asks the user to log in again, and acts on the answer, still sends them to log in
    ("wx.showModal({ title: '登录失败', content: '请重新登录', success: (r) => { if (r.confirm) wx.navigateTo({ url: '/pages/login/login' }) } })",
     [4]),
    ("wx.showModal({ title: '提示', content: '请先登录' })", [4]),
])
def test_a_dialog_that_only_says_logging_in_failed_sends_nobody_to_log_in(project, modal, reported):
    util = ("function login() { wx.login({ success(code) { wx.request({ url: '/auth', data: code, success: (res) => {\n"
            "  if (res.data.code === 20004) { wx.setStorageSync('token', res.data.token); return }\n"
            "  if (res.data.code !== 20004) {\n"
            f"    {modal}\n  }}\n}} }}) }} }})\n}}\nmodule.exports = {{ login }}\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "pages/home/home.js": "const { login } = require('../../utils/auth')\nPage({ onLoad() { login() } })\n",
             "pages/login/login.js": "Page({})\n", "utils/auth.js": util}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert [f["line"] for f in report["findings"]] == reported


def test_a_prompt_only_an_opening_query_leads_to_is_not_on_an_ordinary_open(project):
    # zaozao1040/xdd-ddc-miniprogram pages/home/home.js (held out): only the order page's "去点餐" button reopens the
    # entry page with `?fromorder=true`; an ordinary open has no query
    code = "    if (options.fromorder) this.startMeal()"
    extra = "  startMeal() { if (!wx.getStorageSync('userCode')) wx.navigateTo({ url: '/pages/login/login' }) },"
    def page(on_load):
        files = entry_page(on_load, extra)
        files["pages/home/home.js"] = files["pages/home/home.js"].replace("onLoad() {", "onLoad(options) {")
        return files

    assert launch_findings(project, page(code))[0] == []
    # without the query test it is forced on every first open
    found, _ = launch_findings(project, page(code.replace("if (options.fromorder) ", "")))
    assert [word for _, _, word in found] == ["`wx.navigateTo`"]


@pytest.mark.parametrize("lifecycles", [
    "lifetimes: { attached() { LOGIN } }",
    "pageLifetimes: { show() { LOGIN } }",
    "methods: { onLoad() { LOGIN } }",
])
def test_an_entry_page_written_as_a_component_opens_with_its_lifetimes(project, lifecycles):
    # hijimo/18line-wxapp (held out): the entry page is a Component whose lifetimes run as it opens
    login = "if (!wx.getStorageSync('token')) wx.navigateTo({ url: '/pages/login/login' })"
    files = {**ENTRY, "pages/home/home.js": "Component({ " + lifecycles.replace("LOGIN", login) + " })",
             "pages/login/login.js": "Page({})"}
    files["app.json"] = json.dumps({"pages": ["pages/home/home", "pages/login/login"]})
    found, report = launch_findings(project, files)
    assert [(path, word) for path, _, word in found] == [("pages/home/home.js", "`wx.navigateTo`")]


def test_a_function_bound_to_the_page_calls_the_pages_methods(project):
    # hdj274903391/wxEbike pages/index/index.js (held out): `success: function (res) { this.handleUserLogin() }.bind(this)`
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "pages/login/login.js": "Page({})\n",
             "pages/home/home.js": ("Page({\n  onLoad() {\n    wx.getStorage({ key: 'x', success: function (res) {\n"
                                    "      this.handleUserLogin()\n    }.bind(this) })\n  },\n  handleUserLogin() {\n"
                                    "    wx.request({ url: '/login', success: function (res) {\n"
                                    "      if (res.data.token == '') wx.navigateTo({ url: '../login/login' })\n"
                                    "    }.bind(this) })\n  }\n})\n")}
    _, report = lint_json(project(files), "--select", "login-on-server-answer")
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("pages/home/home.js", 9)]
    # bound to something else, `this` is not the page
    files["pages/home/home.js"] = files["pages/home/home.js"].replace("}.bind(this) })\n  },", "}.bind(other) })\n  },")
    _, report = lint_json(project(files), "--select", "login-on-server-answer")
    assert report["findings"] == []


@pytest.mark.parametrize("key, reported", [("userInfo", False), ("token", False), ("theme", True)])
def test_a_request_made_only_when_a_login_is_stored_is_a_re_login(project, key, reported):
    # bianLiang/robot index/index.js (held out): wx.getStorage calls `success` only when the key is stored; the request
    # inside runs for a user who has logged in, and its redirect on the server's answer is a re-login
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "pages/login/login.js": "Page({})\n",
             "pages/home/home.js": ("Page({\n  onShow() {\n    wx.getStorage({ key: 'KEY', success: (res) => {\n"
                                    "      wx.request({ url: '/user/info', success: (r) => {\n"
                                    "        if (r.data.code !== 200) wx.navigateTo({ url: '/pages/login/login' })\n"
                                    "      } })\n    } })\n  }\n})\n").replace("KEY", key)}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == ([("login-on-server-answer", 5)] if reported else [])


@pytest.mark.parametrize("page", [
    # shenyefan/scenic_weapp pages/home (held out): a helper adds members around the page's own options
    "Page(withStatus({\n  onLoad() { this.fetch() },\n  fetch() { wx.getLocation({}) }\n}))\n",
    "Page(Object.assign({}, base, {\n  onLoad() { this.fetch() },\n  fetch() { wx.getLocation({}) }\n}))\n",
    "Page(connect(state)({\n  onLoad() { this.fetch() },\n  fetch() { wx.getLocation({}) }\n}))\n",
])
def test_a_page_whose_options_go_through_a_wrapper_opens_with_its_lifecycles(project, page):
    helpers = ("const withStatus = (options) => ({ ...options, onShow() {} })\nconst base = { share() {} }\n"
               "const state = {}\nconst connect = () => (options) => options\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home"]}), "pages/home/home.js": helpers + page}
    found, _ = launch_findings(project, files)
    assert [(line, word) for _, line, word in found] == [(7, "`wx.getLocation`")]


@pytest.mark.parametrize("test, reported", [
    ("!(app && app.isLoggedIn())", False), ("!app.hasLogin()", False), ("!getToken()", False),
    ("!app.isReady()", True)])
def test_a_function_named_for_the_login_state_tests_it(project, test, reported):
    # CY-CPU1011/KaiLift_wx pages/home/home.js (held out): a guest returns before the request; only a user whose token
    # is stored makes it, and the request helper's redirect on a 401 is a re-login
    helper = ("function getToken() { return wx.getStorageSync('kl_token') }\n"
              "function request(url) {\n  wx.request({ url, success: (res) => {\n"
              "    if (res.statusCode === 401) wx.reLaunch({ url: '/pages/login/login' })\n  } })\n}\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "app.js": ("App({\n  isLoggedIn() { return !!wx.getStorageSync('kl_token') },\n"
                        "  hasLogin() { return this.isLoggedIn() },\n  isReady() { return true }\n})\n"),
             "pages/login/login.js": "Page({})\n",
             "pages/home/home.js": (helper + "Page({\n  onShow() {\n    const app = getApp()\n"
                                    f"    const isGuest = {test}\n    if (isGuest) return\n    request('/home')\n  }}\n}})\n")}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == ([("login-on-server-answer", 4)] if reported else [])


@pytest.mark.parametrize("first, on_load, reported", [
    ("home", "", False),  # the tab behind the bar is shown once the user picks it
    ("around", "", True),  # the first tab
    ("home", "this.setData({ PageCur: options.tab || 'around' })", True),  # set as the page opens
    ("home", "this.pick()", True),  # set by a method the page calls as it opens
])
def test_a_component_the_entry_page_shows_only_once_its_data_changes_does_not_run_on_open(project, first, on_load,
                                                                                           reported):
    # choushunn/EnjoyWangjingStreetMiniWechat pages/index (held out): the tabs are components under
    # `wx:if="{{PageCur=='around'}}"`, `data: { PageCur: 'home' }`; the around tab asks for the location in `ready`
    files = {"app.json": json.dumps({"pages": ["pages/index/index"]}),
             "pages/index/index.json": json.dumps({"usingComponents": {"around": "/components/around/around",
                                                                       "home": "/components/home/home"}}),
             "pages/index/index.wxml": ("<home wx:if=\"{{PageCur=='home'}}\"/>\n<around wx:if=\"{{PageCur=='around'}}\"/>\n"
                                        "<view bindtap=\"pick\" data-cur=\"around\">周边</view>\n"),
             "pages/index/index.js": (f"Page({{\n  data: {{ PageCur: '{first}' }},\n  onLoad(options) {{ {on_load} }},\n"
                                      "  pick() { this.setData({ PageCur: 'around' }) }\n})\n"),
             "components/home/home.js": "Component({ lifetimes: { attached() {} } })\n",
             "components/home/home.json": '{"component": true}',
             "components/around/around.js": ("Component({\n  lifetimes: {\n    ready() {\n"
                                             "      wx.getLocation({ type: 'gcj02', success: (res) => this.setData(res) })\n"
                                             "    }\n  }\n})\n"),
             "components/around/around.json": '{"component": true}'}
    found, _ = launch_findings(project, files)
    assert [(path, line) for path, line, _ in found] == ([("components/around/around.js", 4)] if reported else [])


@pytest.mark.parametrize("read", ["const { code } = service.interceptors.response(res)", "const { code } = res.data"])
def test_a_status_destructured_from_the_answer_is_the_servers(project, read):
    # FOREVERGWC/CampusSocialMiniProgram utils/request.js (held out): the answer goes through the helper's own
    # interceptor, and its `code` is destructured before `code === 401` sends the user to log in
    helper = ("const service = { interceptors: { response: (res) => res.data } }\n"
              "function request(url) {\n  wx.request({ url, success: (res) => {\n"
              f"    {read}\n    if (code === 401) wx.navigateTo({{ url: '/pages/login/index' }})\n  }} }})\n}}\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/index"]}),
             "pages/login/index.js": "Page({})\n",
             "pages/home/home.js": helper + "Page({\n  onShow() { request('/notes') }\n})\n"}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("login-on-server-answer", 5)]


def test_a_utility_object_s_own_method_and_the_answer_named_on_the_way(project):
    # liuxuan124/miniprogram-platform (held out): a request's 401 goes to `AuthUtil.navigateToLogin()`, which calls
    # `this.openLoginSheet()` (a method of the same object literal), which opens the login page at a URL chosen by a
    # ternary; the answer named is the request's (`responseData.code === 401`), not `options.preferPage` of a helper
    # on the way, which its callers fill
    auth = ("const AuthUtil = {\n"
            "  navigateToLogin(redirect) {\n"
            "    this.openLoginSheet({ redirect })\n"
            "  },\n"
            "  openLoginSheet(options = {}) {\n"
            "    const url = options.redirect ? '/pages/login/login?redirect=' + options.redirect : '/pages/login/login'\n"
            "    if (options.preferPage) {\n"
            "      wx.navigateTo({ url })\n"
            "    }\n"
            "  },\n"
            "}\n"
            "module.exports = { AuthUtil }\n")
    request = ("const { AuthUtil } = require('./auth')\n"
               "module.exports = (url) => wx.request({ url, success(res) {\n"
               "  const responseData = res.data\n"
               "  if (responseData.code === 401) AuthUtil.navigateToLogin()\n"
               "} })\n")
    files = {"utils/auth.js": auth, "utils/request.js": request, "pages/login/login.js": "Page({})",
             "pages/index/index.js": "const request = require('../../utils/request')\nPage({ onLoad() { request('/config') } })\n"}
    _, report = lint_json(project(files, {"pages": ["pages/index/index", "pages/login/login"]}),
                          "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [("login-on-server-answer", "utils/auth.js", 8)]
    assert "`responseData.code === 401`" in report["findings"][0]["message"]
    # an options object handed to a call is not `this` of its functions
    handed = auth.replace("const AuthUtil = {", "const AuthUtil = register({")[:-len("}\nmodule.exports = { AuthUtil }\n")] + "})\nmodule.exports = { AuthUtil }\n"
    _, report = lint_json(project({**files, "utils/auth.js": handed}, {"pages": ["pages/index/index", "pages/login/login"]}),
                          "--select", f"{RULE},login-on-server-answer")
    assert report["findings"] == []


def test_a_base_page_s_on_load_calling_this_on_init_of_each_class_page(project):
    # zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts: every class page extends BasePage, whose `onLoad` calls
    # `this.onInit()`: each page's own `onInit` runs when that page loads (so it is judged), and the entry page's load
    # runs only its own (another page's login jump is not "on open")
    base = "export\nclass BasePage {\n  onLoad(options: any) {\n    this.onInit(options)\n  }\n  onInit(options?: any) {}\n}\n"
    page = ("import {{ BasePage }} from '../../utils/base'\nclass {name} extends BasePage {{\n  onInit() {{\n    {body}\n  }}\n"
            "  legacy() {{\n    wx.getUserInfo({{}})\n  }}\n}}\nPage(new {name}())\n")  # `legacy`: nothing calls it
    files = {"utils/base.ts": base,
             "pages/home/home.ts": page.format(name="Home", body="wx.setNavigationBarTitle({ title: '首页' })"),
             "pages/mine/mine.ts": page.format(name="Mine", body="wx.navigateTo({ url: '/pages/login/login' })"),
             "pages/profile/profile.ts": page.format(name="Profile", body="wx.getUserInfo({})"),
             "pages/login/login.ts": "Page({})\n"}
    app = {"pages": ["pages/home/home", "pages/mine/mine", "pages/profile/profile", "pages/login/login"]}
    _, report = lint_json(project(files, app), "--select", f"{RULE},deprecated-getuserinfo")
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("deprecated-getuserinfo", "pages/profile/profile.ts", 4)]


def test_app_code_that_needs_an_open_page_does_not_run_on_open(project):
    # gdkyit/kywxb app.js (held out): App onShow checks messages only when a page is open, which at cold start none is
    # (App's onLaunch and onShow run before the first page is made)
    app = ("App({\n  onShow() {\n    const pages = getCurrentPages()\n    if (pages.length > 0) {\n      this.check()\n    }\n  },\n"
           "  check() {\n    wx.request({ url: '/api/messages', success(res) {\n"
           "      if (res.statusCode == 401) wx.reLaunch({ url: '/pages/login/login' })\n    } })\n  },\n})\n")
    files = {"app.js": app, "pages/index/index.js": "Page({})", "pages/login/login.js": "Page({})"}
    pages = {"pages": ["pages/index/index", "pages/login/login"]}
    _, report = lint_json(project(files, pages), "--select", f"{RULE},login-on-server-answer")
    assert report["findings"] == []
    always = app.replace("if (pages.length > 0) {", "if (pages.length === 0 || pages.length > 0) {")
    _, report = lint_json(project({**files, "app.js": always}, pages), "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("login-on-server-answer", 10)]


def test_the_top_level_of_the_app_script_and_of_the_entry_page_s_runs_on_open(project):
    # xiaopingzi1/movie app.js (held out): no App() at all; the microphone is asked for as the file loads
    app = ("wx.showShareMenu({ withShareTicket: true })\nwx.getSetting({\n  success(res) {\n"
           "    if (!res.authSetting['scope.record']) {\n      wx.authorize({ scope: 'scope.record' })\n    }\n  }\n})\n")
    page = "const near = () => wx.getLocation({ type: 'gcj02' })\nnear()\nPage({})\n"
    files = {"app.js": app, "pages/index/index.js": page, "pages/other/other.js": page}
    found, report = launch_findings(project, files)
    assert [(path, line) for path, line, _ in found] == [("app.js", 5), ("pages/index/index.js", 1)]
    assert report["findings"][0]["trace"][0]["line"] == 1
    # a page that is not the entry loads when it is opened, not on open
    _, report = lint_json(project({**files, "pages/index/index.js": "Page({})"}), "--select", RULE)
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("app.js", 5)]


def test_a_page_made_by_a_store_library_s_constructor_opens_with_its_lifecycles(project):
    # ioslide/Real-Estate-wxminiapp pages/index (held out): westore's `create(store, { … })` calls Page(option) itself
    page = ("import create from '../../utils/create'\nimport store from '../../store/index'\n"
            "create(store, {\n  onLoad() { this.locate() },\n  locate() { wx.getLocation({ type: 'gcj02' }) },\n})\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home"]}), "pages/home/home.js": page,
             "utils/create.js": "export default function create(store, option) { option.data = store.data; Page(option) }\n",
             "store/index.js": "export default { data: {} }\n"}
    found, _ = launch_findings(project, files)
    assert [(line, word) for _, line, word in found] == [(5, "`wx.getLocation`")]
    # the store handed second is no page's options
    swapped = page.replace("create(store, {", "create({").replace("})\n", "}, store)\n")
    found, _ = launch_findings(project, {**files, "pages/home/home.js": swapped})
    assert found == []


def test_a_test_of_a_value_against_itself_decides_its_branch(project):
    # Zhaopuen/shop app.js (held out): `if (res.data.data.openid != res.data.data.openid)` never holds
    util = ("function req(url) { wx.request({ url, success: (res) => {\n  if (res.data.code == 1) {\n"
            "    if (res.data.data.openid != res.data.data.openid) wx.navigateTo({ url: '../login/login' })\n  }\n} }) }\n")
    files = {"app.json": json.dumps({"pages": ["pages/home/home", "pages/login/login"]}),
             "pages/home/home.js": "const { req } = require('../../utils/api')\nPage({ onLoad() { req('/feed') } })\n",
             "pages/login/login.js": "Page({})\n", "utils/api.js": util + "module.exports = { req }\n"}
    _, report = lint_json(project(files), "--select", f"{RULE},login-on-server-answer")
    assert report["findings"] == []
    always = util.replace("res.data.data.openid != res.data.data.openid", "res.data.data.openid === res.data.data.openid")
    _, report = lint_json(project({**files, "utils/api.js": always + "module.exports = { req }\n"}),
                          "--select", f"{RULE},login-on-server-answer")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("login-on-server-answer", 3)]
