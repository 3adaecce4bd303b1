"""One JavaScript file as the checks see it: tree, scopes, and uses of the `wx` API."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from esprima.nodes import Node

from wxlint.model.scopes import ScopeModel
from wxlint.parse.javascript import JsTree, property_key, walk

# The global objects through which mini-programs reach the platform API: uni-app's `uni` forwards each API it does
# not adapt to `wx` unchanged on WeChat (uni-mp-core api/index.ts; https://uniapp.dcloud.net.cn/api/).
WX_GLOBALS = ("wx", "uni")


@dataclass
class WxUse:
    """A use of `wx.<api>`: called, tested for existence, or passed on as a value."""

    api: str
    node: Node  # the member expression (or aliased identifier) naming the API
    kind: str  # "call" | "test" | "value"
    call: Node | None = None  # the CallExpression, for calls


def parent_of(node: Node) -> Node | None:
    """The node's parent in its program (None for the program itself); known for every node of a `JsModule`,
    whose scopes record it."""
    return node._parent


def ancestors(node: Node) -> Iterator[Node]:
    """The node's parent, its parent's parent, and so on up to the program."""
    current = node._parent
    while current is not None:
        yield current
        current = current._parent


def is_this(module: "JsModule", node: Node | None) -> bool:
    """`this`, or a constant that holds it (`const that = this`)."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "ThisExpression":
        return True
    if node.type != "Identifier":
        return False
    binding = module.scopes.resolve(node)
    return (binding is not None and binding.is_constant and binding.init is not None
            and unwrap(binding.init).type == "ThisExpression")


def is_assigned(node: Node) -> bool:
    """Whether an expression is what an assignment writes (`record['scope.userInfo'] = true`), not a value read."""
    parent = node._parent
    return parent is not None and parent.type == "AssignmentExpression" and parent.left is node


def callee_name(callee: Node) -> str | None:
    """The name a call's callee calls by: `isLoggedIn` of `isLoggedIn` and of `app.isLoggedIn`."""
    callee = unwrap(callee)
    if callee.type == "Identifier":
        return callee.name
    return member_name(callee) if callee.type == "MemberExpression" else None


def is_console(callee: Node | None) -> bool:
    """Whether a callee is a method of `console` (`console.log`): a call that only writes a log."""
    callee = unwrap(callee)
    return (callee is not None and callee.type == "MemberExpression"
            and getattr(unwrap(callee.object), "name", None) == "console")


def only_logged(node: Node) -> bool:
    """Whether a value is an argument of a `console` call (`console.log('addAddress')`, `console.log(res.authSetting[
    'scope.userInfo'])`): logged, neither a name anything is called by nor a test."""
    call = node._parent
    return call is not None and call.type == "CallExpression" and node in call.arguments and is_console(call.callee)


def member_path(expression: Node) -> tuple[list[str], Node | None]:
    """(["intercept", "response"], http) for `http.intercept.response`; ([], x) for `x` itself; ([], None) when a member
    is computed from a variable."""
    names: list[str] = []
    expression = unwrap(expression)
    while expression.type == "MemberExpression":
        name = member_name(expression)
        if name is None:
            return [], None
        names.append(name)
        expression = unwrap(expression.object)
    return list(reversed(names)), expression


def _members_above(node: Node, levels: int, skip: int) -> Iterator[Node]:
    """The member expressions a node (or the call it is the callee of: `getApp()`) is the object of, one above the
    other, up to `levels` of them, leaving out the first `skip`."""
    parent = node._parent
    if parent is not None and parent.type == "CallExpression" and parent.callee is node:
        node, parent = parent, parent._parent
    for level in range(levels):
        if parent is None or parent.type != "MemberExpression" or parent.object is not node:
            return
        if level >= skip:
            yield parent
        node, parent = parent, parent._parent


def unwrap(node: Node | None) -> Node | None:
    """The expression inside `a?.b` chains and `(x)` groupings esprima keeps; and the value of a sequence, its
    last expression: TypeScript and Babel compile an imported function's call to `(0, module_1.fn)(…)`."""
    while node is not None:
        kind = node.type
        if kind == "ChainExpression" or kind == "ParenthesizedExpression":
            node = node.expression
        elif kind == "SequenceExpression" and node.expressions:
            node = node.expressions[-1]
        else:
            return node
    return node


