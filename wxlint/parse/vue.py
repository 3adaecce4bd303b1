"""Vue single-file components of uni-app: the script as JavaScript, the template as WXML, at the file's own positions.

A `.vue` file is split into its top-level blocks as Vue's compiler does (https://vuejs.org/api/sfc-spec.html):
`<template>` (nested `<template>` tags inside it included), `<script>` and `<script setup>` (JavaScript, or
TypeScript with `lang="ts"`), `<style>`. Each block is parsed from the whole text with everything else blanked, so a
finding's line and column are the `.vue` file's. Conditional compilation is applied first (`conditional.py`).

The template is read by the WXML parser, then its Vue attributes are given the names uni-app compiles them to for
WeChat (`@tap` -> `bindtap`, `@click.stop` -> `catchtap`, `:open-type="x"` -> `open-type="{{x}}"`, `v-if` ->
`wx:if`; https://uniapp.dcloud.net.cn/tutorial/vue3-basics.html#事件映射表), at their place in the file: every
rule reads a page's template as it reads WXML.
"""

from __future__ import annotations

from dataclasses import dataclass

from wxlint.parse.javascript import JsTree, parse_expression, parse_js
from wxlint.parse.source import SourceText
from wxlint.parse.typescript import strip_types
from wxlint.parse.wxml import WxmlDocument, WxmlElement, parse_wxml


@dataclass
class Block:
    tag: str  # template | script | style | another custom block
    attributes: dict[str, str | None]
    start: int  # where its content starts
    end: int  # where its content ends (its closing tag starts)
    opened_at: int = 0  # where its start tag is
    closed: bool = True  # False when the file ends before its closing tag (a half-written file)


def blocks(text: str) -> list[Block]:
    """The top-level blocks of a single-file component, in order."""
    found = []
    position = 0
    length = len(text)
    while position < length:
        lt = text.find("<", position)
        if lt < 0:
            break
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            position = length if close < 0 else close + 3
            continue
        name_end = lt + 1
        while name_end < length and (text[name_end].isalnum() or text[name_end] in "-_"):
            name_end += 1
        tag = text[lt + 1:name_end].lower()
        if not tag:
            position = lt + 1
            continue
        open_end = _tag_end(text, name_end)
        if open_end < 0:
            break
        attributes = _attributes(text[name_end:open_end - 1].rstrip("/"))
        if text[open_end - 2:open_end] == "/>":
            found.append(Block(tag, attributes, open_end, open_end, lt))
            position = open_end
            continue
        close = _closing(text, tag, open_end)
        found.append(Block(tag, attributes, open_end, close if close >= 0 else length, lt, close >= 0))
        if close < 0:
            break
        gt = text.find(">", close)
        position = length if gt < 0 else gt + 1
    return found


def _tag_end(text: str, position: int) -> int:
    """After the `>` that ends a start tag (quotes respected), or -1."""
    quote = None
    while position < len(text):
        ch = text[position]
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return position + 1
        position += 1
    return -1


def _closing(text: str, tag: str, position: int) -> int:
    """Where the `</tag>` closing a block starts: for a template, the one matching its nested `<template>`s; for a
    script or a style, the first (their content is raw text)."""
    lowered = text.lower()
    if tag != "template":
        return lowered.find(f"</{tag}", position)
    depth = 1
    while True:
        opening = lowered.find("<template", position)
        closing = lowered.find("</template", position)
        if closing < 0:
            return -1
        if 0 <= opening < closing:
            end = _tag_end(text, opening + 9)
            if end < 0:
                return -1
            if text[end - 2:end] != "/>":
                depth += 1
            position = end
            continue
        depth -= 1
        if depth == 0:
            return closing
        position = closing + 10


def _attributes(text: str) -> dict[str, str | None]:
    """The attributes of a block's start tag: `lang="ts" setup` -> {lang: ts, setup: None}."""
    found: dict[str, str | None] = {}
    position = 0
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        start = position
        while position < len(text) and not text[position].isspace() and text[position] not in "=":
            position += 1
        name = text[start:position]
        if not name:
            position += 1
            continue
        value = None
        if position < len(text) and text[position] == "=":
            position += 1
            if position < len(text) and text[position] in "\"'":
                quote = text[position]
                close = text.find(quote, position + 1)
                close = len(text) if close < 0 else close
                value = text[position + 1:close]
                position = close + 1
            else:
                start = position
                while position < len(text) and not text[position].isspace():
                    position += 1
                value = text[start:position]
        found[name.lower()] = value
    return found


