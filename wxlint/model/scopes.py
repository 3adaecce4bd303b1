"""Scopes and bindings of one JavaScript file.

A precise model of bindings is what keeps wxlint from mistaking a page method
or a local variable for the `wx` global. One pass declares every name in its
scope (with hoisting) and records the scope of every identifier; names are
resolved afterwards, so uses before declarations resolve correctly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from esprima.nodes import Node

from wxlint.parse.javascript import FUNCTION_NODES, child_keys, child_nodes, property_key



# Names the platform (or CommonJS) gives every script: a top-level assignment to one is no variable of the script
_PLATFORM_NAMES = frozenset({"wx", "uni", "App", "Page", "Component", "Behavior", "getApp", "getCurrentPages", "require",
                             "module", "exports", "global", "globalThis"})


@dataclass(eq=False)
class Binding:
    name: str
    kind: str  # var | let | const | function | class | param | import | catch | global (implicit, sloppy mode)
    identifier: Node
    scope: "Scope"
    init: Node | None = None  # the initialiser of a simple `x = init` declaration
    destructured_key: str | None = None  # `const { key: x } = init`
    import_source: str | None = None
    imported_name: str | None = None  # "default", "*" or the exported name
    writes: list[Node] = field(default_factory=list)  # assignments after the declaration

    @property
    def is_constant(self) -> bool:
        """Declared once and never reassigned (const, or var/let without writes)."""
        return not self.writes


@dataclass(eq=False)
class Scope:
    node: Node
    kind: str  # module | function | block | catch | class
    parent: "Scope | None"
    bindings: dict[str, Binding] = field(default_factory=dict)

    @property
    def function_scope(self) -> "Scope":
        scope = self
        while scope.kind not in ("function", "module") and scope.parent is not None:
            scope = scope.parent
        return scope

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None


class ScopeModel:
    """Scopes of one program; also sets `node._parent` on every node."""

    def __init__(self, program: Node):
        self.program = program
        self.root = Scope(program, "module", None)
        # every node by ESTree type, each list in document order (one walk serves every question)
        self.nodes_by_type: dict[str, list[Node]] = {}
        # Keyed by the node itself (nodes hash by identity): an id() key would be one more int object per
        # identifier, a tenth of the model's memory.
        self.scope_of_node: dict[Node, Scope] = {}  # Identifier or function node -> the scope it is in
        self.function_scopes: dict[Node, Scope] = {}  # function node -> its own scope
        self._pending_writes: list[tuple[Node, Scope]] = []
        self.bindings: list[Binding] = []  # every binding of every scope
        self._visit(program, None, self.root)
        self._declare_implicit_globals()
        for identifier, scope in self._pending_writes:
            binding = scope.lookup(identifier.name)
            if binding is not None and binding.identifier is not identifier:
                binding.writes.append(identifier)

    def _declare_implicit_globals(self) -> None:
        """`rm = wx.getRecorderManager()` at the top of a script that never declares `rm` (sloppy mode makes it a global):
        a variable of the script, holding what it was first given (MyChecky/Checky-Wechat-Applet upload.js, held out).
        The platform's own names stay globals."""
        for identifier, scope in self._pending_writes:
            assignment = identifier._parent
            statement = assignment._parent if assignment is not None else None
            if (scope is self.root and identifier.name not in _PLATFORM_NAMES and assignment.type == "AssignmentExpression"
                    and assignment.operator == "=" and assignment.left is identifier and statement is not None
                    and statement.type == "ExpressionStatement" and statement._parent is self.program
                    and self.root.lookup(identifier.name) is None):
                self._declare(self.root, identifier, "global", assignment.right)

    def resolve(self, identifier: Node) -> Binding | None:
        """The binding an identifier refers to; None for a global such as `wx`."""
        scope = self.scope_of_node.get(identifier)
        return None if scope is None else scope.lookup(identifier.name)

    def is_global(self, identifier: Node, name: str) -> bool:
        return identifier.type == "Identifier" and identifier.name == name and self.resolve(identifier) is None

    # -- the pass ---------------------------------------------------------
    def _visit(self, node: Node, parent: Node | None, scope: Scope) -> None:
        stack = [(node, parent, scope)]
        nodes_by_type = self.nodes_by_type
        scope_of_node = self.scope_of_node
        reversed_keys = _REVERSED_CHILD_KEYS
        while stack:
            node, parent, scope = stack.pop()
            node._parent = parent
            kind = node.type
            found = nodes_by_type.get(kind)
            if found is None:
                nodes_by_type[kind] = [node]
            else:
                found.append(node)
            if kind == "Identifier":
                scope_of_node[node] = scope
                continue
            inner = scope
            if kind in _SCOPED_KINDS:  # a few kinds declare names or open a scope: most go straight on
                if kind in FUNCTION_NODES:
                    self._visit_function(node, scope, stack)
                    continue
                inner = self._declare_in(node, kind, scope)
            # `child_nodes`, inlined and reversed: this runs for every node of the project
            keys = reversed_keys.get(type(node))
            for key in keys if keys is not None else _reversed_child_keys(node):
                value = getattr(node, key)
                if isinstance(value, Node):
                    stack.append((value, node, inner))
                elif isinstance(value, list):
                    for item in reversed(value):
                        if isinstance(item, Node):
                            stack.append((item, node, inner))

    def _visit_function(self, node: Node, scope: Scope, stack: list) -> None:
        kind = node.type
        self.scope_of_node[node] = scope
        if kind == "FunctionDeclaration" and node.id is not None:
            self._declare(scope.function_scope if scope.kind != "block" else scope, node.id, "function")
        inner = Scope(node, "function", scope)
        self.function_scopes[node] = inner
        if kind == "FunctionExpression" and node.id is not None:
            self._declare(inner, node.id, "function")
        for param in node.params:
            self._declare_pattern(inner, param, "param", None)
        body = node.body
        params_and_id = [c for c in child_nodes(node) if c is not body]
        if body.type == "BlockStatement":
            # The body block shares the function's scope.
            body._parent = node
            self.nodes_by_type.setdefault("BlockStatement", []).append(body)
            for child in reversed(child_nodes(body)):
                stack.append((child, body, inner))
        else:
            stack.append((body, node, inner))  # an arrow's expression body
        for child in reversed(params_and_id):
            stack.append((child, node, inner))

    def _declare_in(self, node: Node, kind: str, scope: Scope) -> Scope:
        """Declare what a node of `_SCOPED_KINDS` (not a function) declares; the scope of its children."""
        if kind == "VariableDeclaration":
            target = scope.function_scope if node.kind == "var" else scope
            for declarator in node.declarations:
                self._declare_pattern(target, declarator.id, node.kind, declarator.init)
        elif kind == "ClassDeclaration":
            if node.id is not None:
                self._declare(scope, node.id, "class")
        elif kind == "ImportDeclaration":
            for specifier in node.specifiers:
                binding = self._declare(self.root, specifier.local, "import")
                binding.import_source = node.source.value
                if specifier.type == "ImportDefaultSpecifier":
                    binding.imported_name = "default"
                elif specifier.type == "ImportNamespaceSpecifier":
                    binding.imported_name = "*"
                else:
                    imported = specifier.imported
                    binding.imported_name = imported.name if imported.type == "Identifier" else imported.value
        elif kind in _BLOCK_KINDS:
            return Scope(node, "block", scope)
        elif kind == "CatchClause":
            inner = Scope(node, "catch", scope)
            if node.param is not None:
                self._declare_pattern(inner, node.param, "catch", None)
            return inner
        elif kind == "ClassExpression":
            if node.id is not None:
                inner = Scope(node, "class", scope)
                self._declare(inner, node.id, "class")
                return inner
        elif kind == "AssignmentExpression":
            for identifier in _pattern_identifiers(node.left):
                self._pending_writes.append((identifier, scope))
        elif kind == "UpdateExpression":
            if node.argument.type == "Identifier":
                self._pending_writes.append((node.argument, scope))
        return scope

    def _declare(self, scope: Scope, identifier: Node, kind: str, init: Node | None = None, key: str | None = None) -> Binding:
        existing = scope.bindings.get(identifier.name)
        if existing is not None and kind in ("var", "function") and existing.kind in ("var", "function", "param"):
            # A second `var x = …` is a write of the same binding.
            if init is not None or kind == "function":
                existing.writes.append(identifier)
            return existing
        binding = Binding(identifier.name, kind, identifier, scope, init=init, destructured_key=key)
        scope.bindings[identifier.name] = binding
        self.bindings.append(binding)
        return binding

    def _declare_pattern(self, scope: Scope, pattern: Node, kind: str, init: Node | None) -> None:
        if pattern.type == "Identifier":
            self._declare(scope, pattern, kind, init)
        elif pattern.type == "ObjectPattern":
            for prop in pattern.properties:
                if prop.type == "RestElement":
                    self._declare_pattern(scope, prop.argument, kind, None)
                    continue
                key = property_key(prop)
                value = prop.value
                if value.type == "AssignmentPattern":
                    value = value.left
                if value.type == "Identifier" and key is not None:
                    # Remember `const { key: name } = init` so aliases of `wx.key` resolve.
                    self._declare(scope, value, kind, init, key)
                else:
                    self._declare_pattern(scope, value, kind, None)
        elif pattern.type == "ArrayPattern":
            for element in pattern.elements:
                if element is not None:
                    self._declare_pattern(scope, element, kind, None)
        elif pattern.type == "AssignmentPattern":
            self._declare_pattern(scope, pattern.left, kind, None)
        elif pattern.type == "RestElement":
            self._declare_pattern(scope, pattern.argument, kind, None)