def name_words(name: str) -> set[str]:
    """Lower-case words of a name, split at `_`, `-`, `.` and camelCase, with each pair of neighbours
    joined: `bind-phone` and `bindPhone` -> bind, phone, bindphone; `access_token` -> …, accesstoken."""
    tokens = [t.lower() for t in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)]
    return set(tokens) | {a + b for a, b in zip(tokens, tokens[1:])}


def member_name(member: Node) -> str | None:
    """Property name of `a.b`, `a['b']` or a`` a[`b`] ``; None when computed from a variable or a
    number (`a[0]`), and for anything that is not a member expression."""
    if member is None or member.type != "MemberExpression":
        return None
    prop = member.property
    if not member.computed:
        return prop.name if prop.type in ("Identifier", "PrivateIdentifier") else None
    if prop.type == "Literal" and isinstance(prop.value, str):
        return prop.value
    if prop.type == "TemplateLiteral" and not prop.expressions and len(prop.quasis) == 1:
        return prop.quasis[0].value.cooked
    return None


def string_value(node: Node | None, module: "JsModule | None" = None) -> str | None:
    """The value of a string literal or an expression-free template literal; with `module`, also of
    a constant bound to one (`const SCOPE = 'scope.userLocation'`)."""
    node = unwrap(node)
    if module is not None:
        node = module.constant_value(node)
    if node is None:
        return None
    if node.type == "Literal" and isinstance(node.value, str):
        return node.value
    if node.type == "TemplateLiteral" and not node.expressions and len(node.quasis) == 1:
        return node.quasis[0].value.cooked
    return None


def leading_string(node: Node | None, module: "JsModule | None" = None) -> str | None:
    """The static start of a string expression: `'/pages/login?from=' + x` and
    `` `/pages/login?from=${x}` `` -> '/pages/login?from='; of a choice, what both branches start with
    (`redirect ? '/pages/login/login?redirect=' + r : '/pages/login/login'`); with `module`, through constants."""
    node = unwrap(node)
    if module is not None:
        node = module.constant_value(node)
    if node is not None and node.type == "ConditionalExpression":
        starts = [leading_string(branch, module) for branch in (node.consequent, node.alternate)]
        return (os.path.commonprefix(starts) or None) if None not in starts else None
    while node is not None and node.type == "BinaryExpression" and node.operator == "+":
        node = unwrap(node.left)
        if module is not None:
            node = module.constant_value(node)
    if node is not None and node.type == "TemplateLiteral":
        return node.quasis[0].value.cooked
    return string_value(node, module)


def object_property(obj: Node | None, name: str) -> Node | None:
    """The value of property `name` in an object literal, or None."""
    obj = unwrap(obj)
    if obj is None or obj.type != "ObjectExpression":
        return None
    for prop in obj.properties:
        if prop.type == "Property" and property_key(prop) == name:
            return prop.value
    return None


def options_call(prop: Node) -> Node | None:
    """The call an options object literal is the first argument of, for one of its properties:
    `wx.showModal({ success() {…} })` for the `success` property; None elsewhere."""
    options = prop._parent
    call = options._parent if options is not None else None
    if call is None or call.type != "CallExpression" or not call.arguments or call.arguments[0] is not options:
        return None
    return call


