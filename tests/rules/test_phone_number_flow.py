"""phone-number-flow: the login inside the handler, the old encryptedData flow, the paid quota, the toast attribute."""

from __future__ import annotations

from conftest import lint_json

RULE = "phone-number-flow"
BUTTON = '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号快捷登录</button>\n'


def found(project, files):
    files = {"app.json": '{"pages": ["pages/login/login"]}', **files}
    _, report = lint_json(project(files), "--select", RULE)
    return sorted((f["path"], f["line"], f["column"], f["message_id"]) for f in report["findings"])


def login_page(js, wxml=BUTTON):
    return {"pages/login/login.wxml": wxml, "pages/login/login.js": js}


def test_the_code_flow_through_a_helper_is_clean(project):
    js = ("const api = require('../../utils/api')\nPage({\n"
          "  onPhone(e) { this.bindPhone(e.detail) },\n"
          "  bindPhone({ code, errno }) {\n"
          "    if (errno === 1400001) return wx.showToast({ title: '请使用验证码登录', icon: 'none' })\n"
          "    if (code) api.post('/user/phone', { code })\n  },\n"
          "  login() { wx.navigateTo({ url: '/pages/sms/sms' }) }\n})\n")
    assert found(project, login_page(js)) == []


def test_login_in_the_handler_before_the_request_and_the_old_flow(project):
    js = ("Page({\n  onPhone({ detail }) {\n    if (detail.errno === 1400001) return\n"
          "    wx.login({ success: (res) => this.send(res.code, detail) })\n  },\n"
          "  send(code, phone) {\n"
          "    wx.request({ url: 'https://shop.example.com/api/phone', data: { code, data: phone.encryptedData, iv: phone.iv } })\n"
          "  }\n})\n")
    assert found(project, login_page(js)) == [
        ("pages/login/login.js", 4, 5, "login-before-decrypt"),
        ("pages/login/login.js", 7, 87, "encrypted-data")]


def test_a_fallback_to_encrypted_data_when_there_is_no_code_is_accepted(project):
    js = ("Page({\n  onPhone(e) {\n    const { code, encryptedData, iv, errno } = e.detail\n"
          "    if (errno === 1400001) return\n"
          "    wx.request({ url: 'https://shop.example.com/api/phone', data: code ? { code } : { encryptedData, iv } })\n  }\n})\n")
    assert found(project, login_page(js)) == []


def test_a_login_after_checksession_fails_or_after_the_request_is_not_reported(project):
    js = ("Page({\n  onPhone(e) {\n    if (e.detail.errno === 1400001) return\n"
          "    wx.checkSession({ fail: () => wx.login({ success: () => {} }) })\n"
          "    wx.request({ url: 'https://shop.example.com/api/phone', data: { data: e.detail.encryptedData, iv: e.detail.iv },\n"
          "      success: () => wx.login({ success: () => {} }) })\n  }\n})\n")
    assert found(project, login_page(js)) == [("pages/login/login.js", 5, 84, "encrypted-data")]


def test_quota_not_handled_in_pages_and_components_and_realtime_numbers(project):
    page = "Page({\n  onPhone(e) {\n    if (e.detail.errMsg === 'getPhoneNumber:ok') this.save(e.detail.code)\n  },\n  save() {}\n})\n"
    card_js = ("Component({ methods: {\n  onRealtime(e) { wx.request({ url: 'https://a.example.com/p', data: { code: e.detail.code } }) }\n} })\n")
    card_wxml = '<button open-type="getRealtimePhoneNumber" bindgetrealtimephonenumber="onRealtime">验证</button>\n'
    files = {**login_page(page, BUTTON + "<phone-card />\n"),
             "pages/login/login.json": '{"usingComponents": {"phone-card": "/components/phone-card/phone-card"}}',
             "components/phone-card/phone-card.js": card_js, "components/phone-card/phone-card.wxml": card_wxml,
             "components/phone-card/phone-card.json": '{"component": true}'}
    assert found(project, files) == [("components/phone-card/phone-card.js", 2, 3, "no-quota"),
                                     ("pages/login/login.js", 2, 3, "no-quota")]


