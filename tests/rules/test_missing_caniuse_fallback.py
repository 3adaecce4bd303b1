"""missing-caniuse-fallback: every guard form, data flags across files, guards in callers, the minimum."""

from __future__ import annotations

import json

import pytest

from conftest import lint_json

RULE = "missing-caniuse-fallback"
ASK = "wx.getUserProfile({ desc: '资料' })"
TAP = '<button bindtap="go">go</button>'


def reported(project, js, wxml=TAP, minimum="2.0.0", extra=None):
    files = {"pages/index/index.js": js, "pages/index/index.wxml": wxml, **(extra or {})}
    _, report = lint_json(project(files), "--select", RULE, "--min-lib-version", minimum)
    return [(f["path"], f["line"]) for f in report["findings"]]


GUARDED = {
    "canIUse api": f"if (wx.canIUse('getUserProfile')) {{ {ASK} }}",
    "canIUse deeper schema": f"if (wx.canIUse('getUserProfile.object.desc')) {{ {ASK} }}",
    "feature test": f"if (wx.getUserProfile) {{ {ASK} }}",
    "double negation in &&": f"!!wx.getUserProfile && {ASK}",
    "typeof function": f"if (typeof wx.getUserProfile === 'function') {{ {ASK} }}",
    "typeof not undefined": f"if ('undefined' !== typeof wx.getUserProfile) {{ {ASK} }}",
    "in operator": f"if ('getUserProfile' in wx) {{ {ASK} }}",
    "ternary": f"const p = wx.getUserProfile ? {ASK} : null",
    "optional call": "wx.getUserProfile?.({ desc: '资料' })",
    "early return": f"if (!wx.getUserProfile) return\n{ASK}",
    "early return in a block": f"if (!wx.canIUse('getUserProfile')) {{ wx.showToast({{ title: '请升级微信' }}); return }}\n{ASK}",
    "else of an unavailability test": f"if (!wx.getUserProfile) {{ console.log('old') }} else {{ {ASK} }}",
    "version compare with getSystemInfoSync": f"if (compareVersion(wx.getSystemInfoSync().SDKVersion, '2.10.4') >= 0) {{ {ASK} }}",
    "version compare through a variable": f"const {{ SDKVersion }} = wx.getSystemInfoSync()\nconst v = SDKVersion\nif (compareVersion(v, '2.21.0') > -1) {{ {ASK} }}",
    "guarded callback": f"if (wx.getUserProfile) {{ wx.login({{ success: () => {ASK} }}) }}",
    # a test kept in a local constant first (Yuxiangyun/huas-wechat)
    "canIUse in a constant": f"const ok = wx.canIUse('getUserProfile')\nreturn ok ? {ASK} : null",
    "feature test in a constant": f"const ok = !!wx.getUserProfile\nif (!ok) return\n{ASK}",
    "typeof in a constant": f"const canAsk = typeof wx.getUserProfile === 'function'\nif (canAsk) {{ {ASK} }}",
    # the TypeError of an old client goes to the catch (CY-CPU1011/KaiLift_wx app.js, held out)
    "try with a catch": f"let ok = true\ntry {{ {ASK} }} catch (e) {{ ok = false }}",
    # a function that only returns a test (grandiloquent/wechat-yoga-miniprogram, held out)
    "a function returning a version compare": ("function isNew() {\n  return compareVersion(wx.getSystemInfoSync()"
                                               f".SDKVersion, '2.21.0') >= 0\n}}\nconst ok = isNew()\nif (ok) {{ {ASK} }}"),
    "an arrow returning a feature test": f"const canAsk = () => !!wx.getUserProfile\nif (canAsk()) {{ {ASK} }}",
}


@pytest.mark.parametrize("name", GUARDED)
def test_guard_forms(project, name):
    js = f"Page({{ go() {{\n{GUARDED[name]}\n}} }})"
    assert reported(project, js) == []


