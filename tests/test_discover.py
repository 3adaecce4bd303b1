"""Finding projects and their files: miniprogramRoot, subpackages, entry page, monorepos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wxlint.discover import discover

from conftest import UPLOAD_SETTING, lint_json, write_project

RULES = {"deprecated-getuserinfo", "parse-error"}
PAGE = "Page({ onLoad() { wx.getUserInfo() } })\n"


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_miniprogram_root_subpackages_components_and_cloud_functions(tmp_path):
    root = tmp_path / "shop"
    _write_json(root / "project.config.json", {"miniprogramRoot": "miniprogram/", "cloudfunctionRoot": "cloudfunctions/"})
    write_project(root / "miniprogram", {
        "app.json": json.dumps({
            "pages": ["pages/home/home"],
            "subPackages": [{"root": "pkg/", "pages": ["pages/detail/detail"], "independent": True}],
            "usingComponents": {"nav": "/components/nav/index", "van-button": "@vant/weapp/button/index"},
        }),
        "app.js": "App({})",
        "pages/home/home.js": PAGE,
        "pages/home/home.json": json.dumps({"usingComponents": {"card": "../../components/card/card", "map": "plugin://maps/map"}}),
        "pkg/pages/detail/detail.js": PAGE,
        "components/card/card.js": "Component({})",
        "components/card/card.json": json.dumps({"component": True, "usingComponents": {"badge": "./badge"}}),
        "components/card/badge.js": "Component({})",
        "components/nav/index.js": "Component({})",
        "miniprogram_npm/@vant/weapp/button/index.js": PAGE,
        "node_modules/lodash/index.js": PAGE,
    })
    (root / "cloudfunctions" / "login").mkdir(parents=True)
    (root / "cloudfunctions" / "login" / "index.js").write_text(PAGE, encoding="utf-8")
    [project] = discover([root], RULES)
    assert project.miniprogram_root == (root / "miniprogram").resolve()
    assert project.entry_page == "pages/home/home"
    assert [(s.root, s.pages, s.independent) for s in project.subpackages] == [("pkg", ["pages/detail/detail"], True)]
    assert project.all_pages == ["pages/home/home", "pkg/pages/detail/detail"]
    units = {route: unit.kind for route, unit in project.units.items()}
    assert units == {"app": "app", "pages/home/home": "page", "pkg/pages/detail/detail": "page",
                     "components/nav/index": "component", "components/card/card": "component",
                     "components/card/badge": "component"}
    linted = sorted(p.relative_to(project.miniprogram_root).as_posix() for p in project.files)
    assert "miniprogram_npm/@vant/weapp/button/index.js" not in linted
    assert not any("node_modules" in p or "cloudfunctions" in p for p in linted)
    assert "pkg/pages/detail/detail.js" in linted
    assert {s.reason for s in project.skipped} == {"third-party code"}


def test_entry_page_path_wins_over_the_first_page(tmp_path):
    root = write_project(tmp_path / "app", {
        "app.json": json.dumps({"pages": ["pages/a/a", "pages/b/b"], "entryPagePath": "pages/b/b"}),
        "pages/a/a.js": "Page({})", "pages/b/b.js": "Page({})",
    })
    [project] = discover([root], RULES)
    assert project.entry_page == "pages/b/b"


def test_monorepo_with_two_projects_and_a_server(tmp_path):
    write_project(tmp_path / "client" / "buyer", {"pages/index/index.js": PAGE})
    seller = tmp_path / "client" / "seller"
    _write_json(seller / "project.config.json", {"miniprogramRoot": "src/", "setting": UPLOAD_SETTING})
    write_project(seller / "src", {"pages/index/index.js": PAGE})
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "index.js").write_text("require('express')().listen(80)\n", encoding="utf-8")
    projects = discover([tmp_path], RULES)
    assert sorted(p.root.name for p in projects) == ["buyer", "seller"]
    code, report = lint_json(tmp_path)
    assert code == 1
    assert sorted(f["path"] for f in report["findings"]) == [
        "client/buyer/pages/index/index.js", "client/seller/src/pages/index/index.js"]


def test_single_files_are_reported_alone_with_the_project_as_context(tmp_path):
    root = write_project(tmp_path / "app", {"pages/a/a.js": PAGE, "pages/b/b.js": PAGE})
    [project] = discover([root / "pages" / "a" / "a.js"], RULES)
    assert project.root == root.resolve()
    assert project.only_files == {(root / "pages" / "a" / "a.js").resolve()}
    assert len(project.files) == 2  # the rest stays as context
    from conftest import run_cli

    code, out, _ = run_cli("check", "--format", "json", "pages/a/a.js", cwd=root)
    assert [f["path"] for f in json.loads(out)["findings"]] == ["pages/a/a.js"]


def test_a_folder_inside_a_project_restricts_the_report(tmp_path):
    root = write_project(tmp_path / "app", {"pages/a/a.js": PAGE, "utils/u.js": "wx.getUserInfo()\n"})
    from conftest import run_cli

    code, out, _ = run_cli("check", "--format", "json", "utils", cwd=root)
    assert [f["path"] for f in json.loads(out)["findings"]] == ["utils/u.js"]


def test_exclude_globs_and_minified_files_are_skipped_and_listed(tmp_path):
    root = write_project(tmp_path / "app", {
        ".wxlint.yml": "exclude:\n  - 'vendor/**'\n  - '*.generated.js'\n",
        "pages/index/index.js": PAGE,
        "vendor/sdk.js": PAGE,
        "utils/api.generated.js": PAGE,
        "libs/chart.min.js": PAGE,
        "libs/bundle.js": "/*! sdk v1.2 */\n!function(e){" + "var t=function(n){return e(n)+1};" * 1000 + "}(this);\n",
        # one long line that is a string, in a page: not a bundle (iotjin/jh-weapp-demo keeps base64 images so)
        "pages/nav/nav.js": "const img = 'data:image/png;base64," + "iVBORw0KGgo" * 3000 + "'\n" + PAGE,
        "types/wx.d.ts": "declare const wx: any\n",
    })
    code, report = lint_json(root)
    assert [f["path"] for f in report["findings"]] == ["pages/index/index.js", "pages/nav/nav.js"]
    assert sorted((s["path"], s["reason"]) for s in report["skipped"]) == [
        ("libs/bundle.js", "minified bundle"), ("libs/chart.min.js", "minified bundle"),
        ("types/wx.d.ts", "TypeScript declarations (no runtime code)"),
        ("utils/api.generated.js", "excluded by configuration"), ("vendor", "excluded by configuration")]


def test_a_folder_without_app_json_is_linted_as_loose_files(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.js").write_text(PAGE, encoding="utf-8")
    code, report = lint_json(tmp_path / "snippets")
    assert code == 1 and [f["path"] for f in report["findings"]] == ["a.js"]


def test_broken_app_json_is_a_parse_error_and_the_files_are_still_linted(tmp_path):
    root = write_project(tmp_path / "app", {"app.json": '{"pages": ["pages/index/index",]}', "pages/index/index.js": PAGE})
    code, report = lint_json(root)
    found = sorted((f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"])
    assert found == [("deprecated-getuserinfo", "pages/index/index.js", 1, 19), ("parse-error", "app.json", 1, 32)]


VANT_BUTTON = ("import { VantComponent } from '../common/component'\n"
               "VantComponent({ methods: { onTap() { wx.getUserInfo({}) } } })\n")


def test_copied_libraries_are_skipped_by_default_and_linted_when_asked(project):
    from conftest import lint_json, run_cli

    root = project({
        "pages/index/index.js": "Page({ onLoad() {} })",
        "components/vant/button/index.js": VANT_BUTTON, "components/vant/button/index.wxml": '<button bindtap="onTap"/>',
        "components/vant/common/component.js": "export function VantComponent(options) { Component(options) }\n",
        "libs/qqmap-wx-jssdk.js": "function QQMapWX() {}\nQQMapWX.prototype.x = function () { wx.getUserInfo({}) }\nmodule.exports = QQMapWX\n",
        # A page named like a library is still the project's code.
        "pages/echarts/echarts.js": "Page({ onLoad() { wx.getUserInfo({}) } })",
    })
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert [f["path"] for f in report["findings"]] == ["pages/echarts/echarts.js"]
    _, out, _ = run_cli("check", "--verbose", "--select", "deprecated-getuserinfo", ".", cwd=root)
    assert "components/vant" in out and "a copied library (vant)" in out
    assert "libs/qqmap-wx-jssdk.js" in out and "a copied library (qqmap-wx-jssdk)" in out
    _, everything = lint_json(root, "--select", "deprecated-getuserinfo", "--include-vendored")
    assert sorted(f["path"] for f in everything["findings"]) == [
        "components/vant/button/index.js", "libs/qqmap-wx-jssdk.js", "pages/echarts/echarts.js"]
    (root / ".wxlint.yml").write_text("lint-vendored: true\n", encoding="utf-8")
    _, configured = lint_json(root, "--select", "deprecated-getuserinfo")
    assert len(configured["findings"]) == 3


@pytest.mark.parametrize("folder", ["components/van", "miniprogram/dist", "vant/dist", "pages/shop/@vant/weapp",
                                    "plugin/component/new-vant", "lib"])
def test_copied_libraries_under_the_names_real_projects_give_them(project, folder):
    # bill556/WeChatApp-Recreation keeps vant in components/van; wux-weapp's example copies its build to dist/;
    # iamxjb/winxin-app-watch-life.net keeps the npm layout @vant/weapp; meiju-finclip renames it new-vant;
    # pengqiangGGG/wx-miniproject copies it to lib/
    root = project({"pages/index/index.js": "Page({})",
                    f"{folder}/button/index.js": VANT_BUTTON,
                    f"{folder}/button/index.wxml": '<button open-type="getUserInfo" bindgetuserinfo="onTap"/>',
                    f"{folder}/common/component.js": "export function VantComponent(options) { Component(options) }\n"})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert report["findings"] == []
    # a project's own folder of that name, without the library's marker, is still linted
    own = project({"pages/index/index.js": "Page({})", f"{folder}/util.js": "wx.getUserInfo({})\n"})
    _, report = lint_json(own, "--select", "deprecated-getuserinfo")
    assert [f["path"] for f in report["findings"]] == [f"{folder}/util.js"]


def test_a_vant_copy_older_than_vant_component_is_a_copied_library(project):
    # wsWangjinxu/imow.weapp vantui/ (0.x, 2018, held out): plain Component() calls; the templates name `van-` classes
    button = "Component({\n  externalClasses: ['custom-class', 'loading-class'],\n  properties: { openType: String }\n})\n"
    files = {"pages/index/index.js": "Page({})", "pages/index/index.wxml": "<van-button/>",
             "pages/index/index.json": '{"usingComponents": {"van-button": "/vantui/button/index"}}',
             "vantui/button/index.js": button,
             "vantui/button/index.wxml": '<button\n  class="custom-class van-button {{ classes }}"\n  bindgetuserinfo="x"/>'}
    _, report = lint_json(project(files), "--select", "deprecated-getuserinfo")
    assert [s["path"] for s in report["skipped"]] == ["vantui"]
    # a project's own folder of that name whose templates do not name vant's classes is linted
    files["vantui/button/index.wxml"] = '<button class="custom-class my-button" open-type="getUserInfo"/>'
    _, report = lint_json(project(files), "--select", "deprecated-getuserinfo")
    assert report["skipped"] == [] and [f["path"] for f in report["findings"]] == ["vantui/button/index.wxml"]


def test_a_wux_copy_older_than_its_base_component_is_a_copied_library(project):
    # frey-1024/we-ips dist/ (2019, held out): plain Component() calls, `wux-class` as every component's external class
    button = ("Component({\n  externalClasses: ['wux-class', 'wux-hover-class'],\n  properties: { openType: String },\n"
              "  methods: { bindgetphonenumber(e) { this.triggerEvent('getphonenumber', e.detail) } }\n})\n")
    root = project({"pages/index/index.js": "Page({})", "dist/button/index.js": button,
                    "dist/button/index.wxml": '<button open-type="{{ openType }}" bindgetuserinfo="x"/>'})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert report["findings"] == [] and [s["path"] for s in report["skipped"]] == ["dist"]


def test_a_copy_of_project_config_inside_the_miniprogram_root_is_the_same_project(tmp_path):
    # found on a real repository: a template's project.config.json left inside miniprogram/
    root = write_project(tmp_path / "shop", {
        "project.config.json": json.dumps({"miniprogramRoot": "miniprogram/"}),
        "miniprogram/project.config.json": json.dumps({"setting": {}}),
        "miniprogram/app.json": json.dumps({"pages": ["pages/index/index"]}),
        "miniprogram/app.js": "App({ onLaunch() { wx.getUserInfo({}) } })",
        "miniprogram/pages/index/index.js": "Page({})",
    })
    [project] = discover([root], set())
    assert project.root == root.resolve() and project.miniprogram_root == (root / "miniprogram").resolve()
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("miniprogram/app.js", 1)]


def test_a_miniprogram_root_without_app_json_is_said_not_passed_in_silence(tmp_path):
    from conftest import run_cli

    # a TypeScript project whose dist/ is build output (godbasin/wxapp-typescript-demo): its sources have
    # their own app.json and are linted; the empty miniprogramRoot is listed and counted, not an error
    root = write_project(tmp_path / "built", {"project.config.json": json.dumps({"miniprogramRoot": "dist/",
                                                                                 "setting": UPLOAD_SETTING}),
                                              "src/app.json": '{"pages": ["pages/index/index"]}',
                                              "src/pages/index/index.ts": "Page({ onLoad() { wx.getUserInfo({}) } })"},
                                 app_json={"pages": []})
    (root / "app.json").unlink()  # as in the real repository: app.json only in src/
    exit_code, report = lint_json(root)
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [("src/pages/index/index.ts", "deprecated-getuserinfo")]
    assert [(s["path"], s["reason"]) for s in report["skipped"]] == [
        ("dist", "`miniprogramRoot` of project.config.json is `dist/`, where there is no app.json: nothing to lint there "
                 "(build output not in the repository? lint the source folder)")]
    _, out, _ = run_cli("check", "--select", "parse-error", ".", cwd=root)
    assert "0 files checked" not in out and "1 skipped" in out


def test_iview_built_into_dist_is_a_copied_library(project):
    from conftest import lint_json

    # iview-weapp's repository ships its components in dist/, copied as is (found on a real project)
    root = project({"pages/index/index.js": "Page({})", "pages/index/index.wxml": "<i-button/>",
                    "pages/index/index.json": '{"usingComponents": {"i-button": "/dist/button/index"}}',
                    "dist/button/index.js": "Component({ externalClasses: ['i-class'], methods: { onTap() { wx.getUserInfo({}) } } })\n",
                    "dist/button/index.wxml": '<button class="i-class" open-type="getUserInfo" bindgetuserinfo="onTap"/>'})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert report["findings"] == []
    _, everything = lint_json(root, "--select", "deprecated-getuserinfo", "--include-vendored")
    assert {f["path"] for f in everything["findings"]} == {"dist/button/index.js", "dist/button/index.wxml"}


def test_the_baidu_map_sdk_is_a_copied_library():
    from wxlint.discover import vendored_file

    # ChildLee/CityERent and xjs2019 keep Baidu's SDK as lib/bmap-wx.js, as others keep qqmap-wx-jssdk.js
    assert vendored_file(Path("lib/bmap-wx.js")) == "bmap-wx"
    assert vendored_file(Path("pages/map/bmap.js")) is None


def test_a_plugin_project_says_its_plugin_is_linted_on_its_own(tmp_path):
    from conftest import run_cli

    root = write_project(tmp_path / "plugin-project", {
        "project.config.json": json.dumps({"compileType": "plugin", "miniprogramRoot": "miniprogram/", "pluginRoot": "plugin/",
                                           "setting": UPLOAD_SETTING}),
        "miniprogram/app.json": json.dumps({"pages": ["pages/index/index"]}),
        "miniprogram/pages/index/index.js": "Page({})",
        "plugin/plugin.json": json.dumps({"pages": {"hello": "pages/hello/hello"}, "main": "index.js"}),
        "plugin/pages/hello/hello.js": "Page({ onLoad() { wx.getUserProfile({ desc: '资料' }) } })",
        "plugin/index.js": "module.exports = { info() { return wx.getUserInfo({}) } }",
    }, app_json={"pages": []})
    _, report = lint_json(root)
    assert report["findings"] == []
    assert [(s["path"], s["reason"]) for s in report["skipped"]] == [
        ("plugin", "a plugin's code (`pluginRoot`), not part of the mini-program: lint it on its own with `wxlint check plugin`")]
    code, out, _ = run_cli("check", "--format", "json", "--select", "getuserprofile-outside-tap,deprecated-getuserinfo", "plugin", cwd=root)
    assert sorted((f["path"], f["rule"]) for f in json.loads(out)["findings"]) == [
        ("plugin/index.js", "deprecated-getuserinfo"), ("plugin/pages/hello/hello.js", "getuserprofile-outside-tap")]


def test_taros_generated_base_template_is_not_the_apps_code(project):
    from conftest import lint_json

    # Come0520/L2C lints Taro's build output: base.wxml binds every button event to Taro's dispatcher
    base = ('<wxs module="xs" src="./utils.wxs" />\n<template name="taro_tmpl">\n'
            '  <template is="{{xs.a(0, item.nn, \'\')}}" data="{{i:item}}" wx:for="{{root.cn}}" wx:key="sid" />\n'
            '</template>\n<template name="tmpl_0_button">\n'
            '  <button open-type="{{i.openType}}" bindgetuserinfo="eh" bindtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}" />\n'
            '</template>\n')
    root = project({"pages/index/index.js": "Page({ eh() {} })", "base.wxml": base,
                    "pages/index/index.wxml": '<import src="../../base.wxml"/>\n<template is="taro_tmpl" data="{{root}}"/>'})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert report["findings"] == []
    # an app's own base.wxml is still linted where a page shows it
    own = project({"pages/index/index.js": "Page({ onInfo() {} })",
                   "pages/index/index.wxml": '<import src="../../base.wxml"/>\n<template is="card"/>',
                   "base.wxml": '<template name="card"><button open-type="getUserInfo" bindgetuserinfo="onInfo"/></template>\n'})
    _, report = lint_json(own, "--select", "deprecated-getuserinfo")
    assert {f["path"] for f in report["findings"]} == {"base.wxml"}  # its open-type and its binding


def test_a_small_one_line_sdk_is_a_minified_copy(tmp_path):
    # zaozao1040/xdd-ddc-miniprogram utils/mtj-wx-sdk.js (held out): Baidu's statistics SDK, one line of 7.8 KB
    from wxlint.discover import skip_reason
    bundle = tmp_path / "mtj-wx-sdk.js"
    body = ";".join(f"function f{i}(e){{return e.authSetting&&e.authSetting['scope.userInfo']?o.getUserInfo({{}}):g(e)}}"
                    for i in range(90))
    bundle.write_text(body, encoding="utf-8")
    assert 7_000 < len(body) < 9_000 and skip_reason(bundle) == "skip-minified"
    # the same code written out, a statement a line, is the project's own
    written = tmp_path / "stats.js"
    written.write_text(body.replace(";", ";\n"), encoding="utf-8")
    assert skip_reason(written) is None


def test_the_we7_runtime_of_a_w7_module_is_a_copied_library(project):
    # shiruiqiang/xiaochengxu_qianduan we7/ (held out): 微擎's runtime, its util.js logs in with wx.getUserInfo
    util = ("function getSign(e, t, n) { return r(c + (n = n || getApp().siteInfo.token)) }\n"
            "util.getUserInfo = function () { wx.getUserInfo({ withCredentials: true }) }\nmodule.exports = util\n")
    files = {"pages/index/index.js": "Page({})", "we7/resource/js/util.js": util}
    _, report = lint_json(project(files), "--select", "deprecated-getuserinfo")
    assert [s["path"] for s in report["skipped"]] == ["we7"] and report["findings"] == []
    # a project's own folder of that name without the runtime's settings is linted
    files["we7/resource/js/util.js"] = util.replace("getApp().siteInfo.token", "'k'")
    _, report = lint_json(project(files), "--select", "deprecated-getuserinfo")
    assert [f["path"] for f in report["findings"]] == ["we7/resource/js/util.js"]


def test_the_tencent_map_sdk_saved_under_another_name_is_a_copied_library(project):
    # 1052089558/car utils/qqmapsdk.js (held out): qqmap-wx-jssdk renamed; it calls wx.getLocation with no fail handler
    sdk = ("/**\n * 微信小程序JavaScriptSDK\n */\nvar BASE_URL = 'https://apis.map.qq.com/ws/';\n"
           "class QQMapWX {\n  locate() { wx.getLocation({ type: 'gcj02', success: (res) => this.done(res) }) }\n  done() {}\n}\n"
           "module.exports = QQMapWX\n")
    files = {"pages/index/index.js": "const QQMapWX = require('../../utils/qqmapsdk.js')\nPage({})\n",
             "utils/qqmapsdk.js": sdk}
    _, report = lint_json(project(files), "--select", "missing-opensetting")
    assert [s["path"] for s in report["skipped"]] == ["utils/qqmapsdk.js"] and report["findings"] == []
    # a project's own map helper of such a name is linted
    files["utils/qqmapsdk.js"] = sdk.replace("https://apis.map.qq.com/ws/", "https://shop.example.com/map/")
    _, report = lint_json(project(files), "--select", "missing-opensetting")
    assert report["skipped"] == []


def test_colorui_s_native_version_copied_as_mp_cu_is_a_copied_library(project):
    # iamxjb/winxin-app-watch-life.net mp-cu/ (held out): ColorUI 3 for mini-programs; its swiper opens articles with an
    # API of base library 3.4.8 and its main.js follows the system theme with one of 2.11.0
    main = ("import { CUStoreInit } from '/store/index'\nlet version = '3.3.1'\n"
            "export default class ColorUI { constructor() { wx.onThemeChange((res) => this.theme(res)) } theme() {} }\n")
    files = {"pages/index/index.js": "Page({})", "mp-cu/main.js": main,
             "mp-cu/colorUI/components/ui-swiper/ui-swiper.js":
                 "Component({ methods: { open(e) { wx.openOfficialAccountArticle({ url: e.currentTarget.dataset.url }) } } })\n"}
    _, report = lint_json(project(files), "--select", "missing-caniuse-fallback")
    assert [s["path"] for s in report["skipped"]] == ["mp-cu"] and report["findings"] == []
    # a project's own folder of that name is linted
    files["mp-cu/main.js"] = main.replace("CUStoreInit", "createStore")
    _, report = lint_json(project(files), "--select", "missing-caniuse-fallback", "--min-lib-version", "2.10.4")
    assert report["skipped"] == [] and {f["path"] for f in report["findings"]} == {"mp-cu/main.js"}


def test_a_bare_using_components_path_is_the_project_s_component_when_it_is_there(project):
    # the official demo's page/API/index.json names `components/set-tab-bar/set-tab-bar`, relative to the page; a
    # name with no such files is an npm package's component
    root = project({"pages/api/index.js": "Page({})", "pages/api/index.wxml": "<set-tab-bar/><van-button/>",
                    "pages/api/index.json": json.dumps({"usingComponents": {
                        "set-tab-bar": "components/set-tab-bar/set-tab-bar", "van-button": "@vant/weapp/button/index"}}),
                    "pages/api/components/set-tab-bar/set-tab-bar.js": "Component({})",
                    "pages/api/components/set-tab-bar/set-tab-bar.json": '{"component": true}'},
                   app_json={"pages": ["pages/api/index"]})
    [found] = discover([root], set(), None, False, [])
    page = found.units["pages/api/index"]
    assert page.components == {"set-tab-bar": "pages/api/components/set-tab-bar/set-tab-bar"}
    assert page.foreign_components == {"van-button": "@vant/weapp/button/index"}


def test_a_source_root_alias_in_using_components_and_an_alias_wxlint_cannot_resolve(project):
    # mojisrc/wechat-mini-shop src/ (held out): pages name `@/components/login/view/index`, the source root as webpack
    # and uni-app write it
    files = {"pages/user/index.js": "Page({})", "pages/user/index.wxml": "<login-view/>",
             "pages/user/index.json": json.dumps({"usingComponents": {"login-view": "@/components/login/view/index"}}),
             "components/login/view/index.js": "Component({})", "components/login/view/index.json": '{"component": true}'}
    [found] = discover([project(files, app_json={"pages": ["pages/user/index"]})], set(), None, False, [])
    assert found.units["pages/user/index"].components == {"login-view": "components/login/view/index"}
    assert found.unresolved_components == []
    # another build's alias (`~components/…`) names a component wxlint cannot find: said so, and no component is then
    # taken for one declared nowhere
    files["pages/user/index.json"] = json.dumps({"usingComponents": {"login-view": "~components/login/view/index"}})
    [found] = discover([project(files, app_json={"pages": ["pages/user/index"]})], set(), None, False, [])
    assert found.unresolved_components == ["~components/login/view/index"]


def test_a_page_with_a_script_and_its_typescript_source_is_read_from_the_source(project):
    # Akiratsutsucn/fapaiminiapp (held out): each page keeps tsc's .js beside its .ts. The .ts is what its developers
    # edit: the page's flows, its template's handlers and the findings are the .ts's, and the compiled .js is not a
    # second page (its template was once judged by the .js, a page no app.json lists, and said nothing).
    source = "Page({\n  data: { ready: false },\n  reload(): void { wx.getUserInfo() }\n})\n"
    compiled = "Page({\n  data: { ready: false },\n  reload() {\n    wx.getUserInfo()\n  }\n})\n"
    root = project({"project.config.json": json.dumps({"setting": UPLOAD_SETTING}),
                    "pages/mine/mine.ts": source, "pages/mine/mine.js": compiled,
                    "pages/mine/mine.wxml": '<button open-type="chooseAvatar" bindchooseavatar="reload">头像</button>\n'})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo,missing-caniuse-fallback")
    assert sorted((f["path"], f["line"], f["rule"]) for f in report["findings"]) == [
        ("pages/mine/mine.ts", 3, "deprecated-getuserinfo"), ("pages/mine/mine.wxml", 1, "missing-caniuse-fallback")]


def test_a_helper_compiled_beside_its_typescript_source_is_reported_once(project):
    # zhao-ping/wechat-miniprogram-ts-sass: every util keeps tsc's `.js` beside its `.ts`; the finding is the source's
    source = "const ready: boolean = true\nwx.getUserInfo({})\nexport const profile = (): boolean => ready\n"
    compiled = '"use strict";\nvar ready = true;\nwx.getUserInfo({});\nexports.profile = function () { return ready; };\n'
    page = "import { profile } from '../../utils/auth'\nPage({ onLoad() { profile() } })\n"
    root = project({"utils/auth.ts": source, "utils/auth.js": compiled, "pages/index/index.ts": page})
    _, report = lint_json(root, "--select", "deprecated-getuserinfo")
    assert [(f["path"], f["line"]) for f in report["findings"]] == [("utils/auth.ts", 2)]
