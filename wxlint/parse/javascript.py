"""JavaScript (and WXS) to ESTree with esprima-fork.

esprima-fork counts offsets in UTF-16 units; `JsTree.offset` converts a node's
start to a code-point offset in the file, which is what every finding uses.
"""

from __future__ import annotations

import keyword
import pickle
from dataclasses import dataclass
from typing import Callable, Iterator

import esprima
from esprima.comment_handler import Comment
from esprima.messages import Messages
from esprima.nodes import Node
from esprima.parser import Parser
from esprima.regexp_validator import RegExpSyntaxError, validate_regexp
from esprima.validation import _validate_parsed_program

from wxlint.parse import native_javascript
from wxlint.parse.source import SourceError, SourceText, shared_range
from wxlint.words import note_saying

_OPTIONS = {"range": True, "comment": True}
_ECMA_VERSION = 2026  # esprima-fork's (its parser's config.ecmaVersion), which its validator is told


class _CommentKeepingParser(Parser):
    """esprima-fork's facade collects comments through a delegate called on every node, which builds
    two location objects per node: a fifth of the parse time. This parser keeps the comments itself
    and is otherwise the facade's own (`esprima.parse`, pinned version): the same trees, comments and
    errors, which tests/test_parse_javascript.py compares file by file (but for a top-level `return`,
    and the place of a `var` redeclared by a later `let`).

    Unless `keep_positions`, nodes get only their `range`: esprima's private `_start`, `_end`, `_line`
    and `_column` serve nothing but the position of a validation error, and leaving them out takes a
    fifth off the memory of a tree and of its pickle (a file with such an error is parsed again, with them)."""

    def __init__(self, code: str, source_type: str, keep_positions: bool = False):
        self.kept_comments: list[Comment] = []  # before the parser's constructor reads the first token
        super().__init__(code, options={**_OPTIONS, "sourceType": source_type})
        self._ownedByFacade = True
        if not keep_positions:
            self.finalize = self._finalize_range_only
        self._regexp_start = 0
        scan_regexp = self.scanner.scanRegExp

        def scan_regexp_from_its_start():
            self._regexp_start = start = self.scanner.index
            try:
                return scan_regexp()
            except esprima.Error as error:
                if not str(error.message).endswith(Messages.UnterminatedRegExp):
                    raise
                self.scanner.index = start  # where V8 points: the literal, not the next line
                self.scanner.throwUnexpectedToken(Messages.UnterminatedRegExp)

        self.scanner.scanRegExp = scan_regexp_from_its_start
        self.scanner.testRegExp = self._test_regexp

    def _test_regexp(self, pattern: str, flags: str) -> None:
        """esprima's check of a regular expression literal, the error placed at the literal's start and worded as
        V8 words it (`Invalid regular expression: /a{1,2}+/: Nothing to repeat`) rather than at its end."""
        scanner = self.scanner
        try:
            validate_regexp(pattern, flags, scanner.ecmaVersion)
        except RegExpSyntaxError as error:
            reason = str(error).split(" at pattern offset ")[0]
            end, scanner.index = scanner.index, self._regexp_start
            try:
                scanner.tolerateUnexpectedToken(f"Invalid regular expression: /{pattern}/{flags}: {reason}")
            finally:
                scanner.index = end

    def parseReturnStatement(self):
        # WeChat runs each file inside a function (its CommonJS wrapper), so a `return` at the top level of
        # a file is legal there (`if (!wx.cloud) return`): one of the two places this parser is not the facade.
        previous = self.context.inFunctionBody
        self.context.inFunctionBody = True
        try:
            return super().parseReturnStatement()
        finally:
            self.context.inFunctionBody = previous

    def _finalize_range_only(self, marker, node):
        # a tuple, not esprima's list: a fifth less memory for it, and nothing changes a node's range
        node.range = shared_range(self.externalOffset(marker.index), self.externalOffset(self.lastMarker.index))
        node._parent = None  # its place, before the scopes fill it in (see `_rebuild_node`)
        return node

    def collectComments(self):
        for entry in self.scanner.scanComments() or ():
            comment = Comment(type="Block" if entry.multiLine else "Line",
                              value=self.scanner.source[entry.slice[0]:entry.slice[1]],
                              range=[self.externalOffset(entry.range[0]), self.externalOffset(entry.range[1])])
            if entry.hashbang:
                comment.hashbang = True
            self.kept_comments.append(comment)


class _ValidationFailed(Exception):
    pass