UNGUARDED = {
    "no test": ASK,
    "wrong api tested": f"if (wx.canIUse('getUserInfo')) {{ {ASK} }}",
    "in the else of the test": f"if (wx.getUserProfile) {{ console.log(1) }} else {{ {ASK} }}",
    "after a test that does not exit": f"if (!wx.getUserProfile) {{ console.log('old') }}\n{ASK}",
    "version below the requirement": f"if (compareVersion(wx.getSystemInfoSync().SDKVersion, '2.9.0') >= 0) {{ {ASK} }}",
    "version compare without SDKVersion": f"if (compareVersion(appVersion, '2.10.4') >= 0) {{ {ASK} }}",
    "a constant changed after its test": f"let ok = wx.canIUse('getUserProfile')\nok = true\nif (ok) {{ {ASK} }}",
    "a constant of another test": f"const ok = wx.canIUse('getUserInfo')\nif (ok) {{ {ASK} }}",
    "a function that does more than return a test": ("function isNew() {\n  wx.showToast({ title: '检查' })\n"
                                                      f"  return !!wx.getUserProfile\n}}\nif (isNew()) {{ {ASK} }}"),
    "try with only a finally": f"try {{ {ASK} }} finally {{ console.log('done') }}",
    "in a callback written inside a try": f"try {{ setTimeout(() => {{ {ASK} }}) }} catch (e) {{}}",
    "a function returning a test of its argument": f"const has = (api) => !!api\nif (has(wx.getUserInfo)) {{ {ASK} }}",
}


@pytest.mark.parametrize("name", UNGUARDED)
def test_unguarded(project, name):
    js = f"Page({{ go() {{\n{UNGUARDED[name]}\n}} }})"
    ask_line = next(n for n, text in enumerate(js.splitlines(), 1) if "getUserProfile({" in text)
    assert [line for _, line in reported(project, js)] == [ask_line]


def test_the_2021_template_data_flag_guards_the_tap_handler(project):
    js = ("Page({\n  data: { canIUseGetUserProfile: false },\n"
          "  onLoad() { if (wx.getUserProfile) { this.setData({ canIUseGetUserProfile: true }) } },\n"
          f"  go() {{ {ASK} }},\n  legacy() {{ {ASK} }}\n}})")
    wxml = ('<block wx:if="{{!hasUserInfo}}">\n'
            '  <button wx:if="{{canIUseGetUserProfile}}" bindtap="go">a</button>\n'
            '  <button wx:else bindtap="legacy">b</button>\n</block>')
    assert reported(project, js, wxml) == [("pages/index/index.js", 5)]  # the wx:else branch is not guarded


@pytest.mark.parametrize("data", [
    "data: { canIUse: wx.canIUse('getUserProfile') }",
    "onLoad() { this.setData({ canIUse: !!wx.getUserProfile }) }",
    "onLoad() { const that = this; that.setData({ canIUse: typeof wx.getUserProfile === 'function' }) }",
])
def test_data_flag_forms(project, data):
    js = f"Page({{ {data}, go() {{ {ASK} }} }})"
    assert reported(project, js, '<view wx:if="{{canIUse}}"><button bindtap="go">a</button></view>') == []


def test_a_handler_bound_both_inside_and_outside_the_flag_is_reported(project):
    js = f"Page({{ data: {{ ok: wx.canIUse('getUserProfile') }}, go() {{ {ASK} }} }})"
    wxml = '<button wx:if="{{ok}}" bindtap="go">a</button>\n<button bindtap="go">b</button>'
    assert reported(project, js, wxml) == [("pages/index/index.js", 1)]


def test_the_guard_in_every_caller(project):
    helper = {"utils/profile.js": f"export function ask() {{ return {ASK} }}"}
    guarded = "import { ask } from '../../utils/profile'\nPage({ go() { if (wx.canIUse('getUserProfile')) ask() } })"
    assert reported(project, guarded, extra=helper) == []
    mixed = ("import { ask } from '../../utils/profile'\n"
             "Page({ go() { if (wx.canIUse('getUserProfile')) ask() }, other() { ask() } })")
    assert reported(project, mixed, TAP + '<button bindtap="other">o</button>', extra=helper) == [("utils/profile.js", 1)]
    lifecycle = "import { ask } from '../../utils/profile'\nPage({ onLoad() { ask() } })"
    assert reported(project, lifecycle, extra=helper) == [("utils/profile.js", 1)]