class JsModule:
    """A parsed JavaScript/TypeScript/WXS file with its scopes."""

    def __init__(self, tree: JsTree):
        self.tree = tree
        self.source = tree.source
        self.path = tree.source.path
        self.scopes = ScopeModel(tree.program)
        # Set by the project model before any question: top-level bindings imported from a module whose
        # export is `wx` itself (id -> None) or one of its APIs (id -> "getUserInfo").
        self.imported_wx: dict[int, str | None] = {}
        # Set by the project model: the members of the App that hold wx's APIs (`promisifyAll(wx, this.wxp)` in App's
        # onLaunch makes `getApp().wxp` one), as paths of names: {("wxp",)}
        self.app_wx_members: set[tuple[str, ...]] = set()
        # Set by the project model: the functions this module's imported names stand for, id(binding) -> (module,
        # function node): `const { requireLogin } = require('../../utils/auth.js')` (see `guards._returned_facts`)
        self.imported_functions: dict[int, tuple["JsModule", Node]] = {}
        self.imported_proxy_classes: set[int] = set()  # bindings of a wx proxy class another module exports
        # Set by the project model for a uni-app `.vue` file: what its `export default` defines (app, page or
        # component), the way `Page({...})` says it in a native script.
        self.single_file_kind: str | None = None
        # Set by the project model for the script of a page or component app.json or usingComponents names: what it
        # defines, were it through a framework's own constructor (`xPage({…})`, `baseComponent({…})`).
        self.declared_kind: str | None = None

    def nodes(self, *types: str) -> list[Node]:
        """Every node of these ESTree types, in document order, from the one walk the scopes made."""
        if len(types) == 1:
            return self.scopes.nodes_by_type.get(types[0], [])
        merged = [node for kind in types for node in self.scopes.nodes_by_type.get(kind, ())]
        # Document order: by start, an enclosing node (longer) before the nodes it contains.
        merged.sort(key=lambda node: (node.range[0], -node.range[1]))
        return merged

    def nodes_any_order(self, *types: str) -> Iterator[Node]:
        """Every node of these types, type after type: for callers that do not need document order,
        which `nodes` pays for by sorting every node of the types."""
        for kind in types:
            yield from self.scopes.nodes_by_type.get(kind, ())

    def constant_value(self, expression: Node | None, _depth: int = 0) -> Node | None:
        """The expression a constant stands for (`const LOGIN = '/pages/login/login'`, or a member of
        a constant object literal `PAGES.login`); the expression itself otherwise."""
        expression = unwrap(expression)
        if expression is None or _depth > 8:
            return expression
        if expression.type == "Identifier":
            binding = self.scopes.resolve(expression)
            if binding is not None and binding.is_constant and binding.init is not None and binding.destructured_key is None:
                return self.constant_value(binding.init, _depth + 1)
        elif expression.type == "MemberExpression" and member_name(expression) is not None:
            owner = self.constant_value(expression.object, _depth + 1)
            if owner is not None and owner.type == "ObjectExpression":
                found = object_property(owner, member_name(expression))
                if found is not None:
                    return self.constant_value(found, _depth + 1)
        return expression

    def is_wx(self, expression: Node | None, _depth: int = 0, _through_proxies: bool = True) -> bool:
        """Whether an expression is the global `wx` object, directly, through a constant alias, an
        import of a module that exports it, or a proxy filled with its APIs."""
        expression = unwrap(expression)
        if expression is not None and expression.type == "NewExpression" and _through_proxies:
            return self.is_proxy_class(expression.callee)
        if expression is not None and expression.type == "MemberExpression" and self.app_wx_members and _through_proxies:
            return self._app_member_path(expression) in self.app_wx_members
        if expression is None or expression.type != "Identifier" or _depth > 8:
            return False
        if _through_proxies and expression.name not in self._names_that_can_be_wx:
            return False
        binding = self.scopes.resolve(expression)
        if binding is None:
            return expression.name in WX_GLOBALS
        if self.imported_wx.get(id(binding), "") is None or (_through_proxies and id(binding) in self.wx_proxies):
            return True
        return (binding.is_constant and binding.destructured_key is None and binding.init is not None
                and self.is_wx(binding.init, _depth + 1, _through_proxies))

    def _app_member_path(self, expression: Node) -> tuple[str, ...] | None:
        """("wxp",) for `getApp().wxp`, or `app.wxp` after `const app = getApp()`; None for anything else."""
        names, expression = member_path(expression)
        if expression is None:
            return None
        if expression.type == "Identifier":
            binding = self.scopes.resolve(expression)
            if binding is None or not binding.is_constant or binding.destructured_key is not None or binding.init is None:
                return None
            expression = unwrap(binding.init)
        callee = unwrap(expression.callee) if expression.type == "CallExpression" else None
        if callee is None or callee.type != "Identifier" or callee.name != "getApp" or self.scopes.resolve(callee) is not None:
            return None
        return tuple(names)

    @cached_property
    def _names_that_can_be_wx(self) -> frozenset[str]:
        """The names an identifier standing for `wx`, or for one of its APIs, can have: the globals, the
        imported and proxy bindings, and the constants bound to a name (an alias, `const { login } = wx`) or to
        a call (`require('./wx')`, `promisify(wx.login)`); no other binding is either. A name outside it
        answers `is_wx` and `wx_api_of` without a scope lookup; most identifiers are such names."""
        return frozenset(WX_GLOBALS).union(
            binding.name for binding in self.scopes.bindings
            if (binding.is_constant and binding.init is not None
                and unwrap(binding.init).type in ("Identifier", "CallExpression", "NewExpression"))
            or binding.kind == "import" or id(binding) in self.imported_wx or id(binding) in self.wx_proxies)

    def is_proxy_class(self, expression: Node | None) -> bool:
        """Whether an expression is a class whose instances are wx proxies (`wx_proxy_classes`), here or imported
        from the module that declares it (`imported_proxy_classes`)."""
        expression = unwrap(expression)
        if expression is None:
            return False
        if expression.type in ("ClassDeclaration", "ClassExpression"):
            return id(expression) in self.wx_proxy_classes
        if expression.type != "Identifier" or not (self.wx_proxy_classes or self.imported_proxy_classes):
            return False
        binding = self.scopes.resolve(expression)
        if binding is None:
            return False
        declared = parent_of(binding.identifier)
        return id(binding) in self.imported_proxy_classes or (declared is not None and id(declared) in self.wx_proxy_classes)

    def _is_wx_itself(self, expression: Node | None) -> bool:
        """`is_wx` without proxies, to find the proxies themselves (a proxy of a proxy is not followed)."""
        return self.is_wx(expression, _through_proxies=False)

    @cached_property
    def wx_proxies(self) -> frozenset[int]:
        """Bindings of objects filled with wx's APIs: `Object.keys(wx).forEach(k => api[k] = …)`,
        `for (const k in wx) api[k] = …`, or a list of API names (`['login', 'getUserInfo'].forEach(k =>
        api[k] = promisify(wx[k]))`); promisifying proxies. A class that fills `this[k]` so is in
        `wx_proxy_classes`."""
        return frozenset(id(binding) for binding in self._proxy_fillings[0])

    @cached_property
    def wx_proxy_classes(self) -> frozenset[int]:
        """Classes whose instances are filled with wx's APIs (`for (const k in wx) this[k] = …` in a method):
        `new WxService()` is a proxy."""
        return frozenset(id(node) for node in self._proxy_fillings[1])

    @cached_property
    def _proxy_fillings(self) -> tuple[list, list]:
        bindings, classes = [], []
        for node in self.nodes_any_order("CallExpression", "ForInStatement"):
            target = self.promisified_all(node)
            if target is not None and target.type == "Identifier":
                binding = self.scopes.resolve(target)
                if binding is not None:
                    bindings.append(binding)
            body = self._wx_key_loop_body(node)
            if body is None:
                continue
            for inner in walk(body):
                if inner.type != "AssignmentExpression":
                    continue
                left = unwrap(inner.left)
                if left.type != "MemberExpression" or not left.computed:
                    continue
                owner = unwrap(left.object)
                if owner.type == "Identifier":
                    binding = self.scopes.resolve(owner)
                    if binding is not None:
                        bindings.append(binding)
                elif owner.type == "ThisExpression":
                    classes.extend(a for a in ancestors(node) if a.type in ("ClassDeclaration", "ClassExpression"))
        return bindings, classes

    def promisified_all(self, node: Node) -> Node | None:
        """The object `promisifyAll(wx, object)` fills with wx's APIs (WeChat's npm package miniprogram-api-promise:
        `const wxp = {}; promisifyAll(wx, wxp)`); None for any other node."""
        if node.type != "CallExpression" or len(node.arguments) != 2 or callee_name(node.callee) != "promisifyAll":
            return None
        return unwrap(node.arguments[1]) if self._is_wx_itself(node.arguments[0]) else None

    def _wx_key_loop_body(self, node: Node) -> Node | None:
        """The body of a loop over wx's API names: `for (k in wx)`, `Object.keys(wx).forEach(…)`, or a list of
        names whose loop reads `wx[k]`."""
        if node.type == "ForInStatement":
            return node.body if self._is_wx_itself(node.right) else None
        callee = unwrap(node.callee)
        if callee.type != "MemberExpression" or member_name(callee) not in ("forEach", "map") or not node.arguments:
            return None
        keys, body = unwrap(callee.object), node.arguments[0]
        if (keys.type == "CallExpression" and keys.arguments and self._is_wx_itself(keys.arguments[0])
                and unwrap(keys.callee).type == "MemberExpression" and member_name(unwrap(keys.callee)) == "keys"):
            return body
        if keys.type == "ArrayExpression" and keys.elements and all(string_value(e) for e in keys.elements) and any(
                inner.type == "MemberExpression" and inner.computed and self._is_wx_itself(inner.object) for inner in walk(body)):
            return body
        return None

    def wx_api_of(self, expression: Node | None) -> str | None:
        """`getUserInfo` for `wx.getUserInfo`, `api['getUserInfo']`, or `getUserInfo` destructured from wx."""
        return self._wx_api_by_node.get(unwrap(expression))

    def _wx_api_of_node(self, expression: Node) -> str | None:
        """`wx_api_of` for a member expression or identifier of this file, worked out (see `wx_uses`)."""
        if expression.type == "MemberExpression":
            if self.is_wx(expression.object):
                return member_name(expression)
            return None
        if expression.type == "Identifier" and expression.name in self._names_that_can_be_wx and is_reference(expression):
            binding = self.scopes.resolve(expression)
            if binding is None or binding.identifier is expression or not binding.is_constant:
                return None
            if self.imported_wx.get(id(binding)):
                return self.imported_wx[id(binding)]  # `const { getUserInfo } = require('./wx')`
            if binding.destructured_key is not None and self.is_wx(binding.init):
                return binding.destructured_key
            return self._promisified_api(binding.init) if binding.destructured_key is None else None
        return None

    def _promisified_api(self, init: Node | None) -> str | None:
        """`promisify(wx.getUserInfo)` or `wxPromisify('getUserInfo')`: calling the result calls that API."""
        init = unwrap(init)
        if init is None or init.type != "CallExpression" or not init.arguments:
            return None
        first = unwrap(init.arguments[0])
        if first.type == "MemberExpression" and self.is_wx(first.object):
            return member_name(first)
        name = callee_name(init.callee)
        if name is not None and "promisify" in name.lower():
            return string_value(first)
        return None

    @cached_property
    def wx_uses(self) -> list[WxUse]:
        uses = []
        for node in self._wx_candidates():
            api = self._wx_api_of_node(node)
            if api is not None:
                uses.append(WxUse(api=api, node=node, kind=_use_kind(node), call=_call_of(node)))
        # in document order: sorting the few uses, not every member and identifier
        uses.sort(key=lambda use: (use.node.range[0], -use.node.range[1]))
        return uses

    def _wx_candidates(self) -> Iterator[Node]:
        """The members and identifiers that can name a wx API: those named as `wx` or a binding that can stand
        for it or one of its APIs can be (`_names_that_can_be_wx`), and the members they are the object of.
        Every use is one of them; the file's other members and identifiers are never asked about."""
        names = self._names_that_can_be_wx
        # the members of `getApp()` (or of a name bound to it) down to an API of an App member that holds them
        app_depth = max(map(len, self.app_wx_members), default=0)
        for identifier in self.scopes.nodes_by_type.get("Identifier", ()):
            if identifier.name not in names and not (app_depth and identifier.name == "getApp"):
                continue
            yield identifier
            inner, parent = identifier, identifier._parent
            while parent is not None and parent.type == "ParenthesizedExpression":
                inner, parent = parent, parent._parent
            if parent is not None and parent.type == "MemberExpression" and parent.object is inner:
                yield parent
            if app_depth:
                yield from _members_above(identifier, app_depth + 1, skip=1 if parent is not None and parent.type == "MemberExpression" else 0)

    @cached_property
    def _wx_api_by_node(self) -> dict[Node, str]:
        return {use.node: use.api for use in self.wx_uses}

    def wx_calls(self, api: str) -> list[WxUse]:
        return [use for use in self.wx_uses if use.api == api and use.kind == "call"]

    def wx_path(self, expression: Node | None) -> str | None:
        """`cloud.callFunction` for `wx.cloud.callFunction`, `request` for `wx.request`; None when not on wx."""
        names = []
        expression = unwrap(expression)
        while expression is not None and expression.type == "MemberExpression":
            name = member_name(expression)
            if name is None:
                return None
            names.append(name)
            if self.is_wx(expression.object):
                return ".".join(reversed(names))
            expression = unwrap(expression.object)
        return None

    def wx_call_api(self, node: Node | None) -> str | None:
        """`showModal` for the call `wx.showModal({...})`; None for anything else."""
        node = unwrap(node)
        if node is None or node.type != "CallExpression":
            return None
        return self.wx_api_of(node.callee)

    @cached_property
    def member_assignments(self) -> dict[int, dict[str, Node]]:
        """Members assigned onto a constant's object after its declaration, keyed by the id of
        the value it was initialised with: `const Auth = {}; Auth.login = function () {…}`; and onto a
        class, keyed by the id of its declaration (`Auth.instance = new Auth()`)."""
        found: dict[int, dict[str, Node]] = {}
        for node in self.nodes("AssignmentExpression"):
            left = unwrap(node.left)
            if node.operator != "=" or left.type != "MemberExpression":
                continue
            owner, name = unwrap(left.object), member_name(left)
            if owner.type != "Identifier" or name is None:
                continue
            binding = self.scopes.resolve(owner)
            if binding is None:
                continue
            declared = binding.identifier._parent
            if declared is not None and declared.type == "ClassDeclaration" and declared.id is binding.identifier:
                found.setdefault(id(declared), {}).setdefault(name, node.right)  # `Auth.instance = new Auth()`
            elif binding.is_constant and binding.init is not None and binding.destructured_key is None:
                found.setdefault(id(unwrap(binding.init)), {}).setdefault(name, node.right)
        return found


