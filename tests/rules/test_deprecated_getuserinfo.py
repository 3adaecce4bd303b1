"""deprecated-getuserinfo: each flagged form at its exact place, and what must stay quiet."""

from __future__ import annotations

import pytest

from conftest import lint_json, positions

RULE = "deprecated-getuserinfo"

INVALID = {
    "direct call": ("pages/a/a.js", "Page({ onLoad() { wx.getUserInfo({}) } })", [(1, 19)]),
    "promise style": ("pages/a/a.js", "Page({ async onLoad() {\n  const { userInfo } = await wx.getUserInfo()\n} })", [(2, 30)]),
    "then chain": ("pages/a/a.js", "wx.getUserInfo().then(r => r)", [(1, 1)]),
    "alias of wx": ("pages/a/a.js", "const api = wx\nconst again = api\nagain.getUserInfo()", [(3, 1)]),
    "computed access": ("pages/a/a.js", "wx['getUserInfo']({})\nwx[`getUserInfo`]()", [(1, 1), (2, 1)]),
    "optional call": ("pages/a/a.js", "wx.getUserInfo?.()\nwx?.getUserInfo({})", [(1, 1), (2, 1)]),
    "destructured from wx": ("pages/a/a.js", "const { getUserInfo: load } = wx\nload({})", [(2, 1)]),
    "passed to promisify": ("utils/p.js", "const get = promisify(wx.getUserInfo)", [(1, 23)]),
    "authorize scope.userInfo": ("app.js", "wx.authorize({ scope: 'scope.userInfo', success() {} })", [(1, 23)]),
    "authSetting index": ("app.js", 'if (res.authSetting["scope.userInfo"]) {}\nconst s = authSetting[\'scope.userInfo\']', [(1, 21), (2, 23)]),
    "in operator": ("app.js", "if ('scope.userInfo' in res.authSetting) {}", [(1, 5)]),
    "hasOwnProperty": ("app.js", "res.authSetting.hasOwnProperty('scope.userInfo')", [(1, 32)]),
    "destructured authSetting": ("app.js", "const { 'scope.userInfo': ok } = res.authSetting", [(1, 9)]),
    "inline wxs is javascript": ("pages/a/a.wxml", "<view/>\n<wxs module=\"m\">\nwx.getUserInfo()\n</wxs>", [(3, 1)]),
    "typescript page": ("pages/a/a.ts", "Page({ onLoad(): void { const w: WechatMiniprogram.Wx = wx; w.getUserInfo({}) } })", [(1, 61)]),
    "button open-type": ("pages/a/a.wxml", '<button open-type="getUserInfo">go</button>', [(1, 9)]),
    # shiruiqiang/xiaochengxu_qianduan pages/decrypt (held out): unpacked code writes the camelCase name
    "button openType": ("pages/a/a.wxml", '<button openType="getUserInfo">go</button>', [(1, 9)]),
    "dynamic open-type": ("pages/a/a.wxml", "<button open-type=\"{{ok ? 'getUserInfo' : ''}}\">go</button>", [(1, 9)]),
    "dynamic open-type behind &&": ("pages/a/a.wxml", "<button open-type=\"{{ legacy && 'getUserInfo' }}\">go</button>", [(1, 9)]),
    "component library button": ("pages/a/a.wxml", '<van-button open-type="getUserInfo" bind:getuserinfo="on">go</van-button>', [(1, 13), (1, 37)]),
    # linlinjava/litemall pages/auth/login/login.wxml: `open-type` written twice, the old value second
    "open-type written twice": ("pages/a/a.wxml", '<button open-type="getUserProfile" open-type="getUserInfo" bindgetuserinfo="wxLogin">登录</button>',
                                [(1, 36), (1, 60)]),
    "binding forms": ("pages/a/a.wxml",
                      '<x-ui bindgetuserinfo="a" catchgetuserinfo="b" catch:getuserinfo="c" capture-bind:getuserinfo="d" bindGetUserInfo="e"/>',
                      [(1, 7), (1, 27), (1, 48), (1, 70), (1, 99)]),
    "open-data": ("pages/a/a.wxml", '<open-data type="userAvatarUrl"/>\n<open-data type="userGender" lang="zh_CN"></open-data>', [(1, 12), (2, 12)]),
}

