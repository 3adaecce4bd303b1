"""Scope-gated calls and the `authSetting` checks around them.

The scope table (`rules/data/scopes.yaml`) maps each authorization scope to the
APIs, object methods and components it gates. This module finds, in one
script, the calls that need a scope and the `authSetting['scope.x']` tests
that decide whether a call runs on a granted or a denied path.
"""

from __future__ import annotations

from dataclasses import dataclass

from esprima.nodes import Node

from wxlint.model.javascript import JsModule, is_this, member_name, object_property, string_value, unwrap
from wxlint.model.units import function_value, object_properties, object_value, returned_values
from wxlint.model.control import catching_clause
from wxlint.parse.javascript import FUNCTION_NODES, walk


@dataclass(frozen=True)
class ScopeInfo:
    scope: str
    label: dict[str, str]
    apis: tuple[str, ...]
    methods: dict[str, tuple[str, ...]]  # factory API -> methods, e.g. getRecorderManager -> (start,)
    components: tuple[str, ...]
    prompts: bool
    deniable: bool


@dataclass
class ScopedCall:
    scope: ScopeInfo
    api: str  # "getLocation", "RecorderManager.start" or "authorize"
    node: Node  # where to report: the callee
    call: Node


class ScopeTable:
    def __init__(self, data: dict):
        self.scopes: dict[str, ScopeInfo] = {}
        for scope, entry in data["scopes"].items():
            self.scopes[scope] = ScopeInfo(
                scope=scope, label=entry.get("label", {"en": scope, "zh": scope}),
                apis=tuple(entry.get("apis", ())),
                methods={k: tuple(v) for k, v in (entry.get("methods") or {}).items()},
                components=tuple(entry.get("components", ())),
                prompts=bool(entry.get("prompts")), deniable=bool(entry.get("deniable")))
        self._by_api = {api: info for info in self.scopes.values() for api in info.apis}
        self._by_method = {(factory, method): info for info in self.scopes.values()
                           for factory, methods in info.methods.items() for method in methods}

    def calls(self, module: JsModule) -> list[ScopedCall]:
        """Every call in a script that needs a scope, `wx.authorize({scope})` included."""
        found = []
        for use in module.wx_uses:
            if use.kind != "call":
                continue
            info = self._by_api.get(use.api)
            if info is not None:
                found.append(ScopedCall(info, use.api, use.node, use.call))
            elif use.api == "authorize" and use.call.arguments:
                scope = string_value(object_property(use.call.arguments[0], "scope"), module)
                if scope in self.scopes:
                    found.append(ScopedCall(self.scopes[scope], "authorize", use.node, use.call))
            elif any(factory == use.api for factory, _ in self._by_method):
                found.extend(self._factory_method_calls(module, use))
        return found

    def _factory_method_calls(self, module: JsModule, use) -> list[ScopedCall]:
        """`wx.getRecorderManager().start()` and `const rm = wx.getRecorderManager(); rm.start()`."""
        factory_call = use.call
        if use.api == "createVKSession" and _photo_mode_only(module, factory_call):
            return []
        parent = factory_call._parent
        targets = []
        if parent is not None and parent.type == "MemberExpression" and parent.object is factory_call:
            targets.append(parent)
        elif parent is not None and parent.type == "VariableDeclarator" and parent.init is factory_call and parent.id.type == "Identifier":
            binding = module.scopes.resolve(parent.id)
            if binding is not None and binding.is_constant:
                targets.extend(_member_uses(module, binding))
        elif parent is not None and parent.type == "AssignmentExpression" and parent.right is factory_call and parent.left.type == "Identifier":
            # `rm = wx.getRecorderManager()`: a variable given the manager once (also an implicit global: MyChecky/Checky)
            binding = module.scopes.resolve(parent.left)
            if binding is not None and (binding.is_constant or binding.writes == [parent.left]):
                targets.extend(_member_uses(module, binding))
        elif (parent is not None and parent.type == "AssignmentExpression" and parent.right is factory_call
              and parent.left.type == "MemberExpression" and is_this(module, parent.left.object) and member_name(parent.left)):
            # `this.recorderManager = uni.getRecorderManager()` in onLoad, `.start()` in a method (e-dialect/hinghwa-dict-uni-app)
            targets.extend(_field_member_uses(module, member_name(parent.left)))
        found = []
        for member in targets:
            info = self._by_method.get((use.api, member_name(member)))
            call = member._parent
            if info is not None and call is not None and call.type == "CallExpression" and call.callee is member:
                class_name = use.api[3:] if use.api.startswith("get") else use.api[6:] if use.api.startswith("create") else use.api
                found.append(ScopedCall(info, f"{class_name}.{member_name(member)}", member, call))
        return found


def _photo_mode_only(module: JsModule, call: Node) -> bool:
    """A VisionKit session whose every `track.*.mode` is 2 (images, not the camera)."""
    track = object_value(module, object_property(call.arguments[0], "track")) if call.arguments else None
    if track is None or not track.properties:
        return False
    modes = [unwrap(object_property(value, "mode")) for _, value, _ in object_properties(track)]
    return all(mode is not None and mode.type == "Literal" and mode.value == 2 for mode in modes) and len(modes) == len(track.properties)


def _member_uses(module: JsModule, binding) -> list[Node]:
    """`rm.x`, and `ensureRecorder().x` where `ensureRecorder` is a function of the module that returns `rm`
    (CY-CPU1011/KaiLift_wx pages/workout, held out: the manager made once, on first use)."""
    return [node for node in module.nodes("MemberExpression") if _held_binding(module, unwrap(node.object)) is binding]


