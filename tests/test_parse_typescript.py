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
}


@pytest.mark.parametrize("name", CASES)
def test_stripped_code_parses_and_keeps_length(name):
    source_text, expected_fragment = CASES[name]
    stripped = strip_types(source_text)
    assert len(stripped) == len(source_text)
    assert stripped.count("\n") == source_text.count("\n")
    assert expected_fragment in stripped
    parse_js(SourceText(path=None, text=source_text), text=stripped)


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
