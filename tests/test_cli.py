"""The command line: exit codes, formats, languages, and bad input that never crashes."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, lint_json, run_cli, write_project

PAGE_JS = "Page({\n  onShow() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"


def test_mixed_project_with_bad_files_reports_them_and_lints_the_rest(tmp_path):
    gbk_util = "// 获取用户信息（GBK 编码）\nmodule.exports = () => wx.getUserInfo()\n".encode("gbk")
    root = write_project(tmp_path / "app", {
        "app.json": json.dumps({"pages": ["pages/index/index", "pages/ts/ts", "pages/broken/broken"]}),
        "pages/index/index.js": PAGE_JS,
        "pages/index/index.wxml": '<view class=foo><button disabled="{{a<b}}"open-type="getUserInfo">登录</view>\n',
        "pages/ts/ts.ts": "interface D { n: number }\nPage<D, {}>({\n  onShow(): void {\n    (wx as any).getUserInfo()\n  }\n})\n",
        "pages/broken/broken.js": "Page({\n  onLoad() {\n    wx.getUserInfo({\n  }\n",
        "utils/user.js": gbk_util,
        "images/logo.js": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
    })
    code, report = lint_json(root)
    assert code == 1
    found = sorted((f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"])
    assert found == [
        ("deprecated-getuserinfo", "pages/index/index.js", 3, 5),
        ("deprecated-getuserinfo", "pages/index/index.wxml", 1, 43),
        ("deprecated-getuserinfo", "pages/ts/ts.ts", 4, 5),
        ("deprecated-getuserinfo", "utils/user.js", 2, 24),
        ("parse-error", "images/logo.js", 1, 1),
        ("parse-error", "pages/broken/broken.js", 5, 1),
    ]
    messages = {f["path"]: f["message"] for f in report["findings"] if f["rule"] == "parse-error"}
    assert messages["images/logo.js"] == "cannot lint this file: not a text file (contains NUL bytes)"
    assert messages["pages/broken/broken.js"] == "cannot lint this file: Unexpected end of input"


def test_ts_cast_of_wx_is_still_wx(tmp_path):
    # `(wx as any).getUserInfo()`: after stripping, `(wx       ).getUserInfo()`.
    root = write_project(tmp_path / "app", {"pages/ts/ts.ts": "Page({ onTap() { (wx as any).getUserInfo() } })\n",
                                                  "pages/ts/ts.wxml": '<button bindtap="onTap">资料</button>\n'})
    _, report = lint_json(root)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(1, 18)]


def test_exit_codes(tmp_path):
    clean = write_project(tmp_path / "clean", {"pages/index/index.js": "Page({})\n"})
    dirty = write_project(tmp_path / "dirty", {"pages/index/index.js": PAGE_JS})
    assert run_cli("check", str(clean))[0] == 0
    assert run_cli("check", str(dirty))[0] == 1
    assert run_cli("check", "--exit-zero", str(dirty))[0] == 0
    assert run_cli("check", "--select", "no-such-rule", str(dirty))[0] == 2
    assert run_cli("check", "--min-lib-version", "2.x", str(dirty))[0] == 2
    assert run_cli("check", str(tmp_path / "missing"))[0] == 2


def test_text_output_format(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    code, out, _ = run_cli("check", ".", cwd=root)
    lines = out.splitlines()
    assert lines[0].startswith("pages/index/index.js:3:5: warning deprecated-getuserinfo `wx.getUserInfo` returns anonymous data")
    assert lines[-1] == ("✖ 1 problem (0 errors, 1 warning, 0 info) · 1 file checked, "
                         "min base library 2.10.4 (default; set min-lib-version)")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_quiet_and_verbose(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS, "libs/x.min.js": "a()"})
    _, quiet, _ = run_cli("check", "--quiet", ".", cwd=root)
    assert quiet.splitlines() == [quiet.splitlines()[0]] and "problem" not in quiet
    _, normal, _ = run_cli("check", ".", cwd=root)
    assert "1 skipped (use --verbose to list them)" in normal
    _, verbose, _ = run_cli("check", "--verbose", ".", cwd=root)
    assert "skipped libs/x.min.js: minified bundle" in verbose


def test_chinese_output(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    _, out, _ = run_cli("check", "--lang", "zh", ".", cwd=root)
    assert "自 2021-04-28 起 `wx.getUserInfo` 只返回匿名数据" in out
    assert "1 个问题" in out


def test_output_file_and_json_contract(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    code, out, _ = run_cli("check", "--format", "json", "--output", "report.json", ".", cwd=root)
    assert code == 1 and out == ""
    report = json.loads((root / "report.json").read_text(encoding="utf-8"))
    assert set(report) == {"version", "findings", "skipped", "notes", "summary"}
    [finding] = report["findings"]
    assert set(finding) == {"rule", "severity", "path", "line", "column", "end_line", "end_column",
                            "message", "message_id", "trace", "fingerprint", "suppressed", "fix"}
    assert (finding["end_line"], finding["end_column"]) == (3, 19)
    assert report["summary"]["warnings"] == 1 and report["summary"]["failed"] is True


def test_fingerprints_survive_unrelated_edits(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    _, before = lint_json(root)
    (root / "pages/index/index.js").write_text("// a new comment\n\n" + PAGE_JS.replace("onLoad()", "onLoad(query)"), encoding="utf-8")
    _, after = lint_json(root)
    assert before["findings"][0]["line"] != after["findings"][0]["line"]
    assert before["findings"][0]["fingerprint"] == after["findings"][0]["fingerprint"]


def test_rules_and_explain(tmp_path):
    code, out, _ = run_cli("rules", "--lang", "en")
    assert code == 0
    assert any(line.startswith("deprecated-getuserinfo") and "warning" in line for line in out.splitlines())
    code, out, _ = run_cli("explain", "deprecated-getuserinfo", "--lang", "zh")
    assert code == 0 and "## 修复方法" in out and "open-type=\"chooseAvatar\"" in out
    code, _, err = run_cli("explain", "no-such-rule")
    assert code == 2 and "unknown rule" in err


def test_python_dash_m_entry_point(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": PAGE_JS})
    result = subprocess.run([sys.executable, "-m", "wxlint", "check", "--format", "json", str(root)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["warnings"] == 1