def test_components_and_attribute_values(project):
    wxml = ('<button open-type="chooseAvatar">a</button>\n'
            '<input type="nickname"/>\n'
            '<page-container show="{{show}}"/>\n'
            '<button open-type="getUserInfo">old but fine</button>\n'
            '<view wx:if="{{canAvatar}}"><button open-type="chooseAvatar">b</button></view>\n'
            '<button wx:elif="{{v2}}" open-type="chooseAvatar">c</button>\n')
    js = ("Page({ data: { canAvatar: wx.canIUse('button.open-type.chooseAvatar'),\n"
          "  v2: compareVersion(wx.getSystemInfoSync().SDKVersion, '2.21.2') >= 0 } })")
    _, report = lint_json(project({"pages/index/index.wxml": wxml, "pages/index/index.js": js}),
                          "--select", RULE, "--min-lib-version", "2.0.0")
    assert [(f["line"], f["column"], f["message"].split("`")[1]) for f in report["findings"]] == [
        (1, 9, '<button open-type="chooseAvatar">'), (2, 8, '<input type="nickname">'), (3, 1, "<page-container>")]


def test_a_flag_set_from_a_function_returning_a_version_compare_guards_the_avatar_button(project):
    # grandiloquent/wechat-yoga-miniprogram pages/login (held out): the new profile form only on new base libraries
    wxml = ('<block wx:if="{{isUserProtected}}">\n  <button open-type="chooseAvatar" bind:chooseavatar="pick">a</button>\n'
            '  <input type="nickname"/>\n</block>\n<button wx:else bindtap="login">微信一键登录</button>\n')
    js = ("Page({\n  async onLoad() {\n    const isUserProtected = isUserInfoProtected()\n"
          "    if (isUserProtected) {\n      this.setData({ isUserProtected })\n    }\n  },\n  pick() {},\n  login() {}\n})\n"
          "function isUserInfoProtected() {\n  return compareVersion(wx.getSystemInfoSync().SDKVersion, '2.27.1') >= 0\n}\n"
          "function compareVersion(v1, v2) { return v1 > v2 ? 1 : v1 < v2 ? -1 : 0 }\n")
    assert reported(project, js, wxml) == []
    older = js.replace("'2.27.1'", "'2.20.0'")  # a version that does not have the button yet
    assert reported(project, older, wxml) == [("pages/index/index.wxml", 2), ("pages/index/index.wxml", 3)]


def test_a_call_in_a_method_nothing_binds_or_calls_is_not_judged(project):
    # ywconetime/guahao-hospital-wechat-mini-program pages/index (held out): the template uses a contact button instead
    js = f"Page({{\n  go() {{}},\n  openCustomerService() {{\n    {ASK}\n  }}\n}})\n"
    assert reported(project, js) == []
    assert reported(project, js.replace("go() {}", "go() { this.openCustomerService() }")) == [("pages/index/index.js", 4)]
    # choushunn/EnjoyWangjingStreetMiniWechat pages/user/home/userinfo.js (held out): in the success of an unbound method
    callback = f"Page({{\n  go() {{}},\n  choose() {{\n    wx.chooseImage({{ success: () => {{\n      {ASK}\n    }} }})\n  }}\n}})\n"
    assert reported(project, callback) == []
    # an object's method wxlint sees no call of may still run where something names it (a mixin's method a template
    # binds: jimmy88228's room/mixin.js), not where nothing does (liuxuan124/miniprogram-platform's AuthService, held out)
    mixin = f"export default {{\n  methods: {{\n    listen() {{\n      {ASK}\n    }}\n  }}\n}}\n"
    assert reported(project, "Page({ go() {} })", '<button bindtap="listen">听</button>', extra={"utils/mixin.js": mixin}) == [
        ("utils/mixin.js", 4)]
    assert reported(project, "Page({ go() {} })", extra={"utils/mixin.js": mixin}) == []


