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



@dataclass(eq=False)
class Binding:
    name: str
    kind: str  # var | let | const | function | class | param | import | catch
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
        for identifier, scope in self._pending_writes:
            binding = scope.lookup(identifier.name)
            if binding is not None:
                binding.writes.append(identifier)

    def resolve(self, identifier: Node) -> Binding | None:
        """The binding an identifier refers to; None for a global such as `wx`."""
        scope = self.scope_of_node.get(identifier)
        return None if scope is None else scope.lookup(identifier.name)

    def is_global(self, identifier: Node, name: str) -> bool:
        return identifier.type == "Identifier" and identifier.name == name and self.resolve(identifier) is None

    # -- the pass ---------------------------------------------------------
    def _visit(self, node: Node, parent: Node | None, scope: Scope) -> None:
        stack = [(node, parent, scope)]
        while stack:
            node, parent, scope = stack.pop()
            node._parent = parent
            kind = node.type
            found = self.nodes_by_type.get(kind)
            if found is None:
                self.nodes_by_type[kind] = [node]
            else:
                found.append(node)
            if kind == "Identifier":
                self.scope_of_node[node] = scope
                continue
            inner = scope
            if kind in FUNCTION_NODES:
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
                continue
            if kind == "VariableDeclaration":
                target = scope.function_scope if node.kind == "var" else scope
                for declarator in node.declarations:
                    self._declare_pattern(target, declarator.id, node.kind, declarator.init)
            elif kind == "ClassDeclaration" and node.id is not None:
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
            elif kind in ("BlockStatement", "ForStatement", "ForInStatement", "ForOfStatement", "SwitchStatement", "StaticBlock"):
                inner = Scope(node, "block", scope)
            elif kind == "CatchClause":
                inner = Scope(node, "catch", scope)
                if node.param is not None:
                    self._declare_pattern(inner, node.param, "catch", None)
            elif kind == "ClassExpression" and node.id is not None:
                inner = Scope(node, "class", scope)
                self._declare(inner, node.id, "class")
            elif kind == "AssignmentExpression":
                for identifier in _pattern_identifiers(node.left):
                    self._pending_writes.append((identifier, scope))
            elif kind == "UpdateExpression" and node.argument.type == "Identifier":
                self._pending_writes.append((node.argument, scope))
            # `child_nodes`, inlined and reversed: this runs for every node of the project
            for key in reversed(child_keys(node)):
                value = getattr(node, key)
                if isinstance(value, Node):
                    stack.append((value, node, inner))
                elif isinstance(value, list):
                    for item in reversed(value):
                        if isinstance(item, Node):
                            stack.append((item, node, inner))

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