def test_a_handler_bound_twice_is_reported_once(project):
    js = "Page({\n  onPhone(e) { wx.request({ url: 'https://a.example.com/p', data: { code: e.detail.code } }) }\n})\n"
    assert found(project, login_page(js, BUTTON + BUTTON)) == [("pages/login/login.js", 2, 3, "no-quota")]


def test_the_toast_attribute_written_as_a_string(project):
    js = "Page({\n  onPhone(e) { if (e.detail.errno) return }\n})\n"
    wxml = ('<button open-type="getPhoneNumber" bindgetphonenumber="onPhone" phone-number-no-quota-toast="false">登录</button>\n'
            '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone" phone-number-no-quota-toast="{{false}}">登录</button>\n'
            '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone" phone-number-no-quota-toast="{{showToast}}">登录</button>\n')
    assert found(project, login_page(js, wxml)) == [("pages/login/login.wxml", 1, 65, "quota-toast-string")]


def test_a_method_named_like_the_event_without_a_binding_is_not_a_handler(project):
    js = ("Page({\n  getPhoneNumber(e) { wx.login({ success: () => wx.request({ url: 'https://a.example.com/p', "
          "data: { d: e.detail.encryptedData } }) }) }\n})\n")
    assert found(project, login_page(js, "<view>登录</view>\n")) == []


PHONE_BUTTON = {
    "components/phone-btn/index.js": ("Component({\n  methods: {\n    onGetPhoneNumber(e) {\n"
                                      "      this.triggerEvent('getphonenumber', e.detail)\n    }\n  }\n})\n"),
    "components/phone-btn/index.json": '{"component": true}',
    "components/phone-btn/index.wxml": '<button open-type="getPhoneNumber" bindgetphonenumber="onGetPhoneNumber"><slot/></button>',
    "pages/login/login.json": '{"usingComponents": {"phone-btn": "/components/phone-btn/index"}}',
    "pages/login/login.wxml": '<phone-btn bind:getphonenumber="onPhone">手机号登录</phone-btn>',
}


def test_a_component_that_passes_the_event_on_is_judged_with_the_page_that_handles_it(project):
    # found on a real project: a button component forwards e.detail; the page uses the old flow and is where the quota
    # is to be handled (yinren112/bookworm-miniprogram juicy-button, held out)
    old_flow = ("Page({\n  onPhone(e) {\n    wx.login({ success: (res) => {\n      wx.request({ url: 'https://shop.example.com/phone', method: 'POST',\n"
                "        data: { code: res.code, encryptedData: e.detail.encryptedData, iv: e.detail.iv } })\n    } })\n  }\n})\n")
    assert [(path, line, message_id) for path, line, _, message_id in found(project, {**PHONE_BUTTON, "pages/login/login.js": old_flow})] == [
        ("pages/login/login.js", 2, "no-quota"),
        ("pages/login/login.js", 3, "login-before-decrypt"), ("pages/login/login.js", 5, "encrypted-data")]
    code_flow = ("Page({\n  onPhone(e) {\n    if (e.detail.errno === 1400001) return wx.showToast({ title: '今日额度已用完', icon: 'none' })\n"
                 "    wx.request({ url: 'https://shop.example.com/phone', method: 'POST', data: { code: e.detail.code } })\n  }\n})\n")
    assert found(project, {**PHONE_BUTTON, "pages/login/login.js": code_flow}) == []


def test_what_is_a_gap_is_information_and_what_breaks_is_a_warning(project):
    # the official page: out of quota, the user sees WeChat's own prompt; the encryptedData flow is deprecated
    js = ("Page({\n  onPhone(e) {\n    wx.login({ success: () => {\n"
          "      wx.request({ url: '/phone', data: { data: e.detail.encryptedData, iv: e.detail.iv } }) } })\n  }\n})\n")
    _, report = lint_json(project({"app.json": '{"pages": ["pages/login/login"]}', **login_page(js)}), "--select", RULE)
    assert sorted((f["message_id"], f["severity"]) for f in report["findings"]) == [
        ("encrypted-data", "info"), ("login-before-decrypt", "warning"), ("no-quota", "info")]
    assert "WeChat shows its own prompt" in next(f["message"] for f in report["findings"] if f["message_id"] == "no-quota")


