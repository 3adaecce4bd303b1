"""`.wxlint.yml`: every error names file, line and key; CLI flags override the file."""

from __future__ import annotations

import pytest

from wxlint.config import ConfigError, load_config

from conftest import lint_json, run_cli, write_project

RULES = {"deprecated-getuserinfo", "parse-error"}


def _load(tmp_path, text):
    path = tmp_path / ".wxlint.yml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, RULES)


def test_full_configuration_loads(tmp_path):
    config = _load(tmp_path, (
        'min-lib-version: "2.10.0"\n'
        "rules:\n  deprecated-getuserinfo: error\n  parse-error: off\n"
        "exclude: ['dist/**']\nentry-pages: [pages/home/home]\nlogin-pages: ['pages/account/*']\nfail-on: error\n"))
    assert config.min_lib_version == "2.10.0"
    assert config.rules == {"deprecated-getuserinfo": "error", "parse-error": "off"}
    assert config.exclude == ("dist/**",) and config.entry_pages == ("pages/home/home",)
    assert config.login_pages == ("pages/account/*",) and config.fail_on == "error"


@pytest.mark.parametrize("text, expected", [
    ("min-lib-version: 2.10\n", r"\.wxlint\.yml:1: key 'min-lib-version': expected a version"),
    ("exclude: [a]\nmin-lib: '2.0.0'\n", r"\.wxlint\.yml:2: key 'min-lib': unknown key"),
    ("rules:\n  deprecated-getuserinfo: warn\n", r"\.wxlint\.yml:2: key 'rules\.deprecated-getuserinfo': expected one of off, info, warning, error"),
    ("rules:\n  no-such-rule: error\n", r"\.wxlint\.yml:2: key 'rules\.no-such-rule': unknown rule"),
    ("exclude: dist\n", r"\.wxlint\.yml:1: key 'exclude': expected a list of strings"),
    ("fail-on: fatal\n", r"\.wxlint\.yml:1: key 'fail-on': expected one of info, warning, error"),
    ("rules: [\n", r"\.wxlint\.yml:2:1: invalid YAML"),
    ("- a\n- b\n", r"\.wxlint\.yml:1: the configuration must be a mapping"),
])
def test_errors_name_file_line_and_key(tmp_path, text, expected):
    with pytest.raises(ConfigError, match=expected):
        _load(tmp_path, text)


def test_empty_file_is_the_default_configuration(tmp_path):
    assert _load(tmp_path, "").rules == {}


def test_config_error_exits_2_with_the_message(tmp_path):
    root = write_project(tmp_path / "app", {".wxlint.yml": "colour: red\n", "pages/index/index.js": "Page({})"})
    code, out, err = run_cli("check", ".", cwd=root)
    assert code == 2
    assert ".wxlint.yml:1: key 'colour': unknown key" in err
    assert "Traceback" not in err + out


def test_config_is_found_upward_from_the_project(tmp_path):
    (tmp_path / ".wxlint.yml").write_text("rules:\n  deprecated-getuserinfo: error\n", encoding="utf-8")
    root = write_project(tmp_path / "apps" / "shop", {"pages/index/index.js": "wx.getUserInfo()\n"})
    _, report = lint_json(root)
    assert [f["severity"] for f in report["findings"]] == ["error"]


def test_rule_levels_and_cli_overrides(tmp_path):
    root = write_project(tmp_path / "app", {
        ".wxlint.yml": "rules:\n  deprecated-getuserinfo: info\n", "pages/index/index.js": "wx.getUserInfo()\n"})
    code, report = lint_json(root)
    assert code == 0 and [f["severity"] for f in report["findings"]] == ["info"]  # info does not fail by default
    code, report = lint_json(root, "--fail-on", "info")
    assert code == 1
    code, report = lint_json(root, "--ignore", "deprecated-getuserinfo")
    assert code == 0 and report["findings"] == []
    (root / ".wxlint.yml").write_text("rules:\n  deprecated-getuserinfo: off\n", encoding="utf-8")
    code, report = lint_json(root)
    assert report["findings"] == []


def test_explicit_config_file_replaces_the_nearest_one(tmp_path):
    root = write_project(tmp_path / "app", {".wxlint.yml": "fail-on: error\n", "pages/index/index.js": "wx.getUserInfo()\n"})
    strict = tmp_path / "strict.yml"
    strict.write_text("fail-on: warning\n", encoding="utf-8")
    assert lint_json(root)[0] == 0
    assert lint_json(root, "--config", str(strict))[0] == 1
