"""missing-opensetting: each way a denial path can reach the settings page, and each way it fails to."""

from __future__ import annotations

import json

import pytest

from conftest import lint_json

RULE = "missing-opensetting"
TAP = '<button bindtap="go">go</button>\n'
OPEN_SETTING_MODAL = "wx.showModal({ content: '需要权限', success: (r) => { if (r.confirm) wx.openSetting() } })"


def findings(project, files):
    files = {"pages/index/index.wxml": TAP, **files}
    _, report = lint_json(project(files), "--select", RULE)
    return [(f["path"], f["line"], f["message"]) for f in report["findings"]], report


HANDLED = {
    "fail callback with a modal": f"wx.getLocation({{ fail: () => {{ {OPEN_SETTING_MODAL} }} }})",
    "fail calling wx.openSetting from a method": "wx.chooseLocation({ fail: () => this.guide() })",
    "complete checking the error": "wx.getWeRunData({ complete: (res) => { if (res.errMsg.includes('deny')) this.guide() } })",
    "promise catch": "wx.saveImageToPhotosAlbum({ filePath: 'a' }).then(() => 1).catch(() => this.guide())",
    "promise then rejection handler": f"wx.addPhoneContact({{ firstName: 'a' }}).then(null, () => {{ {OPEN_SETTING_MODAL} }})",
    "try around await": "(async () => { try { await wx.startRecord() } catch (e) { this.guide() } })()",
    "a helper in another module": "wx.getLocation({ fail: () => settings.ask('位置') })",
    "navigation to a page with the settings button": "wx.getLocation({ fail: () => wx.navigateTo({ url: '/pages/permission/permission?scope=location' }) })",
    "authorize with a fail": f"wx.authorize({{ scope: 'scope.camera', fail: () => {{ {OPEN_SETTING_MODAL} }} }})",
    "getSetting precheck": (
        "wx.getSetting({ success: (res) => {\n"
        "  if (res.authSetting['scope.userLocation'] === false) { this.guide(); return }\n"
        "  wx.getLocation({ success: () => 1 })\n"
        "} })"),
    "manager onError": "const rm = wx.getRecorderManager(); rm.onError(() => this.guide()); rm.start({})",
}

PAGE = "const settings = require('../../utils/settings')\nPage({{\n  go() {{\n    {body}\n  }},\n  guide() {{ {modal} }}\n}})\n"
EXTRA = {
    "utils/settings.js": f"module.exports = {{ ask(what) {{ {OPEN_SETTING_MODAL} }} }}",
    "pages/permission/permission.wxml": '<button open-type="openSetting">打开设置</button>',
    "pages/permission/permission.js": "Page({})",
}


@pytest.mark.parametrize("name", HANDLED)
def test_handled_denials(project, name):
    js = PAGE.format(body=HANDLED[name], modal=OPEN_SETTING_MODAL)
    found, _ = findings(project, {"pages/index/index.js": js, **EXTRA})
    assert found == []


def test_data_flag_that_shows_the_settings_button(project):
    files = {
        "pages/index/index.wxml": TAP + '<view wx:if="{{!ok}}"><button wx:if="{{albumDenied}}" open-type="openSetting">设置</button></view>',
        "pages/index/index.js": "Page({ go() { wx.saveImageToPhotosAlbum({ filePath: 'a', fail: () => this.setData({ albumDenied: true }) }) } })",
    }
    assert findings(project, files)[0] == []
    files["pages/index/index.js"] = files["pages/index/index.js"].replace("albumDenied: true", "saveFailed: true")
    assert [m.split(";")[0] for _, _, m in findings(project, files)[0]] == [
        "`wx.saveImageToPhotosAlbum` needs the photo album (`scope.writePhotosAlbum`)"]


def test_a_behaviors_flag_shows_the_settings_button_of_the_pages_mixing_it_in(project):
    # ideas-lab-101/sagacity-course-wxapp utils/behaviors/AuthSettingBehavior.js (held out): authorize's denial sets
    # the flag; record.wxml shows `<button open-type="openSetting">` under its `wx:else`
    behavior = ("module.exports = Behavior({\n  data: { recordSetting: false, recordSettingOpened: false },\n  methods: {\n"
                "    askRecord() {\n      wx.authorize({ scope: 'scope.record',\n"
                "        success: () => this.setData({ recordSetting: true, recordSettingOpened: true }),\n"
                "        fail: () => this.setData({ recordSetting: false, recordSettingOpened: true }) })\n    }\n  }\n})\n")
    page = "const auth = require('../../utils/auth')\nPage({ behaviors: [auth], go() { this.askRecord() } })\n"
    wxml = (TAP + '<view wx:if="{{!recordSettingOpened || recordSetting}}">录音</view>\n'
            '<view wx:else><button open-type="openSetting">微信授权录音</button></view>\n')
    files = {"utils/auth.js": behavior, "pages/index/index.js": page, "pages/index/index.wxml": wxml}
    assert findings(project, files)[0] == []
    # the same behavior in a page without the button leaves a denied user nowhere to go
    files["pages/index/index.wxml"] = TAP
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("utils/auth.js", 5)]


UNHANDLED = {
    "no fail at all": ("wx.getLocation({ success: () => 1 })", "handles no failure"),
    "promise without catch": ("wx.getLocation().then((r) => r)", "handles no failure"),
    "await without try": ("(async () => { await wx.getWeRunData() })()", "handles no failure"),
    "fail that only toasts": ("wx.getLocation({ fail: () => wx.showToast({ title: '失败' }) })", "its `fail` callback never leads"),
    "catch that only logs": ("wx.startRecord().catch(console.error)", "its `catch` callback never leads"),
    "try catch that only logs": ("(async () => { try { await wx.startRecord() } catch (e) { console.log(e) } })()", "its `catch` clause never leads"),
    "manager with a toast on error": ("const rm = wx.getRecorderManager(); rm.onError(() => wx.showToast({})); rm.start({})", "its `onError` listener never leads"),
    "authorize with a dead-end fail": ("wx.authorize({ scope: 'scope.werun', fail: () => console.warn('denied') })", "its `fail` callback never leads"),
}


@pytest.mark.parametrize("name", UNHANDLED)
def test_unhandled_denials(project, name):
    body, expected = UNHANDLED[name]
    found, report = findings(project, {"pages/index/index.js": f"Page({{\n  go() {{\n    {body}\n  }}\n}})\n"})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.js", 3)]
    assert expected in found[0][2]
    assert report["findings"][0]["trace"][0]["note"].startswith("calls ")


def test_calls_that_only_run_when_granted_are_not_reported(project):
    body = "wx.getSetting({ success: (res) => { if (res.authSetting['scope.userLocation']) wx.getLocation({}) } })"
    assert findings(project, {"pages/index/index.js": f"Page({{ go() {{ {body} }} }})"})[0] == []


def test_a_scope_just_granted_is_granted_in_the_functions_its_success_calls(project):
    # `authorize({ scope, success })` then the scoped API: in the success itself, or in a method only it calls
    page = ("const recorder = wx.getRecorderManager()\n"
            "Page({\n"
            "  onRecord() { wx.authorize({ scope: 'scope.record', success: () => recorder.start({}), fail: () => wx.openSetting() }) },\n"
            "  onRecord2() { const that = this; wx.authorize({ scope: 'scope.record', success() { that.startRec() }, fail: () => wx.openSetting() }) },\n"
            "  startRec() { recorder.start({ duration: 60000 }) },\n"
            "})\n")
    wxml = {"pages/index/index.wxml": '<button bindtap="onRecord">录音</button><button bindtap="onRecord2">再录</button>'
                                      '<button bindtap="onAlso">直接录</button>'}
    assert findings(project, {"pages/index/index.js": page, **wxml})[0] == []
    # a second way into the method, without the grant: there it can be denied
    also = page.replace("  startRec()", "  onAlso() { this.startRec() },\n  startRec()")
    assert [(path, line) for path, line, _ in findings(project, {"pages/index/index.js": also, **wxml})[0]] == [
        ("pages/index/index.js", 6)]