def test_a_handler_that_only_logs_or_is_commented_out_has_no_quota_to_handle(project):
    for body in ("console.log('getPhoneNumber', e.detail)", "// this.bindPhone(e.detail.code)", ""):
        assert found(project, login_page(f"Page({{\n  onPhone(e) {{\n    {body}\n  }}\n}})\n")) == [], body
    assert found(project, login_page("Page({\n  onPhone(e) {\n    console.log(e); this.bind(e.detail.code)\n  },\n  bind() {}\n})\n")) == [
        ("pages/login/login.js", 2, 3, "no-quota")]


def test_a_phone_number_binding_that_can_never_fire_is_no_handler(project):
    # xiaoqiang-zhao/exchange-knowledge pages/career (held out): `bindgetphonenumber` on a <div>, a submit handler
    js = "Page({\n  submit() {\n    wx.request({ url: 'https://shop.example.com/submit' })\n  }\n})\n"
    assert found(project, login_page(js, '<div class="btn" bindgetphonenumber="submit">提交</div>')) == []
    assert found(project, login_page(js, '<button open-type="share" bindgetphonenumber="submit">提交</button>')) == []
    assert found(project, login_page(js, '<button open-type="getPhoneNumber" bindgetphonenumber="submit">提交</button>')) == [
        ("pages/login/login.js", 2, 3, "no-quota")]


def test_a_helper_the_app_assigns_to_itself_on_launch_is_followed(project):
    # frey-1024/we-ips app.js (held out): `that.getPhoneInfo = function (info) {…}` in onLaunch, called by every page
    app = ("App({\n  onLaunch: function () {\n    var that = this;\n    that.getPhoneInfo = function (info, fn) {\n"
           "      wx.request({ url: 'https://shop.example.com/phone', data: { encryptedData: info.encryptedData, iv: info.iv } })\n"
           "    };\n  }\n})\n")
    js = ("const app = getApp()\nPage({\n  onPhone(e) {\n    if (e.detail.errno === 1400001) return\n"
          "    app.getPhoneInfo(e.detail, function () {})\n  }\n})\n")
    assert found(project, {"app.js": app, **login_page(js)}) == [("app.js", 5, 87, "encrypted-data")]


def test_a_login_after_a_promise_wxlint_cannot_see_is_not_before_the_request(project):
    # ideas-lab-101/sagacity-course-wxapp axios/fetch.js (held out): the request helper logs in again in its `.catch`,
    # when the server has rejected the token, i.e. after the number was sent
    fetch = ("const axios = require('./axios')\nmodule.exports = function fetch(options) {\n"
             "  return new Promise((resolve, reject) => { axios({ url: options.url, data: options.data, success: resolve, fail: reject }) })\n"
             "    .catch(() => new Promise((resolve) => { wx.login({ success: (res) => resolve(res.code) }) }))\n}\n")
    axios = "module.exports = function axios(options) { wx.request(options) }\n"
    js = ("const fetch = require('../../utils/fetch')\nPage({\n  onPhone(e) {\n    if (e.detail.errno === 1400001) return\n"
          "    fetch({ url: 'https://shop.example.com/phone', data: { encryptedData: e.detail.encryptedData, iv: e.detail.iv } })\n"
          "  }\n})\n")
    files = {"utils/fetch.js": fetch, "utils/axios.js": axios}
    assert [message for *_, message in found(project, {**files, **login_page(js)})] == ["encrypted-data"]
    # a login after the user's own dialog still comes before the request
    dialog = js.replace("    fetch(", "    wx.showModal({ title: '绑定手机号' }).then(() => wx.login({ success: () => {} }))\n    fetch(")
    assert [message for *_, message in found(project, {**files, **login_page(dialog)})] == ["login-before-decrypt", "encrypted-data"]


