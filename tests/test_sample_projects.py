"""The sample apps: the legacy one is flagged at exact places, the modern one is clean."""

from __future__ import annotations

from conftest import SAMPLES, lint_json, positions

LEGACY = SAMPLES / "legacy-shop"
MODERN = SAMPLES / "modern-notes"
MEMBER_2021 = SAMPLES / "member-2021"

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
    ("miniprogram/utils/auth.js", 16, 10),  # getUserInfoAsync(…): a call of wx.getUserInfo through promisify
    ("miniprogram/utils/auth.js", 20, 10),  # 'scope.userInfo' in setting
    ("miniprogram/utils/util.js", 16, 26),  # a GBK-encoded file
]


def test_legacy_app_findings_at_exact_places():
    code, report = lint_json(LEGACY, "--select", "deprecated-getuserinfo,parse-error")
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


# (path, line, column, severity, the entry named in the message)
MEMBER_2021_GETUSERPROFILE = [
    ("pages/member/member.js", 13, 5, "error", "reached from `onShow`"),  # onShow -> this.fetchProfile()
    ("pages/member/member.js", 21, 9, "error", "through `wx.login() success`"),
    ("pages/member/member.js", 30, 23, "error", "fails on iOS"),  # after `await`
    ("pages/member/member.js", 40, 5, "error", "through `setTimeout()`"),  # bound in an imported template
    # login-bar fires `login` from wx.login's success: its tap state is lost by then
    ("pages/member/member.js", 47, 5, "error", "through `wx.login() success`"),
    ("pages/settings/settings.js", 7, 5, "error", "bound to the `longpress` event"),
]


def test_member_2021_app_getuserprofile_flows():
    """Good flows stay quiet: the official template's tap handler, a Promise helper module,
    a behavior method bound in a component; every bad flow is reported with its trace."""
    code, report = lint_json(MEMBER_2021, "--select", "getuserprofile-outside-tap")
    found = [(f["path"], f["line"], f["column"], f["severity"]) for f in report["findings"]]
    assert found == [row[:4] for row in MEMBER_2021_GETUSERPROFILE]
    for finding, row in zip(report["findings"], MEMBER_2021_GETUSERPROFILE):
        assert row[4] in finding["message"]
    refresh = report["findings"][3]
    assert [(s["path"], s["line"]) for s in refresh["trace"]] == [
        ("templates/actions.wxml", 3), ("pages/member/member.js", 35), ("pages/member/member.js", 36),
        ("pages/member/member.js", 40)]
    assert all(f["trace"] for f in report["findings"] if f["severity"] == "error")
    event = report["findings"][4]
    assert [(s["path"], s["line"]) for s in event["trace"]] == [
        ("components/login-bar/login-bar.wxml", 3), ("components/login-bar/login-bar.js", 13),
        ("components/login-bar/login-bar.js", 13), ("pages/member/member.js", 47)]
    # Nothing reaches legacyAsk: a note for --verbose, not a finding. (And no cache in the mini-program root.)
    assert [(n["path"], n["line"]) for n in report["notes"]] == [(".wxlint_cache", 1), ("utils/profile.js", 10)]
    assert code == 1


def test_member_2021_app_old_button_is_deprecated():
    _, report = lint_json(MEMBER_2021, "--select", "deprecated-getuserinfo")
    assert positions(report) == [("pages/index/index.wxml", 5, 21), ("pages/index/index.wxml", 5, 45)]


def test_legacy_app_launch_popups_with_traces():
    code, report = lint_json(LEGACY, "--select", "login-popup-on-launch")
    found = [(f["path"], f["line"], f["column"]) for f in report["findings"]]
    assert found == [
        ("miniprogram/app.js", 26, 11),  # showModal '请先登录授权', showCancel: false, in getSetting's success
        ("miniprogram/app.js", 30, 28),  # navigateTo the login page, in that modal's success
        ("miniprogram/pages/index/index.js", 21, 5),  # getLocation in the entry page's onShow
    ]
    modal, navigate, location = report["findings"]
    assert "`showCancel: false`" in modal["message"]
    assert [s["line"] for s in navigate["trace"]] == [5, 14, 30, 30]
    # wx.getUserInfo in attached of <user-card>, a global component on the entry page, shows no dialog
    # since 2018-04-30: it stays a deprecated-getuserinfo finding only.
    assert ("miniprogram/components/user-card/user-card.js", 8, 7) not in found
    assert location["trace"][0]["note"] == "onShow of the entry page pages/index/index runs when the mini-program opens"
    # The getUserInfo in onLaunch only runs once scope.userInfo is granted: no dialog.
    assert ("miniprogram/app.js", 17, 11) not in found
    assert code == 1


def test_other_samples_have_no_launch_popups():
    for sample in (MODERN, MEMBER_2021):
        _, report = lint_json(sample, "--select", "login-popup-on-launch")
        assert report["findings"] == [], sample.name