def test_scopes_that_cannot_be_denied_are_not_reported(project):
    body = "wx.chooseAddress({ success: () => 1 }); wx.getUserInfo({}); wx.authorize({ scope: 'scope.userInfo' })"
    found, _ = findings(project, {"pages/index/index.js": f"Page({{ go() {{ {body} }} }})"})
    assert found == []


def test_camera_component_needs_an_error_handler_that_leads_to_settings(project):
    files = {
        "pages/index/index.wxml": '<camera device-position="back" binderror="onCameraError"/>\n<camera/>',
        "pages/index/index.js": f"Page({{ onCameraError() {{ {OPEN_SETTING_MODAL} }} }})",
    }
    found, report = findings(project, files)
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.wxml", 2)]
    assert report["findings"][0]["column"] == 1
    assert report["findings"][0]["message"].startswith("`<camera>` needs the camera (`scope.camera`) but has no `binderror`")


def test_a_live_pusher_is_named_with_both_scopes_it_needs(project):
    # miniprogram-demo's live-pusher page was reported as "`<camera>` needs the camera"
    files = {"pages/index/index.wxml": '<live-pusher url="rtmp://example.com/live" mode="RTC"/>', "pages/index/index.js": "Page({})"}
    _, report = findings(project, files)
    [finding] = report["findings"]
    assert finding["message"].startswith("`<live-pusher>` needs the microphone and the camera (`scope.record`, `scope.camera`)")


def test_an_always_visible_settings_button_handles_the_page(project):
    files = {"pages/index/index.wxml": TAP + '<button open-type="openSetting">权限设置</button>',
             "pages/index/index.js": "Page({ go() { wx.getLocation({}) } })"}
    assert findings(project, files)[0] == []


def test_a_denial_flag_showing_a_button_whose_tap_opens_the_settings(project):
    files = {
        "pages/index/index.wxml": TAP + '<view class="tip" wx:if="{{locationDenied}}" bindtap="openSettings">去设置开启定位</view>',
        "pages/index/index.js": ("Page({\n  go() { wx.getLocation({ fail: () => this.setData({ locationDenied: true }) }) },\n"
                                 "  openSettings() { wx.openSetting({ success: () => this.setData({ locationDenied: false }) }) }\n})"),
    }
    assert findings(project, files)[0] == []


def test_open_type_open_setting_works_on_a_button_only(project):
    files = {
        "pages/index/index.wxml": TAP + '<view wx:if="{{albumDenied}}" open-type="openSetting">设置</view>',
        "pages/index/index.js": "Page({ go() { wx.saveImageToPhotosAlbum({ filePath: 'a', fail: () => this.setData({ albumDenied: true }) }) } })",
    }
    assert [line for _, line, _ in findings(project, files)[0]] == [1]


CHECK_SCOPE = """function checkScope(scope, what) {
  return new Promise((resolve, reject) => {
    wx.getSetting({
      success: (res) => {
        if (res.authSetting[scope] === false) {
          wx.showModal({ content: `请在设置中开启${what}`, success: (r) => { if (r.confirm) wx.openSetting() } })
          reject(new Error('denied'))
        } else {
          resolve()
        }
      }
    })
  })
}
module.exports = { checkScope }
"""


@pytest.mark.parametrize("body", [
    "checkScope('scope.userLocation', '定位').then(() => wx.getLocation({ success: (r) => this.setData(r) }))",
    "(async () => { await checkScope('scope.userLocation', '定位'); wx.getLocation({ success: (r) => this.setData(r) }) })()",
])
def test_a_helper_precheck_guards_the_call_through_its_promise(project, body):
    js = f"const {{ checkScope }} = require('../../utils/auth')\nPage({{ go() {{ {body} }} }})"
    files = {"pages/index/index.js": js, "utils/auth.js": CHECK_SCOPE}
    assert findings(project, files)[0] == []
    other_scope = {**files, "pages/index/index.js": js.replace("scope.userLocation", "scope.record")}
    assert [line for _, line, _ in findings(project, other_scope)[0]] == [2]


@pytest.mark.parametrize("tracks, handle, lines", [
    ("plane: { mode: 3 }", "if (errno) console.error(errno)", [4]),  # the camera, denial only logged (at start)
    ("plane: { mode: 3 }", f"if (errno) {{ {OPEN_SETTING_MODAL} }}", []),  # denial leads to settings
    ("face: { mode: 2 }, OCR: { mode: 2 }", "if (errno) console.error(errno)", []),  # photo mode: no camera
])
def test_visionkit_denial_arrives_in_start(project, tracks, handle, lines):
    js = ("Page({\n  go() {\n"
          f"    const session = wx.createVKSession({{ track: {{ {tracks} }}, version: 'v2' }})\n"
          f"    session.start((errno) => {{ {handle} }})\n  }}\n}})")
    found, _ = findings(project, {"pages/index/index.js": js})
    assert [line for _, line, _ in found] == lines


def test_live_pusher_needs_its_binderror_to_lead_to_settings(project):
    found, _ = findings(project, {"pages/index/index.wxml": TAP + '<live-pusher url="{{pushUrl}}" mode="RTC" autopush/>',
                                  "pages/index/index.js": "Page({ go() {} })"})
    assert [line for _, line, _ in found] == [2]


def test_calls_in_the_success_of_a_grant_cannot_be_denied(project):
    js = ("Page({ go() {\n  wx.openBluetoothAdapter({\n    success: () => wx.createBLEPeripheralServer({ success: (s) => this.setData(s) }),\n"
          f"    fail: () => {{ {OPEN_SETTING_MODAL} }}\n  }})\n"
          "  wx.authorize({ scope: 'scope.record', success: () => wx.startRecord({ success: () => 1 }), fail: () => this.guide() })\n"
          f"}}, guide() {{ {OPEN_SETTING_MODAL} }} }})")
    found, _ = findings(project, {"pages/index/index.js": js})
    assert found == []


def test_a_test_of_an_indexed_value_before_the_call_is_no_authsetting_test(project):
    # from a real project: `if (res[0])` made the authSetting pre-check ask for a property of an identifier
    code = ("Page({\n  onShow() {\n    const rows = this.data.rows\n    if (rows[0]) { this.setData({ first: rows[0] }) }\n"
            "    wx.getLocation({ success: (res) => this.setData(res) })\n  }\n})\n")
    _, report = lint_json(project({"pages/index/index.js": code}), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(5, 5)]


HELPER_WITH_DESTRUCTURED_SCOPE = """Page({
  ensure({ code }) {
    return new Promise((resolve, reject) => {
      wx.getSetting({
        success: (res) => {
          if (res.authSetting[code] === false) {
            wx.showModal({ title: '需要位置权限', success(m) { if (m.confirm) wx.openSetting({}); else reject() } })
          } else {
            resolve()
          }
        },
      })
    })
  },
  onTap() {
    this.ensure({ code: 'scope.userLocation', name: '位置' }).then(() => {
      wx.chooseLocation({ fail() { console.log('fail') } })
    })
  },
})
"""


