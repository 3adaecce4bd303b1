"""tap-only-api-outside-tap: requestSubscribeMessage and the other tap-only APIs, on real-looking order pages."""

from __future__ import annotations

import pytest

from conftest import lint_json, run_cli

RULE = "tap-only-api-outside-tap"
ORDER_WXML = '<view class="order">\n  <button type="primary" bindtap="onPay">立即支付</button>\n</view>\n'
SUBSCRIBE = "wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] })"


def findings(project, js: str, wxml: str = ORDER_WXML) -> list[dict]:
    _, report = lint_json(project({"pages/order/order.js": js, "pages/order/order.wxml": wxml}), "--select", RULE)
    return report["findings"]


FINE = {
    "first thing in the tap handler": f"Page({{ onPay() {{ {SUBSCRIBE}; this.pay() }}, pay() {{}} }})",
    "in the success of the order request": (
        f"Page({{ onPay() {{ wx.request({{ url: 'https://shop.example.com/api/order', method: 'POST', success: () => {SUBSCRIBE} }}) }} }})"),
    "in the payment's success": (
        "Page({ onPay() { wx.cloud.callFunction({ name: 'pay', success: ({ result }) => "
        f"wx.requestPayment({{ ...result.payment, success: () => {SUBSCRIBE} }}) }}) }} }})"),
    "in a modal's confirm after the order was created": (
        "Page({ onLoad() { wx.showModal({ content: '订阅发货通知？', success: (res) => { if (res.confirm) "
        f"{SUBSCRIBE} }} }}) }} }})"),
    "in a new Promise created in the handler": f"Page({{ onPay() {{ return new Promise((resolve) => {{ {SUBSCRIBE}; resolve() }}) }} }})",
}


@pytest.mark.parametrize("name", FINE)
def test_while_the_tap_is_held(project, name):
    assert findings(project, FINE[name]) == []


def test_after_a_cloud_function_completes(project):
    js = ("Page({\n  onPay() {\n    wx.cloud.callFunction({\n      name: 'createOrder',\n"
          f"      success: () => {{\n        {SUBSCRIBE}\n      }}\n    }})\n  }}\n}})\n")
    [finding] = findings(project, js)
    assert (finding["line"], finding["column"], finding["severity"]) == (6, 9, "error")
    assert finding["message_id"] == "deferred"
    assert "through `wx.cloud.callFunction() success`" in finding["message"]
    assert [(s["line"], s["note"]) for s in finding["trace"]] == [
        (2, '`bindtap="onPay"` on <button>: onPay handles a user tap'),
        (5, "in the `success` callback of wx.cloud.callFunction(): it runs later, when the call completes; "
            "the tap state is lost here"),
        (6, "calls wx.requestSubscribeMessage without the tap state")]


def test_after_await_fails_on_ios(project):
    js = f"Page({{\n  async onPay() {{\n    await this.createOrder()\n    {SUBSCRIBE}\n  }},\n  createOrder() {{}}\n}})\n"
    [finding] = findings(project, js)
    assert finding["message_id"] == "ios" and finding["line"] == 4
    assert "fails on iOS" in finding["message"]
    assert finding["trace"][1]["note"] == ("`await` on line 3: what follows runs in a later microtask; "
                                           "the tap state is kept on Android and lost on iOS")


def test_from_on_show_and_a_timer(project):
    js = f"Page({{\n  onShow() {{\n    {SUBSCRIBE}\n  }},\n  onPay() {{\n    setTimeout(() => {SUBSCRIBE}, 300)\n  }}\n}})\n"
    assert [(f["line"], f["message_id"]) for f in findings(project, js)] == [(3, "lifecycle"), (6, "deferred")]


def test_used_up_by_get_user_profile(project):
    js = ("Page({\n  onPay() {\n    wx.getUserProfile({ desc: '用于完善会员资料' })\n"
          f"    {SUBSCRIBE}\n  }}\n}})\n")
    [finding] = findings(project, js)
    assert finding["message_id"] == "used-up" and finding["line"] == 4
    assert "after `wx.getUserProfile` has already used up the tap state of `onPay`" in finding["message"]
    assert [(s["line"], s["note"]) for s in finding["trace"]][1:] == [
        (3, "wx.getUserProfile uses up the tap state here"),
        (4, "calls wx.requestSubscribeMessage: the tap state was already used up by wx.getUserProfile")]


def test_a_page_method_named_like_the_api_is_not_the_api(project):
    js = "Page({ onShow() { this.requestSubscribeMessage() }, requestSubscribeMessage() {} })"
    assert findings(project, js) == []


