"""The generated API version table and its generator."""

from __future__ import annotations

import json
import subprocess
import sys

from wxlint.data_tables import load_data_table

from conftest import REPO

SAMPLE_DECLARATIONS = """
declare namespace WechatMiniprogram {
    interface Wx {
        /** [wx.getUserProfile(Object object)](https://developers.weixin.qq.com/miniprogram/dev/api/open-api/user-info/wx.getUserProfile.html)
*
* 需要基础库： `2.10.4`
*
* 在插件中使用：不支持 */
        getUserProfile(option: GetUserProfileOption): void
        /** [wx.login(Object object)](https://developers.weixin.qq.com/miniprogram/dev/api/open-api/login/wx.login.html)
*
* 在插件中使用：需要基础库 `2.3.1`
*/
        login(option?: LoginOption): void
        /** [Object wx.getAppBaseInfo()](https://developers.weixin.qq.com/miniprogram/dev/api/base/system/wx.getAppBaseInfo.html)
*
* 需要基础库： `2.20.1` */
        getAppBaseInfo(): AppBaseInfo
    }
    interface CameraContext {
        /** [CameraContext.setZoom(Object object)](https://developers.weixin.qq.com/miniprogram/dev/api/media/camera/CameraContext.setZoom.html)
         *
         * 需要基础库： `2.10.0`
         */
        setZoom(option: CameraContextSetZoomOption): void
    }
}
"""


def test_generator_reads_headers_versions_and_ignores_the_plugin_line(tmp_path):
    package = tmp_path / "package"
    (package / "types" / "wx").mkdir(parents=True)
    (package / "package.json").write_text('{"name": "miniprogram-api-typings", "version": "9.9.9"}', encoding="utf-8")
    (package / "types" / "wx" / "lib.wx.api.d.ts").write_text(SAMPLE_DECLARATIONS, encoding="utf-8")
    output = tmp_path / "out.json"
    result = subprocess.run([sys.executable, str(REPO / "tools" / "generate_api_versions.py"),
                             "--typings", str(package), "--output", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["source"]["version"] == "9.9.9"
    assert {name: entry["since"] for name, entry in data["apis"].items()} == {
        "getAppBaseInfo": "2.20.1", "getUserProfile": "2.10.4", "login": None}
    assert data["methods"]["CameraContext.setZoom"]["since"] == "2.10.0"


def test_committed_table_covers_the_documented_apis():
    data = load_data_table("api-versions")
    assert data["source"]["package"] == "miniprogram-api-typings" and data["source"]["version"] == "5.2.3"
    versioned = [name for name, entry in data["apis"].items() if entry["since"]]
    assert len(data["apis"]) >= 452 and len(versioned) >= 386
    assert data["apis"]["getUserProfile"]["since"] == "2.10.4"
    assert data["apis"]["getPrivacySetting"]["since"] == "2.32.3"
    assert data["apis"]["login"]["since"] is None
    assert all(entry["doc"].startswith("https://developers.weixin.qq.com/") for entry in data["apis"].values())


def test_component_table_cites_official_pages():
    table = load_data_table("component-versions")
    assert table["entries"]["button.open-type.chooseAvatar"]["since"] == "2.21.2"
    assert table["entries"]["input.type.nickname"]["since"] == "2.21.2"
    assert all(entry["doc"].startswith("https://developers.weixin.qq.com/") for entry in table["entries"].values())