VALID = {
    "page method named getUserInfo": ("pages/a/a.js", "Page({ getUserInfo() {}, onLoad() { this.getUserInfo() } })"),
    "other objects": ("pages/a/a.js", "const app = getApp(); app.getUserInfo(); api.getUserInfo(); that.getUserInfo()"),
    "strings and comments": ("pages/a/a.js", "// wx.getUserInfo()\nconst s = 'wx.getUserInfo()'; /* wx.getUserInfo */"),
    "local variable named wx": ("pages/a/a.js", "function mock(wx) { return wx.getUserInfo() }\nconst wx2 = { getUserInfo() {} }"),
    "feature test": ("pages/a/a.js", "if (wx.getUserInfo) {}\nconst t = typeof wx.getUserInfo"),
    "reassigned alias": ("pages/a/a.js", "let api = wx\napi = mock\napi.getUserInfo()"),
    "other scopes": ("pages/a/a.js", "wx.authorize({ scope: 'scope.userLocation' })\nif (res.authSetting['scope.userLocation']) {}"),
    "getUserProfile is another rule": ("pages/a/a.js", "Page({ onTap() { wx.getUserProfile({ desc: '展示头像' }) } })"),
    "other open-type values": ("pages/a/a.wxml", '<button open-type="getPhoneNumber" bindgetphonenumber="p">x</button>\n<button open-type="chooseAvatar">y</button>'),
    "open-data group name": ("pages/a/a.wxml", '<open-data type="groupName" open-gid="{{gid}}"/>'),
    "text mentioning the old button": ("pages/a/a.wxml", "<text>open-type=\"getUserInfo\" 已下线</text>"),
    # vant's button: the old value is tested so that it is never given (meiju-finclip, winxin-app-watch-life)
    # walkingp/xterra-weapp app.js (held out): the app's own record of what it asked for, written, never read
    "the app's own record written": ("app.js", "App({ globalData: { auth: { 'scope.userInfo': false } },\n"
                                     "  onLogin() { this.globalData.auth['scope.userInfo'] = true } })"),
    "a test that rules the value out": ("pages/a/a.wxml", "<button open-type=\"{{ disabled || (canIUseGetUserProfile && openType === 'getUserInfo') ? '' : openType }}\">x</button>"),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid(project, name):
    path, code, expected = INVALID[name]
    root = project({path: code})
    exit_code, report = lint_json(root, "--select", RULE)
    assert positions(report, RULE) == [(path, line, column) for line, column in expected]
    assert exit_code == 1


@pytest.mark.parametrize("name", VALID)
def test_valid(project, name):
    path, code = VALID[name]
    exit_code, report = lint_json(project({path: code}), "--select", RULE)
    assert report["findings"] == []
    assert exit_code == 0


def test_messages_say_what_replaced_it(project):
    root = project({"pages/a/a.js": "wx.getUserInfo()", "pages/a/a.wxml": '<button open-type="getUserInfo"/>'})
    _, report = lint_json(root)
    js, wxml = report["findings"]
    assert "chooseAvatar" in js["message"] and "nickname" in js["message"]
    assert wxml["message"].startswith('`open-type="getUserInfo"` returns anonymous data since 2021-04-28')
    assert (wxml["line"], wxml["column"], wxml["end_line"], wxml["end_column"]) == (1, 9, 1, 32)


WX_PROXY = """const api = {}
Object.keys(wx).forEach((name) => {
  api[name] = (options = {}) => new Promise((resolve, reject) => wx[name]({ ...options, success: resolve, fail: reject }))
})
module.exports = api
"""


@pytest.mark.parametrize("importer, call", [
    ("const api = require('../../utils/wx')", "api.getUserInfo()"),
    ("import api from '../../utils/wx'", "api.getUserInfo()"),
    ("const { getUserInfo } = require('../../utils/wx')", "getUserInfo()"),
])
def test_calls_through_a_promisifying_wx_proxy_module(project, importer, call):
    files = {"pages/index/index.js": f"{importer}\nPage({{ onLoad() {{ {call}.then((r) => this.setData(r)) }} }})",
             "utils/wx.js": WX_PROXY}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["path"], f["line"], f["message_id"]) for f in report["findings"]] == [("pages/index/index.js", 2, "call")]