# esprima's validator's word for a `return` outside a function, legal in a mini-program file (see
# `_CommentKeepingParser.parseReturnStatement`)
_TOP_LEVEL_RETURN = "Illegal return statement"


def _stop_at_error(message: str, node: Node) -> None:
    """The validator's report for a tree that must have no error (a top-level `return` is none)."""
    if message != _TOP_LEVEL_RETURN:
        raise _ValidationFailed


def _parse_program(code: str, source_type: str) -> Node:
    """`esprima.parseModule`/`parseScript` with the `_OPTIONS`, raising esprima.Error the same way
    (nodes without esprima's private positions: see `_CommentKeepingParser`)."""
    parser = _CommentKeepingParser(code, source_type)
    program = _parse_with(parser, source_type)
    if not parser.errorHandler.errors:
        try:
            _validate_parsed_program(program, _stop_at_error, parser.config.ecmaVersion, code)
        except _ValidationFailed:  # rare: parse again with the positions the error is reported at
            return _parse_program_with_positions(code, source_type)
        except RecursionError:
            parser.throwError("JavaScript nesting exceeds the validator resource limit")
    return _finish(parser, program)


def native_program(code: str) -> Node | None:
    """The module tree of `code` from the native front end (`native_javascript`) when it answers and
    esprima's validator finds nothing in it; otherwise None, and esprima decides."""
    program = native_javascript.parse_module(code)
    if program is None or not _passes_validator(program, code):
        return None
    return program


def _passes_validator(program: Node, code: str) -> bool:
    try:
        _validate_parsed_program(program, _stop_at_error, _ECMA_VERSION, code)
    except (_ValidationFailed, RecursionError, RegExpSyntaxError):
        # a regular expression literal V8 refuses (`/a{1,2}+/`): esprima's scanner says where, as V8 does
        return False
    return True


def _parse_with(parser: Parser, source_type: str) -> Node:
    try:
        return parser.parseModule() if source_type == "module" else parser.parseScript()
    except RecursionError:
        parser.throwError("JavaScript nesting exceeds the parser resource limit")


def _finish(parser: Parser, program: Node) -> Node:
    if parser.scanner.hashbang is not None:
        program.hashbang = parser.scanner.hashbang
    program.comments = parser.kept_comments
    return program


def _parse_program_with_positions(code: str, source_type: str) -> Node:
    """The facade's own way, esprima's private positions included, for the error they place."""
    parser = _CommentKeepingParser(code, source_type, keep_positions=True)
    program = _parse_with(parser, source_type)

    def report(message, node):  # as the facade's: the first diagnostic at an index wins
        if message == _TOP_LEVEL_RETURN:
            return
        if message.startswith("Identifier '") and message.endswith("' has already been declared"):
            node = _later_lexical_declaration(program, node)
        error_start = getattr(node, "_protoErrorStart", None)
        index = parser.externalOffset(error_start if error_start is not None else (getattr(node, "_start", None) or 0))
        if any(error.get("index") == index for error in parser.errorHandler.errors):
            return
        line = getattr(node, "_protoErrorLine", None) or getattr(node, "_line", None) or 1
        column = getattr(node, "_protoErrorColumn", None)
        if column is None:
            column = getattr(node, "_column", None) or 0
        parser.errorHandler.tolerate(parser.errorHandler.createError(index, line, column + 1, message))

    if not parser.errorHandler.errors:
        try:
            _validate_parsed_program(program, report, parser.config.ecmaVersion, code)
        except RecursionError:
            parser.throwError("JavaScript nesting exceeds the validator resource limit")
    return _finish(parser, program)


def _later_lexical_declaration(program: Node, binding: Node) -> Node:
    """Where a redeclaration is: esprima's validator names the `var` when a later `let`/`const`/`class`
    takes the same name (`var a; let a`); JavaScript engines, and users, point at the later one."""
    declared_by_var = any(node.type == "VariableDeclaration" and node.kind == "var"
                          and any(d.id is binding for d in node.declarations) for node in walk(program))
    if not declared_by_var:
        return binding
    later = [node for node in walk(program) if node.type in ("VariableDeclaration", "ClassDeclaration")
             and getattr(node, "kind", "let") != "var" and node.range[0] > binding.range[1]]
    names = [d.id for node in later for d in (node.declarations if node.type == "VariableDeclaration" else [node])
             if d.id is not None and d.id.type == "Identifier" and d.id.name == binding.name]
    return min(names, key=lambda identifier: identifier.range[0]) if names else binding


