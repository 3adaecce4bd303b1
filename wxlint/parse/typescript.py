"""TypeScript to JavaScript with every position kept.

Type-only syntax is overwritten with spaces (line breaks stay), so the result
parses with esprima and every offset still points into the original `.ts`
file. tree-sitter-typescript finds the type nodes. Enums are runtime code:
`enum E { A, B = 2 }` becomes `var  E={ A, B : 2 }`, the same length.
"""

from __future__ import annotations

import os
import subprocess
import sys

import tree_sitter
import tree_sitter_typescript

from wxlint.parse.tree_sitter_parse import parse_bounded

_PARSER: tree_sitter.Parser | None = None

# Whole nodes that exist only for the type checker.
_BLANK_NODES = frozenset({
    "type_annotation", "type_parameters", "type_arguments", "asserts_annotation",
    "type_predicate_annotation", "opting_type_annotation", "omitting_type_annotation",
    "adding_type_annotation", "interface_declaration", "type_alias_declaration",
    "ambient_declaration", "abstract_method_signature", "index_signature",
    "method_signature", "function_signature", "decorator", "implements_clause",
    "accessibility_modifier", "override_modifier",
})
# Tokens to blank, anywhere (None) or only as a child of the named nodes.
_BLANK_TOKENS: dict[str, frozenset[str] | None] = {
    "readonly": None,
    "?": frozenset({"method_definition", "public_field_definition", "optional_parameter", "property_signature"}),
    "!": frozenset({"public_field_definition", "variable_declarator"}),
}

# ... the same, by parent: `kind -> tokens` blanked among its children
_TOKENS_UNDER: dict[str, frozenset[str]] = {
    parent: frozenset(token for token, parents in _BLANK_TOKENS.items() if parents is not None and parent in parents)
    for parents in _BLANK_TOKENS.values() if parents is not None for parent in parents
}


def _parser() -> tree_sitter.Parser:
    global _PARSER
    if _PARSER is None:
        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))
    return _PARSER


class _Editor:
    """Same-length edits of a text addressed by tree-sitter byte offsets."""

    def __init__(self, text: str):
        self.text = text
        self.chars = list(text)
        data = text.encode("utf-8")
        self.data = data
        if len(data) == len(text):
            self._map = None
        else:
            # Byte offset -> character offset, for files with non-ASCII text.
            table = [0] * (len(data) + 1)
            position = 0
            for index, ch in enumerate(text):
                width = len(ch.encode("utf-8"))
                for k in range(width):
                    table[position + k] = index
                position += width
            table[len(data)] = len(text)
            self._map = table

    def char(self, byte_offset: int) -> int:
        return byte_offset if self._map is None else self._map[byte_offset]

    def blank(self, node_or_start, end_byte: int | None = None) -> None:
        if end_byte is None:
            start_byte, end_byte = node_or_start.start_byte, node_or_start.end_byte
        else:
            start_byte = node_or_start
        for i in range(self.char(start_byte), self.char(end_byte)):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    def put(self, char_offset: int, replacement: str) -> None:
        self.chars[char_offset: char_offset + len(replacement)] = list(replacement)

    def result(self) -> str:
        return "".join(self.chars)


# Declarations that exist only for the type checker: `export` of one goes with it.
_TYPE_DECLARATIONS = frozenset({"interface_declaration", "type_alias_declaration", "ambient_declaration", "function_signature"})
# ... and namespaces, which are blanked whole (below): an `export` left alone would not parse.
_BLANKED_DECLARATIONS = _TYPE_DECLARATIONS | {"internal_module", "module"}


class TooComplex(Exception):
    """The TypeScript parser ran out of memory or time on a file, in a child process (see `strip_types`)."""


