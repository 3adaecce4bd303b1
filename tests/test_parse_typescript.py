"""TypeScript: types blanked in place, every position kept, runtime code kept."""

from __future__ import annotations

import pytest

from wxlint.model.javascript import JsModule
from wxlint.parse.javascript import parse_js, walk
from wxlint.parse.source import SourceText
from wxlint.parse.typescript import strip_types

CASES = {
    "annotations": ("let a: number = 1; function f(x?: string, ...r: string[]): void {}", "let a         = 1;"),
    "interface and type alias": ("interface I { a: string }\ntype T = string | number;\nconst x = 1", "const x = 1"),
    "as, satisfies and non-null": ("const v = (x as any).y!; const s = o satisfies T;", "const v = (x"),
    "generic call and arrow": ("const u = f<string>(1); const g = <T,>(a: T): T => a;", "const u = f"),
    "type-only imports and exports": ("import type { A } from './a';\nimport { type B, C } from './c';\nexport type { D };", "import {"),
    "decorators and class modifiers": (
        "@wxComponent() class K<T> extends Base<T> implements I {\n"
        "  private readonly x!: number = 1\n  public m?(a?: string): void {}\n"
        "  constructor(private p: number) { super() }\n  declare y: string\n}", "class K"),
    "this parameter and overloads": ("function over(this: Window, a: string): void;\nfunction over(this: Window, a: any) {}", "function over("),
    "abstract class": ("abstract class Q { abstract z(): void; abstract w: number }", "class Q"),
    "ambient declarations": ("declare const wxx: any;\ndeclare module 'm' { }\nlet q!: number;", "let q"),
    "import require": ("import fs = require('fs');", "const  fs = require('fs');"),
    # Valid TypeScript that used to leave a dangling `export` or a type in an export list.
    "exported interface then function": ("export interface A { x: number }\nexport function f() { return 1 }", "export function f()"),
    "exported type alias": ("export type T = { a: string }\nexport const x = 1", "export const x = 1"),
    "export default interface": ("export default interface X { a: 1 }\nconst y = 1", "const y = 1"),
    "exported ambient function": ("export declare function g(): void\nexport const h = 1", "export const h = 1"),
    "type-only names in an export list": ("interface Name {}\nconst v = 1\nexport { Name, v }\nexport { Name as N }", "export {       v }"),
    "export equals": ("const api = {}\nexport = api", "api"),
    # from real projects: an object, a function or a class after `export =`, an exported namespace
    "export equals an object": ("export = {\n  a: 1,\n  b: () => wx.login(),\n}", "{\n  a: 1,"),
    "export equals a function or a class": ("export = function () {}\n", "function () {}"),
    "exported namespace": ("const r = 1\nexport namespace routing {\n  export function home() { return '/' }\n}\n", "const r = 1"),
    # `export` ending a line, the declaration on the next (zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts): tree-sitter
    # read the `export` as a name of its own, so the interface went and the `export` stayed
    "export on a line of its own": ("export\ninterface I { a: string }\nexport\nclass B implements I { a = '' }\n"
                                    "export\nfunction f(x: number) {}", "export\nclass B"),
    "string enum": ("enum Color { Red = 'RED', Green = 'GREEN' }\nconsole.log(Color.Red)", "console.log(Color.Red)"),
    "as a qualified type": ("const x = y as A.B.C\nconst z = (w as any).q", "const z = (w"),
    "namespaces, tuples, conditional and mapped types": (
        "namespace N { export const a = 1 }\ntype P<T> = { [K in keyof T]?: T[K] }\ntype C<X> = X extends string ? 'a' : [a: X]\nlet v = 2",
        "let v = 2"),
}


@pytest.mark.parametrize("name", CASES)
def test_stripped_code_parses_and_keeps_length(name):
    source_text, expected_fragment = CASES[name]
    stripped = strip_types(source_text)
    assert len(stripped) == len(source_text)
    assert stripped.count("\n") == source_text.count("\n")
    assert expected_fragment in stripped
    parse_js(SourceText(path=None, text=source_text), text=stripped)


def test_an_export_ending_a_line_exports_what_follows():
    # zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts: `export` on a line of its own before each declaration
    code = "export\ninterface I { a: string }\nexport\nclass BasePage implements I { a = '' }\nexport\nfunction getData(u: string) {}\n"
    tree = parse_js(SourceText(path=None, text=code), text=strip_types(code))
    assert [(node.type, node.declaration.id.name) for node in tree.program.body] == [
        ("ExportNamedDeclaration", "BasePage"), ("ExportNamedDeclaration", "getData")]


def test_enums_stay_runtime_objects():
    stripped = strip_types("enum E { X, Y = 2 }\nconst enum F { Z = 'z' }\nenum G{ A }")
    assert stripped.splitlines()[0] == "var  E={ X, Y : 2 }"
    assert stripped.splitlines()[1] == "var        F={ Z : 'z' }"
    assert stripped.splitlines()[2].strip() == ""  # no room for `=`: blanked


def test_positions_after_types_point_into_the_original_file():
    code = ("import { request } from '../../utils/request'\n"
            "const name: string = '中文😀' as string\n"
            "Page<IData, IMethods>({ onLoad(q: Record<string, string>): void { wx.getUserInfo({}) } })\n")
    source = SourceText(path=None, text=code)
    module = JsModule(parse_js(source, text=strip_types(code)))
    [use] = module.wx_calls("getUserInfo")
    line, column, _, _ = module.tree.span(use.node)
    assert (line, column) == (3, 67)
    assert code.splitlines()[2][column - 1:].startswith("wx.getUserInfo")


def test_typed_page_members_are_found():
    code = "Page({ async onLoad(): Promise<void> { const x = <any>y; wx.login() } })"
    module = JsModule(parse_js(SourceText(path=None, text=code), text=strip_types(code)))
    assert [use.api for use in module.wx_uses] == ["login"]
    assert any(n.type == "AwaitExpression" for n in walk(module.tree.program)) is False


def test_a_typescript_page_with_exported_types_is_linted_not_a_parse_error(project):
    from conftest import lint_json

    page = ("export interface UserInfo { nickName: string }\n"
            "export type Gender = 0 | 1 | 2\n"
            "enum Tab { Home = 'home', Me = 'me' }\n"
            "Page({\n"
            "  onLoad() {\n"
            "    wx.getUserInfo({ success: (res) => this.setData({ user: res.userInfo as UserInfo, tab: Tab.Me }) })\n"
            "  },\n"
            "})\n")
    _, report = lint_json(project({"pages/me/me.ts": page}))
    assert [f["rule"] for f in report["findings"] if f["rule"] == "parse-error"] == []
    assert [(f["path"], f["line"], f["column"]) for f in report["findings"] if f["rule"] == "deprecated-getuserinfo"] == [
        ("pages/me/me.ts", 6, 5)]


def test_enum_members_named_by_strings_are_typescript_not_a_parse_error(project):
    # tsc 5 accepts string member names (wechat-miniprogram-ts-sass, pages/school/data/data.ts)
    from conftest import lint_json

    page = ('enum Tab {"a" = 0, "b", \'c-d\' = 2}\n'
            "const enum Mode { 'x' }\n"
            "Page({ onLoad() { wx.getUserInfo({ success: () => this.setData({ tab: Tab.a, mode: Mode.x }) }) } })\n")
    _, report = lint_json(project({"pages/me/me.ts": page}))
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in report["findings"]] == [
        ("pages/me/me.ts", 3, 19, "deprecated-getuserinfo")]
