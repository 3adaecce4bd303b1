"""JavaScript to esprima's ESTree through tree-sitter: the fast front end.

esprima-fork parses pure Python at about half a megabyte a second, most of a cold run. tree-sitter
parses in C; this module turns its tree into the very nodes esprima builds (same classes, fields,
ranges in UTF-16 units, comments), so nothing above the parser can tell them apart.
tests/test_parse_native_javascript.py and tools/compare_parsers.py hold the two to that.

It only answers for code esprima would read as a valid module. Anything else gives `None`, and
esprima parses the file as before: tree-sitter found an error or recovered from one; the code holds
something esprima's module grammar refuses or reads only as a script (a legacy octal number or escape,
`with`, a strict-mode reserved word as a name, `delete name`); or a form this converter does not
build (hashbang, JSX, BigInt, escaped names, `for await`, …). The caller still runs esprima's
validator, which finds the static errors of a tree whoever built it.
"""

from __future__ import annotations

import re
from sys import intern

import tree_sitter
import tree_sitter_javascript
from esprima import nodes as N
from esprima.comment_handler import Comment

from wxlint.parse.source import shared_range
from wxlint.parse.tree_sitter_parse import parse_bounded

LANGUAGE = tree_sitter.Language(tree_sitter_javascript.language())
_PARSER: tree_sitter.Parser | None = None
_COMMENTS = tree_sitter.Query(LANGUAGE, "(comment) @comment")


class _Unsupported(Exception):
    """Code this converter leaves to esprima."""


def javascript_parser() -> tree_sitter.Parser:
    global _PARSER
    if _PARSER is None:
        _PARSER = tree_sitter.Parser(LANGUAGE)
    return _PARSER


# Names strict code (every module) may not bind or use; esprima refuses them in a module, then reads
# the file as a script.
_STRICT_RESERVED = frozenset({"implements", "interface", "package", "private", "protected", "public", "static",
                              "let", "yield", "await"}) | {
    # ... and the words no code may use as a name: tree-sitter reads `export` at the end of a line as one (`export\n
    # class BasePage {…}`, an export to V8: zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts), so esprima decides
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
    "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
    "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with"}
