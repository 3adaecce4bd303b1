"""JSON files (app.json, ext.json) as syntax trees with exact positions.

The JSON text is parsed as a JavaScript object literal, so each key and value
is a node with a range; findings about a declaration can point at its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import esprima
from esprima.nodes import Node

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
        text, encoding = decode_bytes(read_file(path, root))
    except (OSError, SourceError):
        return None
    source = SourceText(path=path, text=text, encoding=encoding)
    try:
        program = esprima.parseScript(f"({source.text}\n)", {"range": True})
    except (esprima.Error, RecursionError, AssertionError):
        return None
    statement = program.body[0] if len(program.body) == 1 else None
    root = statement.expression if statement is not None and statement.type == "ExpressionStatement" else None
    return JsonDocument(source, root) if root is not None and root.type == "ObjectExpression" else None
