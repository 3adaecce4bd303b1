"""The sample apps: the legacy one is flagged at exact places, the modern one is clean."""

from __future__ import annotations

from conftest import SAMPLES, lint_json, positions

LEGACY = SAMPLES / "legacy-shop"
MODERN = SAMPLES / "modern-notes"

LEGACY_DEPRECATED_GETUSERINFO = [
    ("miniprogram/app.js", 15, 29),  # res.authSetting['scope.userInfo']
    ("miniprogram/app.js", 17, 11),  # wx.getUserInfo in getSetting's success
    ("miniprogram/components/user-card/user-card.js", 8, 7),
    ("miniprogram/components/user-card/user-card.wxml", 2, 14),
    ("miniprogram/components/user-card/user-card.wxml", 4, 16),
    ("miniprogram/components/user-card/user-card.wxml", 5, 16),
    ("miniprogram/pages/login/login.js", 5, 5),  # through `const api = wx`
    ("miniprogram/pages/login/login.wxml", 3, 48),  # glued to the previous attribute
    ("miniprogram/pages/login/login.wxml", 3, 72),
    ("miniprogram/pages/me/me.wxml", 3, 13),
    ("miniprogram/pages/me/me.wxml", 3, 37),
    ("miniprogram/pages/me/me.wxml", 6, 16),
    ("miniprogram/pages/me/me.wxml", 7, 16),
    ("miniprogram/utils/auth.js", 5, 36),  # promisify(wx.getUserInfo)
    ("miniprogram/utils/auth.js", 10, 27),  # wx.authorize({ scope: 'scope.userInfo' })
    ("miniprogram/utils/auth.js", 20, 10),  # 'scope.userInfo' in setting
    ("miniprogram/utils/util.js", 16, 26),  # a GBK-encoded file
]


def test_legacy_app_findings_at_exact_places():
    code, report = lint_json(LEGACY)
    assert code == 1
    assert positions(report, "deprecated-getuserinfo") == LEGACY_DEPRECATED_GETUSERINFO
    # app.getUserInfo and the me page's own getUserInfo method are not the wx API.
    assert not any(f["path"].endswith("index/index.js") for f in report["findings"])
    assert [s["path"] for s in report["skipped"]] == ["miniprogram/libs/qqmap-wx-jssdk.js"]
    assert not any(f["path"].startswith("cloudfunctions/") for f in report["findings"])


def test_modern_app_is_clean():
    code, report = lint_json(MODERN)
    assert report["findings"] == []
    assert report["skipped"] == []
    assert report["summary"]["files_checked"] == 11
    assert code == 0