_BLOCK_KINDS = frozenset({"BlockStatement", "ForStatement", "ForInStatement", "ForOfStatement", "SwitchStatement",
                          "StaticBlock"})
# the kinds `_visit` does more for than record them and go on to their children
_SCOPED_KINDS = FUNCTION_NODES | _BLOCK_KINDS | {"VariableDeclaration", "ClassDeclaration", "ImportDeclaration",
                                                 "CatchClause", "ClassExpression", "AssignmentExpression",
                                                 "UpdateExpression"}
_REVERSED_CHILD_KEYS: dict[type, tuple[str, ...]] = {}


def _reversed_child_keys(node: Node) -> tuple[str, ...]:
    keys = _REVERSED_CHILD_KEYS.get(type(node))
    if keys is None:
        keys = _REVERSED_CHILD_KEYS[type(node)] = tuple(reversed(child_keys(node)))
    return keys


def _pattern_identifiers(pattern: Node):
    if pattern.type == "Identifier":
        yield pattern
    elif pattern.type == "ObjectPattern":
        for prop in pattern.properties:
            yield from _pattern_identifiers(prop.argument if prop.type == "RestElement" else prop.value)
    elif pattern.type == "ArrayPattern":
        for element in pattern.elements:
            if element is not None:
                yield from _pattern_identifiers(element)
    elif pattern.type in ("AssignmentPattern",):
        yield from _pattern_identifiers(pattern.left)
    elif pattern.type == "RestElement":
        yield from _pattern_identifiers(pattern.argument)