def test_module_exports_wx_and_a_promisified_api(project):
    files = {"pages/index/index.js": ("const wxApi = require('../../utils/wx')\nconst getInfo = wxPromisify('getUserInfo')\n"
                                      "Page({ onLoad() { wxApi.getUserInfo({}); getInfo().then(() => 1); this.getUserInfo() },"
                                      " getUserInfo() {} })"),
             "utils/wx.js": "module.exports = wx\n"}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(3, 19), (3, 42)]


def test_copying_a_plain_object_key_by_key_is_not_a_wx_proxy(project):
    # showdown.js and vant's observer copy options with `for…in` and `Object.keys(x).forEach`; asking
    # whether `x` is wx must not ask again whether `x` is a proxy (it recursed without end)
    options = ("const defaults = { tables: true }\nconst merged = {}\nfor (const key in defaults) merged[key] = defaults[key]\n"
               "Object.keys(merged).forEach((key) => { defaults[key] = merged[key] })\nmodule.exports = merged\n")
    files = {"pages/index/index.js": ("const api = require('../../utils/wx')\nconst options = require('../../utils/options')\n"
                                      "Page({ onLoad() { options.getUserInfo(); api.getUserInfo() } })"),
             "utils/wx.js": WX_PROXY, "utils/options.js": options}
    exit_code, report = lint_json(project(files), "--select", RULE)
    assert [(f["path"], f["line"], f["column"]) for f in report["findings"]] == [("pages/index/index.js", 3, 42)]
    assert exit_code == 1


WX_SERVICE_CLASS = """class WxService {
  constructor() { this.__init() }
  __init() {
    for (let key in wx) {
      if (typeof wx[key] === 'function') {
        this[key] = (obj = {}) => new Promise((resolve, reject) => wx[key]({ ...obj, success: resolve, fail: reject }))
      }
    }
  }
}
export default WxService
"""
NAMED_PROXY = """const wxp = {}
;['getUserInfo', 'chooseLocation', 'login'].forEach((name) => {
  wxp[name] = (o = {}) => new Promise((resolve) => wx[name]({ ...o, success: resolve }))
})
module.exports = wxp
"""


def test_proxies_built_at_run_time_a_class_that_copies_wx_and_a_list_of_api_names(project):
    page = ("import WxService from '../../utils/wxService'\nconst wxp = require('../../utils/wxp')\n"
            "const wxService = new WxService()\n"
            "Page({ onLoad() { wxService.getUserInfo().then(r => r); wxp.getUserInfo(); wxp.getSetting() } })\n")
    files = {"pages/index/index.js": page, "utils/wxService.js": WX_SERVICE_CLASS, "utils/wxp.js": NAMED_PROXY,
             "utils/plain.js": "class Store { load() { for (const k in this.cache) this[k] = 1 } }\nexport default Store\n"}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(4, 19), (4, 57)]
    # a class that fills itself from something else is no proxy
    files["pages/index/index.js"] = "import Store from '../../utils/plain'\nconst s = new Store()\ns.getUserInfo()\n"
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []


def test_objects_filled_by_miniprogram_api_promise_s_promisify_all(project):
    # WeChat's npm package: `promisifyAll(wx, wxp)` fills `wxp` with every API, here in a module or on the App
    # (thinmelon/pusu-mini-program app.js `promisifyAll(wx, this.wxp)`, then `app.wxp.chooseLocation()`: held out)
    files = {"app.js": ("import { promisifyAll } from 'miniprogram-api-promise'\n"
                        "App({ onLaunch() { this.wxp = {}; promisifyAll(wx, this.wxp) } })\n"),
             "utils/api.js": ("import { promisifyAll } from 'miniprogram-api-promise'\nconst wxp = {}\npromisifyAll(wx, wxp)\n"
                              "export const profile = () => wxp.getUserInfo()\n"),
             "pages/index/index.js": ("import { profile } from '../../utils/api'\nconst app = getApp()\nPage({\n  onLoad() {\n"
                                      "    app.wxp.getUserInfo().then(r => r)\n    getApp().wxp.getUserInfo()\n"
                                      "    app.store.getUserInfo()\n    profile()\n  }\n})\n")}
    _, report = lint_json(project(files), "--select", RULE)
    assert sorted((f["path"], f["line"], f["column"]) for f in report["findings"]) == [
        ("pages/index/index.js", 5, 5), ("pages/index/index.js", 6, 5), ("utils/api.js", 4, 30)]
    # another object of the App is no proxy
    files["app.js"] = files["app.js"].replace("this.wxp)", "this.other)")
    _, report = lint_json(project(files), "--select", RULE)
    assert [f["path"] for f in report["findings"]] == ["utils/api.js"]