def test_the_event_kept_in_page_data_and_sent_after_a_login_is_followed(project):
    # caaaaaainiao/shenhuaxiaochengxu pages/login/login.js (held out): the handler keeps e.detail in data, a method
    # logs in and sends `that.data.userInfoDetail.encryptedData` with the new code
    js = ("Page({\n  onPhone(e) {\n    if (e.detail.errno === 1400001) return\n"
          "    this.setData({ userInfoDetail: e.detail })\n    this.send()\n  },\n  send() {\n    var that = this\n"
          "    wx.login({ success: function (msg) {\n      wx.request({ url: 'https://shop.example.com/phone', data: { code: msg.code,\n"
          "        encryptedData: that.data.userInfoDetail.encryptedData, iv: that.data.userInfoDetail.iv } })\n    } })\n  }\n})\n")
    assert [(line, message) for _, line, _, message in found(project, login_page(js))] == [
        (9, "login-before-decrypt"), (11, "encrypted-data")]
    # another key of the page's data is not the event
    other = js.replace("that.data.userInfoDetail.encryptedData", "that.data.cached.encryptedData").replace(
        "that.data.userInfoDetail.iv", "that.data.cached.iv")
    assert found(project, login_page(other)) == []


def test_a_button_whose_open_type_is_written_in_camel_case_is_the_same_button(project):
    # shiruiqiang/xiaochengxu_qianduan pages/register/msglogin (held out): code unpacked from a published package writes
    # `openType`, `formType`, `hoverClass`; the framework reads them as the hyphenated attributes
    js = "Page({\n  onPhone(e) {\n    wx.request({ url: '/api/phone', data: { code: e.detail.code } })\n  }\n})\n"
    camel = BUTTON.replace('open-type="getPhoneNumber"', 'openType="getPhoneNumber"')
    assert found(project, login_page(js, camel)) == found(project, login_page(js)) == [
        ("pages/login/login.js", 2, 3, "no-quota")]


def test_a_page_a_framework_constructs_is_a_page(project):
    # lixiaobo1992/hsq-wxapp (held out): @xmini's `xPage({…})` and `baseComponent({…})` call Page() and Component()
    js = ("import { xPage } from '../../config/xmini'\nxPage({\n  onPhone(e) {\n"
          "    wx.request({ url: '/api/phone', data: { code: e.detail.code } })\n  }\n})\n")
    assert found(project, login_page(js)) == [("pages/login/login.js", 3, 3, "no-quota")]
    # a script app.json does not name as a page is no page, whatever it calls
    files = {"utils/helper.js": js.replace("'../../config/xmini'", "'../config/xmini'"),
             "pages/login/login.js": "Page({})\n", "pages/login/login.wxml": "<view/>\n"}
    assert found(project, files) == []


def test_a_handler_spread_into_the_page_from_a_mixin_is_the_pages(project):
    # lixiaobo1992/hsq-wxapp utils/authMixin.js (held out): `xPage({ ...authMixin, … })`, the template binds the mixin's
    # getPhoneNumber
    mixin = ("export default {\n  onPhone(e) {\n"
             "    wx.request({ url: '/api/phone', data: { code: e.detail.code } })\n  }\n}\n")
    js = "import authMixin from '../../utils/authMixin'\nPage({\n  ...authMixin,\n  onShow() {}\n})\n"
    files = {**login_page(js), "utils/authMixin.js": mixin}
    assert found(project, files) == [("utils/authMixin.js", 2, 3, "no-quota")]
    # in a component, the mixin spread into `methods`
    files["pages/login/login.js"] = ("import authMixin from '../../utils/authMixin'\n"
                                    "Component({\n  methods: { ...authMixin }\n})\n")
    assert found(project, files) == [("utils/authMixin.js", 2, 3, "no-quota")]