def is_reference(identifier: Node) -> bool:
    """Whether an identifier names a variable (not a property key, label or member name)."""
    parent = identifier._parent
    if parent is None:
        return True
    kind = parent.type
    if kind == "MemberExpression":
        return parent.computed or parent.property is not identifier
    if kind in ("Property", "MethodDefinition", "PropertyDefinition"):
        if parent.key is identifier and not parent.computed and not parent.shorthand:
            return False
        return parent._parent is None or parent._parent.type != "ObjectPattern"
    return kind not in ("LabeledStatement", "BreakStatement", "ContinueStatement")


def _outer(node: Node) -> Node:
    """The node itself or the chain/grouping that wraps it."""
    parent = node._parent
    while parent is not None and parent.type in ("ChainExpression", "ParenthesizedExpression"):
        node, parent = parent, parent._parent
    return node


def _call_of(node: Node) -> Node | None:
    """The call that calls `node`: `node(…)`, or `toPromise(node)(…)`, the API handed to a wrapper whose result is
    called at once (PalmDrive/xiaochengxu `toPromise(wx.getLocation)({…})`: held out)."""
    outer = _outer(node)
    parent = outer._parent
    if parent is not None and parent.type == "CallExpression" and parent.callee is outer:
        return parent
    if parent is not None and parent.type == "CallExpression" and len(parent.arguments) == 1 and parent.arguments[0] is outer:
        wrapper = _outer(parent)
        called = wrapper._parent
        if called is not None and called.type == "CallExpression" and called.callee is wrapper:
            return called
    return None