def test_methods_a_behavior_or_another_file_calls_run(project):
    # miniprogram-demo's AR pages: a behavior's `this.init()` calls the component's own `init`; its xr-template-volumeVideo
    # keeps `new Player()` in data and calls `player.play()` from the page
    behavior = "module.exports = Behavior({ lifetimes: { ready() { this.init() } } })\n"
    component = (f"const ar = require('../ar')\nComponent({{\n  behaviors: [ar],\n  methods: {{\n    init() {{\n"
                 f"      {ASK}\n    }}\n  }}\n}})\n")
    player = (f"class Player {{\n  constructor() {{ this.load() }}\n  load() {{}}\n  play() {{\n    {ASK}\n  }}\n}}\n"
              "module.exports = Player\n")
    page = ("const Player = require('../../utils/player')\nPage({\n  onLoad() { this.player = new Player() },\n"
            "  go() { this.player.play() }\n})\n")
    extra = {"components/ar.js": behavior, "components/scene/scene.js": component,
             "components/scene/scene.json": '{"component": true}', "utils/player.js": player}
    wxml = TAP + '<scene/>\n'
    files = {"pages/index/index.json": '{"usingComponents": {"scene": "/components/scene/scene"}}', **extra}
    assert reported(project, page, wxml, extra=files) == [("components/scene/scene.js", 6), ("utils/player.js", 5)]
    # a component method no behavior names never runs; a class's method is judged all the same (wxlint cannot tell
    # every way its instances are used)
    files["components/ar.js"] = behavior.replace("this.init()", "this.start()")
    unused = page.replace("this.player.play()", "this.player.stop()")
    assert reported(project, unused, wxml, extra=files) == [("utils/player.js", 5)]


def test_the_minimum_comes_from_config_then_cli_then_the_default(project):
    js = f"Page({{ go() {{ {ASK} }} }})"
    root = project({"pages/index/index.js": js, "pages/index/index.wxml": TAP, ".wxlint.yml": 'min-lib-version: "2.9.0"\n'})
    _, report = lint_json(root, "--select", RULE)
    [finding] = report["findings"]
    assert "above this project's minimum 2.9.0" in finding["message"]
    _, report = lint_json(root, "--select", RULE, "--min-lib-version", "2.10.4")
    assert report["findings"] == []
    (root / ".wxlint.yml").unlink()
    _, report = lint_json(root, "--select", RULE)
    assert report["findings"] == []  # the default 2.10.4 already has getUserProfile


def test_a_feature_test_proves_every_feature_of_its_base_library(project):
    wxml = ('<block wx:if="{{canIUseNickname}}">\n  <button open-type="chooseAvatar" bindchooseavatar="onAvatar">头像</button>\n'
            '  <input type="nickname" placeholder="昵称"/>\n</block>\n<view wx:else>请升级微信</view>')
    js = "Page({ data: { canIUseNickname: wx.canIUse('input.type.nickname') }, onAvatar() {} })"
    assert reported(project, js, wxml, minimum="2.10.4") == []
    # getUserProfile (2.10.4) does not prove the 2.21.2 fill-in.
    older = js.replace("wx.canIUse('input.type.nickname')", "!!wx.getUserProfile")
    assert reported(project, older, wxml, minimum="2.10.4") == [("pages/index/index.wxml", 2), ("pages/index/index.wxml", 3)]
    # An API of 2.21.2 or later proves it too.
    assert reported(project, "if (wx.canIUse('getPrivacySetting')) { wx.chooseMedia({}) }\nPage({})", TAP, minimum="2.0.0") == []


