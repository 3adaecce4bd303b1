"""The upload gate: the checks of WeChat's code quality scan (miniprogram-ci checkCodeQuality) as rules, on projects
laid out as DevTools uploads them, and their fixes."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from conftest import UPLOAD_SETTING, run_cli

from wxlint.rule_tester import rule_findings

DEVTOOLS = {"project.config.json": json.dumps({"appid": "wx6f0a1d3c5b7e9a21", "setting": UPLOAD_SETTING})}
MIB = 1024 * 1024


def app(**keys) -> str:
    return json.dumps({"pages": ["pages/index/index"], "lazyCodeLoading": "requiredComponents", **keys}, indent=2)


def shop(files: dict, **app_keys) -> dict:
    """A shop as DevTools keeps it: project.config.json, app.json and a home page, plus `files`."""
    return {**DEVTOOLS, "app.json": app(**app_keys), "pages/index/index.js": "Page({})\n",
            "pages/index/index.wxml": "<view>首页</view>\n", **files}


def found(rule: str, files: dict, tmp_path, **app_keys):
    return rule_findings(rule, shop(files, **app_keys), tmp_path / "shop")


def where(findings, root) -> list[tuple]:
    return sorted((f.path.relative_to(root.resolve()).as_posix(), f.line, f.column, f.message_id, f.severity)
                  for f in findings)


# -- package-size -------------------------------------------------------------------------------------------------

def test_every_package_is_held_to_the_scan_limit_and_the_upload_limit_is_an_error(tmp_path):
    files = {"images/banner.png": bytes(1_600_000),  # main package: over 1.5 MB
             "atlas/map/map.js": "Page({})\n", "atlas/tiles/city.png": bytes(1_580_000),  # a subpackage over 1.5 MB
             "video/intro/intro.js": "Page({})\n", "video/clips/intro.mp4": bytes(2_200_000),  # over 2 MB: refused
             "images/hero.webp": bytes(3_000_000),  # .webp is not counted by the scan
             "node_modules/lodash/lodash.js": "x" * 2_000_000,  # nor is node_modules
             "typings/wx.d.ts": "x" * 2_000_000}  # nor declarations
    subpackages = [{"root": "atlas", "pages": ["map/map"]}, {"root": "video/", "pages": ["intro/intro"]}]
    findings = found("package-size", files, tmp_path, subPackages=subpackages)
    assert where(findings, tmp_path / "shop") == [("app.json", 2, 3, "main-over-scan-limit", "warning"),
                                                   ("app.json", 8, 15, "subpackage-over-scan-limit", "warning"),
                                                   ("app.json", 14, 15, "package-over-upload-limit", "error")]
    main = next(f for f in findings if f.message_id == "main-over-scan-limit")
    assert "1.53 MB" in main.message and "`images/banner.png` (1.53 MB)" in main.message
    assert "`video/`" in findings[2].message and "`video/clips/intro.mp4`" in findings[2].message


def test_the_scan_limit_is_1_5_mebibytes_inclusive(tmp_path):
    project = shop({})
    used = sum(len(v.encode() if isinstance(v, str) else v) for v in project.values())
    exact = rule_findings("package-size", {**project, "images/a.png": bytes(1_572_864 - used)}, tmp_path / "exact")
    over = rule_findings("package-size", {**project, "images/a.png": bytes(1_572_864 - used + 1)}, tmp_path / "over")
    assert exact == [] and [f.message_id for f in over] == ["main-over-scan-limit"]


def test_unused_files_do_not_count_towards_the_upload_limit_unless_the_project_uploads_them(tmp_path):
    old_bundle = {"data/cities-2019.json": '{"city": "北京"}\n' * 120_000}  # 2.3 MB that nothing requires
    assert found("package-size", old_bundle, tmp_path / "default")[0].message_id == "main-over-scan-limit"
    kept = {**old_bundle, "project.config.json": json.dumps({"setting": {**UPLOAD_SETTING, "ignoreUploadUnusedFiles": False}})}
    assert found("package-size", kept, tmp_path / "kept")[0].message_id == "package-over-upload-limit"


def test_what_pack_options_leave_out_does_not_count_towards_the_upload_limit(tmp_path):
    videos = {"assets/Video/intro.mp4": bytes(2_300_000)}  # over 2 MB, but left out of the upload
    settings = {"setting": UPLOAD_SETTING, "packOptions": {"ignore": [
        {"type": "folder", "value": "assets/video"}, {"type": "regexp", "value": "(a+)+$"}]}}
    left_out = {**videos, "project.config.json": json.dumps(settings)}
    assert [f.message_id for f in found("package-size", left_out, tmp_path / "ignored")] == ["main-over-scan-limit"]
    assert [f.message_id for f in found("package-size", videos, tmp_path / "kept")] == ["package-over-upload-limit"]
    for rule in ({"type": "suffix", "value": ".MP4"}, {"type": "glob", "value": "assets/**/*.mp4"},
                 {"type": "file", "value": "assets/Video/intro.mp4"}, {"type": "prefix", "value": "intro"}):
        config = {**left_out, "project.config.json": json.dumps({"setting": UPLOAD_SETTING, "packOptions": {"ignore": [rule]}})}
        assert [f.message_id for f in found("package-size", config, tmp_path / rule["type"])] == ["main-over-scan-limit"]


# -- large-media --------------------------------------------------------------------------------------------------

def test_the_largest_images_and_audio_are_reported_until_the_rest_is_under_200_kb(tmp_path):
    media = {"images/banner.jpg": bytes(150_000), "audio/coin.mp3": bytes(40_000), "images/logo.png": bytes(30_000),
             "images/icon.svg": bytes(1_000), "images/photo.webp": bytes(500_000), "images/BIG.PNG": bytes(500_000)}
    findings = found("large-media", media, tmp_path)
    assert where(findings, tmp_path / "shop") == [("images/banner.jpg", 1, 1, "over-total", "warning")]
    assert "216 KB" in findings[0].message  # 221,000 bytes: .webp and upper-case endings are not counted


@pytest.mark.parametrize("total, reported", [(204_799, 0), (204_800, 1)])
def test_the_media_limit_is_200_kibibytes_exclusive(tmp_path, total, reported):
    findings = found("large-media", {"images/a.png": bytes(total - 100_000), "images/b.png": bytes(100_000)}, tmp_path)
    assert len(findings) == reported


# -- main-package-subpackage-only ----------------------------------------------------------------------------------

REPORT_PAGES = [{"root": "report", "pages": ["sales/sales"]}, {"root": "stock", "pages": ["list/list"]}]


def test_main_package_code_only_subpackages_use(tmp_path):
    files = {"report/sales/sales.js": "const chart = require('../../utils/chart.js')\nconst fmt = require('/utils/format')\nPage({})\n",
             "report/sales/sales.json": '{"usingComponents": {"kline": "/components/kline/kline"}}',
             "report/sales/sales.wxml": "<kline data=\"{{points}}\" />\n",
             "stock/list/list.js": "import chart from '../../utils/chart'\nPage({})\n",
             "utils/chart.js": "module.exports = { draw() {} }\n",
             "utils/format.js": "module.exports = (n) => n.toFixed(2)\n",
             "utils/money.js": "module.exports = 1\n",
             "pages/index/index.js": "const money = require('../../utils/money')\nPage({})\n",
             "components/kline/kline.json": '{"component": true}', "components/kline/kline.js": "Component({})\n",
             "components/kline/kline.wxml": "<canvas type=\"2d\" />\n"}
    findings = found("main-package-subpackage-only", files, tmp_path, subPackages=REPORT_PAGES)
    assert where(findings, tmp_path / "shop") == [("components/kline/kline.json", 1, 1, "component", "warning"),
                                                   ("utils/chart.js", 1, 1, "script", "warning"),
                                                   ("utils/format.js", 1, 1, "script", "warning")]
    chart = next(f for f in findings if f.path.name == "chart.js")
    assert "`report/`, `stock/`" in chart.message


def test_empty_files_alone_do_not_fail_the_scan(tmp_path):
    files = {"report/sales/sales.js": "require('../../utils/empty.js')\nPage({})\n", "utils/empty.js": ""}
    assert found("main-package-subpackage-only", files, tmp_path, subPackages=REPORT_PAGES[:1]) == []


# -- unused-component ---------------------------------------------------------------------------------------------

def _component(name: str) -> dict:
    return {f"components/{name}/{name}.json": '{"component": true}', f"components/{name}/{name}.js": "Component({})\n",
            f"components/{name}/{name}.wxml": "<view />\n"}


def test_a_component_is_used_by_its_tag_an_imported_template_a_generic_or_a_placeholder(tmp_path):
    using = {"goods-card": "/components/goods-card/goods-card", "coupon-card": "../../components/coupon-card/coupon-card",
             "sku-panel": "/components/sku-panel/sku-panel", "skeleton": "/components/skeleton/skeleton",
             "star-rating": "/components/star-rating/star-rating", "share-sheet": "/components/share-sheet/share-sheet"}
    files = {**{k: v for name in ("goods-card", "coupon-card", "sku-panel", "skeleton", "star-rating", "share-sheet")
                for k, v in _component(name).items()},
             "pages/index/index.json": json.dumps({"usingComponents": using,
                                                   "componentPlaceholder": {"sku-panel": "skeleton"}}, indent=2),
             "pages/index/index.wxml": ('<import src="list.wxml" />\n<template is="list" data="{{goods}}" />\n'
                                        '<sku-panel />\n<list-view generic:item="star-rating" />\n'
                                        '<!-- <coupon-card /> -->\n<view>share-sheet</view>\n'),
             "pages/index/list.wxml": '<template name="list"><goods-card wx:for="{{goods}}" wx:key="id" /></template>\n'}
    findings = found("unused-component", files, tmp_path)
    assert [(f.message_id, f.line) for f in findings] == [("unused", 4), ("unused", 8)]
    assert ["coupon-card" in findings[0].message, "share-sheet" in findings[1].message] == [True, True]


def test_a_component_app_json_declares_or_the_custom_tab_bar_is_used(tmp_path):
    files = {**_component("nav-bar"), "custom-tab-bar/index.json": '{"component": true}',
             "custom-tab-bar/index.js": "Component({})\n", "custom-tab-bar/index.wxml": "<view />\n"}
    assert found("unused-component", files, tmp_path, usingComponents={"nav-bar": "/components/nav-bar/nav-bar"},
                 tabBar={"custom": True, "list": [{"pagePath": "pages/index/index", "text": "首页"}]}) == []


# -- unused-plugin ------------------------------------------------------------------------------------------------

LIVE = {"version": "1.3.5", "provider": "wx2b03c6e691cd7370"}
MAP = {"version": "2.0.1", "provider": "wx50b5593e81dd937a"}


def test_plugins_used_by_require_plugin_or_a_global_component_are_used(tmp_path):
    files = {"pages/index/index.js": "const live = requirePlugin('live-player-plugin')\nPage({})\n"}
    assert found("unused-plugin", files, tmp_path / "a", plugins={"live-player-plugin": LIVE}) == []
    # the scan misses this use (app.json's own usingComponents): wxlint does not
    assert found("unused-plugin", {}, tmp_path / "b", plugins={"live-player-plugin": LIVE},
                 usingComponents={"subscribe": "plugin-private://wx2b03c6e691cd7370/components/subscribe/subscribe"}) == []


def test_a_subpackage_plugin_counts_only_its_own_uses(tmp_path):
    files = {"pages/index/index.js": "const map = requirePlugin('routePlan')\nPage({})\n", "nav/route/route.js": "Page({})\n"}
    findings = found("unused-plugin", files, tmp_path, subPackages=[{"root": "nav", "pages": ["route/route"],
                                                                      "plugins": {"routePlan": MAP}}])
    assert [(f.line, f.message_id) for f in findings] == [(13, "unused")] and "subpackage nav/" in findings[0].message


def test_a_computed_plugin_name_reports_no_plugin(tmp_path):
    files = {"pages/index/index.js": "const name = wx.getStorageSync('plugin')\nconst p = requirePlugin(name)\nPage({})\n"}
    assert found("unused-plugin", files, tmp_path, plugins={"live-player-plugin": LIVE}) == []


# -- unused-file --------------------------------------------------------------------------------------------------

def test_unused_files_are_reported_only_when_the_project_uploads_them(tmp_path):
    files = {"pages/index/index.wxml": '<include src="/templates/footer.wxml" />\n<wxs src="../../wxs/price.wxs" module="p" />\n',
             "pages/index/index.wxss": '@import "/styles/theme.wxss";\n/* @import "old.wxss"; */\n',
             "pages/index/index.js": "const api = require('/services/api')\nconst u = require('../../utils')\nPage({})\n",
             "templates/footer.wxml": "<view>©</view>\n", "wxs/price.wxs": "module.exports = { yuan: function (n) { return n / 100 } }\n",
             "styles/theme.wxss": "page { color: #333 }\n", "pages/index/old.wxss": "view {}\n",
             "services/api.js": "module.exports = {}\n", "utils/index.js": "module.exports = {}\n",
             "sitemap.json": '{"rules": []}', "pages/cart/cart.js": "Page({})\n"}
    uploaded = {**files, "project.config.json": json.dumps({"setting": {**UPLOAD_SETTING, "ignoreDevUnusedFiles": False}})}
    findings = found("unused-file", uploaded, tmp_path / "kept")
    assert where(findings, tmp_path / "kept" / "shop") == [("pages/cart/cart.js", 1, 1, "unused", "warning"),
                                                          ("pages/index/old.wxss", 1, 1, "unused", "warning")]
    assert "ignoreDevUnusedFiles" in findings[0].message
    assert found("unused-file", files, tmp_path / "default") == []


# -- which projects, and hostile ones ------------------------------------------------------------------------------

def test_only_a_project_devtools_uploads_is_held_to_the_gate(tmp_path):
    big = {"images/banner.png": bytes(1_700_000)}
    without_config = {k: v for k, v in shop(big).items() if k != "project.config.json"}
    assert rule_findings("package-size", without_config, tmp_path / "source") == []
    plugin = {**shop(big), "project.config.json": json.dumps({"compileType": "plugin", "setting": UPLOAD_SETTING})}
    assert rule_findings("package-size", plugin, tmp_path / "plugin") == []
    assert len(rule_findings("package-size", shop(big), tmp_path / "devtools")) == 1


def test_hostile_files_are_measured_never_read_and_links_out_are_not_counted(tmp_path):
    root = tmp_path / "shop"
    files = shop({"images/not-really.png": "<?php echo 'hi'; ?>\n"})
    rule_findings("large-media", files, root)
    with open(root / "images" / "huge.mp4", "wb") as stream:  # 500 MB, sparse: sized by the file system only
        stream.truncate(500 * MIB)
    os.mkfifo(root / "images" / "pipe.png")
    (tmp_path / "secret.json").write_text('{"token": "abc"}', encoding="utf-8")
    os.symlink(tmp_path / "secret.json", root / "config.json")
    os.symlink(root / "images", root / "images" / "loop")
    code, out, err = run_cli("check", "--no-cache", "--format", "json", ".", cwd=root)
    report = json.loads(out)
    assert code == 1 and report["summary"]["complete"] and "Traceback" not in err
    rules = {(f["path"], f["rule"], f["message_id"]) for f in report["findings"]}
    assert ("images/huge.mp4", "large-media", "over-total") in rules
    assert ("app.json", "package-size", "package-over-upload-limit") in rules
    assert ("config.json", "package-size", "link-outside") in rules
    assert not any("secret" in f["message"] or "token" in f["message"] for f in report["findings"])


def test_a_copied_script_tree_sitter_cannot_finish_in_time_costs_only_its_references(tmp_path, monkeypatch):
    import wxlint.parse.script_references as script_references

    monkeypatch.setattr(script_references, "PARSE_SECONDS_LIMIT", 0.01)
    files = {"pages/index/index.js": "const big = require('big')\nPage({})\n",
             "miniprogram_npm/big/index.js": "a + b;\n" * 600_000 + "require('./helper')\n",
             "miniprogram_npm/big/helper.js": "module.exports = 1\n"}
    started = time.monotonic()
    assert script_references.script_references(files["miniprogram_npm/big/index.js"].encode()) is None
    assert time.monotonic() - started < 1  # stopped inside tree-sitter, not after it
    found = rule_findings("package-size", shop(files), tmp_path / "shop")  # raises if the run was not complete
    assert [f.message_id for f in found] == ["package-over-upload-limit"]


# -- fixes --------------------------------------------------------------------------------------------------------

def _messy_project(root):
    """Files as people write them: tabs and CRLF, a GBK project.config.json, a key order of their own."""
    root.mkdir(parents=True)
    (root / "project.config.json").write_bytes(
        '{\r\n\t"description": "商城小程序",\r\n\t"setting": {\r\n\t\t"urlCheck": false,\r\n\t\t"minified": false\r\n\t},\r\n'
        '\t"appid": "wx6f0a1d3c5b7e9a21"\r\n}\r\n'.encode("gbk"))
    (root / "app.json").write_text('{\n    "pages": ["pages/index/index"],\n    "window": {"navigationBarTitleText": "商城"},\n'
                                   '    "plugins": {\n        "live-player-plugin": {"version": "1.3.5", "provider": "wx2b03c6e691cd7370"}\n'
                                   '    }\n}\n', encoding="utf-8")
    (root / "pages" / "index").mkdir(parents=True)
    (root / "pages" / "index" / "index.js").write_text("Page({})\n", encoding="utf-8")
    (root / "pages" / "index" / "index.wxml").write_text("<goods-card />\n", encoding="utf-8")
    (root / "pages" / "index" / "index.json").write_text(
        '{\n  "usingComponents": {\n    "goods-card": "/components/goods-card/goods-card",\n'
        '    "coupon-card": "/components/coupon-card/coupon-card"\n  }\n}\n', encoding="utf-8")
    for name in ("goods-card", "coupon-card"):
        for relative, text in _component(name).items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
    return root


FIXABLE = "minify-disabled,lazy-code-loading-off,unused-component,unused-plugin"


def test_fix_keeps_each_files_layout_and_encoding_and_a_second_run_has_nothing_left(tmp_path):
    root = _messy_project(tmp_path / "shop")
    before = {p: p.read_bytes() for p in root.rglob("*.json")}
    code, diff, err = run_cli("check", "--no-cache", "--diff", "--select", FIXABLE, ".", cwd=root)
    assert code == 1 and "-    \"coupon-card\"" in diff
    # every pass --fix would make, worked out in memory: the three settings, though two insert at the same place
    assert all(f'+\t\t"{key}": true' in diff for key in ("minified", "minifyWXML", "minifyWXSS"))
    assert "lazyCodeLoading" not in diff  # an unsafe fix: only with --unsafe-fixes
    assert {p: p.read_bytes() for p in root.rglob("*.json")} == before  # --diff writes nothing
    code, out, err = run_cli("check", "--no-cache", "--fix", "--select", FIXABLE, ".", cwd=root)
    assert code == 1 and "lazy-code-loading-off" in out and "minify-disabled" not in out
    config = (root / "project.config.json").read_bytes().decode("gbk")
    assert config == ('{\r\n\t"description": "商城小程序",\r\n\t"setting": {\r\n\t\t"urlCheck": false,\r\n\t\t"minified": true,\r\n'
                      '\t\t"minifyWXML": true,\r\n\t\t"minifyWXSS": true\r\n\t},\r\n\t"appid": "wx6f0a1d3c5b7e9a21"\r\n}\r\n')
    assert json.loads((root / "pages/index/index.json").read_text(encoding="utf-8")) == {
        "usingComponents": {"goods-card": "/components/goods-card/goods-card"}}
    assert '"plugins"' in (root / "app.json").read_text(encoding="utf-8") and "live-player-plugin" not in (root / "app.json").read_text(encoding="utf-8")
    code, out, err = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "--select", FIXABLE, ".", cwd=root)
    assert code == 0 and '    "lazyCodeLoading": "requiredComponents"\n}' in (root / "app.json").read_text(encoding="utf-8")
    code, out, _ = run_cli("check", "--no-cache", "--select", FIXABLE, ".", cwd=root)
    assert code == 0


def test_a_fix_is_never_written_through_a_link(tmp_path):
    root = _messy_project(tmp_path / "shop")
    elsewhere = tmp_path / "shared-settings.json"
    shutil.move(root / "project.config.json", elsewhere)
    os.symlink(elsewhere, root / "project.config.json")
    before = elsewhere.read_bytes()
    code, out, err = run_cli("check", "--no-cache", "--fix", "--select", "minify-disabled", ".", cwd=root)
    assert elsewhere.read_bytes() == before and (root / "project.config.json").is_symlink()


def test_fixes_travel_in_json_sarif_and_the_result_cache(tmp_path):
    root = _messy_project(tmp_path / "shop")
    _, cold, _ = run_cli("check", "--format", "json", "--select", "unused-component", ".", cwd=root)
    _, warm, _ = run_cli("check", "--format", "json", "--select", "unused-component", ".", cwd=root)
    assert json.loads(cold)["findings"] == json.loads(warm)["findings"]
    [finding] = json.loads(warm)["findings"]
    assert finding["fix"]["safe"] is True and finding["fix"]["edits"] == [
        {"path": "pages/index/index.json", "line": 3, "column": 54, "end_line": 4, "end_column": 57, "text": "",
         "offset": finding["fix"]["edits"][0]["offset"], "end_offset": finding["fix"]["edits"][0]["end_offset"]}]
    _, sarif, _ = run_cli("check", "--no-cache", "--format", "sarif", "--select", "unused-component", ".", cwd=root)
    [result] = json.loads(sarif)["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "pages/index/index.json"
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 54, "endLine": 4, "endColumn": 57},
                                       "insertedContent": {"text": ""}}]