def test_scope_flows_in_the_samples():
    """Album, location, record and address flows: dead ends and missing failure handling are
    reported, flows that lead to the settings page pass, the address picker needs no scope."""
    code, report = lint_json(LEGACY, "--select", "missing-opensetting,opensetting-outside-tap")
    found = [(f["path"], f["line"], f["column"], f["message"].split(" ", 1)[0]) for f in report["findings"]]
    assert found == [
        ("miniprogram/packageA/pages/address/address.js", 9, 5, "`wx.getLocation`"),  # fail only toasts
        ("miniprogram/pages/goods/goods.js", 16, 9, "`wx.saveImageToPhotosAlbum`"),  # no fail at all
        ("miniprogram/pages/goods/goods.js", 24, 5, "`RecorderManager.start`"),  # onError only toasts
        ("miniprogram/pages/index/index.js", 21, 5, "`wx.getLocation`"),  # no fail at all
    ]
    address = report["findings"][0]
    assert [s["line"] for s in address["trace"]] == [9, 12]
    for sample in (MODERN, MEMBER_2021):
        _, clean = lint_json(sample, "--select", "missing-opensetting,opensetting-outside-tap")
        assert clean["findings"] == [], sample.name


def test_member_2021_app_base_library_guards():
    """At 2.0.0 only the unguarded getUserProfile calls that run and the unguarded avatar button are reported:
    the official template's flag-guarded tap handler is not; at 2.30.0 nothing is."""
    _, report = lint_json(MEMBER_2021, "--select", "missing-caniuse-fallback", "--min-lib-version", "2.0.0")
    found = [(f["path"], f["line"], f["message"].split("`")[1]) for f in report["findings"]]
    assert found == [
        ("behaviors/profile-behavior.js", 6, "wx.getUserProfile"),
        ("pages/member/member.js", 13, "wx.getUserProfile"),
        ("pages/member/member.js", 21, "wx.getUserProfile"),
        ("pages/member/member.js", 30, "wx.getUserProfile"),
        ("pages/member/member.js", 40, "wx.getUserProfile"),
        ("pages/member/member.js", 47, "wx.getUserProfile"),
        ("pages/settings/settings.js", 7, "wx.getUserProfile"),
        ("pages/settings/settings.wxml", 2, '<button open-type="chooseAvatar">'),
        ("utils/profile.js", 4, "wx.getUserProfile"),
    ]  # not utils/profile.js:10, in `legacyAsk`, which nothing calls: it throws on no client
    assert not any(p == "pages/index/index.js" for p, _, _ in found)
    _, report = lint_json(MEMBER_2021, "--select", "missing-caniuse-fallback", "--min-lib-version", "2.30.0")
    assert report["findings"] == []


def test_every_sample_is_free_of_canIUse_typos():
    for sample in (LEGACY, MODERN, MEMBER_2021):
        _, report = lint_json(sample, "--select", "unknown-caniuse-schema")
        assert report["findings"] == []


def test_the_uni_app_shop_is_read_as_its_wechat_build():
    # pages.json and manifest.json in src/ (the CLI layout), .vue pages, conditional compilation, `uni.*` as `wx.*`
    code, report = lint_json(SAMPLES / "uni-shop")
    assert code == 1
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"]] == [
        ("login-popup-on-launch", "src/App.vue", 7, 5),  # onLaunch from @dcloudio/uni-app, to the login page
        ("deprecated-getuserinfo", "src/pages/index/index.vue", 5, 27),  # in <!-- #ifdef MP-WEIXIN -->
        ("deprecated-getuserinfo", "src/pages/index/index.vue", 5, 51),  # @getuserinfo
        ("location-undeclared", "src/pages/index/index.vue", 29, 3),  # not in manifest.json's mp-weixin
        ("location-undeclared", "src/pages/index/index.vue", 29, 3),
        ("missing-opensetting", "src/pages/index/index.vue", 29, 3),  # the fail only shows a toast
        ("missing-caniuse-fallback", "src/pages/login/login.vue", 3, 13),  # open-type="chooseAvatar"
        ("missing-caniuse-fallback", "src/pages/login/login.vue", 6, 12),  # type="nickname"
        ("getuserprofile-outside-tap", "src/pages/mine/mine.vue", 13, 5),  # in onLoad
        ("getuserprofile-withdrawn", "src/pages/mine/mine.vue", 13, 5),
        ("getuserprofile-outside-tap", "src/pages/mine/mine.vue", 19, 11),  # in uni.login's success
        ("getuserprofile-withdrawn", "src/pages/mine/mine.vue", 19, 11),
    ]
    # the H5-only button and `uni.getUserInfo` are compiled for another platform
    assert not any(f["line"] in (8, 37, 38) and f["path"].endswith("index.vue") for f in report["findings"])
