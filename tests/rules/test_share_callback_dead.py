"""share-callback-dead: callbacks of the share object, in pages and components, with or without a reward."""

from __future__ import annotations

from conftest import lint_json

RULE = "share-callback-dead"


def found(project, js, path="pages/goods/goods.js"):
    files = {path: js}
    if path.startswith("components/"):  # a component some page shows
        route = path.rsplit(".", 1)[0]
        files |= {"pages/index/index.js": "Page({})", "pages/index/index.wxml": "<card/>",
                  "pages/index/index.json": f'{{"usingComponents": {{"card": "/{route}"}}}}'}
    _, report = lint_json(project(files), "--select", RULE)
    return [(f["line"], f["column"], f["message_id"]) for f in report["findings"]]


def test_each_dead_callback_with_and_without_a_reward(project):
    js = ("Page({\n  onShareAppMessage(res) {\n    const shared = () => console.log('x')\n    return {\n      title: '好物',\n"
          "      success: shared,\n      fail() { wx.showToast({ title: '分享失败' }) },\n"
          "      complete: () => { wx.cloud.callFunction({ name: 'addPoints' }) }\n    }\n  }\n})\n")
    assert found(project, js) == [(6, 7, "callback"), (7, 7, "callback"), (8, 7, "reward")]


def test_components_arrows_and_what_is_not_a_share_object(project):
    js = ("Component({ methods: {\n  onShareAppMessage: () => ({ title: 't', success() {} }),\n"
          "  build() { return { success() {} } },\n"
          "  onShareTimeline() { const options = { success() {} }; return { title: 't' } }\n} })\n")
    assert found(project, js, "components/card/card.js") == [(2, 43, "callback")]


def test_a_share_handler_written_again_below_replaces_the_first(project):
    # jichuangsi/kangya_wxapplet pages/synopsis (held out): an empty template `onShareAppMessage` at the end of the object
    js = ("Page({\n  onShareAppMessage() {\n    return { title: '分享', success: () => this.reward() }\n  },\n"
          "  reward() {},\n  onShareAppMessage() {}\n})\n")
    _, report = lint_json(project({"app.json": '{"pages": ["pages/index/index"]}', "pages/index/index.js": js}),
                          "--select", "share-callback-dead")
    assert report["findings"] == []
    _, report = lint_json(project({"app.json": '{"pages": ["pages/index/index"]}',
                                   "pages/index/index.js": js.replace("  onShareAppMessage() {}\n", "")}),
                          "--select", "share-callback-dead")
    assert [f["line"] for f in report["findings"]] == [3]


def test_a_share_object_an_app_method_makes_for_every_page_is_reported_once_where_it_is_written(project):
    # nick2834/zhitaowx-mini app.js (held out): each page's handler returns `app.ShareAppMessage()`
    app = ("App({\n  globalData: {},\n  ShareAppMessage() {\n    return {\n      title: '邀请',\n"
           "      success: (res) => { wx.request({ url: '/share/report' }) },\n      fail() {},\n    }\n  },\n})\n")
    page = "const app = getApp()\nPage({\n  onShareAppMessage() {\n    return app.ShareAppMessage()\n  },\n})\n"
    files = {"app.js": app, "pages/index/index.js": page, "pages/goods/goods.js": page}
    _, report = lint_json(project(files), "--select", RULE)
    assert [(f["path"], f["line"], f["message_id"]) for f in report["findings"]] == [
        ("app.js", 6, "reward"), ("app.js", 7, "callback")]