ACTION_SHEET = """<template name="temp-actionsheet">
  <block wx:for="{{ buttons }}" wx:key="index">
    <button data-index="{{ index }}" open-type="{{item.openType}}" catchtap="{{ buttonClicked }}"
            bindgetphonenumber="{{ bindGetOpenInfo }}" bindgetuserinfo="{{ bindGetOpenInfo }}">{{ item.text }}</button>
  </block>
</template>
"""
SHEET_CALLER = """// openType: 'contact'|'share'|'getUserInfo' (the template's documented choices, in a comment)
Page({ showSheet() { this.setData({ buttons: [{ text: '分享', openType: OPEN_TYPE }] }) } })
"""


@pytest.mark.parametrize("open_type, reported", [("'share'", []), ("'getUserInfo'", [(4, 56)])])
def test_a_shared_buttons_getuserinfo_binding_counts_only_if_the_project_can_give_it_that_open_type(project, open_type, reported):
    # Honye/weapp-mark templates/actionsheet/actionsheet.wxml (held out): the binding is there for every open-type
    # the template supports, but its callers only ever pass 'share'
    files = {"templates/actionsheet/actionsheet.wxml": ACTION_SHEET,
             "pages/a/a.wxml": "<import src=\"/templates/actionsheet/actionsheet\"/>\n<template is=\"temp-actionsheet\" data=\"{{ buttons }}\"/>",
             "pages/a/a.js": SHEET_CALLER.replace("OPEN_TYPE", open_type)}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == reported


def test_a_getuserinfo_binding_on_a_button_with_another_open_type_or_none_never_fires(project):
    files = {"pages/a/a.wxml": '<button open-type="share" bindgetuserinfo="onUser">分享</button>\n'
                               '<button bindgetuserinfo="onUser">登录</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []


# YuJieQiu/ququgou-xiaochengxu components/button (held out): a copied ThorUI button hands every open-type event on;
# only what the pages pass to its `openType` property (or its default) can make it fire
TUI_BUTTON = {
    "components/button/button.js": ("Component({\n  properties: {\n    openType: { type: String, value: DEFAULT },\n"
                                    "    type: { type: String, value: 'gradual' }\n  },\n"
                                    "  methods: { bindgetuserinfo(e) { this.triggerEvent('getuserinfo', e.detail) } }\n})\n"),
    "components/button/button.json": '{"component": true}',
    "components/button/button.wxml": '<button open-type="{{openType}}" bindgetuserinfo="bindgetuserinfo"><slot/></button>',
    "pages/detail/detail.json": '{"usingComponents": {"tui-button": "/components/button/button"}}',
    "pages/login/login.js": "Page({ onLoad() { this.setData({ how: 'getUserInfo' }) } })\n",
    "pages/login/login.wxml": "<button open-type=\"{{how}}\">登录</button>\n",
}


@pytest.mark.parametrize("use, default, reported", [
    ('<tui-button type="danger">购买</tui-button>', "''", False),
    ('<tui-button open-type="share">分享</tui-button>', "''", False),
    ('<tui-button openType="getUserInfo" bind:getuserinfo="onUser">授权</tui-button>', "''", True),
    ('<tui-button type="danger">购买</tui-button>', "'getUserInfo'", True),
])
def test_a_component_buttons_binding_counts_only_if_its_users_can_give_it_that_open_type(project, use, default, reported):
    files = {**TUI_BUTTON, "components/button/button.js": TUI_BUTTON["components/button/button.js"].replace("DEFAULT", default),
             "app.json": '{"pages": ["pages/detail/detail", "pages/login/login"]}',
             "pages/detail/detail.wxml": use, "pages/detail/detail.js": "Page({ onUser(e) {} })\n"}
    _, report = lint_json(project(files), "--select", RULE)
    bindings = [f["path"] for f in report["findings"] if f["message_id"] == "binding"]
    assert ("components/button/button.wxml" in bindings) is reported


def test_a_getuserinfo_binding_on_an_element_that_is_no_button_or_component_never_fires(project):
    files = {"app.json": '{"pages": ["pages/a/a"]}', "pages/a/a.js": "Page({ go() {} })\n",
             "pages/a/a.wxml": '<view bindgetuserinfo="go">a</view>\n<div bindgetuserinfo="go">b</div>\n'
                               '<x-card bindgetuserinfo="go">c</x-card>\n'}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["message_id"]) for f in report["findings"]] == [(3, "binding")]  # a tag wxlint cannot resolve