def _held_binding(module: JsModule, owner: Node):
    """The variable an object is: `rm`, or the one a call of a module function returns (`ensureRecorder()`)."""
    if owner.type == "Identifier":
        return module.scopes.resolve(owner)
    if owner.type != "CallExpression" or owner.arguments:
        return None
    function = function_value(module, owner.callee)
    if function is None or function.body.type != "BlockStatement":
        return None
    returned = {module.scopes.resolve(unwrap(value)) for value in returned_values(function) if unwrap(value).type == "Identifier"}
    return returned.pop() if len(returned) == 1 else None


@dataclass
class DenialPath:
    """Where a scope-gated call's failure goes: a callback function or a `catch` clause."""

    kind: str  # "fail" | "complete" | "catch" | "then" | "try" | "onError"
    node: Node  # the function, or the CatchClause
    module: JsModule | None = None  # the file it is in, when not the call's (a caller's `.catch`)


def denial_paths(module: JsModule, scoped: ScopedCall) -> list[DenialPath]:
    call = scoped.call
    paths: list[DenialPath] = []
    if call.arguments:
        for name in ("fail", "complete"):
            function = function_value(module, object_property(call.arguments[0], name))
            if function is not None:
                paths.append(DenialPath(name, function))
    paths.extend(promise_handlers(call))  # wx.getLocation().catch(failed), try { await wx.getLocation() } …
    if "." in scoped.api:
        paths.extend(_error_listeners(module, scoped))
        # `session.start(callback)`: the callback gets the error (VisionKit has no `fail`)
        callback = function_value(module, call.arguments[0]) if call.arguments else None
        if callback is not None:
            paths.append(DenialPath(member_name(scoped.node) or "callback", callback))
    return [p for p in paths if p.node is not None]


def promise_handlers(call: Node) -> list[DenialPath]:
    """Where the rejection of the promise an expression gives goes: `.then(ok, failed)` and `.catch(failed)`
    chained on it, or the `catch` of a `try` around an `await` of it in the same function."""
    paths: list[DenialPath] = []
    current = _outer_expression(call)
    while True:
        member = current._parent
        if member is None or member.type != "MemberExpression" or member.object is not current:
            break
        chained = member._parent
        if chained is None or chained.type != "CallExpression" or chained.callee is not member:
            break
        name = member_name(member)
        if name == "catch" and chained.arguments:
            paths.append(DenialPath("catch", chained.arguments[0]))
        elif name == "then" and len(chained.arguments) > 1:
            paths.append(DenialPath("then", chained.arguments[1]))
        current = _outer_expression(chained)
    if current._parent is not None and current._parent.type == "AwaitExpression":
        handler = catching_clause(current._parent)
        if handler is not None:
            paths.append(DenialPath("try", handler))
    return [p for p in paths if p.node is not None]


def rejected_promise(module: JsModule, call: Node) -> Node | None:
    """The `new Promise(…)` whose `reject` a call's `fail` hands the failure to: `fail: reject`, or a
    `fail` that calls `reject(err)`; the promise's own handlers then decide what a denial does."""
    options = call.arguments[0] if call.arguments else None
    fail = unwrap(object_property(options, "fail"))
    if fail is None:
        return None
    handler = function_value(module, fail) if fail.type != "Identifier" else None
    callees = [fail] if fail.type == "Identifier" else [
        unwrap(node.callee) for node in (walk(handler.body) if handler is not None else ()) if node.type == "CallExpression"]
    for callee in callees:
        binding = module.scopes.resolve(callee) if callee is not None and callee.type == "Identifier" else None
        executor = binding.scope.node if binding is not None and binding.kind == "param" else None
        if executor is None or len(executor.params) < 2 or executor.params[1] is not binding.identifier:
            continue
        created = executor._parent
        if (created is not None and created.type == "NewExpression" and created.arguments and created.arguments[0] is executor
                and unwrap(created.callee).type == "Identifier" and unwrap(created.callee).name == "Promise"):
            return created
    return None


def returned_by(promise: Node) -> Node | None:
    """The function that returns `promise` as it is (`return new Promise(…)`, `() => new Promise(…)`)."""
    outer = _outer_expression(promise)
    parent = outer._parent
    if parent is not None and parent.type == "ReturnStatement":
        current = parent._parent
        while current is not None and current.type not in FUNCTION_NODES:
            current = current._parent
        return current
    if parent is not None and parent.type == "ArrowFunctionExpression" and parent.body is outer:
        return parent
    return None


def _outer_expression(node: Node) -> Node:
    parent = node._parent
    while parent is not None and parent.type in ("ChainExpression", "ParenthesizedExpression"):
        node, parent = parent, parent._parent
    return node


def _field_member_uses(module: JsModule, field: str) -> list[Node]:
    """`this.<field>.x` (or through `that = this`): the members used of what the instance keeps in a field."""
    return [node for node in module.nodes("MemberExpression")
            if unwrap(node.object).type == "MemberExpression" and member_name(unwrap(node.object)) == field
            and is_this(module, unwrap(node.object).object)]


def _error_listeners(module: JsModule, scoped: ScopedCall) -> list[DenialPath]:
    """`rm.onError(cb)` on the same manager object as `rm.start()` (a constant, or a field of the instance)."""
    owner = unwrap(scoped.node.object)
    if owner.type == "MemberExpression" and is_this(module, owner.object) and member_name(owner):
        uses = _field_member_uses(module, member_name(owner))
    elif (held := _held_binding(module, owner)) is not None:
        uses = _member_uses(module, held)
    else:
        return []
    listeners = []
    for member in uses:
        call = member._parent
        if member_name(member) == "onError" and call is not None and call.type == "CallExpression" and call.arguments:
            function = function_value(module, call.arguments[0])
            if function is not None:
                listeners.append(DenialPath("onError", function))
    return listeners