def test_an_api_s_callbacks_run_only_where_the_api_is_there(project):
    # yepengzhao965-lgtm/weapp-course-buy pages/index/index.js (held out): the unguarded getPrivacySetting (2.32.3) is
    # reported; requirePrivacyAuthorize (2.32.3) in its callbacks never runs on a client without it
    js = ("Page({\n  openPrivacy() {\n    wx.getPrivacySetting({\n      success: (r) => {\n"
          "        if (!r.needAuthorization) return\n        wx.requirePrivacyAuthorize({ success: () => {} })\n      },\n"
          "      complete: () => { wx.openPrivacyContract({}) },\n    })\n  },\n})\n")
    wxml = '<button bindtap="openPrivacy">隐私</button>'
    assert reported(project, js, wxml, minimum="2.10.4") == [("pages/index/index.js", 3)]
    # an older API's callback proves only its own base library
    older = js.replace("wx.getPrivacySetting({", "wx.getSetting({")
    assert reported(project, older, wxml, minimum="2.10.4") == [("pages/index/index.js", 6), ("pages/index/index.js", 8)]
    # a flag set in the API's success records it: the popup's button shows only on clients that have it
    flagged = ("Page({\n  data: { show: false },\n  onLoad() {\n    if (!wx.getPrivacySetting) return\n"
               "    wx.getPrivacySetting({ success: (res) => { this.setData({ show: res.needAuthorization }) } })\n  },\n"
               "  onShow() {\n    wx.getPrivacySetting?.({ success: () => { this.setData({ show: true }) } })\n  },\n})\n")
    popup = '<button wx:if="{{show}}" open-type="agreePrivacyAuthorization">同意</button>'
    assert reported(project, flagged, popup, minimum="2.10.4") == []


def test_a_listener_registered_under_a_feature_test_guards_what_it_shows(project):
    wxml = ('<view wx:if="{{showPrivacy}}" class="privacy">\n'
            '  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>\n</view>')
    js = ("Page({\n  data: { showPrivacy: false },\n  onLoad() {\n    if (wx.onNeedPrivacyAuthorization) {\n"
          "      wx.onNeedPrivacyAuthorization((resolve) => {\n        this.resolvePrivacy = resolve\n"
          "        this.setData({ showPrivacy: true })\n      })\n    }\n  },\n"
          "  onAgree() { this.resolvePrivacy({ buttonId: 'agree', event: 'agree' }) }\n})")
    assert reported(project, js, wxml, minimum="2.10.4") == []
    unguarded = js.replace("if (wx.onNeedPrivacyAuthorization) {", "{")
    assert reported(project, unguarded, wxml, minimum="2.10.4") == [("pages/index/index.js", 5), ("pages/index/index.wxml", 2)]


PRIVACY_POPUP = """Component({
  data: { innerShow: false },
  lifetimes: {
    attached() {
      if (wx.getPrivacySetting) {
        wx.getPrivacySetting({ success: (res) => { if (res.needAuthorization) this.popUp() } })
      }
    }
  },
  methods: {
    popUp() { this.setData({ innerShow: true }) },
    handleAgree() { this.setData({ innerShow: false }) },
    openContract() { wx.openPrivacyContract({}) }
  }
})
"""
PRIVACY_POPUP_WXML = """<view wx:if="{{innerShow}}">
  <text bindtap="openContract">《用户隐私保护指引》</text>
  <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="handleAgree">同意</button>
</view>
"""


def test_a_flag_set_in_a_method_called_only_under_a_feature_test(project):
    # WeChat's privacy-popup pattern (hackingwu/intelli-assistant): popUp() only runs where getPrivacySetting exists
    files = {"components/privacy/privacy.js": PRIVACY_POPUP, "components/privacy/privacy.json": '{"component": true}',
             "components/privacy/privacy.wxml": PRIVACY_POPUP_WXML, "pages/index/index.js": "Page({})",
             "pages/index/index.wxml": "<privacy-popup/>", "pages/index/index.json": '{"usingComponents": {"privacy-popup": "/components/privacy/privacy"}}'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    # called once more without the test: the popup can show on an old client
    unguarded = PRIVACY_POPUP.replace("handleAgree() {", "retry() { this.popUp() },\n    handleAgree() {")
    _, report = lint_json(project({**files, "components/privacy/privacy.js": unguarded}), "--select", RULE)
    assert sorted((f["path"], f["line"]) for f in report["findings"]) == [
        ("components/privacy/privacy.js", 14), ("components/privacy/privacy.wxml", 3)]


def test_the_api_handed_to_a_test_function_is_a_feature_test(project):
    # zurichscud/case-uni-vue3 useTheme.ts (uni-app labelled set): `CommonUtil.isFunction(uni.onThemeChange)`
    js = ("const isFunction = (value) => typeof value === 'function'\n"
          "Page({\n  onLoad() {\n    if (isFunction(wx.onThemeChange)) {\n      wx.onThemeChange((res) => this.setData({ theme: res.theme }))\n    }\n"
          "    wx.offThemeChange(() => {})\n  },\n})\n")
    _, report = lint_json(project({"pages/index/index.js": js}), "--select", "missing-caniuse-fallback")
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(7, 5)]