@dataclass
class JsTree:
    source: SourceText
    program: Node
    source_type: str  # "module" or "script"

    @property
    def comments(self) -> list:
        return list(self.program.comments or [])

    def start(self, node: Node) -> int:
        """Code-point offset where a node starts."""
        return self.source.from_utf16(node.range[0])

    def end(self, node: Node) -> int:
        return self.source.from_utf16(node.range[1])

    def span(self, node: Node) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a node, 1-based."""
        line, column = self.source.position(self.start(node))
        end_line, end_column = self.source.position(self.end(node))
        return line, column, end_line, end_column

    def text_of(self, node: Node) -> str:
        return self.source.text[self.start(node): self.end(node)]


def parse_js(source: SourceText, text: str | None = None, module_first: bool = True) -> JsTree:
    """Parse as an ES module, falling back to a script (sloppy code, `package` as a name).

    `text` may replace the file's text with a same-length variant (TypeScript
    with its types blanked, WXML with all but one `<wxs>` body blanked).
    Raises SourceError at the error of whichever attempt got further.
    """
    code = source.text if text is None else text
    if module_first:
        program = native_program(code)
        if program is not None:
            return JsTree(source=source, program=program, source_type="module")
    attempts = ("module", "script") if module_first else ("script",)
    errors: list[esprima.Error] = []
    for source_type in attempts:
        try:
            program = _parse_program(code, source_type)
            return JsTree(source=source, program=program, source_type=source_type)
        except esprima.Error as error:
            errors.append(error)
        except RecursionError:
            raise SourceError("code is nested too deeply to parse") from None
        except AssertionError as error:  # esprima-fork asserts on some invalid input (`${}` in a template)
            raise SourceError(f"invalid syntax: {error}") from None
    furthest = max(errors, key=lambda e: e.index or 0)
    description = str(furthest.message)
    if description.startswith("Line "):
        # esprima prefixes "Line N: "; the finding carries the line itself.
        description = description.split(": ", 1)[-1]

    raise SourceError(description, offset=source.from_utf16(furthest.index or 0), words=note_saying("parser-", description))


# Words JavaScript reserves that WXS leaves free (its own reserved words:
# https://developers.weixin.qq.com/miniprogram/dev/reference/wxs/02variate.html), each with a same-length
# stand-in: copied libraries write `var class = ''` in WXS.
_WXS_FREE_WORDS = {"class": "clas_", "enum": "enu_", "super": "supe_", "import": "impor_", "export": "expor_",
                   "extends": "extend_"}


def wxs_as_javascript(text: str) -> str:
    """WXS as JavaScript esprima reads, of the same length: the words in `_WXS_FREE_WORDS`, used as names in
    WXS, replaced by their stand-ins (WXS has no classes, modules or block scope, so any such word is a name)."""
    if not any(word in text for word in _WXS_FREE_WORDS):
        return text
    try:
        tokens = esprima.tokenize(text, {"range": True})
    except (esprima.Error, RecursionError, AssertionError):
        return text  # the parser will say what is wrong
    source = SourceText(path=None, text=text)
    chars = list(text)
    for token in tokens:
        if token.type in ("Keyword", "Identifier") and token.value in _WXS_FREE_WORDS:
            start = source.from_utf16(token.range[0])
            chars[start:start + len(token.value)] = _WXS_FREE_WORDS[token.value]
    return "".join(chars)


def property_key(prop: Node) -> str | None:
    """The name of an object property or pattern key: `a: 1`, `'a': 1`, `a() {}`; None when computed."""
    key = prop.key
    if key is None:
        return None
    if not prop.computed and key.type == "Identifier":
        return key.name
    if key.type == "Literal" and isinstance(key.value, str):
        return key.value
    return None


# ESTree node types that are functions (each has its own scope and `this`, except arrows' `this`).
FUNCTION_NODES = frozenset({"FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"})

_CHILD_KEYS: dict[type, tuple[str, ...]] = {}
_NOT_CHILDREN = frozenset({"type", "range", "loc", "comments", "value", "raw", "regex", "name", "operator", "kind",
                           "computed", "optional", "shorthand", "method", "static", "prefix", "delegate", "generator",
                           "expression", "sourceType", "directive", "cooked", "tail", "bigint"})


def child_keys(node: Node) -> tuple[str, ...]:
    """The attribute names of a node class that may hold child nodes, in declaration order. Read off
    the first node of the class, for every node of it: a name that usually holds a scalar counts when
    that node holds a node, a list or None there (a class field without an initialiser, `x;`, has
    value None; the next one's value is a node)."""
    keys = _CHILD_KEYS.get(type(node))
    if keys is None:
        keys = tuple(k for k in node.__dict__ if not k.startswith("_") and
                     (k not in _NOT_CHILDREN or node.__dict__[k] is None or isinstance(node.__dict__[k], (Node, list))))
        _CHILD_KEYS[type(node)] = keys
    return keys


def child_nodes(node: Node) -> list[Node]:
    """Direct ESTree children, in source order for the common node shapes."""
    # getattr, not node.__dict__: reading __dict__ turns a node's inline attribute values into a dict
    # object of its own, for good (64 bytes a node, a sixth of a tree's memory)
    children = []
    for key in child_keys(node):
        value = getattr(node, key)
        if isinstance(value, Node):
            children.append(value)
        elif isinstance(value, list):
            children.extend(item for item in value if isinstance(item, Node))
    return children


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including `node`, depth first, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = child_nodes(current)
        children.reverse()
        stack.extend(children)


def walk_own(node: Node) -> Iterator[Node]:
    """The nodes of a function's own code (its body; or a clause or an expression given as it is), in document order,
    without the functions nested in it: what runs when it runs, not what it only defines."""
    start = node.body if node.type in FUNCTION_NODES else node
    stack = [start] if start is not None else []
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(child_nodes(current)) if child.type not in FUNCTION_NODES)


