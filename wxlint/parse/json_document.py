"""JSON files (app.json, ext.json) as syntax trees with exact positions.

The JSON text is parsed as a JavaScript object literal, so each key and value
is a node with a range; findings about a declaration can point at its line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import esprima
from esprima.nodes import Node

from wxlint.findings import Edit
from wxlint.parse.javascript import property_key
from wxlint.parse.source import SourceError, SourceText, decode_bytes
from wxlint.safe_fs import read_file


@dataclass
class JsonDocument:
    source: SourceText
    root: Node  # the top-level ObjectExpression

    def span(self, node: Node) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a node, 1-based, in the file."""
        # Ranges count from the `(` put in front of the text to parse it as an expression.
        line, column = self.source.position(self.source.from_utf16(node.range[0] - 1))
        end_line, end_column = self.source.position(self.source.from_utf16(node.range[1] - 1))
        return line, column, end_line, end_column

    def start(self, node: Node) -> int:
        """Code-point offset in the file where a node starts."""
        return self.source.from_utf16(node.range[0] - 1)

    def end(self, node: Node) -> int:
        return self.source.from_utf16(node.range[1] - 1)

    def member(self, *keys: str) -> Node | None:
        """The Property node at a key path: `member("permission", "scope.userLocation")`."""
        node, found = self.root, None
        for key in keys:
            if node is None or node.type != "ObjectExpression":
                return None
            found = next((p for p in node.properties if p.type == "Property" and property_key(p) == key), None)
            if found is None:
                return None
            node = found.value
        return found


def read_json_document(path: Path, root: Path) -> JsonDocument | None:
    """The file's tree, or None when it cannot be read, lies outside the project's folder `root` or is not a
    JSON object (discovery reports that)."""
    try:
        data = read_file(path, root)
    except OSError:
        return None
    return json_document_of(path, data)


def json_document_of(path: Path, data: bytes, prepare=None) -> JsonDocument | None:
    """The tree of a JSON file's bytes, or None when they are not a JSON object. `prepare(text)` gives the text to
    parse, at the same positions (uni-app's conditional compilation blanks code out)."""
    try:
        text, encoding = decode_bytes(data)
    except SourceError:
        return None
    source = SourceText(path=path, text=text, encoding=encoding)
    parsed_text = source.text if prepare is None else prepare(source.text)
    try:
        program = esprima.parseScript(f"({parsed_text}\n)", {"range": True})
    except (esprima.Error, RecursionError, AssertionError):
        return None
    statement = program.body[0] if len(program.body) == 1 else None
    root = statement.expression if statement is not None and statement.type == "ExpressionStatement" else None
    return JsonDocument(source, root) if root is not None and root.type == "ObjectExpression" else None


# Edits that keep the file's layout: its indentation, line endings and the order of its keys.

def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def replace_value(document: JsonDocument, member: Node, value) -> Edit:
    """`"key": old` becomes `"key": value`."""
    return Edit.replacing(document.source, document.start(member.value), document.end(member.value), json_text(value))


def add_member(document: JsonDocument, container: Node, key: str, value) -> Edit:
    """A new last member of an object, indented as its siblings (or one step more than the object)."""
    text = document.source.text
    newline = "\r\n" if "\r\n" in text else "\n"
    pair = f"{json_text(key)}: {json_text(value)}"
    members = [p for p in container.properties if p.type == "Property"]
    opening = document.start(container)
    if members:
        last = members[-1]
        last_start = document.start(last)
        if "\n" not in text[opening:last_start] and "\r" not in text[opening:last_start]:
            return Edit.replacing(document.source, document.end(last), document.end(last), f", {pair}")
        line_start = max(text.rfind("\n", 0, last_start), text.rfind("\r", 0, last_start)) + 1
        indent = text[line_start:last_start]
        return Edit.replacing(document.source, document.end(last), document.end(last), f",{newline}{indent}{pair}")
    closing = document.end(container) - 1
    whole = text[document.start(document.root):document.end(document.root)]
    if "\n" not in whole and "\r" not in whole:  # a file written on one line stays on one line
        return Edit.replacing(document.source, opening + 1, closing, pair)
    line_start = max(text.rfind("\n", 0, opening), text.rfind("\r", 0, opening)) + 1
    line = text[line_start:opening]
    outer = line[:len(line) - len(line.lstrip(" \t"))]
    step = "\t" if outer.startswith("\t") else "  "
    return Edit.replacing(document.source, opening + 1, closing, f"{newline}{outer}{step}{pair}{newline}{outer}")


def remove_member(document: JsonDocument, container: Node, member: Node) -> Edit:
    """The member gone with its comma; the members around it keep their lines."""
    members = [p for p in container.properties if p.type == "Property"]
    index = next(i for i, p in enumerate(members) if p is member)
    if index + 1 < len(members):
        return Edit.replacing(document.source, document.start(member), document.start(members[index + 1]), "")
    if index > 0:
        return Edit.replacing(document.source, document.end(members[index - 1]), document.end(member), "")
    return Edit.replacing(document.source, document.start(container) + 1, document.end(container) - 1, "")