def test_a_page_app_json_does_not_list_never_opens_and_is_not_judged(project):
    # MyChecky/Checky-Wechat-Applet pages/index, YuJieQiu/ququgou-xiaochengxu pages/profile-old (held out): a page left in
    # the tree that app.json no longer lists can never open, and the upload leaves it out
    files = {"app.json": '{"pages": ["pages/home/home"]}', "pages/home/home.js": "Page({})\n",
             "pages/index/index.js": "Page({ onLoad() { wx.getUserInfo({ success: (res) => this.setData(res) }) } })\n",
             "pages/index/index.wxml": '<button open-type="getUserInfo" bindgetuserinfo="onUser">登录</button>\n'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    files["app.json"] = '{"pages": ["pages/home/home", "pages/index/index"]}'
    _, report = lint_json(project(files), "--select", RULE)
    assert sorted((f["path"], f["message_id"]) for f in report["findings"]) == [
        ("pages/index/index.js", "call"), ("pages/index/index.wxml", "binding"), ("pages/index/index.wxml", "open-type")]


def test_an_app_left_in_a_folder_beside_the_projects_own_never_runs(project):
    # Tully-L/0729-wxapp-tennis-frontend frontend/miniprogram/ (held out): an older copy of the app with its own app.js
    app = "App({ onLaunch() { wx.getUserInfo({ success: (res) => { this.globalData.user = res.userInfo } }) } })\n"
    files = {"app.json": '{"pages": ["pages/home/home"]}', "pages/home/home.js": "Page({})\n", "app.js": "App({})\n",
             "miniprogram/app.json": '{"pages": ["pages/home/home"]}', "miniprogram/app.js": app}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    files["app.js"] = app
    _, report = lint_json(project(files), "--select", RULE)
    assert [f["path"] for f in report["findings"]] == ["app.js"]


def test_open_data_under_a_flag_no_code_sets_is_never_rendered(project):
    # SLLME/wechat-app pages/index (held out): `canIUseOpenData` is false in data, its canIUse line commented out
    wxml = ('<block wx:if="{{canIUseOpenData}}"><open-data type="userNickName"></open-data></block>\n'
            '<view wx:else>{{nickName}}</view>\n')
    js = ("Page({\n  data: { canIUseOpenData: false, list: [] },\n"
          "  onLoad() { this.setData({ [`list[${0}]`]: 1 }) }\n})\n")
    files = {"pages/index/index.wxml": wxml, "pages/index/index.js": js}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    # a key some code builds from the flag's name may set it
    files["pages/index/index.js"] = js.replace("[`list[${0}]`]", "[`canIUse${'OpenData'}`]")
    _, report = lint_json(project(files), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [1]


def test_a_flag_set_only_in_code_that_never_runs_never_shows_its_element(project):
    # hu188/xiaochengxu pages/goods (held out): the authorize dialog shows only in the `else` of a scope.userInfo test
    js = ("Page({\n  data: { hidden: false },\n  onLoad() {\n    wx.getSetting({ success: (res) => {\n"
          "      if (res.authSetting['scope.userInfo']) { this.setData({ ok: true }) } else { this.setData({ hidden: true }) }\n"
          "    } })\n  },\n  getUserInfo() {},\n})\n")
    wxml = '<view wx:if="{{hidden}}">\n  <button open-type="getUserInfo" bindgetuserinfo="getUserInfo">确定</button>\n</view>\n'
    files = {"pages/index/index.wxml": wxml, "pages/index/index.js": js}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("pages/index/index.js", 5)]
    # set where it can run, the dialog shows
    files["pages/index/index.js"] = js.replace("this.setData({ ok: true })", "this.setData({ ok: true, hidden: true })")
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["path"], f["line"]) for f in report["findings"]] == [
        ("pages/index/index.js", 5), ("pages/index/index.wxml", 2), ("pages/index/index.wxml", 2)]