def test_chinese_message(project):
    root = project({"pages/order/order.wxml": ORDER_WXML,
                    "pages/order/order.js": f"Page({{ onShow() {{ {SUBSCRIBE} }} }})"})
    _, out, _ = run_cli("check", "--lang", "zh", "--select", RULE, ".", cwd=root)
    assert "`wx.requestSubscribeMessage` 只能在持有用户点击态时调用，但它由框架调用的 `onShow` 触发" in out


REQUEST_WRAPPER = """const BASE = 'https://shop.example.com'
function request(options) {
  wx.request({
    url: BASE + options.url,
    method: options.method || 'GET',
    success: (res) => { if (options.success) options.success(res.data) }
  })
}
function post({ url, data, success }) {
  wx.request({ url: BASE + url, method: 'POST', data, success: (res) => success(res.data) })
}
function callCloud(options) {
  wx.cloud.callFunction({ name: options.name, success: (res) => options.success(res.result) })
}
module.exports = { request, post, callCloud }
"""


def wrapped(project, call: str) -> list[dict]:
    js = f"const api = require('../../utils/api')\nPage({{\n  onPay() {{\n    {call}\n  }}\n}})\n"
    _, report = lint_json(project({"pages/order/order.js": js, "pages/order/order.wxml": ORDER_WXML,
                                   "utils/api.js": REQUEST_WRAPPER}), "--select", RULE)
    return report["findings"]


def test_an_options_callback_of_a_request_wrapper_keeps_the_tap(project):
    assert wrapped(project, f"api.request({{ url: '/order', success: () => {SUBSCRIBE} }})") == []
    assert wrapped(project, f"api.post({{ url: '/order', data: {{}}, success: () => {SUBSCRIBE} }})") == []


def test_an_options_callback_of_a_cloud_wrapper_loses_it(project):
    [finding] = wrapped(project, f"api.callCloud({{ name: 'createOrder', success: () => {SUBSCRIBE} }})")
    assert finding["message_id"] == "deferred" and finding["path"] == "pages/order/order.js"
    assert "wx.cloud.callFunction() success" in finding["message"]
    assert [s["path"] for s in finding["trace"]] == [
        "pages/order/order.wxml", "pages/order/order.js", "utils/api.js", "utils/api.js", "pages/order/order.js"]


def test_an_options_callback_of_a_library_wxlint_cannot_see_is_unknown(project):
    js = f"const sdk = require('some-sdk')\nPage({{ onPay() {{ sdk.pay({{ success: () => {SUBSCRIBE} }}) }} }})"
    assert findings(project, js) == []


@pytest.mark.parametrize("api", ["openCustomerServiceChat", "openSystemBluetoothSetting", "openAppAuthorizeSetting"])
def test_each_listed_api_needs_the_tap(project, api):
    js = f"Page({{\n  onShow() {{\n    wx.{api}({{}})\n  }},\n  onPay() {{ wx.{api}({{}}) }}\n}})\n"
    assert [(f["line"], f["message"].split("`")[1]) for f in findings(project, js)] == [(3, f"wx.{api}")]


def test_a_payment_tap_cannot_open_a_half_screen_mini_program(project):
    js = ("Page({\n  onPay() {\n    wx.requestPayment({\n      timeStamp: '1', nonceStr: 'n', package: 'p', paySign: 's',\n"
          "      success: () => {\n        wx.openEmbeddedMiniProgram({ appId: 'wx0000000000000000' })\n"
          "      }\n    })\n  }\n})\n")
    [finding] = findings(project, js)
    assert (finding["line"], finding["message_id"]) == (6, "payment")
    assert "a payment's callbacks hold a tap state, but WeChat does not let it open a half-screen mini-program" in finding["message"]


SWITCH_HANDLER = """Page({
  onPay(e) {
    switch (e.currentTarget.dataset.kind) {
      case 'profile':
        wx.getUserProfile({ desc: '用于完善会员资料' })
        BREAK
      case 'notify':
        this.subscribe()
        break
    }
  },
  subscribe() { %s },
})
""" % SUBSCRIBE


def test_cases_of_a_switch_exclude_each_other_unless_one_falls_through(project):
    # undercurre/meiju-finclip-miniprogram: one tap handler opens a different mini-program per case
    assert findings(project, SWITCH_HANDLER.replace("BREAK", "break")) == []
    assert findings(project, SWITCH_HANDLER.replace("BREAK", "return")) == []
    [finding] = findings(project, SWITCH_HANDLER.replace("BREAK", "// falls through"))
    assert (finding["line"], finding["message_id"]) == (12, "used-up")
