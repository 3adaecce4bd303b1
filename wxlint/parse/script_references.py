"""The files and plugins a script names, read off tree-sitter's tree alone: for the scripts the linter does not model
(copied libraries, npm packages), whose `require`s the upload package still follows. A syntax tree, not a search of
the text: a `require('x')` in a comment or a string names nothing; parsing only, no ESTree built, no validation."""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter

from wxlint.parse.files import PARSE_SECONDS_LIMIT, TooSlow, time_limit
from wxlint.parse.native_javascript import LANGUAGE, javascript_parser
from wxlint.parse.tree_sitter_parse import parse_bounded

_MODULES = tree_sitter.Query(LANGUAGE, """
(import_statement source: (string (string_fragment) @module))
(export_statement source: (string (string_fragment) @module))
(call_expression function: (identifier) @callee arguments: (arguments . (string (string_fragment) @argument)))
(call_expression function: (identifier) @plugin_callee arguments: (arguments . (_) @plugin_argument))
(call_expression function: (import) arguments: (arguments . (string (string_fragment) @module)))
(call_expression function: (member_expression object: (identifier) @object property: (property_identifier) @property)
                 arguments: (arguments . (string (string_fragment) @member_argument)))
""")
_STRINGS = tree_sitter.Query(LANGUAGE, "(string (string_fragment) @text)")
# Words without which a script names no file and no plugin: such a script is not parsed at all.
_MODULE_WORDS = (b"require", b"import", b"export")


@dataclass
class ScriptReferences:
    modules: list[str] = field(default_factory=list)  # import / export from / require / require.async / import()
    plugins: set[str] = field(default_factory=set)  # requirePlugin('name')
    plugin_texts: list[str] = field(default_factory=list)  # strings that hold plugin://
    computed_plugin: bool = False  # requirePlugin(name): which plugin is not written


def script_references(data: bytes) -> ScriptReferences | None:
    """What the script names; None when tree-sitter could not finish within the parse limit (a hostile file)."""
    try:
        with time_limit(PARSE_SECONDS_LIMIT):
            return _references(data)
    except TooSlow:
        return None


def _references(data: bytes) -> ScriptReferences:
    found = ScriptReferences()
    plugins = b"plugin" in data
    if not plugins and not any(word in data for word in _MODULE_WORDS):
        return found
    tree = parse_bounded(javascript_parser(), data)
    matches = tree_sitter.QueryCursor(_MODULES).matches(tree.root_node)
    if plugins:  # strings are read only in a script that mentions plugins at all
        matches += tree_sitter.QueryCursor(_STRINGS).matches(tree.root_node)
    for _, captures in matches:
        text = {name: [data[n.start_byte:n.end_byte].decode("utf-8", "replace") for n in nodes]
                for name, nodes in captures.items()}
        if "module" in text:
            found.modules.extend(text["module"])
        elif "callee" in text and text["callee"] == ["require"]:
            found.modules.extend(text["argument"])
        elif "plugin_callee" in text and text["plugin_callee"] == ["requirePlugin"]:
            node = captures["plugin_argument"][0]
            fragment = [c for c in node.children if c.type == "string_fragment"] if node.type == "string" else []
            if fragment:
                found.plugins.add(data[fragment[0].start_byte:fragment[0].end_byte].decode("utf-8", "replace"))
            else:
                found.computed_plugin = True
        elif "object" in text and text["object"] == ["require"] and text["property"] == ["async"]:
            found.modules.extend(text["member_argument"])
        elif "text" in text and any("plugin" in t for t in text["text"]):
            found.plugin_texts.extend(t for t in text["text"] if "plugin" in t)
    return found