def test_a_module_constant_function_nothing_calls_is_not_judged(project):
    # SLLME/wechat-app utils/util.js (held out): `const compressImgTest = (img) => {…}`, exported, called nowhere
    util = f"const compressImgTest = (img) => {{\n  {ASK}\n}}\nconst format = (n) => n\nmodule.exports = {{ compressImgTest, format }}\n"
    page = "const util = require('../../utils/util.js')\nPage({ go() { util.format(1) } })\n"
    assert reported(project, page, extra={"utils/util.js": util}) == []
    assert reported(project, page.replace("util.format(1)", "util.compressImgTest('a.png')"),
                    extra={"utils/util.js": util}) == [("utils/util.js", 2)]


def test_a_script_the_upload_leaves_out_never_runs(project):
    # 0x13217D4/starlumina-tools-wechat (held out): a theme behavior nothing requires, a helper only a page app.json does
    # not list requires. DevTools leaves files nothing reaches from app.json out of the upload (the default), so they never
    # run; a project that uploads them (`ignoreUploadUnusedFiles: false`) may load them and is judged.
    devtools = {"project.config.json": json.dumps({"appid": "wx6f0a1d3c5b7e9a21", "setting": {"minified": True}})}
    theme = ("module.exports = Behavior({\n  lifetimes: { attached() { this.applyTheme() } },\n  methods: {\n"
             "    applyTheme() {\n      this.setData({ theme: wx.getSystemSetting().theme })\n    }\n  }\n})\n")
    helper = "module.exports = {\n  scale() {\n    return wx.getDeviceInfo().platform\n  }\n}\n"
    old_page = "const calculation = require('../../utils/scale')\nPage({ onLoad() { calculation.scale() } })\n"
    files = {**devtools, "behaviors/theme.js": theme, "utils/scale.js": helper, "pages/old/old.js": old_page,
             "pages/old/old.wxml": "<view/>", "app.json": json.dumps({"pages": ["pages/index/index"]})}
    page = "Page({ go() {} })"
    assert reported(project, page, extra=files) == []
    uses_theme = "const theme = require('../../behaviors/theme')\nPage({ behaviors: [theme] })"
    assert reported(project, uses_theme, extra=files) == [("behaviors/theme.js", 5)]
    uploaded = {**files, "project.config.json": json.dumps({"setting": {"ignoreUploadUnusedFiles": False}})}
    assert reported(project, page, extra=uploaded) == [("behaviors/theme.js", 5), ("utils/scale.js", 3)]


def test_a_catch_in_every_synchronous_caller_guards(project):
    # 0x13217D4/starlumina-tools-wechat app.js (held out): onLaunch calls `initThemeMode()` inside a try; the old client's
    # TypeError leaves initThemeMode and reaches that catch. A callback that runs later throws past it.
    app = ("App({\n  onLaunch() {\n    try {\n      this.initThemeMode()\n    } catch (error) {\n      console.error(error)\n"
           "    }\n  },\n  initThemeMode() {\n    const setting = wx.getSystemSetting()\n    this.globalData.theme = setting.theme\n"
           "  },\n  globalData: {},\n})\n")
    page = "Page({ go() {} })"
    assert reported(project, page, extra={"app.js": app}) == []
    later = app.replace("this.initThemeMode()", "wx.getStorage({ key: 'theme', success: () => this.initThemeMode() })")
    assert reported(project, page, extra={"app.js": later}) == [("app.js", 10)]


