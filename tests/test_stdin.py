"""`wxlint check --stdin-filename PATH -`: an editor's unsaved buffer linted as that file of its project."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from conftest import SAMPLES

from wxlint.cli import main


def _check(root, *args, stdin: bytes):
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_standard_input_stands_for_the_file_with_the_project_as_context(tmp_path, monkeypatch):
    root = tmp_path / "member"
    shutil.copytree(SAMPLES / "member-2021", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    monkeypatch.chdir(root)
    saved = (root / "pages" / "settings" / "settings.js").read_bytes()
    buffer = b"Page({\n  onShow() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"
    code, out, _ = _check(root, "--stdin-filename", "pages/settings/settings.js", "-", stdin=buffer)
    report = json.loads(out)
    assert code == 1 and [(f["path"], f["line"], f["rule"]) for f in report["findings"]] == [
        ("pages/settings/settings.js", 3, "deprecated-getuserinfo")]
    assert (root / "pages" / "settings" / "settings.js").read_bytes() == saved  # nothing written
    # a file not saved yet: linted all the same
    code, out, _ = _check(root, "--stdin-filename", "pages/draft/draft.js", "-", stdin=b"wx.getUserInfo()\n")
    assert [f["path"] for f in json.loads(out)["findings"]] == ["pages/draft/draft.js"]


def test_standard_input_needs_its_file_name_and_cannot_be_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLES / "member-2021")
    code, _, err = _check(SAMPLES, "-", stdin=b"Page({})\n")
    assert code == 2 and "needs --stdin-filename" in err
    code, _, err = _check(SAMPLES, "--fix", "--stdin-filename", "pages/index/index.js", "-", stdin=b"Page({})\n")
    assert code == 2 and "standard input has none to write" in err
    code, _, err = _check(SAMPLES, "--stdin-filename", "pages/index/index.js", ".", stdin=b"")
    assert code == 2 and "give `-`" in err


def test_a_json_file_given_alone_reports_the_whole_project(tmp_path, monkeypatch):
    root = tmp_path / "notes"
    shutil.copytree(SAMPLES / "modern-notes", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    app_json = root / "miniprogram" / "app.json"
    app_json.write_text(app_json.read_text(encoding="utf-8").replace('"requiredPrivateInfos": ["getLocation"],', ""),
                        encoding="utf-8")
    monkeypatch.chdir(root)
    code, out, _ = _check(root, "miniprogram/app.json", stdin=b"")
    assert [(f["path"], f["rule"]) for f in json.loads(out)["findings"]] == [
        ("miniprogram/pages/nearby/nearby.ts", "location-undeclared")]
