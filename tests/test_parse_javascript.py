"""JavaScript parsing: the tricky cases, positions in code points, decoding, errors."""

from __future__ import annotations

import pytest

from wxlint.model.javascript import JsModule
from wxlint.parse.files import parse_file
from wxlint.parse.javascript import parse_js, walk
from wxlint.parse.source import SourceError, SourceText, decode_bytes

from conftest import DATA, SAMPLES

TRICKY_JS = sorted((DATA / "tricky-js").glob("*.js"))
# Cases that are not valid JavaScript: the right answer is a precise error.
INVALID_JS = {"optional_chain_template.js": ("Optional chains cannot be tagged templates", (1, 5))}


@pytest.mark.parametrize("path", TRICKY_JS, ids=lambda p: p.name)
def test_every_tricky_case_parses_or_fails_as_the_spec_says(path):
    parsed = parse_file(path)
    if path.name in INVALID_JS:
        [error] = parsed.errors
        message, place = INVALID_JS[path.name]
        assert error.message == message
        assert parsed.source.position(error.offset) == place
        return
    assert parsed.errors == []
    assert parsed.js is not None
    JsModule(parsed.js)  # scopes build without error


def _first(tree, kind, predicate=lambda n: True):
    return next(n for n in walk(tree.program) if n.type == kind and predicate(n))


def test_astral_characters_do_not_shift_columns(tmp_path):
    # Each emoji is two UTF-16 units for esprima but one character for editors and SARIF.
    tree = parse_file(DATA / "tricky-js" / "astral_positions.js").js
    member = _first(tree, "MemberExpression")
    line, column, _, end_column = tree.span(member)
    assert (line, column) == (1, 31)  # 33 in UTF-16 units
    assert tree.text_of(member) == "wx.getUserInfo"
    assert end_column == 45


def test_crlf_file_keeps_lines_and_columns(tmp_path):
    path = tmp_path / "crlf.js"
    path.write_bytes(b"Page({\r\n  onLoad() {\r\n    wx.getUserInfo()\r\n  }\r\n})\r\n")
    tree = parse_file(path).js
    member = _first(tree, "MemberExpression")
    assert tree.span(member)[:2] == (3, 5)
    assert tree.text_of(member) == "wx.getUserInfo"