def test_a_flag_every_place_that_shows_it_must_set_under_the_feature_test(project):
    # liuxuan124/miniprogram-platform pages/login (held out): the privacy layer shows when `showPrivacyPopup` is true; it is
    # set under a test of wx.getPrivacySetting, and also by a tap when the agreement box is unticked, on any client
    guarded = ("    if (typeof wx.getPrivacySetting !== 'function') return\n"
               "    wx.getPrivacySetting({ success: (res) => { if (res.needAuthorization) this.setData({ showPrivacyPopup: true }) } })\n")
    js = ("Page({\n  data: { showPrivacyPopup: false, agreed: false },\n  onLoad() {\n" + guarded + "  },\n"
          "  onLogin() {\n    if (!this.data.agreed) {\n      this.setData({ showPrivacyPopup: true })\n      return\n    }\n  },\n})\n")
    wxml = ('<button bindtap="onLogin">登录</button>\n'
            '<view wx:if="{{showPrivacyPopup}}"><button open-type="agreePrivacyAuthorization">同意</button></view>\n')
    assert reported(project, js, wxml) == [("pages/index/index.wxml", 2)]
    only_guarded = js.replace("      this.setData({ showPrivacyPopup: true })\n", "")
    assert reported(project, only_guarded, wxml) == []


def test_a_ui_library_s_button_and_input_pass_their_open_type_and_type_on(project):
    # Resuragam/lost-found (held out): TDesign's `t-button` renders a `<button open-type="{{openType}}">` and `t-input` an
    # `<input type="{{type}}">` (rules/data/library-events.yaml `native`); a project's own component is not assumed to
    usings = {"t-button": "tdesign-miniprogram/button/button", "t-input": "tdesign-miniprogram/input/input",
              "my-button": "/components/my-button/index"}
    wxml = ('<t-button open-type="chooseAvatar" bindchooseavatar="go">头像</t-button>\n<t-input type="nickname" />\n'
            '<my-button open-type="chooseAvatar" />\n<t-button open-type="share">分享</t-button>\n')
    extra = {"pages/index/index.json": json.dumps({"usingComponents": usings}),
             "components/my-button/index.js": "Component({ properties: { openType: String } })\n",
             "components/my-button/index.wxml": "<view><slot/></view>\n", "components/my-button/index.json": '{"component": true}'}
    assert reported(project, "Page({ go() {} })", wxml, extra=extra) == [("pages/index/index.wxml", 1), ("pages/index/index.wxml", 2)]


def test_open_types_joined_by_a_bar_and_written_in_an_expression(project):
    # Hlxuan/privacyPopup pages/coupling (held out): `open-type="{{agree ? 'getRealtimePhoneNumber|agreePrivacyAuthorization'
    # : ''}}"` asks for both abilities once the box is ticked; an expression that tests a feature flag guards its value
    js = "Page({ data: { agree: false, canIUse: wx.canIUse('button.open-type.chooseAvatar') }, go() {} })"
    wxml = ('<button open-type="getPhoneNumber|agreePrivacyAuthorization" bindgetphonenumber="go">手机号</button>\n'
            "<button open-type=\"{{agree ? 'getRealtimePhoneNumber|agreePrivacyAuthorization' : ''}}\">登录</button>\n"
            "<button open-type=\"{{canIUse ? 'chooseAvatar' : ''}}\" bindchooseavatar=\"go\">头像</button>\n"
            "<button open-type=\"{{canIUse ? '' : 'chooseAvatar'}}\" bindchooseavatar=\"go\">头像</button>\n")
    assert reported(project, js, wxml) == [("pages/index/index.wxml", 1), ("pages/index/index.wxml", 2),
                                           ("pages/index/index.wxml", 4)]
