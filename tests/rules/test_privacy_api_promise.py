"""privacy-api-promise, and the privacy inventory of `wxlint privacy`."""

from __future__ import annotations

import json

from conftest import SAMPLES, lint_json, run_cli

RULE = "privacy-api-promise"


def test_promise_uses_of_the_privacy_apis(project):
    js = ("Page({\n  async onLoad() {\n    const s = await wx.getPrivacySetting()\n"
          "    wx.requirePrivacyAuthorize().then(() => this.locate())\n"
          "    wx.requirePrivacyAuthorize({ success: () => this.locate() })\n"
          "    await new Promise((ok) => wx.getPrivacySetting({ success: ok }))\n"
          "    await wx.getSetting()\n  },\n  locate() {}\n})\n")
    _, report = lint_json(project({"pages/index/index.js": js}), "--select", RULE)
    assert [(f["line"], f["column"], f["message_id"]) for f in report["findings"]] == [(3, 21, "await"), (4, 5, "then")]
    assert "`.then()` throws `Cannot read property 'then' of undefined`" in report["findings"][1]["message"]


def test_the_privacy_inventory(project):
    root = project({
        "pages/index/index.js": "Page({ go() { wx.getLocation({}); wx.chooseMedia({}); this.getLocation() }, getLocation() {} })",
        "pages/index/index.wxml": '<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号</button>\n<camera/>',
    })
    code, out, _ = run_cli("privacy", "--format", "json", ".", cwd=root)
    assert code == 0
    items = [(i["kind"], i["what"], i["path"], i["line"]) for i in json.loads(out)["privacy"]]
    assert items == [("album", "wx.chooseMedia", "pages/index/index.js", 1), ("camera", "<camera>", "pages/index/index.wxml", 2),
                     ("location", "wx.getLocation", "pages/index/index.js", 1),
                     ("phone-number", '<button open-type="getPhoneNumber">', "pages/index/index.wxml", 1)]
    _, text, _ = run_cli("privacy", "--lang", "zh", ".", cwd=root)
    assert text.startswith("本项目处理的用户个人信息") and "  wx.getLocation  pages/index/index.js:1:15" in text


def test_inventory_of_a_sample_lists_its_location_and_album_uses():
    _, out, _ = run_cli("privacy", "--format", "json", ".", cwd=SAMPLES / "legacy-shop")
    kinds = {item["kind"] for item in json.loads(out)["privacy"]}
    assert {"location", "album", "microphone", "user-info"} <= kinds
