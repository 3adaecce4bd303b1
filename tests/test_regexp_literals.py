"""Regular expression literals are judged as V8 judges them: Annex B syntax without the `u`/`v` flags, the
strict syntax with them. `data/regexp-literals.json` holds 681 literals with node 20's verdict (vm.Script);
an invalid one is a `parse-error` at the literal, never a failure that hides the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, lint_json, write_project
from wxlint.parse.files import parse_bytes

TABLE = json.loads((DATA / "regexp-literals.json").read_text(encoding="utf-8"))
LITERALS = TABLE["literals"]

# Where wxlint is more lenient than node 20 on purpose: ES2025 syntax newer than that V8 (duplicate named groups
# in alternatives, pattern modifiers), which WeChat's newer engines take. A parse error there would be a false alarm.
NEWER_THAN_NODE_20 = {
    "/(?<a>x)|(?<a>y)/", "/(?:(?<a>x)|(?<a>y))\\k<a>/", "/(?<a>x)|(?<a>y)/u", "/(?<y>\\d{4})-\\d\\d|\\d\\d-(?<y>\\d{4})/",
    "/(?i:a)/", "/(?m:^a)/", "/(?s:.)/", "/(?-i:a)/", "/(?i-s:a)/", "/(?ims:a)/", "/(?i:a)/u",
}
# Where esprima-fork follows the specification's early error and V8 does not: bounds past 2^53 that V8 clamps.
STRICTER_THAN_V8 = {"/a{99999999999999999999,99999999999999999998}/"}


def test_the_table_is_large_and_balanced():
    assert len(LITERALS) >= 200
    assert sum(entry["valid"] for entry in LITERALS) >= 100 and sum(not entry["valid"] for entry in LITERALS) >= 100


def _verdict(literal: str, suffix: str) -> tuple[bool, list]:
    # `var r = ` puts the literal at column 9; a leading `;` line makes no difference to V8's grammar here.
    parsed = parse_bytes(Path(f"regexp{suffix}"), f"var r = {literal};\nmodule.exports = r\n".encode("utf-8"))
    return not parsed.errors, parsed.errors


@pytest.mark.parametrize("suffix", [".js", ".ts"])
def test_every_literal_gets_v8s_verdict(suffix):
    disagreements = []
    for entry in LITERALS:
        literal = entry["literal"]
        valid, errors = _verdict(literal, suffix)
        expected = entry["valid"] if literal not in NEWER_THAN_NODE_20 | STRICTER_THAN_V8 else not entry["valid"]
        if valid != expected:
            disagreements.append((literal, entry["valid"], [e.message for e in errors]))
        elif not valid and suffix == ".js":
            [error] = errors
            assert error.internal is None, (literal, error.message)  # a finding about the file, not a failure of ours
            start = len("var r = ")
            if error.message.startswith("Invalid regular expression: /"):
                assert error.offset == start and error.message.startswith(f"Invalid regular expression: {literal}: ")
            else:  # unterminated (`missing /`) or an escape in the flags: where the scanner stopped, in the literal
                assert start <= error.offset <= start + len(literal), (literal, error.offset, error.message)
    assert disagreements == []


def test_an_invalid_literal_is_placed_at_its_start_and_worded_as_v8_words_it():
    _, [error] = _verdict("/a{1,2}+/", ".js")
    assert (error.offset, error.message) == (8, "Invalid regular expression: /a{1,2}+/: Nothing to repeat")


def test_one_invalid_regexp_costs_its_file_only(tmp_path):
    # The reproducer of issue #25: a copied showdown.js with `/a{1,2}+/` hid every finding of its project and
    # every output said clean. Now the file is a parse-error at the literal and the others are linted.
    root = write_project(tmp_path / "shop", {
        "lib/wxParse/showdown.js": "var converter = {};\nvar rule = /a{1,2}+/;\nmodule.exports = converter\n",
        "pages/index/index.js": "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n",
    })
    code, report = lint_json(root, "--no-cache")
    assert code == 1
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
        ("lib/wxParse/showdown.js", "parse-error", 2, 12),
        ("pages/index/index.js", "deprecated-getuserinfo", 3, 5)]
    assert report["summary"]["complete"] is True and report["summary"]["failed"] is True
