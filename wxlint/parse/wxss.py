"""WXSS, as far as the packager reads it: the `@import` rules that pull in other style files.

A small tokenizer, not a pattern over the text: comments and strings are skipped as CSS reads them, and only an
`@import` at the top level (outside any block) counts.
"""

from __future__ import annotations


def wxss_imports(text: str) -> list[tuple[int, str]]:
    """(offset, request) of each top-level `@import "x"` / `@import url(x)`, in order."""
    found: list[tuple[int, str]] = []
    at = text.find("@")
    while at >= 0 and text[at + 1:at + 7].lower() != "import":
        at = text.find("@", at + 1)
    if at < 0:
        return found  # most style files import nothing (`@media` is no import): no character read one by one
    depth = 0
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if text.startswith("/*", index):
            end = text.find("*/", index + 2)
            index = length if end < 0 else end + 2
            continue
        if char in "\"'":
            index = _string_end(text, index)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == "@" and depth == 0 and text[index + 1:index + 7].lower() == "import":
            at = index
            request, index = _import_request(text, index + 7)
            if request is not None:
                found.append((at, request))
            continue
        index += 1
    return found


def _string_end(text: str, start: int) -> int:
    quote, index = text[start], start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in (quote, "\n"):
            return index + 1
        index += 1
    return len(text)


def _import_request(text: str, index: int) -> tuple[str | None, int]:
    """The request after `@import`, and where reading goes on."""
    start = index
    while index < len(text) and text[index] in " \t\r\n\f":
        index += 1
    if index == start and index < len(text) and text[index] not in "\"'":
        return None, index  # `@imports`: another word
    if index < len(text) and text[index] in "\"'":
        end = _string_end(text, index)
        return text[index + 1:end - 1], end
    if text[index:index + 4].lower() == "url(":
        close = text.find(")", index + 4)
        if close < 0:
            return None, len(text)
        return text[index + 4:close].strip().strip("\"'"), close + 1
    return None, index
