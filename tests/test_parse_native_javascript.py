"""The native front end (tree-sitter turned into esprima's nodes) answers only with esprima's own tree.

Wherever it answers, rules cannot tell which parser read a file: same node types, fields, ranges in
UTF-16 units, comments. Where esprima refuses code, or reads it only as a script, it must not answer.
`python tools/compare_parsers.py FOLDER` runs the same comparison on any folder of real code.
"""

from __future__ import annotations

import sys

import pytest

from wxlint.parse.javascript import native_program, parse_js
from wxlint.parse.source import SourceError, SourceText, decode_bytes

from conftest import DATA, REPO, SAMPLES

sys.path.insert(0, str(REPO / "tools"))
from compare_parsers import esprima_tree, first_difference  # noqa: E402

# Valid code whose trees have been wrong once: esprima's quirks the converter reproduces.
SAME_TREE = [
    # esprima ends a statement without `;` at the next token when no line break comes first
    "Page({ onLoad() { wx.login() } })",
    "if (a) b()\nc\nif (a) b(); else c()\nwhile (x) y()\nz = 1  ",
    "x = 1 // trailing comment at the end of the file",
    "x = 1 /* c */ ",
    "Page({ m() { a() /* 😀😀 */ }, n() { b() // 😀\n } })\nx = 1 /* 😀 */",
    "/** doc */ function f() { /* inner */ return wx.getUserInfo() } // eslint-disable-line\n",
    # a `let` in a for loop's head takes its `;`, a `var` does not
    "for (let i = 0; i < 3; i++) {}\nfor (var j = 0, n; j < 1; j++) {}",
    # directives, in functions, methods and arrows
    "'use strict'; 'x'; a()\nPage({ m() { 'worklet'; run() }, n: () => { 'worklet' } })",
    # optional chains are wrapped whole, a parenthesis ends one
    "a?.b.c(); a?.[1]; f?.(); (a?.b).c; a.b?.c.d?.()",
    "f(a?.b).c; (a?.b)?.c; a?.b[c?.d]; x = a?.b.c(d?.e, () => g?.h); tag`${a?.b}`",
    "`x${y}\\n` + tag`q${1}`; /ab+c/gi.test(s)",
    "x = 0x1F + 1e3 + .5 + 1_000 + 0b11 + 0o7 + 1e400",
    "'\\u4e2d\\x41\\n\\t\\0\\'' + \"\\u{1F600}\" + 'line\\\ncontinued'",
    "async function f() { await g() }\nconst h = async (a) => a, k = async function () {}, m = x => x",
    "class A extends B { static s = 1; #p = 2; m() { super.m(); return #p in this } get g() { return 1 } "
    "static {} constructor(a = 1, ...r) {} }",
    "function* gen() { yield 1; yield* g; yield }\nfunction f() { new.target }\nimport.meta.url",
    "({a, b: c, ...d} = e); [x, , ...y] = z; let {p = 1, q: [r] = 2} = o",
    "label: for (;;) { break label; continue }\nfor (const k of o); for (k in o);",
    "try { a } catch { b } finally { c }\ntry {} catch (e) {}\nswitch (a) { case 1: b; default: }",
    "do x(); while (y)\nthrow new Error('x')\nnew A; new A(1)\nvoid 0, typeof a, delete a.b, !a, ++a, a--",
    "x += 1; x **= 2; x ||= 3; a ?? b; a && b || c",
    "export default {a: 1, b() {}, get c() { return 1 }, set c(v) {}, [d]: 2, 'e': 3, 4: 5, async f() {}, *g() {}}",
    "export const q = 1\nexport { q as r }\nexport * from 'm'\nimport x, { y as z, w } from 'm'\nimport * as ns from 'n'",
    "export default function () {};\nexport class K {}\ndebugger;",
    "import { default as d } from 'm'\nconst a = d\nexport { a as default }",
    "const s = '中文' /* 注释 */; wx.getUserInfo({ success: (res) => { this.setData({ name: '名字' }) } })",
    "const s = '😀😀' // astral before a comment\n/* 😀 */ let t = `${s}😀`; wx.login()",
    "await wx.login()  // top-level await, legal in a module",
    # no-break and ideographic spaces between tokens, and inside strings (kept in their values)
    "let a =\u00a0app.PH.isLive('\u00a0x')\u00a0?\u00a01\u00a0:\u3000`\u3000${b}`;\nif\u3000(a)\u3000{ c() }",
    "",
    "// only a comment\n",
    "x = 1;\r\ny = 2\r\n",
]