def test_what_is_switched_off_or_never_shown_is_not_judged(project):
    # jinbohao2013/xiaochengxu (held out): a block switched off with `wx:if="{{false}}"` and the only handler that opens
    # a dialog bound in it; a dialog closed again by writing its flag's first value; a flag another page sets on itself
    js = ("Page({\n  data: { show: false },\n  showBuy() { this.setData({ show: true }) },\n"
          "  onGot(e) { this.setData({ show: false }) },\n  getInfo(e) {},\n})\n")
    wxml = ('<view wx:if="{{false}}"><button bindtap="showBuy">买</button><open-data type="userNickName"></open-data></view>\n'
            '<view wx:if="{{show}}"><button open-type="getUserInfo" bindgetuserinfo="onGot">好</button></view>\n'
            '<view wx:if="{{isLogin}}"><button open-type="getUserInfo" bindgetuserinfo="getInfo">登录</button></view>\n')
    other = "Page({ data: { isLogin: false }, login() { this.setData({ isLogin: true }) } })\n"
    files = {"pages/index/index.wxml": wxml, "pages/index/index.js": js, "pages/other/other.js": other,
             "pages/other/other.wxml": '<button bindtap="login">登录</button>\n'}
    pages = {"pages": ["pages/index/index", "pages/other/other"]}
    _, report = lint_json(project(files, pages), "--select", RULE)
    assert report["findings"] == []
    # switched on, each is shown: the open-data, the dialog its handler opens, the flag set on this page from another
    shown = wxml.replace('wx:if="{{false}}"', 'wx:if="{{true}}"')
    other_sets_it = other.replace("this.setData({ isLogin: true })",
                                  "const pages = getCurrentPages(); pages[0].setData({ isLogin: true })")
    _, report = lint_json(project({**files, "pages/index/index.wxml": shown, "pages/other/other.js": other_sets_it}, pages),
                          "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [1, 2, 2, 3, 3]


def test_a_scope_read_that_is_only_logged_is_no_check(project):
    # ai-word/fruitsf-shop pages/index (held out): the setting logged above the `if` that tests it
    js = ("Page({ onShow() { wx.getSetting({ success: (res) => {\n  console.log(res.authSetting['scope.userInfo'])\n"
          "  if (res.authSetting['scope.userInfo']) this.setData({ ok: true })\n} }) } })\n")
    _, report = lint_json(project({"pages/index/index.js": js}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [3]


def test_a_scope_read_again_in_the_branch_of_its_test_is_what_the_test_guards(project):
    # frankyyyyy/Barneys- pages/contact (held out): the test is reported; the value it stores there is always true
    js = ("Page({ onLoad() { wx.getSetting({ success: (res) => {\n  if (res.authSetting['scope.userInfo']) {\n"
          "    this.setData({ authorized: res.authSetting['scope.userInfo'] })\n  }\n"
          "  this.setData({ asked: res.authSetting['scope.userInfo'] !== undefined })\n} }) } })\n")
    _, report = lint_json(project({"pages/index/index.js": js}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [2, 5]


def test_code_that_never_runs_is_not_judged(project):
    # SunBangbang/dailyCharge (held out): `wx.authorize` of scope.userInfo under a test of it denied, which never holds
    # since 2021-04-28 (the test is reported, not what it guards); a copy of the block in a method nothing binds
    handler = ("  {name}() {{\n    wx.getSetting({{ success: (res) => {{\n      if (!res.authSetting['scope.userInfo']) {{\n"
               "        wx.authorize({{ scope: 'scope.userInfo' }})\n      }} else {{\n        wx.getUserInfo({{}})\n      }}\n"
               "    }} }})\n  }},\n")
    js = "Page({\n" + handler.format(name="onTap") + handler.format(name="oldTap") + "})\n"
    root = project({"pages/index/index.js": js, "pages/index/index.wxml": '<button bindtap="onTap">资料</button>\n'})
    _, report = lint_json(root, "--select", RULE)
    assert [(f["line"], f["message_id"]) for f in report["findings"]] == [(4, "auth-setting"), (7, "call")]


def test_a_scope_read_off_the_get_setting_result_itself_is_no_test_of_the_setting(project):
    # novicezk/partner-robot app.js (held out): `res['scope.userInfo']` on getSetting's result, whose settings are one
    # level down (`res.authSetting`): always undefined, so the branch always runs and its `wx.authorize` is judged
    js = ("App({\n  onLaunch() {\n    wx.getSetting({\n      success(res) {\n        if (!res['scope.userInfo']) {\n"
          "          wx.authorize({ scope: 'scope.userInfo' })\n        }\n      }\n    })\n  }\n})\n")
    _, report = lint_json(project({"app.js": js, "pages/index/index.js": "Page({})"}), "--select", RULE)
    assert [(f["line"], f["message_id"]) for f in report["findings"]] == [(6, "authorize")]
    read_below = js.replace("res['scope.userInfo']", "res.authSetting['scope.userInfo']")
    _, report = lint_json(project({"app.js": read_below, "pages/index/index.js": "Page({})"}), "--select", RULE)
    assert [(f["line"], f["message_id"]) for f in report["findings"]] == [(5, "auth-setting")]


def test_the_2018_template_s_fallback_for_clients_without_the_button_never_runs(project):
    # lwssen/wxmini-bbs pages/index (held out): `canIUse: wx.canIUse('button.open-type.getUserInfo')` (base library 1.3.0) is
    # true on every client the project supports, so the `else` made for clients without the button never runs
    js = ("const app = getApp()\nPage({\n  data: { canIUse: wx.canIUse('button.open-type.getUserInfo') },\n  onLoad() {\n"
          "    if (app.globalData.userInfo) {\n      this.setData({ userInfo: app.globalData.userInfo })\n"
          "    } else if (this.data.canIUse) {\n      app.userInfoReadyCallback = (res) => this.setData({ userInfo: res.userInfo })\n"
          "    } else {\n      wx.getUserInfo({ success: (res) => this.setData({ userInfo: res.userInfo }) })\n    }\n  },\n})\n")
    files = {"pages/index/index.js": js, "app.js": "App({ globalData: {} })"}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    _, report = lint_json(project(files), "--select", RULE, "--min-lib-version", "1.2.0")
    assert [f["line"] for f in report["findings"]] == [10]
    set_off = js.replace("      this.setData({ userInfo: app.globalData.userInfo })\n",
                         "      this.setData({ userInfo: app.globalData.userInfo, canIUse: false })\n")
    _, report = lint_json(project({**files, "pages/index/index.js": set_off}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [10]


def test_a_cloud_function_named_like_a_method_does_not_call_it(project):
    # jinryan/International-Fair-WeChat-Applet pages/settings/feedback (held out): `wx.cloud.callFunction({ name:
    # 'pushFeedback' })` names a cloud function; the page's own `pushFeedback` method is bound nowhere and never runs
    js = ("Page({\n  submit() {\n    wx.cloud.callFunction({ name: 'pushFeedback', data: {} })\n  },\n"
          "  pushFeedback() {\n    wx.getUserInfo({ success: (res) => console.log(res) })\n  },\n})\n")
    root = project({"pages/index/index.js": js, "pages/index/index.wxml": '<button bindtap="submit">提交</button>\n'})
    _, report = lint_json(root, "--select", RULE)
    assert report["findings"] == []
    dispatched = js.replace("wx.cloud.callFunction({ name: 'pushFeedback', data: {} })", "const name = 'pushFeedback'\n    this[name]()")
    _, report = lint_json(project({"pages/index/index.js": dispatched, "pages/index/index.wxml": '<button bindtap="submit">提交</button>\n'}),
                          "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [7]


def test_a_template_nothing_shows_is_not_judged(project):
    # nick2834/zhitaowx-mini components/identity (held out): `index - 副本.wxml`, a copy left beside the real template
    button = '<button open-type="getUserInfo" bindgetuserinfo="onAuth">授权</button>\n'
    files = {"pages/index/index.js": "Page({ onAuth() {} })", "pages/index/index.wxml": '<include src="/templates/auth.wxml"/>\n',
             "templates/auth.wxml": button, "templates/unused.wxml": button,
             "components/identity/index.js": "Component({ methods: { onAuth() {} } })", "components/identity/index.wxml": "<view/>",
             "components/identity/index - 副本.wxml": button, "components/identity/index.json": '{"component": true}'}
    _, report = lint_json(project(files), "--select", RULE)
    assert sorted({f["path"] for f in report["findings"]}) == ["templates/auth.wxml"]