# ... and these it may read but not bind or assign
_STRICT_UNASSIGNABLE = _STRICT_RESERVED | {"eval", "arguments"}
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\x0b", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_LINE_TERMINATORS = "\n\r\u2028\u2029"
# what tree-sitter calls a name in `import { default as a }` and `export { a as default }`
_SPECIFIER_NAMES = frozenset({"identifier", "default"})
# JavaScript's white space beyond ASCII (U+FEFF and the Zs category), each to a plain space
_UNICODE_SPACES = {ord(char): " " for char in "\u00a0\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                   "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_UNICODE_SPACES_TEXT = tuple(chr(code) for code in _UNICODE_SPACES)
_STARTS_A_DECLARATION = re.compile(r"function\b|class\b|async\s+function\b|let\s*\[")


def _unescape(body: str) -> str:
    """The value of a string literal's (or template chunk's) text between its quotes."""
    if "\\" not in body:
        return body

    def one(match: re.Match) -> str:
        escape = match.group(1)
        first = escape[0]
        if first == "u":
            code = int(escape[2:-1] if escape[1] == "{" else escape[1:], 16)
            if code > 0x10FFFF:
                raise _Unsupported
            return chr(code)
        if first == "x":
            return chr(int(escape[1:], 16))
        if first == "0":
            end = match.end()
            if end < len(body) and body[end].isdigit():
                raise _Unsupported  # a legacy octal escape
            return "\0"
        if first in "123456789":
            raise _Unsupported  # a legacy octal escape, or \8 and \9: not in a module
        if first in _LINE_TERMINATORS or escape == "\r\n":
            return ""  # a line continuation
        return _SIMPLE_ESCAPES.get(first, first)

    return _ESCAPE.sub(one, body)


def _number(raw: str):
    """The value esprima gives a numeric literal (an int when the number is whole)."""
    text = raw.replace("_", "")
    lowered = text[:2].lower()
    if lowered in ("0x", "0b", "0o"):
        value = float(int(text[2:], {"0x": 16, "0b": 2, "0o": 8}[lowered]))
    else:
        if len(text) > 1 and text[0] == "0" and text[1].isdigit():
            raise _Unsupported  # a legacy octal (or 08): not in a module
        if text.endswith("n"):
            raise _Unsupported  # BigInt
        try:
            value = float(text)
        except OverflowError:
            value = float("inf")
    if value != float("inf") and value.is_integer():
        return int(value)
    return value


class _Converter:
    """One file's tree-sitter tree to esprima nodes. Positions are UTF-16 units, as esprima counts:
    the tree is parsed from UTF-8 when the code is ASCII (bytes are units) and from UTF-16 otherwise."""

    def __init__(self, code: str):
        self.code = code
        if code.isascii():
            self.data = code.encode("ascii")
            self.tree = parse_bounded(javascript_parser(), self.data)
            self.shift = 0
        else:
            self.data = code.encode("utf-16-le")
            # tree-sitter's scanner stops at a no-break or ideographic space where JavaScript sees a space
            # (`a\u00a0? b : c`): it reads them as spaces, one UTF-16 unit each, so every place stays put
            if any(space in code for space in _UNICODE_SPACES_TEXT):  # rare: a scan, not a translation
                parsed = code.translate(_UNICODE_SPACES).encode("utf-16-le")
            else:
                parsed = self.data
            self.tree = parse_bounded(javascript_parser(), parsed, encoding="utf16le")
            self.shift = 1
        # With no character beyond the BMP, a UTF-16 unit is a character: text is sliced from `code`.
        self.one_unit_characters = self.shift == 0 or len(self.data) == 2 * len(code)
        self.comment_nodes = self.find_comments()
        self.comment_starts = {node.start_byte for node in self.comment_nodes}
        self.comment_ends = {node.end_byte for node in self.comment_nodes}
        self.optionals = 0  # `?.` links met in the chains being built (see `chained`)
        self.may_chain = "?." in code  # most files have no optional chain: their links need no asking

    def find_comments(self) -> list[tree_sitter.Node]:
        """The comment nodes, in order. A comment starts with `//` or `/*`, which are rare in code (and in
        a string or a regular expression are no comment): the node at each is asked, rather than every
        node of the tree (a query, a fifth of tree-sitter's own time)."""
        if not self.one_unit_characters:  # an index in the text is no UTF-16 unit: ask every node
            return sorted(tree_sitter.QueryCursor(_COMMENTS).captures(self.tree.root_node).get("comment", []),
                          key=lambda n: n.start_byte)
        root, code, comments = self.tree.root_node, self.code, []
        index = code.find("/")
        while index >= 0:
            if code.startswith(("//", "/*"), index):
                start = index << self.shift
                node = root.descendant_for_byte_range(start, start + (2 << self.shift))
                if node is not None and node.type == "comment" and node.start_byte == start:
                    comments.append(node)
                    index = node.end_byte >> self.shift  # what a comment holds is no other comment
                    index = code.find("/", index)
                    continue
            index = code.find("/", index + 1)
        return comments

    # positions and text -------------------------------------------------------------------------

    def text(self, node: tree_sitter.Node) -> str:
        if self.one_unit_characters:
            return self.code[node.start_byte >> self.shift:node.end_byte >> self.shift]
        return self.data[node.start_byte:node.end_byte].decode("utf-16-le", "surrogatepass")

    def start(self, node: tree_sitter.Node) -> int:
        start = node.start_byte
        if start in self.comment_starts:
            start = self.first_token(node).start_byte
        return start >> self.shift

    def end(self, node: tree_sitter.Node) -> int:
        end = node.end_byte
        if end in self.comment_ends:
            end = self.last_token(node).end_byte
        return end >> self.shift

    # tree-sitter may place a comment that follows (or leads) a node's tokens inside the node
    def last_token(self, node: tree_sitter.Node) -> tree_sitter.Node:
        while node.child_count:
            index = node.child_count - 1
            while index > 0 and node.child(index).type == "comment":
                index -= 1
            node = node.child(index)
        return node

    def first_token(self, node: tree_sitter.Node) -> tree_sitter.Node:
        while node.child_count:
            index = 0
            while index < node.child_count - 1 and node.child(index).type == "comment":
                index += 1
            node = node.child(index)
        return node

    def unit(self, index: int) -> str:
        if self.one_unit_characters:
            return self.code[index]
        return chr(self.data[2 * index] | self.data[2 * index + 1] << 8)

    def statement_end(self, node: tree_sitter.Node) -> int:
        """Where esprima ends a statement that takes a `;`: at its `;`; without one, at its last token if a
        line break follows, else at the start of the next token (the `}` of `{ a() }`), or the file's end."""
        end = self.end(node)
        if self.last_token(node).type == ";":
            return end
        size = len(self.data) >> self.shift
        index = end
        while index < size:
            char = self.unit(index)
            if char in _LINE_TERMINATORS:
                return end
            if char == "/" and index + 1 < size:
                following = self.unit(index + 1)
                if following == "/":  # a line comment: a line break follows it, or the end of the file
                    while index < size and self.unit(index) not in _LINE_TERMINATORS:
                        index += 1
                    return end if index < size else size
                if following == "*":
                    close = self.find("*/", index + 2)
                    if close < 0 or any(self.unit(inside) in _LINE_TERMINATORS for inside in range(index, close)):
                        return end
                    index = close + 2
                    continue
                return index
            if not (char.isspace() or char == "\ufeff"):
                return index
            index += 1
        return size

    def at(self, esprima_node, start: int, end: int):
        esprima_node.range = shared_range(start, end)
        esprima_node._parent = None  # its place, before the scopes fill it in (see `javascript._rebuild_node`)
        return esprima_node

    def spanning(self, esprima_node, node: tree_sitter.Node):
        start, end = node.start_byte, node.end_byte  # `start` and `end`, inlined: this runs for every node
        if start in self.comment_starts:
            start = self.first_token(node).start_byte
        if end in self.comment_ends:
            end = self.last_token(node).end_byte
        esprima_node.range = shared_range(start >> self.shift, end >> self.shift)
        esprima_node._parent = None
        return esprima_node

    # the program -----------------------------------------------------------------------------------

    def program(self) -> N.Node:
        root = self.tree.root_node
        if root.has_error:
            raise _Unsupported
        body = self.statements(_named(root), directives=True)
        program = N.Module(body)
        if body:
            program.range = (body[0].range[0], body[-1].range[1])
        else:
            size = len(self.data) >> self.shift
            program.range = (size, size)
        program.comments = self.comments()
        return program

    def comments(self) -> list:
        comments = []
        for node in self.comment_nodes:
            text = self.text(node)
            block = text.startswith("/*")
            value = text[2:-2] if block else text[2:]
            if not block and text.startswith("#!"):
                raise _Unsupported
            comments.append(Comment(type="Block" if block else "Line", value=value,
                                    range=[self.start(node), self.end(node)]))
        return comments

    # statements -------------------------------------------------------------------------------------

    def statements(self, children: list, directives: bool = False) -> list:
        result = []
        prologue = directives
        for child in children:
            if prologue:
                directive = self.directive(child)
                if directive is not None:
                    result.append(directive)
                    continue
                prologue = False
            self.statement_into(child, result)
        return result

    def directive(self, node: tree_sitter.Node):
        if node.type != "expression_statement":
            return None
        expression = _named(node)
        if len(expression) != 1 or expression[0].type != "string":
            return None
        literal = self.expression(expression[0])
        return self.at(N.Directive(literal, literal.raw[1:-1]), self.start(node), self.statement_end(node))

    def statement_into(self, node: tree_sitter.Node, result: list) -> None:
        """Appends the statement(s) `node` is: tree-sitter keeps the `;` after `export default function
        () {}` in the export, esprima makes it a statement of its own."""
        kind = node.type
        if kind == "export_statement":
            result.extend(self.export(node))
        else:
            result.append(self.statement(node))

    def statement(self, node: tree_sitter.Node):
        kind = node.type
        method = _STATEMENTS.get(kind)
        if method is not None:
            return method(self, node)
        if kind in ("function_declaration", "generator_function_declaration"):
            return self.function(node, declaration=True)
        if kind == "class_declaration":
            return self.class_(node, N.ClassDeclaration)
        raise _Unsupported(kind)

    def expression_statement(self, node):
        inner = _named(node)
        if len(inner) != 1:
            raise _Unsupported
        start = self.start(node)
        if self.unit(start) == "{" or _STARTS_A_DECLARATION.match(self.slice(start, start + 16)):
            # no expression statement starts so: tree-sitter read `{ a: b }` after `for (…)` as an object
            raise _Unsupported
        return self.at(N.ExpressionStatement(self.expression(inner[0])), self.start(node), self.statement_end(node))

    def declaration(self, node, end_at_last_declarator: bool = False):
        kind = self.text(node.child(0))
        declarators = [self.declarator(child) for child in _named(node)]
        if not declarators:
            raise _Unsupported
        declaration = N.VariableDeclaration(declarators, kind)
        if end_at_last_declarator:
            end = declarators[-1].range[1]
        elif node.parent.type == "for_statement":
            end = self.end(node)
        else:
            end = self.statement_end(node)
        return self.at(declaration, self.start(node), end)

    def declarator(self, node):
        if node.type != "variable_declarator":
            raise _Unsupported(node.type)
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        return self.spanning(N.VariableDeclarator(self.pattern(name), self.expression(value) if value else None), node)

    def block(self, node):
        if node.type != "statement_block":
            raise _Unsupported(node.type)
        return self.spanning(N.BlockStatement(self.statements(_named(node))), node)

    def if_statement(self, node):
        alternative = node.child_by_field_name("alternative")
        alternate = None
        if alternative is not None:
            alternate = self.statement(_only(_named(alternative)))
        consequent = self.statement(node.child_by_field_name("consequence"))
        statement = N.IfStatement(self.condition(node.child_by_field_name("condition")), consequent, alternate)
        return self.ending_with(statement, node, alternate or consequent)

    def ending_with(self, statement, node, last):
        """A statement that ends with another ends where esprima ends that one (see `statement_end`)."""
        return self.at(statement, self.start(node), last.range[1])

    def condition(self, node):
        """The expression inside a statement's parentheses (`if (…)`)."""
        if node.type != "parenthesized_expression":
            raise _Unsupported(node.type)
        return self.expression(_only(_named(node)))

    def for_statement(self, node):
        initializer = node.child_by_field_name("initializer")
        condition = node.child_by_field_name("condition")
        increment = node.child_by_field_name("increment")
        init = test = None
        if initializer is not None:
            if initializer.type in ("variable_declaration", "lexical_declaration"):
                # esprima ends a `var` before its `;`, a `let` or `const` after it
                init = self.declaration(initializer, end_at_last_declarator=initializer.type == "variable_declaration")
            elif initializer.type == "expression_statement":
                init = self.expression(_only(_named(initializer)))
            elif initializer.type != "empty_statement":
                init = self.expression(initializer)
        if condition is not None:
            if condition.type == "expression_statement":
                test = self.expression(_only(_named(condition)))
            elif condition.type != "empty_statement":
                test = self.expression(condition)
        update = self.expression(increment) if increment is not None else None
        body = self.statement(node.child_by_field_name("body"))
        return self.ending_with(N.ForStatement(init, test, update, body), node, body)

    def for_in_statement(self, node):
        kind_node = node.child_by_field_name("kind")
        left_node = node.child_by_field_name("left")
        operator = self.text(node.child_by_field_name("operator"))
        if node.child_by_field_name("value") is not None:
            raise _Unsupported  # for (var x = 1 in o)
        if any(child.type == "await" for child in node.children):
            raise _Unsupported  # for await
        if kind_node is not None:
            target = self.pattern(left_node)
            declarator = self.at(N.VariableDeclarator(target, None), *target.range)
            left = self.at(N.VariableDeclaration([declarator], self.text(kind_node)), self.start(kind_node),
                           target.range[1])
        else:
            left = self.pattern(left_node)
        right = self.expression(node.child_by_field_name("right"))
        body = self.statement(node.child_by_field_name("body"))
        cls = N.ForOfStatement if operator == "of" else N.ForInStatement
        return self.ending_with(cls(left, right, body), node, body)

    def while_statement(self, node):
        body = self.statement(node.child_by_field_name("body"))
        return self.ending_with(N.WhileStatement(self.condition(node.child_by_field_name("condition")), body), node, body)

    def do_statement(self, node):
        return self.spanning(N.DoWhileStatement(self.statement(node.child_by_field_name("body")),
                                                self.condition(node.child_by_field_name("condition"))), node)

    def return_statement(self, node):
        argument = _named(node)
        return self.at(N.ReturnStatement(self.expression(_only(argument)) if argument else None),
                       self.start(node), self.statement_end(node))

    def throw_statement(self, node):
        return self.at(N.ThrowStatement(self.expression(_only(_named(node)))), self.start(node), self.statement_end(node))

    def jump(self, node):
        label = node.child_by_field_name("label")
        identifier = self.identifier(label) if label is not None else None
        cls = N.BreakStatement if node.type == "break_statement" else N.ContinueStatement
        return self.at(cls(identifier), self.start(node), self.statement_end(node))

    def try_statement(self, node):
        handler_node = node.child_by_field_name("handler")
        finalizer_node = node.child_by_field_name("finalizer")
        handler = None
        if handler_node is not None:
            parameter = handler_node.child_by_field_name("parameter")
            handler = self.spanning(N.CatchClause(self.pattern(parameter) if parameter is not None else None,
                                                  self.block(handler_node.child_by_field_name("body"))), handler_node)
        finalizer = self.block(finalizer_node.child_by_field_name("body")) if finalizer_node is not None else None
        return self.spanning(N.TryStatement(self.block(node.child_by_field_name("body")), handler, finalizer), node)

    def switch_statement(self, node):
        cases = []
        for case in _named(node.child_by_field_name("body")):
            value = case.child_by_field_name("value")
            body = [child for child in case.children_by_field_name("body") if child.type != "comment"]
            test = self.expression(value) if value is not None else None
            cases.append(self.spanning(N.SwitchCase(test, self.statements(body)), case))
        return self.spanning(N.SwitchStatement(self.condition(node.child_by_field_name("value")), cases), node)

    def labeled_statement(self, node):
        body = self.statement(node.child_by_field_name("body"))
        return self.ending_with(N.LabeledStatement(self.identifier(node.child_by_field_name("label")), body), node, body)

    def empty_statement(self, node):
        return self.spanning(N.EmptyStatement(), node)

    def debugger_statement(self, node):
        return self.at(N.DebuggerStatement(), self.start(node), self.statement_end(node))

    # modules -----------------------------------------------------------------------------------------

    def import_statement(self, node):
        specifiers = []
        clause = next((child for child in _named(node) if child.type == "import_clause"), None)
        if clause is not None:
            for part in _named(clause):
                if part.type == "identifier":
                    specifiers.append(self.spanning(N.ImportDefaultSpecifier(self.identifier(part)), part))
                elif part.type == "namespace_import":
                    specifiers.append(self.spanning(N.ImportNamespaceSpecifier(self.identifier(_only(_named(part)))), part))
                elif part.type == "named_imports":
                    for specifier in _named(part):
                        name = specifier.child_by_field_name("name")
                        alias = specifier.child_by_field_name("alias")
                        if name.type not in _SPECIFIER_NAMES:
                            raise _Unsupported  # import { "a-b" as c }
                        local = self.identifier(alias if alias is not None else name)
                        specifiers.append(self.spanning(N.ImportSpecifier(local, self.identifier(name)), specifier))
                else:
                    raise _Unsupported(part.type)
        if any(child.type == "import_attribute" for child in _named(node)):
            raise _Unsupported
        source = self.expression(node.child_by_field_name("source"))
        return self.at(N.ImportDeclaration(specifiers, source), self.start(node), self.statement_end(node))

    def export(self, node) -> list:
        default = any(child.type == "default" for child in node.children)
        declaration_node = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        source_node = node.child_by_field_name("source")
        source = self.expression(source_node) if source_node is not None else None
        start, end = self.start(node), self.statement_end(node)
        if default:
            target = declaration_node if declaration_node is not None else value
            if target.type in ("function_expression", "generator_function", "function_declaration",
                               "generator_function_declaration"):
                declaration = self.function(target, declaration=True)
            elif target.type in ("class", "class_declaration"):
                declaration = self.class_(target, N.ClassDeclaration)
            else:
                return [self.at(N.ExportDefaultDeclaration(self.expression(target)), start, end)]
            export = self.at(N.ExportDefaultDeclaration(declaration), start, declaration.range[1])
            return [export] + self.trailing_semicolon(node, declaration.range[1])
        if declaration_node is not None:
            declaration = self.statement(declaration_node)
            export = self.at(N.ExportNamedDeclaration(declaration, [], None), start, declaration.range[1])
            return [export] + self.trailing_semicolon(node, declaration.range[1])
        clause = next((child for child in _named(node) if child.type == "export_clause"), None)
        if clause is not None:
            specifiers = []
            for specifier in _named(clause):
                name = specifier.child_by_field_name("name")
                alias = specifier.child_by_field_name("alias")
                if name.type not in _SPECIFIER_NAMES or (alias is not None and alias.type not in _SPECIFIER_NAMES):
                    raise _Unsupported  # export { a as "b-c" }
                local = self.identifier(name)
                exported = self.identifier(alias if alias is not None else name)
                specifiers.append(self.spanning(N.ExportSpecifier(local, exported), specifier))
            return [self.at(N.ExportNamedDeclaration(None, specifiers, source), start, end)]
        if source is not None and any(child.type == "*" for child in node.children):
            namespace = next((child for child in _named(node) if child.type == "namespace_export"), None)
            if namespace is not None:
                raise _Unsupported  # export * as ns from
            return [self.at(N.ExportAllDeclaration(source), start, end)]
        raise _Unsupported("export")

    def trailing_semicolon(self, node, after: int) -> list:
        last = self.last_token(node)
        if last.type == ";" and self.start(last) >= after:
            return [self.spanning(N.EmptyStatement(), last)]
        return []

    # expressions -------------------------------------------------------------------------------------

    def expression(self, node):
        kind = node.type
        if kind == "identifier":  # a third of all expressions: no table lookup
            return self.identifier(node, _STRICT_RESERVED)
        method = _EXPRESSIONS.get(kind)
        if method is None:
            raise _Unsupported(kind)
        return method(self, node)

    def identifier(self, node, reserved: frozenset = frozenset()):
        """An identifier (a leaf: no comment inside), unless escaped or one of the `reserved` words."""
        start, end = node.start_byte >> self.shift, node.end_byte >> self.shift
        name = self.code[start:end] if self.one_unit_characters else self.text(node)
        if "\\" in name or name in reserved:
            raise _Unsupported(name)
        identifier = N.Identifier(intern(name))  # names repeat (`wx`, `that`, `res`): one string each
        identifier.range = shared_range(start, end)
        identifier._parent = None
        return identifier

    def reference(self, node):
        """An identifier used as a name (not a property): strict code reserves some."""
        return self.identifier(node, _STRICT_RESERVED)

    def binding(self, node):
        """An identifier bound or assigned to."""
        return self.identifier(node, _STRICT_UNASSIGNABLE)

    def private_name(self, node):
        name = self.text(node)
        if "\\" in name:
            raise _Unsupported
        return self.spanning(N.PrivateIdentifier(name[1:]), node)

    def this(self, node):
        return self.spanning(N.ThisExpression(), node)

    def super_(self, node):
        return self.spanning(N.Super(), node)

    def constant(self, node):
        raw = self.text(node)
        return self.spanning(N.Literal({"true": True, "false": False, "null": None}[raw], raw), node)

    def number(self, node):
        raw = self.text(node)
        return self.spanning(N.Literal(_number(raw), raw), node)

    def string(self, node):
        raw = self.text(node)
        if "\u2028" in raw or "\u2029" in raw:
            raise _Unsupported
        return self.spanning(N.Literal(_unescape(raw[1:-1]), raw), node)

    def regex(self, node):
        raw = self.text(node)
        pattern = node.child_by_field_name("pattern")
        flags = node.child_by_field_name("flags")
        return self.spanning(N.RegexLiteral(None, raw, self.text(pattern) if pattern is not None else "",
                                            self.text(flags) if flags is not None else ""), node)

    def template(self, node):
        text = self.text(node)
        if "\r" in text or "\u2028" in text or "\u2029" in text:
            raise _Unsupported  # esprima normalises line ends in the raw text
        substitutions = [child for child in node.children if child.type == "template_substitution"]
        quasis, expressions = [], []
        chunk_start = self.start(node)
        for substitution in substitutions:
            inner = _named(substitution)
            open_end = self.start(substitution) + 2
            quasis.append(self.template_element(chunk_start, open_end, tail=False))
            expressions.append(self.expression(_only(inner)))
            chunk_start = self.end(substitution) - 1
        quasis.append(self.template_element(chunk_start, self.end(node), tail=True))
        return self.spanning(N.TemplateLiteral(quasis, expressions), node)

    def template_element(self, start: int, end: int, tail: bool):
        # from the opening ` or } to the closing ` or ${, inclusive, as esprima places it
        raw = self.slice(start + 1, end - (1 if tail else 2))
        return self.at(N.TemplateElement(raw, _unescape(raw), tail), start, end)

    def find(self, text: str, start: int) -> int:
        """Where `text` first occurs at or after `start`, in UTF-16 units; -1 when it does not."""
        if self.one_unit_characters:
            return self.code.find(text, start)
        encoded = text.encode("utf-16-le")
        found = self.data.find(encoded, 2 * start)
        while found >= 0 and found % 2:  # a match must start on a unit
            found = self.data.find(encoded, found + 1)
        return found // 2 if found >= 0 else -1

    def slice(self, start: int, end: int) -> str:
        if self.one_unit_characters:
            return self.code[start:end]
        return self.data[start * 2:end * 2].decode("utf-16-le", "surrogatepass")

    def array(self, node):
        return self.spanning(N.ArrayExpression(_array_items(node, self.expression)), node)

    def object(self, node):
        properties = []
        previous = "{"
        for child in node.children:
            kind = child.type
            if kind == ",":
                if previous in (",", "{"):
                    raise _Unsupported("empty list item")
                previous = kind
                continue
            if kind in ("{", "}", "comment"):
                continue
            previous = kind
            if kind == "pair":
                key, computed = self.property_key(child.child_by_field_name("key"))
                value = self.expression(child.child_by_field_name("value"))
                properties.append(self.spanning(N.Property("init", key, computed, value, False, False), child))
            elif kind == "shorthand_property_identifier":
                key = self.identifier(child)
                properties.append(self.spanning(N.Property("init", key, False, self.reference(child), False, True), child))
            elif kind == "method_definition":
                properties.append(self.object_method(child))
            elif kind == "spread_element":
                properties.append(self.expression(child))
            else:
                raise _Unsupported(kind)
        return self.spanning(N.ObjectExpression(properties), node)

    def property_key(self, node):
        """(key, computed) of a property name."""
        kind = node.type
        if kind == "computed_property_name":
            return self.expression(_only(_named(node))), True
        if kind in ("property_identifier", "identifier"):
            return self.identifier(node), False
        if kind == "private_property_identifier":
            return self.private_name(node), False
        if kind == "string":
            return self.string(node), False
        if kind == "number":
            return self.number(node), False
        raise _Unsupported(kind)

    def method_parts(self, node):
        """(kind, static, async, generator) of a method from its leading words."""
        kind, static, is_async, generator = "init", False, False, False
        for child in node.children:
            word = child.type
            if word == "static":
                static = True
            elif word == "async":
                is_async = True
            elif word == "*":
                generator = True
            elif word in ("get", "set"):
                kind = word
            elif word not in ("comment",):
                break
        return kind, static, is_async, generator

    def method_function(self, node, is_async: bool, generator: bool):
        parameters = node.child_by_field_name("parameters")
        body = self.function_body(node.child_by_field_name("body"))
        params = self.parameters(parameters)
        cls = N.AsyncFunctionExpression if is_async else N.FunctionExpression
        return self.at(cls(None, params, body, generator), self.start(parameters), body.range[1])

    def object_method(self, node):
        kind, _static, is_async, generator = self.method_parts(node)
        key, computed = self.property_key(node.child_by_field_name("name"))
        value = self.method_function(node, is_async, generator)
        return self.spanning(N.Property(kind, key, computed, value, kind == "init", False), node)

    def function(self, node, declaration: bool = False):
        is_async = node.child(0).type == "async"
        generator = any(child.type == "*" for child in node.children)
        name = node.child_by_field_name("name")
        identifier = self.identifier(name) if name is not None else None
        params = self.parameters(node.child_by_field_name("parameters"))
        body = self.function_body(node.child_by_field_name("body"))
        if declaration:
            cls = N.AsyncFunctionDeclaration if is_async else N.FunctionDeclaration
        else:
            cls = N.AsyncFunctionExpression if is_async else N.FunctionExpression
        function = cls(identifier, params, body, generator)
        # a declaration ends at its body; tree-sitter's may keep a `;` that follows
        return self.at(function, self.start(node), body.range[1])

    def function_body(self, node):
        """A function's block, its directive prologue read."""
        return self.spanning(N.BlockStatement(self.statements(_named(node), directives=True)), node)

    def parameters(self, node) -> list:
        return [self.pattern(child) for child in _named(node)]

    def arrow(self, node):
        is_async = node.child(0).type == "async"
        parameter = node.child_by_field_name("parameter")
        if parameter is not None:
            params = [self.pattern(parameter)]
        else:
            params = self.parameters(node.child_by_field_name("parameters"))
        body_node = node.child_by_field_name("body")
        if body_node.type == "statement_block":
            body, expression = self.function_body(body_node), False
        else:
            body, expression = self.expression(body_node), True
        cls = N.AsyncArrowFunctionExpression if is_async else N.ArrowFunctionExpression
        return self.spanning(cls(params, body, expression), node)

    def class_(self, node, cls):
        name = node.child_by_field_name("name")
        heritage = next((child for child in _named(node) if child.type == "class_heritage"), None)
        superclass = self.expression(_only(_named(heritage))) if heritage is not None else None
        body_node = node.child_by_field_name("body")
        members = []
        children = body_node.children
        for index, member in enumerate(children):
            kind = member.type
            if kind == "method_definition":
                members.append(self.class_method(member))
            elif kind == "field_definition":
                members.append(self.field(member, children, index))
            elif kind == "class_static_block":
                block = member.child_by_field_name("body")
                members.append(self.spanning(N.StaticBlock(self.statements(_named(block))), member))
            elif kind not in ("{", "}", ";", "comment"):
                raise _Unsupported(kind)
        body = self.spanning(N.ClassBody(members), body_node)
        identifier = self.identifier(name) if name is not None else None
        result = cls(identifier, superclass, body)
        return self.at(result, self.start(node), body.range[1])

    def class_method(self, node):
        kind, static, is_async, generator = self.method_parts(node)
        key, computed = self.property_key(node.child_by_field_name("name"))
        if kind == "init":
            is_constructor = (not static and not computed and
                              ((key.type == "Identifier" and key.name == "constructor") or
                               (key.type == "Literal" and key.value == "constructor")))
            kind = "constructor" if is_constructor else "method"
        value = self.method_function(node, is_async, generator)
        return self.spanning(N.MethodDefinition(key, computed, value, kind, static), node)

    def field(self, node, siblings, index):
        static = any(child.type == "static" for child in node.children)
        key, computed = self.property_key(node.child_by_field_name("property"))
        value_node = node.child_by_field_name("value")
        value = self.expression(value_node) if value_node is not None else None
        end = self.end(node)
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        if following is not None and following.type == ";":
            end = self.end(following)  # esprima's field takes its `;`
        return self.at(N.PropertyDefinition(key, computed, value, static), self.start(node), end)

    def class_expression(self, node):
        return self.class_(node, N.ClassExpression)

    def call(self, node, in_chain: bool = False):
        before = self.optionals
        callee_node = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if arguments.type == "template_string":
            tag = self.chain_part(callee_node)
            if self.optionals != before:
                raise _Unsupported  # a?.b`x` is an error
            return self.spanning(N.TaggedTemplateExpression(tag, self.template(arguments)), node)
        if callee_node.type == "import":
            args = self.arguments(arguments)
            if len(args) != 1:
                raise _Unsupported
            return self.spanning(N.ImportExpression(args[0]), node)
        optional = self.optional_link(node)
        callee = self.chain_part(callee_node)
        args = self.arguments(arguments)
        return self.chained(self.spanning(N.CallExpression(callee, args, optional), node), before, in_chain)

    def member(self, node, in_chain: bool = False):
        """`a.b`, `a.#b` (tree-sitter's member_expression) and `a[b]` (its subscript_expression)."""
        before = self.optionals
        optional = self.optional_link(node)
        object_ = self.chain_part(node.child_by_field_name("object"))
        if node.type == "subscript_expression":
            member = N.ComputedMemberExpression(object_, self.expression(node.child_by_field_name("index")), optional)
        else:
            property_node = node.child_by_field_name("property")
            if property_node.type == "private_property_identifier":
                member = N.StaticMemberExpression(object_, self.private_name(property_node), optional)
            else:
                member = N.StaticMemberExpression(object_, self.identifier(property_node), optional)
        return self.chained(self.spanning(member, node), before, in_chain)

    def arguments(self, node) -> list:
        arguments = []
        previous = "("
        for child in node.children:
            kind = child.type
            if kind == "comment":
                continue
            if kind == ",":
                if previous in (",", "("):
                    raise _Unsupported("empty list item")
            elif kind != "(" and kind != ")":
                arguments.append(self.expression(child))
            previous = kind
        return arguments

    def chain_part(self, node):
        """The object or callee of a member or call: the same chain, unless parenthesised."""
        kind = node.type
        if kind == "call_expression":
            return self.call(node, in_chain=True)
        if kind == "member_expression" or kind == "subscript_expression":
            return self.member(node, in_chain=True)
        return self.expression(node)

    def optional_link(self, node) -> bool:
        """Whether a member or call is `?.`; counted, for the chain it belongs to (see `chained`)."""
        if not self.may_chain or node.child_by_field_name("optional_chain") is None:
            return False
        self.optionals += 1
        return True

    def chained(self, expression, before: int, in_chain: bool):
        """esprima wraps the whole of a chain that holds a `?.` in a ChainExpression: the outermost link
        of a chain wraps it when `?.` were counted since it began (`before`), and takes them off the
        count; a chain inside it (an argument, a parenthesised object) has taken off its own."""
        if in_chain or self.optionals == before:
            return expression
        self.optionals = before
        return self.at(N.ChainExpression(expression), *expression.range)

    def new(self, node):
        constructor = node.child_by_field_name("constructor")
        arguments = node.child_by_field_name("arguments")
        args = self.arguments(arguments) if arguments is not None else []
        result = self.spanning(N.NewExpression(self.expression(constructor), args), node)
        result._hasArguments = arguments is not None
        return result

    def assignment(self, node):
        left = self.pattern(node.child_by_field_name("left"), assignment=True)
        right = self.expression(node.child_by_field_name("right"))
        return self.spanning(N.AssignmentExpression("=", left, right), node)

    def augmented_assignment(self, node):
        left = self.pattern(node.child_by_field_name("left"), assignment=True)
        operator = self.text(node.child_by_field_name("operator"))
        right = self.expression(node.child_by_field_name("right"))
        return self.spanning(N.AssignmentExpression(operator, left, right), node)

    def binary(self, node):
        operator = node.child_by_field_name("operator").type
        left_node = node.child_by_field_name("left")
        left = self.private_name(left_node) if left_node.type == "private_property_identifier" else self.expression(left_node)
        return self.spanning(N.BinaryExpression(operator, left,
                                                self.expression(node.child_by_field_name("right"))), node)

    def unary(self, node):
        operator = node.child_by_field_name("operator").type
        argument_node = node.child_by_field_name("argument")
        if operator == "delete" and argument_node.type == "identifier":
            raise _Unsupported  # not in strict code
        return self.spanning(N.UnaryExpression(operator, self.expression(argument_node)), node)

    def update(self, node):
        operator_node = node.child_by_field_name("operator")
        argument = self.pattern(node.child_by_field_name("argument"), assignment=True)
        prefix = operator_node.start_byte < node.child_by_field_name("argument").start_byte
        return self.spanning(N.UpdateExpression(operator_node.type, argument, prefix), node)

    def ternary(self, node):
        return self.spanning(N.ConditionalExpression(self.expression(node.child_by_field_name("condition")),
                                                     self.expression(node.child_by_field_name("consequence")),
                                                     self.expression(node.child_by_field_name("alternative"))), node)

    def sequence(self, node):
        expressions = []
        pending = [node]
        while pending:  # tree-sitter nests `a, b, c` to the right or left; esprima lists them
            current = pending.pop()
            if current.type == "sequence_expression":
                pending.extend(reversed(_named(current)))
            else:
                expressions.append(self.expression(current))
        return self.spanning(N.SequenceExpression(expressions), node)

    def parenthesized(self, node):
        inner = _named(node)
        if len(inner) != 1:
            raise _Unsupported
        expression = self.expression(inner[0])
        expression._parenthesized = True
        return expression

    def await_(self, node):
        return self.spanning(N.AwaitExpression(self.expression(_only(_named(node)))), node)

    def yield_(self, node):
        delegate = any(child.type == "*" for child in node.children)
        argument = _named(node)
        return self.spanning(N.YieldExpression(self.expression(_only(argument)) if argument else None, delegate), node)

    def spread(self, node):
        return self.spanning(N.SpreadElement(self.expression(_only(_named(node)))), node)

    def meta_property(self, node):
        words = [child for child in node.children if child.type != "comment"]
        if len(words) != 3:
            raise _Unsupported
        meta, _dot, name = words
        return self.spanning(N.MetaProperty(self.spanning(N.Identifier(meta.type), meta),
                                            self.spanning(N.Identifier(self.text(name)), name)), node)

    # patterns ------------------------------------------------------------------------------------------

    def pattern(self, node, assignment: bool = False):
        """A binding or assignment target; esprima's classes for patterns."""
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            return self.binding(node)
        if kind == "undefined":
            return self.identifier(node)
        if kind == "object_pattern":
            _separated_by_commas(node)
            properties = []
            for child in _named(node):
                properties.append(self.object_pattern_property(child))
            return self.spanning(N.ObjectPattern(properties), node)
        if kind == "array_pattern":
            elements = _array_items(node, lambda child: self.pattern(child, assignment))
            return self.spanning(N.ArrayPattern(elements), node)
        if kind == "assignment_pattern":
            return self.spanning(N.AssignmentPattern(self.pattern(node.child_by_field_name("left"), assignment),
                                                     self.expression(node.child_by_field_name("right"))), node)
        if kind == "rest_pattern":
            return self.spanning(N.RestElement(self.pattern(_only(_named(node)), assignment)), node)
        if assignment and kind in ("member_expression", "subscript_expression"):
            target = self.expression(node)
            if target.type != "MemberExpression":
                raise _Unsupported  # a?.b = 1
            return target
        if assignment and kind == "parenthesized_expression":
            inner = _only(_named(node))
            if inner.type not in ("identifier", "member_expression", "subscript_expression"):
                raise _Unsupported
            target = self.pattern(inner, assignment)
            target._parenthesized = True
            return target
        raise _Unsupported(kind)

    def object_pattern_property(self, node):
        kind = node.type
        if kind == "shorthand_property_identifier_pattern":
            return self.spanning(N.Property("init", self.identifier(node), False, self.binding(node), False, True), node)
        if kind == "object_assignment_pattern":
            left = node.child_by_field_name("left")
            if left.type != "shorthand_property_identifier_pattern":
                raise _Unsupported
            default = self.spanning(N.AssignmentPattern(self.binding(left),
                                                        self.expression(node.child_by_field_name("right"))), node)
            return self.spanning(N.Property("init", self.identifier(left), False, default, False, True), node)
        if kind == "pair_pattern":
            key, computed = self.property_key(node.child_by_field_name("key"))
            value = self.pattern(node.child_by_field_name("value"), assignment=True)
            return self.spanning(N.Property("init", key, computed, value, False, False), node)
        if kind == "rest_pattern":
            return self.spanning(N.RestElement(self.pattern(_only(_named(node)), assignment=True)), node)
        raise _Unsupported(kind)


def _named(node: tree_sitter.Node) -> list:
    """A node's named children, comments left out."""
    return [child for child in node.named_children if child.type != "comment"]


def _array_items(node: tree_sitter.Node, convert) -> list:
    """The converted items of an array (or array pattern), None for each hole (`[a, , b]`)."""
    items = []
    previous_was_item = False
    for child in node.children:
        kind = child.type
        if kind in ("[", "]", "comment"):
            continue
        if kind == ",":
            if not previous_was_item:
                items.append(None)
            previous_was_item = False
            continue
        items.append(convert(child))
        previous_was_item = True
    return items


def _separated_by_commas(node: tree_sitter.Node) -> None:
    """tree-sitter lets a list of arguments or properties hold empty items (`f(a,,b)`, `{,}`); JavaScript
    does not (but arrays, whose holes are elements)."""
    previous = "("
    for child in node.children:
        kind = child.type
        if kind == "comment":
            continue
        if kind == "," and previous in (",", "(", "{"):
            raise _Unsupported("empty list item")
        previous = kind


def _only(children: list):
    if len(children) != 1:
        raise _Unsupported
    return children[0]


def _function_expression(converter: _Converter, node):
    return converter.function(node)


_STATEMENTS = {
    "expression_statement": _Converter.expression_statement,
    "variable_declaration": _Converter.declaration,
    "lexical_declaration": _Converter.declaration,
    "statement_block": _Converter.block,
    "if_statement": _Converter.if_statement,
    "for_statement": _Converter.for_statement,
    "for_in_statement": _Converter.for_in_statement,
    "while_statement": _Converter.while_statement,
    "do_statement": _Converter.do_statement,
    "return_statement": _Converter.return_statement,
    "throw_statement": _Converter.throw_statement,
    "break_statement": _Converter.jump,
    "continue_statement": _Converter.jump,
    "try_statement": _Converter.try_statement,
    "switch_statement": _Converter.switch_statement,
    "labeled_statement": _Converter.labeled_statement,
    "empty_statement": _Converter.empty_statement,
    "debugger_statement": _Converter.debugger_statement,
    "import_statement": _Converter.import_statement,
}

_EXPRESSIONS = {
    "identifier": _Converter.reference,
    "undefined": _Converter.identifier,
    "this": _Converter.this,
    "super": _Converter.super_,
    "true": _Converter.constant,
    "false": _Converter.constant,
    "null": _Converter.constant,
    "number": _Converter.number,
    "string": _Converter.string,
    "regex": _Converter.regex,
    "template_string": _Converter.template,
    "array": _Converter.array,
    "object": _Converter.object,
    "function_expression": _function_expression,
    "function": _function_expression,
    "generator_function": _function_expression,
    "arrow_function": _Converter.arrow,
    "class": _Converter.class_expression,
    "call_expression": _Converter.call,
    "member_expression": _Converter.member,
    "subscript_expression": _Converter.member,
    "new_expression": _Converter.new,
    "assignment_expression": _Converter.assignment,
    "augmented_assignment_expression": _Converter.augmented_assignment,
    "binary_expression": _Converter.binary,
    "unary_expression": _Converter.unary,
    "update_expression": _Converter.update,
    "ternary_expression": _Converter.ternary,
    "sequence_expression": _Converter.sequence,
    "parenthesized_expression": _Converter.parenthesized,
    "await_expression": _Converter.await_,
    "yield_expression": _Converter.yield_,
    "spread_element": _Converter.spread,
    "meta_property": _Converter.meta_property,
}


def parse_module(code: str):
    """esprima's Module for `code`, with comments, or None where esprima must decide (see the module's
    docstring). Does not run esprima's validator: the caller does, as for esprima's own trees."""
    try:
        return _Converter(code).program()
    except (_Unsupported, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - a converter bug: esprima, the reference, reads the file instead
        # (tools/compare_parsers.py --why counts these by where they were raised)
        return None