def _only(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with everything outside `ranges` blanked, line ends kept."""
    pieces = []
    position = 0
    for start, end in sorted(ranges):
        pieces.append(_blank(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(_blank(text[position:]))
    return "".join(pieces)


def _blank(text: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in text)


def parse_script(source: SourceText, text: str, found: list[Block]) -> JsTree | None:
    """The component's script: its `<script>` and `<script setup>` blocks together, as one module."""
    scripts = [block for block in found if block.tag == "script" and block.attributes.get("src") is None]
    if not scripts:
        return None
    code = _only(text, [(block.start, block.end) for block in scripts])
    if any((block.attributes.get("lang") or "").lower() in ("ts", "tsx") for block in scripts):
        code = strip_types(code)
    return parse_js(source, text=code)


def parse_template(source: SourceText, text: str, found: list[Block]) -> WxmlDocument | None:
    """The component's template, read as the WXML uni-app compiles it to."""
    template = next((block for block in found if block.tag == "template"), None)
    if template is None:
        return None
    document = parse_wxml(source, text=_only(text, [(template.start, template.end)]))
    for element in document.iter_elements():
        _as_wxml(element)
    return document


# Vue directives and the WXML attributes uni-app compiles them to
_CONDITIONS = {"v-if": "wx:if", "v-else-if": "wx:elif", "v-else": "wx:else"}


def _as_wxml(element: WxmlElement) -> None:
    """Rename a template element's Vue attributes in place to their WXML meaning (their places stay)."""
    for attribute in element.attributes:
        name = attribute.name
        if name.startswith("@") or name.startswith("v-on:"):
            event, _, modifiers = (name[1:] if name.startswith("@") else name[5:]).partition(".")
            if event == "click":
                event = "tap"  # Vue 2 compiles every click to a tap; Vue 3 a component's to its own event, fired by a tap
            prefix = "catch" if {"stop", "prevent"} & set(modifiers.split(".")) else "bind"
            attribute.name = f"{prefix}{event}" if event.isalnum() else f"{prefix}:{event}"
            attribute.value = _handler(attribute.value)
        elif name.startswith(":") or name.startswith("v-bind:"):
            attribute.name = hyphenated(name[1:] if name.startswith(":") else name[7:])
            attribute.value = "{{" + (attribute.value or "") + "}}"
        elif name in _CONDITIONS:
            attribute.name = _CONDITIONS[name]
            attribute.value = None if name == "v-else" else "{{" + (attribute.value or "") + "}}"
        elif name == "v-show":
            attribute.name = "hidden"
            attribute.value = "{{!(" + (attribute.value or "") + ")}}"
        elif any(ch.isupper() for ch in name) and not name.startswith(("v-", "#")):
            attribute.name = hyphenated(name)  # `openType="getUserInfo"`: the `open-type` WXML gets
        elif name == "v-for":
            items = (attribute.value or "").partition(" in ")[2] or (attribute.value or "").partition(" of ")[2]
            attribute.name = "wx:for"
            attribute.value = "{{" + items.strip() + "}}"


def camel_case(name: str) -> str:
    """A hyphenated attribute as the property it sets (`confirm-type` -> `confirmType`)."""
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def hyphenated(name: str) -> str:
    """A camelCase attribute as Vue writes it out (`openType` -> `open-type`; Vue's `hyphenate`)."""
    return "".join(f"-{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("-")


def _handler(value: str | None) -> str | None:
    """The method a Vue event handler names: `login`, `login()`, `login($event, item)`, `() => login()`; other
    inline code stays an expression (`{{…}}`), which names no method wxlint can follow."""
    text = (value or "").strip()
    if not text:
        return value
    expression = parse_expression(text)
    if expression is not None and expression.type == "ArrowFunctionExpression" and expression.body.type == "CallExpression":
        expression = expression.body
    if expression is not None and expression.type == "CallExpression":
        expression = expression.callee
    if expression is not None and expression.type == "Identifier":
        return expression.name
    return "{{" + text + "}}"