# tree-sitter-typescript's error recovery on a long unclosed list of `a<b,` is quadratic in time and memory inside
# one step of its C code, which neither the time limit nor a progress callback reaches (100 KB: half a minute and
# 10 GB). Text with this many `<` is stripped in a child process with bounded memory, whose death is the answer.
_ANGLES_APART = 2000
_CHILD_MEMORY_BYTES = 2 * 1024 ** 3
_CHILD = f"""
import sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, ({_CHILD_MEMORY_BYTES}, {_CHILD_MEMORY_BYTES}))
except (ImportError, ValueError, OSError):
    pass
from wxlint.parse.typescript import strip_types_here
text = sys.stdin.buffer.read().decode("utf-8", "surrogatepass")
sys.stdout.buffer.write(strip_types_here(text).encode("utf-8", "surrogatepass"))
"""


def strip_types(text: str) -> str:
    """Return `text` with TypeScript-only syntax blanked; same length, same lines. Raises TooComplex."""
    if text.count("<") <= _ANGLES_APART:
        return strip_types_here(text)
    package_folder = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_folder, os.environ.get("PYTHONPATH"))))}
    # the per-file time limit's signal interrupts the wait, and `run` kills the child on the way out
    completed = subprocess.run([sys.executable, "-c", _CHILD], input=text.encode("utf-8", "surrogatepass"),
                               capture_output=True, env=environment)
    if completed.returncode != 0:
        raise TooComplex()
    return completed.stdout.decode("utf-8", "surrogatepass")


def strip_types_here(text: str) -> str:
    """`strip_types`, in this process."""
    editor = _Editor(text)
    tree = parse_bounded(_parser(), editor.data)
    type_only = _type_only_names(tree.root_node, editor)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        kind = node.type
        children = node.children
        if kind in _BLANK_NODES:
            editor.blank(node)
            continue
        if kind in ("as_expression", "satisfies_expression"):
            keyword = next((c for c in children if c.type in ("as", "satisfies")), None)
            if keyword is not None:
                editor.blank(keyword.start_byte, node.end_byte)
                stack.append(children[0])
                continue
        if kind == "non_null_expression" and children and children[-1].type == "!":
            editor.blank(children[-1])
        elif kind in ("import_statement", "export_statement") and any(c.type == "type" for c in children):
            editor.blank(node)
            continue
        elif (kind == "expression_statement" and len(children) == 1 and children[0].type == "identifier"
              and _text(children[0], editor) == "export" and node.next_named_sibling is not None
              and node.next_named_sibling.type in _BLANKED_DECLARATIONS):
            # tree-sitter reads `export` ending a line as a name of its own, the declaration after it apart (`export\n
            # interface IresBody {…}`: zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts); both go
            editor.blank(node)
            continue
        elif kind == "export_statement" and any(c.type in _BLANKED_DECLARATIONS for c in children):
            # `export interface A {}`, `export default interface`, `export declare …`, `export namespace X {}`
            editor.blank(node)
            continue
        elif kind == "export_statement" and len(children) > 1 and children[1].type == "=":
            # `export = x` (CommonJS in TypeScript) has no same-length form: keep the expression, as an
            # expression (`export = {…}` -> `void     {…}`: a bare `{`, `function` or `class` would start a statement)
            editor.put(editor.char(children[0].start_byte), "void  ")
            editor.blank(children[1])
        elif kind == "export_clause" and type_only:
            specifiers = [c for c in children if c.type == "export_specifier"]
            types = [c for c in specifiers if _specifier_name(c, editor) in type_only]
            parent = _parent(node)
            if types and len(types) == len(specifiers) and parent is not None:
                editor.blank(parent)  # `export { Name }` of types only
                continue
            for specifier in types:
                _blank_list_item(editor, specifier)
        elif kind in ("import_specifier", "export_specifier") and any(c.type == "type" for c in children):
            _blank_list_item(editor, node)
            continue
        elif kind == "required_parameter" and children and children[0].type == "this":
            _blank_list_item(editor, node)
            continue
        elif kind == "public_field_definition" and any(c.type in ("declare", "abstract") for c in children):
            editor.blank(node)
            continue
        elif kind == "enum_declaration":
            _rewrite_enum(editor, node)
            continue
        elif kind == "import_require_clause" and (parent := _parent(node)) is not None and parent.children[0].type == "import":
            # `import x = require('m')` -> `const  x = require('m')`
            editor.put(editor.char(parent.children[0].start_byte), "const ")
        elif kind == "abstract_class_declaration" and children and children[0].type == "abstract":
            editor.blank(children[0])
        elif kind in ("module", "internal_module"):
            # `namespace X {}` has no same-length JavaScript form; rare in mini-programs.
            editor.blank(node)
            continue
        elif kind == "readonly":
            editor.blank(node)
            continue
        tokens = _TOKENS_UNDER.get(kind)  # `?` and `!` are blanked from their parent: see `_parent`
        if tokens is not None:
            for child in children:
                if child.type in tokens:
                    editor.blank(child)
        stack.extend(reversed(children))
    return editor.result()