def test_a_helper_pre_check_on_a_scope_destructured_from_its_parameter(project):
    # Tencent/tdesign-miniprogram-starter-retail: `builtInSearch({ code, name })` checks authSetting[code]
    files = {"pages/index/index.js": HELPER_WITH_DESTRUCTURED_SCOPE, "pages/index/index.wxml": '<button bindtap="onTap">选择</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    other_scope = HELPER_WITH_DESTRUCTURED_SCOPE.replace("code: 'scope.userLocation'", "code: 'scope.writePhotosAlbum'")
    _, report = lint_json(project({**files, "pages/index/index.js": other_scope}), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(17, 7)]


SAVE_THROUGH_A_LOCAL_FUNCTION = """Page({
  saveCardImg() {
    const save = () => {
      wx.saveImageToPhotosAlbum({ filePath: this.data.image, success: () => wx.showToast({ title: '保存成功' }) })
    }
    wx.getSetting({
      success: ({ authSetting }) => {
        if (Object.prototype.hasOwnProperty.call(authSetting, 'scope.writePhotosAlbum')) {
          if (authSetting['scope.writePhotosAlbum']) {
            save()
          } else {
            wx.showModal({ content: '需要授权才能保存图片', confirmText: '去授权',
                           success: ({ confirm }) => { if (confirm) wx.openSetting() } })
          }
        } else {
          save()
        }
      }
    })
  },
  saveAgain() { SAVE_ELSEWHERE }
})
"""


@pytest.mark.parametrize("elsewhere, reported", [("", []), ("save()", [(4, 7)])])
def test_a_pre_check_around_every_call_of_a_local_function_counts(project, elsewhere, reported):
    # Honye/weapp-mark packages/movie/pages/cards/card.js (held out): the album is asked for in `const save`, which
    # runs only where the check sends a denied user to settings; a call of it without the check is reported
    source = SAVE_THROUGH_A_LOCAL_FUNCTION.replace("SAVE_ELSEWHERE", "")
    if elsewhere:
        source = source.replace("    const save = () => {", "    const save = this.save = () => {").replace(
            "  saveAgain() {  }", "  saveAgain() { this.save() }")
    files = {"pages/card/card.js": source, "pages/card/card.wxml": '<button bindtap="saveCardImg">保存</button>'
             '<button bindtap="saveAgain">再存一次</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["column"]) for f in report["findings"]] == reported


CAMERA_AFTER_AUTHORIZE = """Page({
  data: { step: 'choose' },
  startScan() {
    wx.authorize({
      scope: 'scope.camera',
      success: () => { this.setData({ step: 'scan' }) },
      fail: () => {
        wx.showModal({ title: '需要相机权限', confirmText: '去设置', success: (res) => { if (res.confirm) wx.openSetting() } })
      },
    })
  },
  onScanCode(e) { console.log(e.detail.result) },
  ELSEWHERE
})
"""
CAMERA_AFTER_AUTHORIZE_WXML = ("<button wx:if=\"{{step !== 'scan'}}\" bindtap=\"startScan\">扫码加入</button>\n"
                               "<camera wx:if=\"{{step === 'scan'}}\" mode=\"scanCode\" bindscancode=\"onScanCode\"/>\n")


def test_a_camera_shown_only_once_the_camera_is_granted(project):
    # 0423junshu/family_finance: the <camera> appears when wx.authorize succeeds; a denial goes to settings
    files = {"pages/index/index.js": CAMERA_AFTER_AUTHORIZE.replace("ELSEWHERE", ""),
             "pages/index/index.wxml": CAMERA_AFTER_AUTHORIZE_WXML}
    assert findings(project, files)[0] == []
    # the same value set once more without asking: the camera can show for a user who denied it
    shown_anyway = CAMERA_AFTER_AUTHORIZE.replace("ELSEWHERE", "retry() { this.setData({ step: 'scan' }) },")
    found, _ = findings(project, {**files, "pages/index/index.js": shown_anyway})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.wxml", 2)]


LOCATION_PROMISE = """function getLoc() {
  return new Promise((resolve, reject) => {
    wx.getLocation({ type: 'gcj02', success: resolve, FAIL })
  })
}
module.exports = { getLoc }
"""
PAGE_CATCHING = """const { getLoc } = require('../../utils/loc')
Page({
  go() {
    getLoc().then((res) => this.setData({ loc: res })).catch(() => {
      wx.showModal({ title: '需要位置权限', confirmText: '去设置', success: (r) => { if (r.confirm) wx.openSetting() } })
    })
  },
})
"""


@pytest.mark.parametrize("fail", ["fail: reject", "fail(err) { reject(err) }", "fail: (err) => { console.warn(err); reject(err) }"])
def test_a_failure_handed_to_a_promise_goes_where_its_callers_catch_it(project, fail):
    # undercurre/meiju-finclip-miniprogram: promisified wx.getLocation, the caller's .catch opens the settings
    files = {"utils/loc.js": LOCATION_PROMISE.replace("FAIL", fail), "pages/index/index.js": PAGE_CATCHING}
    assert findings(project, files)[0] == []
    only_logged = PAGE_CATCHING.replace("wx.showModal({ title: '需要位置权限', confirmText: '去设置', success: (r) => { if (r.confirm) wx.openSetting() } })",
                                        "console.error('no location')")
    found, report = findings(project, {**files, "pages/index/index.js": only_logged})
    assert [(p, line) for p, line, _ in found] == [("utils/loc.js", 3)]
    [finding] = report["findings"]
    assert finding["message_id"] == "dead-end"
    assert [(step["path"], step["line"]) for step in finding["trace"]] == [("utils/loc.js", 3), ("pages/index/index.js", 4)]


def test_a_failure_handed_to_the_callers_of_a_helper_nothing_calls_is_theirs_to_handle(project):
    # iotjin/jh-weapp-demo utils/locationUtils.js (held out): a promisified wx.getFuzzyLocation nobody calls yet
    files = {"utils/loc.js": LOCATION_PROMISE.replace("FAIL", "fail: (err) => reject(err)"),
             "pages/index/index.js": "Page({})\n"}
    assert findings(project, files)[0] == []
    # a caller that drops the failure: the dead end is reported at the call, as before
    files["pages/index/index.js"] = "const { getLoc } = require('../../utils/loc')\nPage({ go() { getLoc().then(console.log) } })\n"
    assert [(p, line) for p, line, _ in findings(project, files)[0]] == [("utils/loc.js", 3)]


def test_a_library_dialog_whose_button_opens_the_settings(project):
    # undercurre/meiju-finclip-miniprogram: vant's Dialog with confirmButtonOpenType 'openSetting'
    page = ("import Dialog from '../../miniprogram_npm/@vant/weapp/dialog/dialog'\n"
            "Page({\n  go() {\n    wx.getLocation({ fail: () => {\n"
            "      Dialog.confirm({ message: '请开启定位权限', confirmButtonText: '去设置', confirmButtonOpenType: OPEN_TYPE })\n"
            "    } })\n  },\n})\n")
    assert findings(project, {"pages/index/index.js": page.replace("OPEN_TYPE", "'openSetting'")})[0] == []
    found, _ = findings(project, {"pages/index/index.js": page.replace("OPEN_TYPE", "'contact'")})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.js", 4)]


ENSURE_SCOPE = """function ensure(scope) {
  return new Promise((resolve, reject) => {
    wx.getSetting({ success(res) {
      if (res.authSetting[scope] === false) {
        wx.openSetting({ success: (s) => (s.authSetting[scope] ? resolve() : reject(new Error('denied'))) })
      } else {
        resolve()
      }
    } })
  })
}
module.exports = { ensure }
"""


def test_a_pre_check_reached_through_the_app_instance(project):
    # found on a real project: App({ AS: require('./utils/auth.js') }), then getApp().AS.ensure(scope)
    page = ("const app = getApp()\nPage({\n  onSave() {\n    app.AS.ensure('scope.writePhotosAlbum').then(() => {\n"
            "      wx.saveImageToPhotosAlbum({ filePath: this.data.path, fail() { wx.showToast({ title: '保存失败', icon: 'none' }) } })\n"
            "    })\n  },\n})\n")
    files = {"app.js": "const auth = require('./utils/auth.js')\nApp({ AS: auth })\n", "utils/auth.js": ENSURE_SCOPE,
             "pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="onSave">保存</button>'}
    assert findings(project, files)[0] == []
    found, _ = findings(project, {**files, "app.js": "App({ AS: {} })\n"})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.js", 5)]


AUTHORIZE_SET = """class AuthorizeSet {
  static getInstance() {
    if (!AuthorizeSet.instance) AuthorizeSet.instance = new AuthorizeSet()
    return AuthorizeSet.instance
  }
  checkAuthorize(scope, callBack) {
    wx.getSetting({ success: (res) => {
      if (res.authSetting[scope] === false) {
        wx.openSetting({ success: (s) => { if (s.authSetting[scope]) callBack() } })
      } else {
        callBack()
      }
    } })
  }
}
export default AuthorizeSet.getInstance()
"""
SAVE_AFTER_CHECK = ("const app = getApp()\nPage({\n  onSave() {\n"
                    "    app.AS.checkAuthorize('scope.writePhotosAlbum', () => {\n"
                    "      wx.saveImageToPhotosAlbum({ filePath: this.data.path, fail() { wx.showToast({ title: '保存失败' }) } })\n"
                    "    })\n  },\n})\n")


@pytest.mark.parametrize("app", ["import AS from './utils/auth.js'\nApp({ get AS() { return AS } })\n",
                                 "import AS from './utils/auth.js'\nApp({ AS: AS })\n"])
def test_a_pre_check_in_a_class_singleton_that_runs_the_callback_once_granted(project, app):
    # jimmy88228/MAIN_SPACES shareImg.js: a singleton's method, exposed by a getter on App, runs the save as its
    # callback only when the scope is granted, after sending a user who denied it to the settings page
    files = {"app.js": app, "utils/auth.js": AUTHORIZE_SET, "pages/index/index.js": SAVE_AFTER_CHECK,
             "pages/index/index.wxml": '<button bindtap="onSave">保存</button>'}
    assert findings(project, files)[0] == []
    # the same callback handed to a method without the pre-check is still a dead end
    no_precheck = AUTHORIZE_SET.replace("res.authSetting[scope] === false", "res.errMsg === 'x'")
    found, _ = findings(project, {**files, "utils/auth.js": no_precheck})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.js", 5)]
    # and a pre-check on another scope does not count
    other_scope = SAVE_AFTER_CHECK.replace("scope.writePhotosAlbum', () =>", "scope.userLocation', () =>")
    found, _ = findings(project, {**files, "pages/index/index.js": other_scope})
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.js", 5)]


CHECK_BESIDE_THE_CALL = """Page({
  onLoad: function () {
    var that = this;
    wx.getLocation({
      type: 'gcj02',
      success: function (res) { getApp().globalData.latitude = res.latitude }
    });
    BESIDE
  },
  openConfirm: function () {
    wx.showModal({
      content: '检测到您没打开定位权限，是否去设置打开？',
      success: function (res) { if (res.confirm) { wx.openSetting() } }
    });
  },
});
"""
SETTING_CHECK = ("wx.getSetting({ success: (res) => { if (!res.authSetting['SCOPE']) that.openConfirm() } });")


@pytest.mark.parametrize("beside, reported", [
    (SETTING_CHECK, []),
    # the same check for another scope sends no denied location to settings
    (SETTING_CHECK.replace("SCOPE", "scope.writePhotosAlbum"), [4]),
    # a check that runs only sometimes does not always catch the denial
    (f"if (wx.getStorageSync('asked')) {{ {SETTING_CHECK} }}", [4]),
    # nor one whose getSetting runs only after a login succeeded
    (f"wx.login({{ success: () => {{ {SETTING_CHECK} }} }});", [4]),
])
def test_a_settings_check_that_runs_beside_the_call_handles_its_denial(project, beside, reported):
    # jiangbaiyan/bangminiapp pages/check/check.js (held out): getLocation has no `fail`, but the same onLoad always
    # runs a getSetting whose denied branch asks the user to open the settings page
    source = CHECK_BESIDE_THE_CALL.replace("BESIDE", beside.replace("SCOPE", "scope.userLocation", 1))
    _, report = lint_json(project({"pages/index/index.js": source, "pages/index/index.wxml": "<view/>"}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == reported


def test_a_page_app_json_does_not_list_never_opens(project):
    # ChildLee/CityERent pages/publish_info (held out): a page left out of app.json, its navigation commented out
    page = "Page({\n  pick() {\n    wx.chooseLocation({ success: (res) => this.setData({ address: res.address }) })\n  }\n})\n"
    files = {"app.json": json.dumps({"pages": ["pages/index/index"], "requiredPrivateInfos": []}),
             "pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="pick">选择位置</button>',
             "pages/publish_info/publish_info.js": page,
             "pages/publish_info/publish_info.wxml": '<button bindtap="pick">选择位置</button>'}
    _, report = lint_json(project(files), "--select", f"{RULE},location-undeclared")
    assert sorted({(f["path"], f["rule"]) for f in report["findings"]}) == [
        ("pages/index/index.js", "location-undeclared"), ("pages/index/index.js", RULE)]


def test_a_method_nothing_binds_or_calls_never_runs(project):
    # Silin7/0635-wxapp entertainmentList.js (held out): `saveVideo`'s only binding is inside a WXML comment
    page = ("Page({\n  saveVideo() {\n    wx.authorize({ scope: 'scope.writePhotosAlbum', success: () => this.save() })\n  },\n"
            "  save() {}\n})\n")
    files = {"pages/index/index.js": page, "pages/index/index.wxml": '<!-- <button bindtap="saveVideo">保存视频</button> -->'}
    assert findings(project, files)[0] == []
    # bound, or called by a name wxlint cannot follow (`this[action]()`), it may run
    bound = {**files, "pages/index/index.wxml": '<button bindtap="saveVideo">保存视频</button>'}
    assert [(p, line) for p, line, _ in findings(project, bound)[0]] == [("pages/index/index.js", 3)]
    by_name = {**files, "pages/index/index.js": page.replace("  save() {}", "  save() {},\n  onLoad(q) { const action = 'saveVideo'; this[action]() }")}
    assert [(p, line) for p, line, _ in findings(project, by_name)[0]] == [("pages/index/index.js", 3)]


SCENIC = """Page({
  openMap() {
    const that = this
    wx.getSetting({ success(res) {
      if (!res.authSetting['scope.userLocation']) {
        wx.authorize({ scope: 'scope.userLocation', success() { that.goMap() }, fail() { wx.openSetting() } })
      } else {
        that.goMap()
      }
    } })
  },
  goMap() { wx.navigateTo({ url: '/pages/map/map?name=' + this.data.name }) },
})
"""
MAP = ("Page({\n  onLoad(query) {\n    wx.getLocation({ type: 'wgs84', success: (res) => this.setData(res) })\n  },\n"
       "  pick() { wx.chooseLocation({ success: (res) => this.setData(res) }) },\nEXTRA})\n")


@pytest.mark.parametrize("change, reported", [
    ({}, []),
    # a share card opens the map page too, without the grant
    ({"pages/map/map.js": MAP.replace("EXTRA", "  onShareAppMessage() { return { title: '地图' } },\n")}, [3]),
    # so does a menu whose data names the route (a way in wxlint does not follow)
    ({"pages/index/index.js": "Page({ data: { menu: [{ url: '/pages/map/map' }] } })"}, [3]),
    # a navigation with no grant before it
    ({"pages/scenic/scenic.js": SCENIC.replace("that.goMap()\n      }", "that.goMap()\n      }\n      wx.navigateTo({ url: '../map/map' })")}, [3]),
])
def test_a_page_opened_only_once_the_scope_is_granted(project, change, reported):
    # Silin7/0635-wxapp pages/components/mapComponent (held out): the map page is opened only by navigateMap(),
    # which runs in authorize's success or where the scope is already granted
    files = {"pages/index/index.js": "Page({})", "pages/index/index.wxml": "<view/>",
             "pages/scenic/scenic.js": SCENIC, "pages/scenic/scenic.wxml": '<view bindtap="openMap">地图</view>',
             "pages/map/map.js": MAP.replace("EXTRA", ""), "pages/map/map.wxml": '<map/><button bindtap="pick">选点</button>',
             **change}
    _, report = lint_json(project(files), "--select", RULE)
    # its tap handlers too (zhjh362322/minizgt newShipper: held out)
    assert [(f["path"], f["line"]) for f in report["findings"]] == [
        ("pages/map/map.js", line) for line in reported for line in (line, 5)]


PERMISSION_CLASS = {
    # ITmonkey-cn/shopro-uniapp shopro/permission (uni-app labelled set): a class per platform, the scope built from
    # the constructor's argument, the denial sent to a dialog that opens the settings page
    "utils/permission/mp.js": """export default class MpAuth {
  constructor(scopeValue) { this.scopeValue = scopeValue }
  checkAuth() {
    const that = this
    return new Promise((resolve) => {
      wx.authorize({
        scope: `scope.${this.scopeValue}`,
        success: () => resolve(1),
        fail: () => { resolve(0); that.setAuth() },
      })
    })
  }
  setAuth() {
    wx.showModal({ title: '设置权限', content: '当前功能需要权限，是否开启？', success: (res) => { res.confirm && wx.openSetting() } })
  }
}
""",
    "utils/permission/index.js": """import MpAuth from './mp.js'
export default class Auth {
  constructor(authType) { this.authType = authType }
  async check() {
    const state = await new MpAuth(this.authType).checkAuth()
    return state
  }
}
""",
    "pages/index/index.js": """import Auth from '../../utils/permission/index.js'
Page({
  async savePoster() {
    let authState = await new Auth('writePhotosAlbum').check()
    if (authState) {
      wx.saveImageToPhotosAlbum({ filePath: this.data.poster, success: () => wx.showToast({ title: '保存成功' }) })
    }
  },
})
""",
    "pages/index/index.wxml": '<button bindtap="savePoster">保存海报</button>',
}


def test_a_permission_class_awaited_before_the_call_handles_its_denial(project):
    _, report = lint_json(project(PERMISSION_CLASS), "--select", RULE)
    assert report["findings"] == []
    # the same class whose denial only logs leaves the save a dead end
    logs_only = PERMISSION_CLASS["utils/permission/mp.js"].replace("that.setAuth()", "console.log('denied')")
    _, report = lint_json(project({**PERMISSION_CLASS, "utils/permission/mp.js": logs_only}), "--select", RULE)
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("pages/index/index.js", 6)]


AUTHORIZE_FIRST = """Page({
  checkPhotoPermission() {
    return new Promise((resolve, reject) => {
      wx.authorize({
        scope: 'scope.writePhotosAlbum',
        success: resolve,
        fail: () => {
          wx.showModal({ content: '需要您授权保存图片到相册', success: (res) => { if (res.confirm) wx.openSetting({ success: resolve }) } })
        },
      })
    })
  },
  async save() {
    await this.checkPhotoPermission()
    try {
      await wx.saveImageToPhotosAlbum({ filePath: this.data.path })
    } catch (e) {
      wx.showToast({ title: '保存失败', icon: 'none' })
    }
  },
})
"""


@pytest.mark.parametrize("scope, reported", [("scope.writePhotosAlbum", []), ("scope.camera", [16])])
def test_an_authorize_awaited_before_the_call_whose_denial_opens_the_settings(project, scope, reported):
    # zyqVizzzzz/jd-uni-app pages/share/share.vue (uni-app labelled set): the save runs after a helper that asks
    # for the album and sends a denial to the settings page; a helper asking for another scope does not count
    files = {"pages/index/index.js": AUTHORIZE_FIRST.replace("scope: 'scope.writePhotosAlbum'", f"scope: '{scope}'"),
             "pages/index/index.wxml": '<button bindtap="save">保存</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert [f["line"] for f in report["findings"] if f["path"] == "pages/index/index.js" and f["line"] != 4] == reported


SAVE_WITH_A_FLAG = """Page({
  data: { jurisdiction: true },
  save() {
    if (!this.data.jurisdiction) {
      wx.openSetting({ success: (res) => this.setData({ jurisdiction: res.authSetting['scope.writePhotosAlbum'] }) })
      return
    }
    wx.saveImageToPhotosAlbum({
      filePath: this.data.path,
      fail: (err) => {
        if (err.errMsg === 'saveImageToPhotosAlbum:fail auth deny') this.setData({ jurisdiction: false })
        wx.showToast({ title: '保存失败', icon: 'none' })
      },
    })
  },
})
"""


def test_a_denial_recorded_in_a_flag_that_the_next_tap_turns_into_the_settings_page(project):
    # Comsenz/discuz-uniapp pages/share/site.vue (uni-app labelled set), here as a native page
    wxml = {"pages/index/index.wxml": '<button bindtap="save">保存到相册</button>'}
    _, report = lint_json(project({"pages/index/index.js": SAVE_WITH_A_FLAG, **wxml}), "--select", RULE)
    assert report["findings"] == []
    # a flag nothing turns into the settings page is no way there
    unused = SAVE_WITH_A_FLAG.replace("wx.openSetting({ success: (res) => this.setData({ jurisdiction: res.authSetting['scope.writePhotosAlbum'] }) })",
                                      "wx.showToast({ title: '请先授权' })")
    _, report = lint_json(project({"pages/index/index.js": unused, **wxml}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [8]


def test_an_authsetting_read_into_a_constant_before_the_call(project):
    # JayBon24/CRM--uniapp src/pages/tab/ai.vue (uni-app labelled set): the denied case, read through a constant,
    # asks the user to open the settings; the authorize after it only runs for a user never asked
    page = """Page({
  async ensureRecord() {
    const res = await wx.getSetting()
    const auth = res.authSetting?.['scope.record']
    if (auth === true) return true
    if (auth === false) {
      wx.showModal({ title: '需要录音权限', confirmText: '去设置', success: (r) => r.confirm && wx.openSetting() })
      return false
    }
    try {
      await wx.authorize({ scope: 'scope.record' })
      return true
    } catch (e) {
      return false
    }
  },
})
"""
    files = {"pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="ensureRecord">说话</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    _, report = lint_json(project({**files, "pages/index/index.js": page.replace("auth === false", "auth === 'no'")}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [11]


STORE_FINDER = """Page({
  onLoad() {
    const self = this
    wx.getLocation({
      type: 'gcj02',
      success: (res) => self.nearest(res),
      fail: function () {
        self.setData({ home: false })
        FALLBACK
      },
    })
  },
  nearest(res) { wx.request({ url: 'https://shop.example.com/nearest', data: res }) },
  listStores() { wx.request({ url: 'https://shop.example.com/stores', success: (r) => this.setData({ stores: r.data }) }) },
  tell() { wx.showToast({ title: '定位失败', icon: 'none' }) },
})
"""


@pytest.mark.parametrize("fallback, message_id, severity", [
    ("self.listStores()", "fallback", "info"),  # a manual store list: the feature goes on without the location
    ("self.tell()", "dead-end", "warning"),  # a helper that only shows a message
    ("console.log('denied')", "dead-end", "warning"),
])
def test_a_denial_that_falls_back_to_another_way_is_information(project, fallback, message_id, severity):
    # sxting/juniu-wxapp pages/home/home.js (held out): on a denial the page loads the full store list to pick from
    files = {"pages/index/index.js": STORE_FINDER.replace("FALLBACK", fallback), "pages/index/index.wxml": "<view/>"}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["message_id"], f["severity"]) for f in report["findings"]] == [(4, message_id, severity)]
    if message_id == "fallback":
        assert "`self.listStores`" in report["findings"][0]["message"]


RECORDER_IN_A_FIELD = """Page({
  onLoad() {
    this.recorderManager = wx.getRecorderManager()
    this.recorderManager.onError(() => { ON_ERROR })
  },
  startRecord() {
    this.recorderManager.start({ duration: 60000, format: 'mp3' })
  },
})
"""


@pytest.mark.parametrize("on_error, reported", [
    ("wx.showToast({ title: '录音失败', icon: 'none' })", [(7, "dead-end")]),
    (OPEN_SETTING_MODAL, []),
])
def test_a_manager_kept_in_a_field_of_the_page(project, on_error, reported):
    # e-dialect/hinghwa-dict-uni-app upload.vue (uni-app labelled set): the recorder is kept as `this.recorderManager`
    files = {"pages/index/index.js": RECORDER_IN_A_FIELD.replace("ON_ERROR", on_error),
             "pages/index/index.wxml": '<button bindtap="startRecord">录音</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["line"], f["message_id"]) for f in report["findings"]] == reported


def test_code_left_after_a_return_never_runs(project):
    # xzxwsk/uni-app-project pages/about/qrcode.vue (held-out set U5): an old save path kept below `return;`
    page = """Page({
  bindSave() {
    this.selectComponent('#qrcode').saveCode()
    return
    wx.downloadFile({ url: this.data.src, success: (res) => {
      wx.saveImageToPhotosAlbum({ filePath: res.tempFilePath })
    } })
  },
})
"""
    files = {"pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="bindSave">保存</button>'}
    _, report = lint_json(project(files), "--select", RULE)
    assert report["findings"] == []
    _, report = lint_json(project({**files, "pages/index/index.js": page.replace("    return\n", "")}), "--select", RULE)
    assert [f["line"] for f in report["findings"]] == [5]


def test_an_api_handed_to_a_wrapper_whose_result_is_called_at_once(project):
    # PalmDrive/xiaochengxu pages/map/map.js (held out): `toPromise(wx.getLocation)({…})`, its rejection only shown
    page = """const toPromise = (api) => (options = {}) => new Promise((resolve, reject) => api({ ...options, success: resolve, fail: reject }))
Page({
  locate() {
    toPromise(wx.getLocation)({ type: 'gcj02' })
      .then((res) => this.setData({ at: res }))
      .catch(() => wx.showModal({ title: '定位失败', showCancel: false }))
  },
})
"""
    files = {"pages/index/index.js": page, "pages/index/index.wxml": '<button bindtap="locate">定位</button>'}
    _, report = lint_json(project(files), "--select", f"{RULE},location-undeclared")
    assert sorted({(f["rule"], f["line"], f["column"]) for f in report["findings"]}) == [
        ("location-undeclared", 4, 15), (RULE, 4, 15)]


def test_an_authorize_that_only_asks_ahead_is_judged_at_the_features_call(project):
    # jim422/miniProgramAboutMe app.js (held out): launch asks for location ahead; the map page's call is what fails
    files = {"app.json": json.dumps({"pages": ["pages/index/index", "pages/map/map"]}),
             "app.js": "App({ onLaunch() {\n  wx.authorize({ scope: 'scope.userLocation' })\n} })\n",
             "pages/index/index.js": "Page({ go() {} })\n",
             "pages/map/map.js": "Page({ onLoad() {\n  wx.getLocation({ type: 'wgs84', success: (res) => this.setData(res) })\n} })\n"}
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("pages/map/map.js", 2)]
    # robinnewlove/wx_bk_20180801 app.js (held out): a `success` that only holds a comment runs nothing on the answer
    files["app.js"] = ("App({ onLaunch() {\n  wx.authorize({ scope: 'scope.userLocation', success() {\n"
                       "    // wx.getLocation() may be called now without a dialog\n  } })\n} })\n")
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("pages/map/map.js", 2)]
    # a callback that does something makes the answer matter: its failure is judged there
    files["app.js"] = ("App({ onLaunch() {\n  wx.authorize({ scope: 'scope.userLocation', success: () => "
                       "this.globalData.located = true })\n} })\n")
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("app.js", 2), ("pages/map/map.js", 2)]


@pytest.mark.parametrize("button, component", [
    # yaojaa/group-shop-miniprogramme (held out): vant's button passes `open-type` on to its own <button>
    ('<van-button wx:if="{{!locationFlag}}" open-type="openSetting">去授权</van-button>', None),
    # the same project's dialog component binds a property to its button's open-type
    ('<dialog-modal wx:if="{{!locationFlag}}" confirmType="openSetting" content="需要位置权限"/>',
     '<view class="modal"><button open-type="{{confirmType}}">确定</button></view>'),
])
def test_a_component_rendering_the_settings_button_is_one(project, button, component):
    js = ("Page({ go() { wx.chooseLocation({ success: (res) => this.setData(res),\n"
          "  fail: () => this.setData({ locationFlag: false }) }) } })\n")
    files = {"pages/index/index.js": js, "pages/index/index.wxml": TAP + button,
             "pages/index/index.json": json.dumps({"usingComponents": {"van-button": "/vant/button/index",
                                                                      "dialog-modal": "/components/dialog/index"}}),
             "components/dialog/index.js": "Component({ properties: { confirmType: String, content: String } })\n",
             "components/dialog/index.json": '{"component": true}',
             "components/dialog/index.wxml": component or "<view/>"}
    assert findings(project, files)[0] == []
    # a property the component's template does not give its button
    if component is not None:
        files["components/dialog/index.wxml"] = '<view class="modal"><button>{{confirmType}}</button></view>'
        assert len(findings(project, files)[0]) == 1


def test_a_method_named_only_in_a_log_line_never_runs(project):
    # yaojaa/group-shop-miniprogramme pages/paymethod (held out): nothing binds addAddress; it logs its own name
    js = ("Page({\n  go() {},\n  addAddress() {\n    console.log('addAddress')\n    this.openLocation()\n  },\n"
          "  openLocation() {\n    wx.getLocation({ success: (res) => this.setData(res) })\n  }\n})\n")
    assert findings(project, {"pages/index/index.js": js})[0] == []
    # a name kept in data elsewhere may be called; kept only in the method's own body, it starts nothing
    bound = js.replace("go() {}", "go() { this.hooks = ['addAddress'] }")
    assert [line for _, line, _ in findings(project, {"pages/index/index.js": bound})[0]] == [8]
    own = js.replace("console.log('addAddress')", "this.hooks = ['addAddress']")
    assert findings(project, {"pages/index/index.js": own})[0] == []


def test_a_manager_kept_in_an_undeclared_variable_is_followed(project):
    # MyChecky/Checky-Wechat-Applet pages/tab/tasks/upload/upload.js (held out): `rm = wx.getRecorderManager()` at the
    # top of the script, no `var`: sloppy mode makes it a global, and `rm.start()` in a tap handler needs the microphone
    js = ("rm = wx.getRecorderManager()\nrm.onStop(function (e) { console.log(e) })\nPage({\n  go() {\n"
          "    rm.start({ format: 'mp3' })\n  }\n})\n")
    assert [line for _, line, _ in findings(project, {"pages/index/index.js": js})[0]] == [5]
    # given another value later, it is not known to hold the manager
    again = js.replace("    rm.start(", "    rm = other\n    rm.start(")
    assert findings(project, {"pages/index/index.js": again})[0] == []


def test_a_component_declared_but_rendered_by_no_template_never_runs(project):
    # x1449237/jsdj-pwdd-xcx components/voice-recorder (held out): app.json declares it, no page has the tag
    recorder = ("const rm = wx.getRecorderManager()\nComponent({\n  methods: {\n    start() {\n"
                "      wx.authorize({ scope: 'scope.record', success: () => rm.start({}),\n"
                "        fail: () => wx.showModal({ title: '需要录音权限', showCancel: false }) })\n    }\n  }\n})\n")
    files = {"app.json": json.dumps({"pages": ["pages/index/index"],
                                     "usingComponents": {"voice-recorder": "/components/voice-recorder/voice-recorder"}}),
             "pages/index/index.js": "Page({})\n", "pages/index/index.wxml": "<view>首页</view>\n",
             "components/voice-recorder/voice-recorder.js": recorder,
             "components/voice-recorder/voice-recorder.json": '{"component": true}',
             "components/voice-recorder/voice-recorder.wxml": '<button bindtap="start">按住说话</button>\n'}
    assert findings(project, files)[0] == []
    files["pages/index/index.wxml"] = "<view>首页</view>\n<Voice-Recorder/>\n"  # rendered (a tag's case does not matter)
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("components/voice-recorder/voice-recorder.js", 5)]


def test_a_method_is_not_called_by_its_own_body_using_its_name(project):
    # shiruiqiang/xiaochengxu_qianduan utils/recorder.js (held out): `start` calls the manager's `start`; the page's
    # only call of the module's `start` is commented out
    recorder = ("var rm = wx.getRecorderManager()\nmodule.exports = {\n  start: function (done) {\n"
                "    rm.onStop(function (res) { done(res) }), rm.start({ duration: 60000 })\n  }\n}\n")
    page = ("var recorder = require('../../utils/recorder.js')\nPage({\n  go() {\n"
            "    // recorder.start(this.saved)\n  },\n  saved() {}\n})\n")
    files = {"utils/recorder.js": recorder, "pages/index/index.js": page,
             "pages/index/index.wxml": '<button bindtap="go">录音</button>\n'}
    assert findings(project, files)[0] == []
    files["pages/index/index.js"] = page.replace("// recorder.start", "recorder.start")
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("utils/recorder.js", 4)]


def test_a_manager_a_function_makes_on_first_use_is_followed(project):
    # CY-CPU1011/KaiLift_wx pages/workout (held out): `ensureRecorder()` makes the manager once and registers its
    # listeners; the tap handler calls `ensureRecorder().start(…)`
    js = ("let recorderManager = null\nfunction ensureRecorder() {\n  if (recorderManager) return recorderManager\n"
          "  recorderManager = wx.getRecorderManager()\n  recorderManager.onError((err) => console.log(err))\n"
          "  return recorderManager\n}\nPage({\n  go() {\n    ensureRecorder().start({ format: 'mp3' })\n  }\n})\n")
    _, report = findings(project, {"pages/index/index.js": js})
    assert [(f["line"], f["column"], f["message_id"]) for f in report["findings"]] == [(10, 5, "dead-end")]


def test_a_permission_helper_whose_authorize_rejects_into_a_guiding_catch_handles_the_denial(project):
    # yyyyyyqqqqq/jichu-miniprogram-02 pages/chat (held out): `await this.ensureRecordPermission()` before recording;
    # its `wx.authorize` hands a denial to a promise's reject, which the helper's `catch` turns into the settings modal
    js = ("const rm = wx.getRecorderManager()\nPage({\n"
          "  authorizeScope(scope) {\n    return new Promise((resolve, reject) => {\n"
          "      wx.authorize({ scope, success: resolve, fail: reject })\n    })\n  },\n"
          "  async ensureRecordPermission() {\n    try {\n      await this.authorizeScope('scope.record')\n"
          "      return true\n    } catch (error) {\n      this.guide()\n      return false\n    }\n  },\n"
          "  guide() {\n    wx.showModal({ title: '需要权限', confirmText: '打开设置', success: (res) => {\n"
          "      if (res.confirm) wx.openSetting()\n    } })\n  },\n"
          "  async go() {\n    const authorized = await this.ensureRecordPermission()\n    if (!authorized) return\n"
          "    rm.start({ duration: 60000 })\n  }\n})\n")
    assert findings(project, {"pages/index/index.js": js})[0] == []
    # a catch that only tells the user leaves the recorder's denial unhandled
    told = js.replace("      this.guide()\n", "      wx.showToast({ title: '无法录音', icon: 'none' })\n")
    assert [line for _, line, _ in findings(project, {"pages/index/index.js": told})[0]] == [25]


def test_a_class_method_another_script_calls_on_an_instance_runs(project):
    # miniprogram-demo xr-template-volumeVideo: `new Player()` kept in data, `this.player.save()` in the page
    player = ("class Player {\n  constructor() { this.ready = true }\n  save(path) {\n"
              "    wx.saveImageToPhotosAlbum({ filePath: path })\n  }\n}\nmodule.exports = Player\n")
    page = ("const Player = require('../../utils/player')\nPage({\n"
            "  onLoad() { this.players = { hero: new Player() } },\n"
            "  go(e) { const player = this.players[e.currentTarget.dataset.name]\n    player.save('a.png') }\n})\n")
    files = {"utils/player.js": player, "pages/index/index.js": page}
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("utils/player.js", 4)]
    files["pages/index/index.js"] = page.replace("player.save('a.png')", "player.ready")
    assert findings(project, files)[0] == []


def test_options_a_wrapper_hands_on_whole_to_the_dialog_are_its_callbacks(project):
    # luyibiao/uwxApp utils/view/dialog.js (held out): `showDig(option) { wx.showModal(option) }`; a denial's modal goes
    # through it, its confirm opens the settings page
    dialog = "module.exports = {\n  showDig(option) {\n    option.mask = true\n    wx.showModal(option)\n  }\n}\n"
    js = ("const dialog = require('../../utils/dialog')\nPage({\n  go() {\n"
          "    wx.getLocation({ success: (res) => this.setData(res), fail: () => this.ask() })\n  },\n"
          "  ask() {\n    dialog.showDig({ title: '获取位置', confirmText: '去授权', success: (res) => {\n"
          "      if (res.confirm) wx.openSetting()\n    } })\n  }\n})\n")
    files = {"utils/dialog.js": dialog, "pages/index/index.js": js}
    assert findings(project, files)[0] == []
    # a wrapper that keeps the options to itself runs no callback of them
    files["utils/dialog.js"] = dialog.replace("wx.showModal(option)", "wx.showModal({ title: option.title })")
    assert [line for _, line, _ in findings(project, files)[0]] == [4]


def test_a_camera_page_whose_button_leads_to_settings_guides_the_user(project):
    # cznq/mynt_marvin_mini_Program pages/collect-info/face (held out): the camera's error only shows a hint; the
    # page's "next" button checks the camera scope and opens the settings page from a dialog
    script = ("Page({\n  cameraError() { this.setData({ hint: '点击下一步重新授权' }) },\n"
              "  next() { wx.getSetting({ success: (res) => { if (res.authSetting['scope.camera'] === false) {"
              " wx.showModal({ content: '请开启摄像头权限', success: (r) => { if (r.confirm) wx.openSetting() } }) } } }) }\n})\n")
    files = {"pages/index/index.wxml": '<camera binderror="cameraError"/>\n<view bindtap="next">下一步</view>',
             "pages/index/index.js": script}
    found, _ = findings(project, files)
    assert found == []
    # a button that leads somewhere else is no way to the settings, even to a page that has one for its own feature
    # (EastWorld/wechat-app-mall live-anchor: a goods card opens the goods page, which saves posters)
    files["pages/index/index.js"] = script.replace("wx.openSetting()", "wx.navigateTo({ url: '/pages/goods/goods' })")
    files["pages/goods/goods.js"] = "Page({ save() { wx.saveImageToPhotosAlbum({ filePath: 'p.png', fail: () => wx.openSetting() }) } })"
    files["pages/goods/goods.wxml"] = '<button bindtap="save">保存</button>'
    found, _ = findings(project, files)
    assert [(p, line) for p, line, _ in found] == [("pages/index/index.wxml", 1)]


def test_a_component_no_json_declares_never_runs_but_the_custom_tab_bar_and_a_generic_s_default_do(project):
    # uestc-msc/wechat-mini-program components/chatroom (held out): the cloud template's chatroom, whose page was removed
    recorder = ("const rm = wx.getRecorderManager()\nComponent({\n  methods: {\n    start() {\n"
                "      wx.authorize({ scope: 'scope.record', success: () => rm.start({}),\n"
                "        fail: () => wx.showModal({ title: '需要录音权限', showCancel: false }) })\n    }\n  }\n})\n")
    parts = {".js": recorder, ".json": '{"component": true}', ".wxml": '<button bindtap="start">按住说话</button>\n'}
    files = {"app.json": json.dumps({"pages": ["pages/index/index"]}),
             "pages/index/index.js": "Page({})\n", "pages/index/index.wxml": "<view>首页</view>\n",
             **{f"components/chatroom/chatroom{suffix}": text for suffix, text in parts.items()}}
    assert findings(project, files)[0] == []
    # the custom tab bar is used without a usingComponents entry
    tab_bar = {f"custom-tab-bar/index{suffix}": text for suffix, text in parts.items()}
    assert [path for path, _, _ in findings(project, {**files, **tab_bar})[0]] == ["custom-tab-bar/index.js"]
    # and so is a generic's default component
    files["pages/index/index.json"] = json.dumps({"componentGenerics": {"recorder": {"default": "/components/chatroom/chatroom"}}})
    assert [path for path, _, _ in findings(project, files)[0]] == ["components/chatroom/chatroom.js"]


RECORD_AFTER_GRANT = """const rm = wx.getRecorderManager()
Page({
  data: { permissionGranted: false },
  onLoad() {
    rm.onError(() => wx.showToast({ title: '录音失败', icon: 'none' }))
    wx.getSetting({ success: (res) => { if (res.authSetting['scope.record']) this.setData({ permissionGranted: true }) } })
  },
  ask() {
    wx.authorize({ scope: 'scope.record', success: () => this.setData({ permissionGranted: true }),
      fail: () => wx.showModal({ content: '请在设置中开启麦克风权限', success: (r) => { if (r.confirm) wx.openSetting() } }) })
  },
  start() {
    if (!this.data.permissionGranted) {
      this.ask()
      return
    }
    rm.start({ format: 'wav' })
  },
  OTHER
})
"""


def test_a_call_behind_a_data_flag_set_only_where_the_scope_is_granted(project):
    # tzack000/wechat-miniprogram voice_cloner record.js (held out): `start` returns early unless the flag the
    # getSetting check and authorize's success set is true; a denied user is sent to the settings by `ask`
    files = {"pages/index/index.js": RECORD_AFTER_GRANT.replace("OTHER", ""),
             "pages/index/index.wxml": '<button bindtap="start">录音</button>\n'}
    assert findings(project, files)[0] == []
    # a flag set true only where nothing is granted: the call can run for a user who denied it
    files["pages/index/index.js"] = (RECORD_AFTER_GRANT.replace("this.setData({ permissionGranted: true })", "1")
                                     .replace("OTHER", "skip() { this.setData({ permissionGranted: true }) },"))
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("pages/index/index.js", 17)]


def test_a_settings_call_below_a_return_never_runs(project):
    # 1134122579/newpashan jiuyuanDetail (held out): the dialog's success goes back, returns, and only then would open
    # the settings
    js = ("Page({\n  go() {\n    wx.getLocation({\n      fail: () => wx.showModal({ content: '请开启定位', success: (r) => {\n"
          "        wx.navigateBack({ delta: 1 })\n        return\n        wx.openSetting()\n      } })\n    })\n  }\n})\n")
    assert [(path, line) for path, line, _ in findings(project, {"pages/index/index.js": js})[0]] == [("pages/index/index.js", 3)]
    assert findings(project, {"pages/index/index.js": js.replace("        return\n", "")})[0] == []


def test_a_component_is_not_taken_for_one_declared_nowhere_when_an_alias_is_not_resolved(project):
    # a page names its components through a build's alias wxlint cannot resolve: the chatroom may be one of them
    recorder = ("Component({ methods: { start() {\n  wx.authorize({ scope: 'scope.record', success: () => 1,"
                " fail: () => wx.showToast({ title: '需要录音权限' }) })\n} } })\n")
    files = {"app.json": json.dumps({"pages": ["pages/index/index"]}), "pages/index/index.js": "Page({})",
             "pages/index/index.wxml": "<chat/>\n", "pages/index/index.json": json.dumps({"usingComponents": {"chat": "~chat"}}),
             "components/chatroom/chatroom.js": recorder, "components/chatroom/chatroom.json": '{"component": true}',
             "components/chatroom/chatroom.wxml": '<button bindtap="start">录音</button>'}
    assert [path for path, _, _ in findings(project, files)[0]] == ["components/chatroom/chatroom.js"]
    # with the page naming a component the project has, the chatroom is declared nowhere: it never runs
    files["pages/index/index.json"] = json.dumps({"usingComponents": {"chat": "/components/chat/chat"}})
    files |= {"components/chat/chat.js": "Component({})", "components/chat/chat.json": '{"component": true}'}
    assert findings(project, files)[0] == []


SETTINGS_OR_PICKER = """Page({
  data: { hasPromise: false },
  onShow() {
    wx.getSetting({ success: (res) => {
      if (res.authSetting['scope.userLocation']) this.setData({ hasPromise: true })
      else this.setData({ hasPromise: false })
    } })
  },
  selectLocation() { wx.chooseLocation({ success: (res) => this.setData({ address: res.address }), fail: () => console.log('取消') }) }
})
"""


def test_a_handler_shown_only_while_the_scope_is_granted_beside_a_settings_button(project):
    # MingJun-GitHub/Mianbao_wxapp pages/setup (held out): the map icon picks a place once the location is granted;
    # before that, the same place holds a settings button
    wxml = ('<button wx:if="{{!hasPromise}}" open-type="openSetting">开启定位</button>\n'
            '<image wx:else bindtap="selectLocation" src="/images/map.png"/>\n')
    files = {"pages/index/index.js": SETTINGS_OR_PICKER, "pages/index/index.wxml": wxml}
    assert findings(project, files)[0] == []
    # shown whatever the flag: a denied user taps it and nothing happens
    files["pages/index/index.wxml"] = '<image bindtap="selectLocation" src="/images/map.png"/>\n'
    assert [(path, line) for path, line, _ in findings(project, files)[0]] == [("pages/index/index.js", 9)]


@pytest.mark.parametrize("copy", [
    "let obj = { content: String(c), showCancel: false }\n  for (let i in o) obj[i] = o[i]\n",
    "let obj = { content: String(c), showCancel: false }\n  Object.assign(obj, o)\n",
    "const obj = { content: String(c), showCancel: false, ...o }\n",
])
def test_a_dialog_helper_that_copies_the_options_it_is_given(project, copy):
    # 1343322562/cmm-user tool/index.js (held out): `alert(text, o)` copies `o` over its defaults and calls
    # `wx.showModal(obj)`, so the `success` a denied location's fallback hands it opens the settings page
    tool = f"export const alert = (c, o) => {{\n  {copy}  wx.showModal(obj)\n}}\n"
    page = ("import { alert } from '../../tool/index.js'\nPage({\n  locate() {\n    wx.getLocation({ type: 'gcj02', success: () => {},\n"
            "      fail: () => this.askForSettings() })\n  },\n  askForSettings() {\n"
            "    alert('请开启定位功能', { confirmText: '去设置', success: () => wx.openSetting() })\n  },\n})\n")
    root = project({"tool/index.js": tool, "pages/index/index.js": page,
                    "pages/index/index.wxml": '<button bindtap="locate">定位</button>\n'})
    _, report = lint_json(root, "--select", "missing-opensetting")
    assert report["findings"] == []


def test_a_helper_handed_the_page_sets_the_flag_of_its_settings_button(project):
    # Ly4078/WeChat-applet utils/getCurrentLocation.js (held out): the page hands itself over, a denial sets its flag
    helper = ("module.exports = function locate(that) {\n  wx.getLocation({\n    success: (res) => that.setData({ lat: res.latitude }),\n"
              "    fail: () => { that.setData({ isshowlocation: true }) },\n  })\n}\n")
    page = ("const locate = require('../../utils/locate')\nPage({\n  onShow() { let that = this; locate(that) },\n"
            "  openSetting() { this.setData({ isshowlocation: false }); wx.openSetting() },\n})\n")
    wxml = '<view wx:if="{{isshowlocation}}"><button bindtap="openSetting">去设置</button></view>\n'
    files = {"utils/locate.js": helper, "pages/index/index.js": page, "pages/index/index.wxml": wxml}
    assert findings(project, files)[0] == []
    # a page without that button: the flag shows nothing there
    found, _ = findings(project, {**files, "pages/index/index.wxml": "<view>{{lat}}</view>\n"})
    assert [(path, line) for path, line, _ in found] == [("utils/locate.js", 2)]


def test_a_method_called_by_a_name_known_only_at_run_time_runs(project):
    # anyly/GuessWolves webview/index.js (held out): the web page names the method to call in its URL
    page = ("Page({\n  webLoad(e) {\n    const action = e.detail.src.split('#')[1]\n    if (this[action]) this[action](e)\n  },\n"
            "  startRecord() {\n    wx.authorize({ scope: 'scope.record', fail: () => console.log('denied') })\n  },\n})\n")
    wxml = '<web-view src="https://example.com" bindload="webLoad"></web-view>\n'
    found, _ = findings(project, {"pages/index/index.js": page, "pages/index/index.wxml": wxml})
    assert [(path, line) for path, line, _ in found] == [("pages/index/index.js", 7)]
    # a name written out calls that method only: the recorder nothing calls never runs
    named = page.replace("if (this[action]) this[action](e)", "this['noop'](e)").replace("  startRecord()", "  noop() {},\n  startRecord()")
    assert findings(project, {"pages/index/index.js": named, "pages/index/index.wxml": wxml})[0] == []