def _use_kind(node: Node) -> str:
    if _call_of(node) is not None:
        return "call"
    outer = _outer(node)
    parent = outer._parent
    if parent is None:
        return "value"
    kind = parent.type
    if kind == "UnaryExpression" and parent.operator in ("typeof", "!"):
        return "test"
    if kind in ("IfStatement", "ConditionalExpression", "WhileStatement") and parent.test is outer:
        return "test"
    if kind == "LogicalExpression" and parent.left is outer:
        return "test"
    if kind == "BinaryExpression":
        return "test"
    if is_assigned(outer):
        return "test"  # overwriting (a polyfill or a mock) is not a use
    if kind == "MemberExpression" and parent.object is outer:
        return "test"  # `wx.getUserProfile.length` and the like
    return "value"


@dataclass
class ValueReads:
    """What a function does with one of its parameters below a path (`e` -> `e.detail`): the properties it
    reads there and the calls it passes the value (or a part of it on the way) to."""

    reads: list[tuple[str, Node]]  # (property name, the node naming it), in source order
    passed: list[tuple[Node, int, tuple[str, ...]]]  # (call, argument index, what remains of the path)
    # (page data key, what remains of the path) of each `this.setData({ key: value })` of it
    stored: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def parameter_reads(function: Node, index: int, path: tuple[str, ...]) -> ValueReads:
    """Follows parameter `index` of a function through aliases (`const d = e.detail`), destructuring
    (`({ detail: { code } })`, `const { iv } = e.detail`) and member chains, in the function and the
    functions nested in it (its callbacks read the same value)."""
    reads: list[tuple[str, Node]] = []
    passed: list[tuple[Node, int, tuple[str, ...]]] = []
    stored: list[tuple[str, tuple[str, ...]]] = []
    aliases: dict[str, tuple[str, ...]] = {}  # variable name -> the path below the parameter it holds

    def bind(pattern: Node | None, at: tuple[str, ...]) -> None:
        pattern = unwrap(pattern)
        if pattern is None:
            return
        if pattern.type == "AssignmentPattern":
            bind(pattern.left, at)
        elif pattern.type == "Identifier":
            aliases[pattern.name] = at
        elif pattern.type == "ObjectPattern":
            for prop in pattern.properties:
                key = property_key(prop) if prop.type == "Property" else None
                if key is None:
                    continue
                if at == path:
                    reads.append((key, prop.key))
                if at + (key,) == path[:len(at) + 1]:  # on the way to the path, or the path itself
                    bind(prop.value, at + (key,))

    def path_of(expression: Node | None) -> tuple[str, ...] | None:
        expression = unwrap(expression)
        if expression is None:
            return None
        if expression.type == "Identifier":
            return aliases.get(expression.name)
        if expression.type == "MemberExpression":
            base = path_of(expression.object)
            name = member_name(expression)
            return None if base is None or name is None else base + (name,)
        return None

    params = function.params if index < len(function.params) else []
    if not params:
        return ValueReads(reads, passed)
    bind(params[index], ())
    for node in walk(function.body):
        kind = node.type
        if kind == "VariableDeclarator" and node.init is not None:
            held = path_of(node.init)
            if held is not None:
                bind(node.id, held)
        elif kind == "MemberExpression":
            base = path_of(node.object)
            name = member_name(node)
            if base == path and name is not None:
                reads.append((name, node.property))
        elif kind == "CallExpression":
            for position, argument in enumerate(node.arguments):
                held = path_of(argument)
                if held is not None and held == path[:len(held)]:
                    passed.append((node, position, path[len(held):]))
                elif unwrap(argument).type == "ObjectExpression":
                    # `newLogin({ event: e })`: the callee reads it below its parameter's `event` (offcn-jl/exam-helper-
                    # mini-program app.js, held out)
                    for prop in unwrap(argument).properties:
                        held = path_of(prop.value) if prop.type == "Property" else None
                        key = property_key(prop) if prop.type == "Property" else None
                        if held is not None and key is not None and held == path[:len(held)]:
                            passed.append((node, position, (key,) + path[len(held):]))
            options = unwrap(node.arguments[0]) if node.arguments else None
            if member_name(unwrap(node.callee)) == "setData" and options is not None and options.type == "ObjectExpression":
                for prop in options.properties:
                    held = path_of(prop.value) if prop.type == "Property" else None
                    key = property_key(prop) if prop.type == "Property" else None
                    if held is not None and key is not None and held == path[:len(held)]:
                        stored.append((key, path[len(held):]))
    return ValueReads(reads, passed, stored)


def data_reads(module: "JsModule", key: str, path: tuple[str, ...]) -> list[tuple[str, Node]]:
    """(property, node) of each read below `path` of the page data `key` in a script: `this.data.key.iv`,
    `that.data.key.encryptedData` (a value a handler stored with `setData` and a later step sends on)."""
    found = []
    wanted = ("data", key) + path
    for node in module.nodes("MemberExpression"):
        names, base = [], node
        while base.type == "MemberExpression" and len(names) <= len(wanted):
            names.append(member_name(base))
            base = unwrap(base.object)
        names.reverse()
        if len(names) == len(wanted) + 1 and tuple(names[:-1]) == wanted and names[-1] is not None and is_this(module, base):
            found.append((names[-1], node.property))
    return found
