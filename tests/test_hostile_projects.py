"""Projects written to hurt: every one ends with located errors or clean skips, the other files linted,
and the exit code saying so — never a traceback, never a hang, never a file outside the project read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import run_cli

PAGE_JS = "Page({ onLoad() { wx.getUserInfo({ success: (res) => this.setData({ user: res.userInfo }) }) } })\n"
GOOD_FINDING = ("pages/index/index.js", "deprecated-getuserinfo")


def lint(root, *args):
    code, out, err = run_cli("check", "--format", "json", "--verbose", *args, ".", cwd=root)
    assert "Traceback" not in err, err
    return code, json.loads(out)


def summary(report):
    return sorted((f["path"], f["line"], f["column"], f["rule"], f["message_id"]) for f in report["findings"])


def skipped(report):
    return {s["path"]: s["reason"] for s in report.get("skipped", [])}


def test_pages_and_roots_that_escape_the_project(project, tmp_path):
    secret = tmp_path / "outside" / "secret.js"
    secret.parent.mkdir()
    secret.write_text("wx.getUserInfo()\n", encoding="utf-8")
    app = {"pages": ["pages/index/index", "../outside/secret", "/../../etc/passwd"],
           "subpackages": [{"root": "../outside", "pages": ["secret"]}, {"root": "pkg", "pages": ["../../outside/secret"]}]}
    root = project({"pages/index/index.js": PAGE_JS, "app.json": json.dumps(app, indent=1),
                    "project.config.json": '{"miniprogramRoot": "../outside"}'})
    code, report = lint(root)
    assert code == 1
    found = summary(report)
    assert ("pages/index/index.js", 1, 19, "deprecated-getuserinfo", "call") in found
    refused = [(path, line, column) for path, line, column, rule, message_id in found if message_id == "entry"]
    assert refused == [("app.json", 4, 3), ("app.json", 5, 3), ("app.json", 9, 12), ("app.json", 17, 5),
                       ("project.config.json", 1, 21)]
    assert not any("outside" in f["path"] for f in report["findings"] if f["message_id"] != "entry")
    message = next(f["message"] for f in report["findings"] if f["path"] == "project.config.json" and f["message_id"] == "entry")
    assert message == "`../outside` in `miniprogramRoot` points outside the project's folder: wxlint does not follow it"


def test_a_page_in_a_folder_linked_to_outside_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.js").write_text("wx.getUserInfo()\n", encoding="utf-8")
    root = project({"pages/index/index.js": PAGE_JS,
                    "app.json": '{"pages": ["pages/index/index", "pages/linked/secret", "pages/./index/index"]}'})
    (root / "pages" / "linked").symlink_to(outside)
    code, report = lint(root)
    assert code == 1
    assert summary(report) == [("app.json", 1, 33, "parse-error", "entry"),
                               ("pages/index/index.js", 1, 19, "deprecated-getuserinfo", "call")]


def test_links_loops_fifos_and_a_page_folder_that_is_a_file(project):
    root = project({"pages/index/index.js": PAGE_JS, "pages/blocked": "not a folder",
                    "app.json": '{"pages": ["pages/index/index", "pages/blocked/blocked"]}'})
    (root / "pages" / "loop").symlink_to(root / "pages")
    (root / "pages" / "self.js").symlink_to("self.js")
    (root / "pages" / "passwd.js").symlink_to("/etc/passwd")
    os.mkfifo(root / "pages" / "pipe.js")  # reading it would wait for ever
    code, report = lint(root)
    assert code == 1
    assert summary(report) == [("pages/index/index.js", 1, 19, "deprecated-getuserinfo", "call")]
    assert skipped(report) == {"pages/passwd.js": "a link to a file outside the project",
                               "pages/pipe.js": "not a regular file", "pages/self.js": "not a regular file"}


def test_files_too_large_too_deep_or_not_text(project):
    deep_js = "var x = " + "[\n" * 10_000 + "]\n" * 10_000
    deep_json = '{"usingComponents": ' + '{"a": ' * 10_000 + "1" + "}" * 10_001
    deep_wxml = "<view>\n" * 10_000 + "</view>\n" * 10_000
    root = project({
        "pages/index/index.js": PAGE_JS, "pages/index/index.json": deep_json,
        "pages/deep/deep.js": deep_js, "pages/deep/deep.wxml": deep_wxml,
        "utils/huge.js": "var a = 1;\n" * 5_000_000,  # 55 MB of hand-written-looking code
        "utils/oneline.js": "var a=1;" * 700_000,  # 5.6 MB on one line, not named .min.js
        "utils/nul.js": b"var a = '\x00\x00';\nwx.getUserInfo()\n",
        "utils/surrogate.js": b"var s = '\xed\xa0\x80'\n",  # an encoded lone surrogate
        "utils/mixed.js": "// 中文\n".encode("gbk") + "var a = '中文'\n".encode("utf-8"),
    }, {"pages": ["pages/index/index", "pages/deep/deep"]})
    code, report = lint(root)
    assert code == 1
    errors = {f["path"]: (f["line"], f["message"]) for f in report["findings"] if f["rule"] == "parse-error"}
    assert errors["pages/index/index.json"] == (1, "cannot lint this file: invalid JSON: nested too deeply")
    assert errors["pages/deep/deep.js"][1].endswith("nesting exceeds the parser resource limit")
    assert errors["utils/huge.js"] == (1, "cannot lint this file: it is 55.0 MB, more than the 5 MB wxlint reads")
    assert errors["utils/nul.js"] == (1, "cannot lint this file: not a text file (contains NUL bytes)")
    assert errors["utils/surrogate.js"][1].startswith("cannot lint this file: cannot decode")
    assert "utils/mixed.js" not in errors  # GBK and UTF-8 mixed decodes as GBK: garbled comments, linted code
    assert skipped(report) == {"utils/oneline.js": "minified bundle"}
    assert ("pages/index/index.js", 1, 19, "deprecated-getuserinfo", "call") in summary(report)


def test_a_file_with_a_few_broken_utf8_bytes_is_read_as_v8_reads_it(project):
    # 18ghwg/wechat-miniapp (held out): a tool dropped the last byte of each ✅ (E2 9C 85) in thirty files
    broken = "✅".encode()[:2]
    # (GB18030 would read it too, as nonsense: its pairs take in what follows a broken byte)
    js = ("// 首页\nPage({\n  onLoad() {\n    console.log('".encode() + broken + "加载完成')\n    wx.getUserInfo({})\n"
          "  },\n})\n".encode())
    garbled = "// ✅\nvar a = '".encode() + b"\xe2\x9c" * 40 + b"'\n"  # more broken than whole: no text to read
    root = project({"pages/index/index.js": js, "utils/garbled.js": garbled})
    code, report = lint(root)
    assert code == 1
    assert summary(report) == [("pages/index/index.js", 4, 18, "parse-error", "entry"),
                               ("pages/index/index.js", 5, 5, "deprecated-getuserinfo", "call"),
                               ("utils/garbled.js", 2, 10, "parse-error", "parse")]
    entry = next(f for f in report["findings"] if f["rule"] == "parse-error" and f["path"] == "pages/index/index.js")
    assert "broken byte sequences in the file: 1" in entry["message"]


def test_require_include_and_template_cycles(project):
    root = project({
        "pages/index/index.js": "const a = require('../../utils/a')\nPage({ onLoad() { a.start() }, onTap() { a.start() } })\n",
        "utils/a.js": "const b = require('./b')\nmodule.exports = { start() { b.run() }, again() { this.start() } }\n",
        "utils/b.js": "const a = require('./a')\nmodule.exports = { run() { a.again(); wx.getUserInfo() } }\n",
        "pages/index/index.wxml": '<import src="./t.wxml"/>\n<include src="./inc.wxml"/>\n<template is="rec"/>\n',
        "pages/index/inc.wxml": '<include src="./index.wxml"/>\n<include src="./inc.wxml"/>\n<view bindtap="onTap">x</view>\n',
        "pages/index/t.wxml": '<import src="./t.wxml"/>\n<template name="rec"><template is="rec"/></template>\n',
    })
    code, report = lint(root)
    assert code == 1
    assert summary(report) == [("utils/b.js", 2, 39, "deprecated-getuserinfo", "call")]


def test_thousands_of_subpackages(project):
    packages = [{"root": f"pkg{n}", "pages": ["pages/a/a"]} for n in range(3000)]
    files = {"pages/index/index.js": PAGE_JS, "pkg2999/pages/a/a.js": "Page({})\n"}
    code, report = lint(project(files, {"pages": ["pages/index/index"], "subpackages": packages}))
    assert code == 1 and summary(report) == [("pages/index/index.js", 1, 19, "deprecated-getuserinfo", "call")]


@pytest.mark.parametrize("config, problem", [
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nexclude: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
     "YAML aliases (*name) are not supported"),
    ("exclude: !!python/object/apply:os.system ['touch PWNED']\n", "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("rules: &r [*r]\n", "YAML aliases"),
    ("exclude: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested deeper than 32 levels"),  # refused at once, not in 35 s
    ("exclude:\n  " + "- " * 3000 + "x\n", "nested deeper than 32 levels"),
    ("rules:\n  ? [getuserprofile-outside-tap, phone-number-flow]\n  : error\n", "a key must be a plain name"),
    ('exclude: ["a\x08b"]\n', ".wxlint.yml:1:13: invalid YAML: the character U+0008 is not allowed"),
])
def test_hostile_configuration_files(project, config, problem):
    root = project({"pages/index/index.js": PAGE_JS, ".wxlint.yml": config})
    code, out, err = run_cli("check", ".", cwd=root)
    assert code == 2 and problem in err and "Traceback" not in err
    assert err.count("\n") == 1  # one line, naming the file
    assert not (root / "PWNED").exists()


def test_hostile_names_and_contents_reach_the_terminal_escaped(project):
    name = "pages/index/a\x1b[2J\x07.js"
    root = project({"pages/index/index.js": PAGE_JS, name: "wx.getUserInfo()\n",
                    "pages/index/index.wxml": '<button open-type="getPhoneNumber" bindgetphonenumber="on\x1b]0;owned\x07">x</button>\n'})
    (root / "pages" / "index" / os.fsdecode(b"bad\xff.js")).write_bytes(b"wx.getUserInfo()\n")
    for output_format in ("text", "github", "json", "sarif", "junit", "gitlab"):
        result = subprocess.run([sys.executable, "-m", "wxlint", "check", "--format", output_format, "."], cwd=root,
                                capture_output=True)
        assert result.returncode == 1, result.stderr
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout and b"Traceback" not in result.stderr
        text = result.stdout.decode("utf-8")  # valid UTF-8, whatever the file names were
        if output_format == "sarif":  # a URI: every byte that is not plain, percent-encoded
            assert "a%1B%5B2J%07.js" in text and "bad%FF.js" in text
        else:
            assert "a\\x1b[2J\\x07.js" in text or "a\\\\x1b[2J\\\\x07.js" in text, output_format
        if output_format in ("json", "sarif", "gitlab"):
            json.loads(text)
        if output_format == "junit":
            import xml.etree.ElementTree as ElementTree
            ElementTree.fromstring(text)


def test_a_file_that_parses_too_long_is_stopped_and_reported(tmp_path):
    from wxlint.parse.files import parse_bytes

    code = "".join(f"function f{n}(a) {{ return wx.getStorageSync('k' + a) }}\n" for n in range(20_000)).encode()
    parsed = parse_bytes(tmp_path / "slow.js", code, seconds_limit=0.05)
    assert parsed.js is None
    assert [(e.line, e.message) for e in parsed.errors] == [(1, "parsing took longer than 0.05 s and was stopped")]
    assert parse_bytes(tmp_path / "slow.js", code).js is not None