# Code esprima refuses, or reads only as a script (not as a module): the native front end leaves it.
LEFT_TO_ESPRIMA = [
    "Page({\n  a: 1,,\n})\n",
    "f(a,,b)",
    "f(a, /* gone */, b)",
    "x = {a: 1, /* gone */, b: 2}",
    "x = {,}",
    "let {a,,b} = c",
    "a?.b`x`",
    "var package = 1",
    "let let = 1",
    "with (o) { a }",
    "x = 010",
    "x = '\\012'",
    "delete x",
    "eval = 1",
    "arguments = []",
    "let x = 1 <!-- html-like comment",
    "let a = 1\nlet a = 2\n",
    "const o = { get a(x) { return x } }",
    "const x = {\n",
    "var s = 'unterminated\n",
    "function f() { 'use strict'; var interface = 1 }",
    "<view>{{ a }}</view>",
]


# Valid modules the converter does not build (rare forms, or where tree-sitter reads differently): esprima does.
NOT_BUILT = [
    "for (var i = 0; i < 3; i++) { _body: a.b }",  # a label in a block, which tree-sitter reads as an object
    "a  /*c\n*/ b",  # a comment holding a line break ends a statement; tree-sitter sees an error
    "x = 1n",
    "#!/usr/bin/env node\nx = 1",
    "var \\u0061 = 1",
    "x = `a\r\nb`",  # esprima turns the CR LF in a template's raw text into LF
    # `export` ending a line: tree-sitter reads it as a name and the declaration apart (zhao-ping/wechat-miniprogram-ts-sass)
    "export\nfunction getData() {}\nexport\nclass BasePage {}",
]


def _same_as_esprima(code: str) -> bool:
    native = native_program(code)
    assert native is not None, code
    expected = esprima_tree(code)
    assert expected is not None and expected.sourceType == "module", code
    difference = first_difference(native, expected)
    assert difference is None, (code, difference)
    return True


@pytest.mark.parametrize("code", SAME_TREE)
def test_the_native_tree_is_esprimas_tree(code):
    assert _same_as_esprima(code)


@pytest.mark.parametrize("code", LEFT_TO_ESPRIMA)
def test_code_esprima_refuses_or_reads_as_a_script_is_left_to_esprima(code):
    assert native_program(code) is None
    expected = esprima_tree(code)
    assert expected is None or expected.sourceType == "script"


@pytest.mark.parametrize("code", NOT_BUILT)
def test_forms_the_converter_does_not_build_are_left_to_esprima(code):
    assert native_program(code) is None
    assert esprima_tree(code).sourceType == "module"


def test_on_every_test_and_sample_file_the_native_tree_is_esprimas_or_none():
    files = sorted(DATA.rglob("*.js")) + sorted(SAMPLES.rglob("*.js"))
    answered = 0
    for path in files:
        code = decode_bytes(path.read_bytes())[0]
        native = native_program(code)
        if native is None:
            continue
        answered += 1
        expected = esprima_tree(code)
        assert expected is not None, path
        assert first_difference(native, expected) is None, (path, first_difference(native, expected))
    # the fast path is the usual one: most files, tricky ones included, are read natively
    assert answered >= 0.75 * len(files) and len(files) > 50


def test_positions_in_a_file_with_astral_characters_are_in_code_points():
    source = SourceText(path=None, text="const s = '😀'\nwx.getUserInfo()\n")
    tree = parse_js(source)
    call = tree.program.body[1].expression
    assert tree.span(call)[:2] == (2, 1)
    assert tree.text_of(call) == "wx.getUserInfo()"


def test_a_refused_module_still_gets_esprimas_script_tree_and_error_messages():
    sloppy = parse_js(SourceText(path=None, text="var package = 1\nwx.login()\n"))
    assert sloppy.source_type == "script"
    with pytest.raises(SourceError) as refused:
        parse_js(SourceText(path=None, text="Page({ a: 1,, })"))
    assert refused.value.message == "Unexpected token ,"