def test_lone_cr_counts_as_a_line_break():
    source = SourceText(path=None, text="a\rb\r\nc\nd")
    assert [source.position(i) for i in (0, 2, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert source.line_text(2) == "b"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings_decode_to_the_same_text(encoding):
    text = "// 获取用户信息\nwx.getUserInfo()\n"
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


def test_binary_file_is_a_source_error():
    with pytest.raises(SourceError, match="not a text file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_syntax_error_carries_the_position(tmp_path):
    path = tmp_path / "broken.js"
    path.write_text("Page({\n  onLoad() {\n    wx.request({ url: 'x'\n  }\n})\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.js is None
    [error] = parsed.errors
    line, column = parsed.source.position(error.offset)
    # The object literal closes on line 4; the `}` on line 5 should have been `)`.
    assert (line, column) == (5, 1)
    assert error.message == "Unexpected token }"


def test_sloppy_script_falls_back_from_module():
    # `with` and legacy octals are errors in a module but fine in a script.
    source = SourceText(path=None, text="with (obj) { x = 010 }")
    assert parse_js(source).source_type == "script"


def test_module_syntax_parses_as_module():
    source = SourceText(path=None, text="import a from './a'\nexport default a")
    assert parse_js(source).source_type == "module"


def test_scopes_tell_local_wx_from_global_wx():
    source = SourceText(path=None, text=(
        "function f(wx) { wx.getUserInfo() }\n"
        "wx.getUserInfo()\n"
        "const api = wx; api.getUserInfo()\n"
        "let moving = wx; moving = other; moving.getUserInfo()\n"
    ))
    module = JsModule(parse_js(source))
    calls = [module.tree.span(use.node)[:2] for use in module.wx_calls("getUserInfo")]
    assert calls == [(2, 1), (3, 17)]


# esprima's private node positions, which wxlint's parser leaves out (they only place validation errors)
POSITION_PRIVATES = frozenset({"_start", "_end", "_line", "_column"})


def _shape(value, leave_out=frozenset()):
    """A parsed tree as plain data, every attribute but `leave_out` included, for comparing two parsers' output."""
    from esprima.objects import Object

    if isinstance(value, Object):
        return (type(value).__name__, {name: _shape(item, leave_out) for name, item in value.__dict__.items()
                                       if name not in leave_out})
    if isinstance(value, (list, tuple)):  # wxlint's ranges are tuples, esprima's lists
        return [_shape(item, leave_out) for item in value]
    return value


def _esprima_facade(code: str, source_type: str):
    import esprima

    parse = esprima.parseModule if source_type == "module" else esprima.parseScript
    try:
        program = parse(code, {"range": True, "comment": True})
    except esprima.Error as error:
        return ("error", error.index, str(error.message))
    except AssertionError as error:  # esprima-fork asserts on `${}`
        return ("assertion", str(error))
    return _shape(program, POSITION_PRIVATES)


def _comment_keeping_parser(code: str, source_type: str):
    import esprima

    from wxlint.parse.javascript import _parse_program

    try:
        program = _parse_program(code, source_type)
    except esprima.Error as error:
        return ("error", error.index, str(error.message))
    except AssertionError as error:  # esprima-fork asserts on `${}`
        return ("assertion", str(error))
    assert not any(POSITION_PRIVATES & node.__dict__.keys() for node in walk(program))
    return _shape(program, frozenset({"_parent"}))  # the scopes' place, made with the node (see `_rebuild_node`)


SAME_AS_FACADE = [
    "#!/usr/bin/env node\n// 说明\nconst a = 1 /* 块 */ + 2\n",
    "/** 登录 */\nPage({ /* inner */ onLoad() { wx.login() // tail\n } })\n",
    "const s = '😀😀' // astral before a comment\n/* 😀 */ let t = `${s}`\n",
    "let x = 1 <!-- html-like comment in a script\n",
    "function f() { return /re/.test('a') } /* unterminated",
    "await 1; // top-level await is a module\n",
    "var package = 1 // a script only\n",
    "const {a, ...b} = c; label: for (;;) { break label }\n",
    # errors found by esprima's validator after parsing: placed by the positions wxlint's trees leave out
    "let 中 = 1; const 中 = 2 // 😀\n",
    "a => { let b; var b }\n",
    "export { undefinedName }\n",
]


@pytest.mark.parametrize("source_type", ["module", "script"])
def test_the_comment_keeping_parser_gives_the_facade_trees_comments_and_errors(source_type):
    """wxlint parses through its own esprima Parser subclass for speed; on every JS file of the test
    data and sample projects, and on edge cases, it must give exactly what `esprima.parse` gives."""
    files = sorted(DATA.rglob("*.js")) + sorted(DATA.rglob("*.wxs")) + sorted(SAMPLES.rglob("*.js"))
    # regular expression literals are judged as V8 judges them, not as esprima does (test_regexp_literals.py)
    files = [path for path in files if "regexp" not in path.name]
    codes = [decode_bytes(path.read_bytes())[0] for path in files] + SAME_AS_FACADE
    assert len(codes) > 60
    outcomes = set()
    for code in codes:
        expected = _esprima_facade(code, source_type)
        assert _comment_keeping_parser(code, source_type) == expected, code[:200]
        outcomes.add(expected[0] == "error")
    assert outcomes == {True, False}  # both trees and errors were compared


@pytest.mark.parametrize("module_first", [True, False])
def test_a_return_at_the_top_level_of_a_file_is_legal_in_a_mini_program(module_first):
    # WeChat wraps each file in a function; real code returns early from a module (weimenjin's webuploader)
    code = "const plugin = requirePlugin('x')\nif (!plugin) {\n  return\n}\nwx.getUserInfo({})\nreturn;\n"
    module = JsModule(parse_js(SourceText(path=None, text=code), module_first=module_first))
    assert [module.tree.span(use.node)[:2] for use in module.wx_calls("getUserInfo")] == [(5, 1)]
    # still an error where a statement cannot be
    with pytest.raises(SourceError):
        parse_js(SourceText(path=None, text="const x = return 1\n"), module_first=module_first)


def test_the_parsers_messages_are_said_in_the_run_language(project):
    from conftest import lint_json

    root = project({"pages/index/index.js": "Page({\n  a: 1,,\n})\n", "pages/index/b.js": "let a = 1\nlet a = 2\n",
                    "pages/index/c.js": "const x = {\n", "pages/index/d.js": "var s = 'unterminated\n",
                    "pages/index/e.js": "const o = { get a(x) { return x } }\n"})
    _, english = lint_json(root, "--select", "parse-error")
    _, chinese = lint_json(root, "--select", "parse-error", "--lang", "zh")
    assert [(f["path"], f["message"]) for f in english["findings"]] == [
        ("pages/index/b.js", "cannot lint this file: Identifier 'a' has already been declared"),
        ("pages/index/c.js", "cannot lint this file: Unexpected end of input"),
        ("pages/index/d.js", "cannot lint this file: Unexpected token ILLEGAL"),
        ("pages/index/e.js", "cannot lint this file: Getter must not have any formal parameters"),
        ("pages/index/index.js", "cannot lint this file: Unexpected token ,")]
    assert [f["message"] for f in chinese["findings"]] == [
        "无法检查此文件：标识符 'a' 已被声明过", "无法检查此文件：代码意外结束",
        "无法检查此文件：无效或意外的字符（如未闭合的字符串）",
        "无法检查此文件：Getter must not have any formal parameters",  # no translation: as the parser says it
        "无法检查此文件：意外的符号 ,"]


def test_a_redeclaration_is_placed_at_the_later_declaration():
    # esprima's validator names the first `var` (real files: a `let` added below old `var`s); engines and
    # users point at the later declaration
    code = "var a = 1\nvar b = 2\nvar a = 1;\nlet a = 3\n"
    with pytest.raises(SourceError) as raised:
        parse_js(SourceText(path=None, text=code))
    assert raised.value.offset == code.index("let a") + 4
    code = "let q = 1\nvar q = 2\n"
    with pytest.raises(SourceError) as raised:
        parse_js(SourceText(path=None, text=code))
    assert raised.value.offset == code.index("var q") + 4


def test_children_of_a_class_field_are_walked_whichever_field_came_first(monkeypatch):
    # a field without an initialiser (`name;`, value None) seen first once hid every later field's value
    # from every walk of the process: found on a run over many projects (a TypeScript page's `data = {…}`)
    import wxlint.parse.javascript as javascript

    monkeypatch.setattr(javascript, "_CHILD_KEYS", {})
    tree = parse_js(SourceText(path=None, text="class P { name; data = { ok: wx.getUserInfo() } }\n"))
    calls = [node for node in walk(tree.program) if node.type == "CallExpression"]
    assert [tree.text_of(call) for call in calls] == ["wx.getUserInfo()"]