def parse_expression(text: str) -> Node | None:
    """A standalone JavaScript expression (the inside of a WXML `{{ }}`), or None if it is not one."""
    try:
        program = esprima.parseScript(f"({text}\n)")
    except (esprima.Error, RecursionError, AssertionError):
        return None
    statement = program.body[0] if len(program.body) == 1 else None
    return statement.expression if statement is not None and statement.type == "ExpressionStatement" else None


def _rebuild_node(cls: type, names: tuple[str, ...], values: tuple) -> Node:
    # Attributes set one by one in the parser's order keep the class's shared-key dicts: a node
    # loaded this way takes about two thirds of the memory of one whose __dict__ is updated at once.
    builder = _NODE_BUILDERS.get(names)
    if builder is None:
        builder = _NODE_BUILDERS[names] = _node_builder(names)
    return builder(cls, values)


# A function for each tuple of attribute names that sets them in one statement: a node loaded through it costs
# half of what a loop of `setattr` costs (every node of every tree a worker parsed or the cache kept is loaded).
_NODE_BUILDERS: dict[tuple[str, ...], Callable[[type, tuple], Node]] = {}


def _node_builder(names: tuple[str, ...]) -> Callable[[type, tuple], Node]:
    if not all(type(name) is str and name.isidentifier() and not keyword.iskeyword(name) for name in names):
        raise pickle.UnpicklingError("a syntax node's attribute that is not a name")  # the names come from a pickle
    targets = "".join(f"node.{name}, " for name in names) or "()"
    # a pickle writes ints by value: the range is made of the run's shared ones again
    shared = "\n    if type(node.range) is tuple:\n        node.range = shared_range(*node.range)" if "range" in names else ""
    # The scopes give every node a `_parent`: set now, it takes a place in the node's attribute values; set
    # later, it would not fit there and turn the values into a dict of their own (a third of a tree's memory)
    code = (f"def build(cls, values):\n    node = new(cls)\n    {targets}= values{shared}\n"
            f"    node._parent = None\n    return node\n")
    namespace = {"new": object.__new__, "shared_range": shared_range}
    exec(code, namespace)  # noqa: S102 - only attribute names, each checked to be one
    return namespace["build"]


# Each tuple of attribute names once: pickle then writes a reference to it for every node of its shape
# after the first, not the names again (a fifth of a tree's pickle).
_ATTRIBUTE_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _reduce_node(node: Node):
    attributes = node.__dict__
    names = tuple(attributes)
    return _rebuild_node, (type(node), _ATTRIBUTE_NAMES.setdefault(names, names), tuple(attributes.values()))


def _register_node_pickling() -> None:
    """esprima's objects (nodes, comments) answer None for any missing attribute, which confuses
    pickle's `__setstate__` lookup; a plain reducer lets parsed trees go to the cache and to workers."""
    import copyreg

    from esprima.objects import Object

    pending = [Object]
    while pending:
        cls = pending.pop()
        copyreg.pickle(cls, _reduce_node)
        pending.extend(cls.__subclasses__())


_register_node_pickling()