def _type_only_names(root: tree_sitter.Node, editor: _Editor) -> frozenset[str]:
    """Top-level names declared only as types (`interface Name`, `type Name =`), not also as values."""
    types, values = set(), set()
    for node in root.children:
        declaration = node
        if node.type == "export_statement":
            declaration = next((c for c in node.children if c.type.endswith("declaration")), node)
        name = next((c for c in declaration.children if c.type in ("type_identifier", "identifier")), None)
        if name is None:
            if declaration.type in ("lexical_declaration", "variable_declaration"):
                for declarator in declaration.children:
                    if declarator.type == "variable_declarator" and declarator.children:
                        values.add(_text(declarator.children[0], editor))
            continue
        (types if declaration.type in ("interface_declaration", "type_alias_declaration") else values).add(_text(name, editor))
    return frozenset(types - values)


def _specifier_name(specifier: tree_sitter.Node, editor: _Editor) -> str:
    return _text(specifier.children[0], editor) if specifier.children else ""


def _text(node: tree_sitter.Node, editor: _Editor) -> str:
    return editor.text[editor.char(node.start_byte):editor.char(node.end_byte)]


def _parent(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """tree-sitter's parent of a node, asked only of a node with text. Node.parent (and next_sibling,
    prev_sibling) walks down from the root, a step per level; for a zero-width node (a MISSING token) it
    recurses in C as deep as the tree, which overflows the C stack (a segfault) past ~9,700 levels."""
    return None if node.start_byte == node.end_byte else node.parent


def _blank_list_item(editor: _Editor, node: tree_sitter.Node) -> None:
    """Blank an item of a comma list together with one neighbouring comma."""
    editor.blank(node)
    if node.start_byte == node.end_byte:
        return  # a MISSING node: see `_parent`
    following = node.next_sibling
    if following is not None and following.type == ",":
        editor.blank(following)
        return
    preceding = node.prev_sibling
    if preceding is not None and preceding.type == ",":
        editor.blank(preceding)


def _rewrite_enum(editor: _Editor, node: tree_sitter.Node) -> None:
    """`[const] enum E { A, B = 2 }` -> `var [     ] E={ A, B : 2 }`, or blank when impossible."""
    by_type = {c.type: c for c in node.children}
    keyword, name, body = by_type.get("enum"), by_type.get("identifier"), by_type.get("enum_body")
    if keyword is None or name is None or body is None:
        editor.blank(node)
        return
    gap_start, gap_end = editor.char(name.end_byte), editor.char(body.start_byte)
    if gap_end <= gap_start:
        # `enum E{` leaves no room for the `=` of an object literal.
        editor.blank(node)
        return
    const = by_type.get("const")
    if const is not None:
        editor.put(editor.char(const.start_byte), "var  ")
        editor.blank(keyword)
    else:
        editor.put(editor.char(keyword.start_byte), "var ")
    editor.blank(name.end_byte, body.start_byte)
    editor.put(gap_end - 1, "=")
    for member in body.children:
        if member.type == "enum_assignment":
            for part in member.children:
                if part.type == "=":
                    editor.put(editor.char(part.start_byte), ":")
        elif member.type not in ("{", "}", ",", "property_identifier", "comment"):
            # `"b"` without a value has no same-length form in an object (`B` has: the shorthand `B`); the
            # member's value matters to no rule, its place in the list does not either
            _blank_list_item(editor, member)
