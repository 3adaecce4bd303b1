"""Functions, the calls between them, and how each call runs: now or later.

Every function of every module is a node. An edge says that a function makes
another run, and whether that happens synchronously within the caller or
deferred (an API callback, `.then`, after `await`, a timer, an event
listener), or in a way wxlint cannot tell (a callback handed to a function it
cannot see). Calls are resolved through `this`/`that`/`self`, local and
module-level functions, `require`/`import`, `getApp()`, and object literals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterator

from esprima.nodes import Node

from wxlint.data_tables import load_data_table
from wxlint.words import Note
from wxlint.words import note as make_note
from wxlint.model.control import runs_before
from wxlint.model.javascript import JsModule, callee_name, member_name, member_path, object_property, string_value, unwrap
from wxlint.model.modules import Exports, ImportRef, import_of, module_exports, require_source, resolve_module_path
from wxlint.model.units import (UNIT_CONSTRUCTORS, Member, UnitDefinition, class_member, class_value, find_units,
                                function_value, mix_in, object_member, object_properties, object_value, read_class,
                                returned_values)
from wxlint.parse.javascript import FUNCTION_NODES, walk, walk_own

SYNC, DEFERRED, UNKNOWN = "sync", "deferred", "unknown"
# What makes a function run, and whether that happens now or later.
EDGE_MODES = {
    "call": SYNC,  # a plain call, an IIFE
    "executor": SYNC,  # `new Promise(executor)`
    "iteration": SYNC,  # forEach, map, …
    "param-callback": SYNC,  # a helper calling the callback it was given
    "api-callback": DEFERRED,  # success / fail / complete
    "framework-option": DEFERRED,  # other callbacks in an options object the platform calls later
    "promise": DEFERRED,  # .then / .catch / .finally
    "await": DEFERRED,  # code after an `await`
    "timer": DEFERRED,  # setTimeout, nextTick, …
    "render-callback": DEFERRED,  # `this.setData(data, callback)`: once the view has rendered
    "listener": DEFERRED,  # wx.onXxx(cb) and other event listeners
    "component-event": SYNC,  # a component's `this.triggerEvent(name)` runs the handler bound to `name`
    "unknown": UNKNOWN,  # handed to a function wxlint cannot see
}

@cache
def callback_words() -> dict[str, frozenset[str]]:
    """When handed-over functions run, by kind: rules/data/callbacks.yaml (read on first use)."""
    return {kind: frozenset(names) for kind, names in load_data_table("callbacks").items() if kind != "sources"}


_PROGRAM = "Program"


def _is_listener(name: str) -> bool:
    """`wx.onNetworkStatusChange`, `emitter.on`, `bus.$on`, …"""
    return name in callback_words()["listener_methods"] or (len(name) > 2 and name.startswith("on") and name[2].isupper())


@dataclass(eq=False)
class Function:
    """A function node (or a module's top-level code) in the call graph."""

    node: Node
    module: JsModule
    name: str | Note  # for traces and messages: "onLoad", "ensureLogin", or words such as "an arrow function"
    member: Member | None = None
    unit: UnitDefinition | None = None
    awaits: list[Node] = field(default_factory=list)  # its own `await`s (and `for await` iterables)
    # Calls of this function's parameters, possibly from functions nested in it: (parameter index,
    # the option called or None: `options.success()` -> "success", call site, the function making the call).
    param_calls: list[tuple[int, str | None, Node, "Function"]] = field(default_factory=list)
    # Parameters handed on whole to another call, possibly from functions nested in it: (parameter index, the call,
    # the argument's position there, the function making the call): `post(options)` calling `startPost(options)`.
    param_forwards: list[tuple[int, Node, int, "Function"]] = field(default_factory=list)

    @property
    def is_module_body(self) -> bool:
        return self.node.type == _PROGRAM

    def awaits_before(self, site: Node) -> tuple[Node, ...]:
        """The `await`s of this function that can run before `site`, in source order: what follows them runs later."""
        return tuple(node for node in self.awaits if runs_before(node, site))


@dataclass(eq=False)
class Edge:
    caller: Function
    callee: Function
    site: Node  # the call, or the nested function for callbacks
    kind: str  # a key of EDGE_MODES
    note: Note  # what the step does, for traces
    label: str = ""  # the code that defers it, for messages: "wx.login() success", "await", ".then()"
    api: str | None = None  # the wx API whose callback (or promise) this is: "showModal"
    via: str | None = None  # the callback's option name: "success"
    awaits: tuple[Node, ...] = ()  # the caller's `await`s that run before the site
    # For a callback run by a helper: the steps inside the helper from its start to the call of the callback.
    through: tuple["Edge", ...] = ()

    @property
    def mode(self) -> str:
        return EDGE_MODES[self.kind]


_MODULE_NAMES = ("module", "exports")  # CommonJS's: `module.exports.a()` calls what the module exports


def _callee_text(module: JsModule, callee: Node) -> str:
    text = module.tree.text_of(callee)
    return text if len(text) <= 60 else text[:57] + "..."


class CallGraph:
    def __init__(self, modules: dict[Path, JsModule], miniprogram_root: Path,
                 components_selected: Callable[[Path, str], list[Path]] = lambda _script, _selector: []):
        self.modules = modules
        self.miniprogram_root = miniprogram_root
        self._components_selected = components_selected  # `ProjectModel.components_selected`
        self.functions: dict[int, Function] = {}
        self.edges_from: dict[int, list[Edge]] = {}
        self.edges_at: dict[int, list[Edge]] = {}  # id(site) -> edges made there
        self._handed_to_helpers: list[tuple] = []  # callbacks handed to visible functions, linked once all edges exist
        self.units: list[UnitDefinition] = []
        self.units_by_module: dict[Path, list[UnitDefinition]] = {}
        self._exports: dict[Path, Exports] = {}
        self._member_of: dict[int, tuple[UnitDefinition, Member]] = {}
        # id(function) -> every unit it is a member of: a base class's method inherited by several class pages
        self._units_sharing: dict[int, list[UnitDefinition]] = {}
        self._fields_of: dict[int, dict[str, list[Node]]] = {}  # id(unit) -> `this.<field> = value` (see `_this_fields`)
        self._binding_values: dict[tuple[int, int], tuple[JsModule, Node] | None] = {}  # see `_resolve_value`
        self._returned: dict[int, list[Node]] = {}  # id(function node) -> what it returns (see `_returned_value`)
        for path, module in modules.items():
            units = find_units(module)
            self.units_by_module[path] = units
            self.units.extend(units)
        for unit in self.units:
            self._inherit(unit)
            self._mix_in(unit)
            for member in unit.all_members():
                self._member_of.setdefault(id(member.function), (unit, member))
                self._units_sharing.setdefault(id(member.function), []).append(unit)
        for module in modules.values():
            self._collect_functions(module)
        for module in modules.values():
            self._collect_param_calls(module)
        self._clients, self._wx_clients, self._interceptors = self._request_clients()
        for module in modules.values():
            self._collect_edges(module)
        self._link_handed_callbacks()

    # -- lookups: what the flow engine and the checks ask of the graph ------------------------
    def function(self, node: Node) -> Function | None:
        return self.functions.get(id(node))

    def units_of(self, path: Path) -> list[UnitDefinition]:
        """The units (App, Page, Component, Behavior) a script defines."""
        return self.units_by_module.get(path, [])

    def member(self, unit: UnitDefinition, name: str) -> Member | None:
        """A unit's function-valued member `name`, behaviors included."""
        found = self.lookup_member(unit, name)
        return found[1] if found is not None else None

    def edges_made_at(self, site: Node) -> list[Edge]:
        """The edges a call (or another site) makes: to its callee, to the callbacks it hands over."""
        return self.edges_at.get(id(site), [])

    def enclosing_function(self, node: Node) -> Function:
        current = node._parent
        while current is not None:
            if current.type in FUNCTION_NODES or current.type == _PROGRAM:
                return self.functions[id(current)]
            current = current._parent
        raise LookupError("node outside any program")

    def exports(self, module: JsModule) -> Exports:
        if module.path not in self._exports:
            self._exports[module.path] = module_exports(module)
        return self._exports[module.path]

    def app_unit(self) -> UnitDefinition | None:
        return next((u for u in self.units if u.kind == "app"), None)

    def lookup_member(self, unit: UnitDefinition, name: str) -> tuple[UnitDefinition, Member] | None:
        """A unit's member by name, including members mixed in through `behaviors`."""
        for owner in (unit, *self.behaviors_of(unit)):
            if name in owner.members:
                return owner, owner.members[name]
        return None

    def behaviors_of(self, unit: UnitDefinition) -> Iterator[UnitDefinition]:
        """The behaviors a unit mixes in, and theirs in turn, each once, depth first in the order written."""
        seen = {id(unit)}

        def visit(current: UnitDefinition) -> Iterator[UnitDefinition]:
            for expression in current.behaviors:
                behavior = self.behavior_of(current.module, expression)
                if behavior is not None and id(behavior) not in seen:
                    seen.add(id(behavior))
                    yield behavior
                    yield from visit(behavior)

        return visit(unit)

    def behavior_of(self, module: JsModule, expression: Node) -> UnitDefinition | None:
        target = self._resolve_value(module, expression)
        if target is None:
            return None
        value_module, value = target
        value = unwrap(value)
        for unit in self.units_by_module.get(value_module.path, []):
            if unit.call is value:
                return unit
        return None

    # -- building --------------------------------------------------------------
    def _inherit(self, unit: UnitDefinition) -> None:
        """A class page inherits the methods and lifecycles of its base classes, across modules."""
        seen: set[int] = set()
        index = 0
        while index < len(unit.bases):
            base = unit.bases[index]
            index += 1
            target = self._resolve_value(unit.module, base)
            if target is None:
                continue
            base_module, value = target
            cls = class_value(base_module, value)
            if cls is not None and id(cls) not in seen:
                seen.add(id(cls))
                read_class(base_module, unit, cls, inherited=True)

    def _mix_in(self, unit: UnitDefinition) -> None:
        """The objects spread into a unit's options, from this module or another (`import authMixin from …`)."""
        for expression, container in unit.spreads:
            target = self._resolve_value(unit.module, expression)
            mixin = object_value(target[0], target[1]) if target is not None else None
            if mixin is not None:
                mix_in(unit, target[0], mixin, container)

    def _collect_functions(self, module: JsModule) -> None:
        program = module.tree.program
        self.functions[id(program)] = Function(program, module, make_note("function-module"))
        for node in module.nodes(*FUNCTION_NODES):
            unit_member = self._member_of.get(id(node))
            self.functions[id(node)] = Function(node, module, _function_name(node, unit_member),
                                                member=unit_member and unit_member[1], unit=unit_member and unit_member[0])
        for node in module.nodes("AwaitExpression", "ForOfStatement"):
            if node.type == "AwaitExpression" or getattr(node, "await"):
                owner = self.enclosing_function(node)
                owner.awaits.append(node if node.type == "AwaitExpression" else node.right)

    def add_edge(self, caller: Function, callee: Function, site: Node, kind: str, note: Note, label: str = "",
                  api: str | None = None, via: str | None = None, through: tuple[Edge, ...] = ()) -> Edge:
        edge = self._make_edge(caller, callee, site, kind, note, label, api, via, through)
        self.edges_from.setdefault(id(caller.node), []).append(edge)
        self.edges_at.setdefault(id(site), []).append(edge)
        return edge

    @staticmethod
    def _make_edge(caller, callee, site, kind, note, label="", api=None, via=None, through=()) -> Edge:
        awaits = caller.awaits_before(site)
        if awaits and EDGE_MODES[kind] != DEFERRED:
            line = caller.module.tree.span(awaits[0])[0]
            kind, note, label = "await", make_note("after-await", step=note, line=line), "await"
        return Edge(caller, callee, site, kind, note, label, api, via, awaits, through)

    def _collect_param_calls(self, module: JsModule) -> None:
        """Where each function calls its parameters (`fn()`) or their options (`options.success()`,
        `({ success }) => success()`), or hands them on whole to another call, for callbacks handed to it."""
        for node in module.nodes("CallExpression"):
            self._collect_param_forwards(module, node)
            callee = unwrap(node.callee)
            option = None
            if callee.type == "MemberExpression" and unwrap(callee.object).type == "Identifier":
                option, callee = member_name(callee), unwrap(callee.object)
                if option is None or option in ("call", "apply"):
                    option = None if option else "?"  # `fn.call(…)` calls fn itself
            if callee.type != "Identifier" or option == "?":
                continue
            binding = module.scopes.resolve(callee)
            if binding is None or binding.kind != "param":
                continue
            owner = self.functions.get(id(binding.scope.node))
            if owner is None:
                continue
            if binding.destructured_key is not None:
                if option is not None:
                    continue
                option = binding.destructured_key
            start = binding.identifier.range[0]
            for index, param in enumerate(owner.node.params):
                if param.range[0] <= start < param.range[1]:
                    owner.param_calls.append((index, option, node, self.enclosing_function(node)))
        # options handed on whole to a platform API (`showDig(option) { wx.showModal(option) }`: luyibiao/uwxApp
        # utils/view/dialog.js, held out): the API calls their `success`, `fail` and `complete`
        for use in module.wx_uses:
            argument = unwrap(use.call.arguments[0]) if use.kind == "call" and use.call.arguments else None
            binding = module.scopes.resolve(argument) if argument is not None and argument.type == "Identifier" else None
            for binding in _options_copied_from(module, binding):
                owner = self.functions.get(id(binding.scope.node))
                if owner is None or binding.destructured_key is not None:
                    continue
                for index, param in enumerate(owner.node.params):
                    if param is binding.identifier:
                        owner.param_calls.extend((index, option, use.call, self.enclosing_function(use.call))
                                                 for option in sorted(callback_words()["api_callbacks"]))

    def _collect_param_forwards(self, module: JsModule, call: Node) -> None:
        """`startPost(options)` in `post(options)` (or in a callback nested in it): the parameter goes on whole to
        another function, which may call its options (KevinsCodeVerse/tcgz_wxapp utils/request.js, held out)."""
        for position, argument in enumerate(call.arguments):
            if argument.type != "Identifier":
                continue  # (this runs for every call: most arguments are literals, objects and members)
            binding = module.scopes.resolve(argument)
            if binding is None or binding.kind != "param" or binding.destructured_key is not None:
                continue
            owner = self.functions.get(id(binding.scope.node))
            if owner is None:
                continue
            for index, param in enumerate(owner.node.params):
                if param is binding.identifier:
                    owner.param_forwards.append((index, call, position, self.enclosing_function(call)))

    def _collect_edges(self, module: JsModule) -> None:
        for node in module.nodes("CallExpression", "NewExpression"):
            caller = self.enclosing_function(node)
            callee = unwrap(node.callee)
            # The call itself.
            targets = [] if node.type == "NewExpression" else self._resolve_callee(module, caller, callee)
            text = _callee_text(module, callee) if targets else None  # for the notes of edges, when there are any
            for target in targets:
                self.add_edge(caller, target, node, "call", make_note("call", caller=caller.name, callee=text))
            if self._interceptors and self._calls_a_client(module, callee):
                text = _callee_text(module, callee) if text is None else text
                for interceptor in self._interceptors:  # it runs in the success of the request the client makes
                    self.add_edge(caller, interceptor, node, "api-callback", make_note("request-interceptor", callee=text),
                                  f"{text}() success", api="request", via="success")
            if callee.type == "Identifier" and callee.name in UNIT_CONSTRUCTORS and module.scopes.resolve(callee) is None:
                continue  # Page({...}) members are entries of their own
            # Functions handed over as arguments: when do they run?
            for index, argument in enumerate(node.arguments):
                for callback, via, value in self._callbacks_in_argument(module, caller, argument):
                    text = _callee_text(module, callee) if text is None else text
                    self._callback_edge(module, caller, node, callee, text, index, callback, via, targets, value)

    def _request_clients(self) -> tuple[set[int], set[str], list[Function]]:
        """The clients of the request libraries of rules/data/request-libraries.yaml (id(binding) of their imports), the
        members of `wx` given one (`wx.http = http`), and the response interceptors assigned to them (`http.intercept.
        response = async ({ statusCode }) => …`: the wechat-http course project, zhouyan57/enjoy-plus, held out)."""
        libraries = load_data_table("request-libraries")["libraries"]
        paths: dict[int, set[tuple[str, ...]]] = {}
        for module in self.modules.values():
            for binding in module.scopes.root.bindings.values():
                reference = import_of(binding)
                if reference is not None and reference.source in libraries and reference.name in (None, "default"):
                    paths[id(binding)] = {tuple(path.split(".")) for path in libraries[reference.source]["response_interceptors"]}
        wx_clients: set[str] = set()
        interceptors: list[Function] = []
        for module in self.modules.values() if paths else ():
            for node in module.nodes("AssignmentExpression"):
                names, root = member_path(unwrap(node.left))
                binding = module.scopes.resolve(root) if root is not None and root.type == "Identifier" else None
                if binding is not None and id(binding) in paths and tuple(names) in paths[id(binding)]:
                    interceptors.extend(self._function_values(module, self.enclosing_function(node), node.right))
                elif len(names) == 1 and root is not None and module.is_wx(root) and unwrap(node.right).type == "Identifier":
                    given = module.scopes.resolve(unwrap(node.right))
                    if given is not None and id(given) in paths:
                        wx_clients.add(names[0])
        return set(paths), wx_clients, interceptors

    def _calls_a_client(self, module: JsModule, callee: Node) -> bool:
        """Whether a call makes a request through a request library's client: `http(…)`, `http.get(…)`, `wx.http.get(…)`."""
        names, root = member_path(callee)
        if root is None:
            return False
        if root.type == "Identifier" and len(names) <= 1:
            binding = module.scopes.resolve(root)
            if binding is not None and id(binding) in self._clients:
                return True
        return bool(names) and len(names) <= 2 and names[0] in self._wx_clients and module.is_wx(root)

    def _callbacks_in_argument(self, module: JsModule, caller: Function, argument: Node):
        """(function, property name or None, the value as written) handed over by an argument:
        a function, or an object of them (`{ success() {…} }`)."""
        found = self._function_values(module, caller, argument)
        if found:
            for function in found:
                yield function, None, argument
            return
        obj = object_value(module, argument)
        if obj is not None:
            for name, value, _ in object_properties(obj):
                for function in self._function_values(module, caller, value):
                    yield function, name, value

    def _function_values(self, module: JsModule, caller: Function, value: Node) -> list[Function]:
        """The functions an expression stands for as a value (not called): a function, a constant naming
        one, `this.method`, `obj.method`, and any of these with `.bind(…)`."""
        value = unwrap(value)
        if value is None:
            return []
        if value.type == "CallExpression" and unwrap(value.callee).type == "MemberExpression" and member_name(unwrap(value.callee)) == "bind":
            return self._function_values(module, caller, unwrap(value.callee).object)
        if value.type == "MemberExpression":
            return self._resolve_callee(module, caller, value)
        function = function_value(module, value)
        found = self.functions.get(id(function)) if function is not None else None
        return [found] if found is not None else []

    def _callback_edge(self, module, caller, call, callee, text, index, callback, via, targets, value) -> None:
        name = callee_name(callee)
        # A function written in place is its own site; a named one (`success: this.done`) is run where it is handed over.
        site = callback.node if unwrap(value) is callback.node else value
        if via is not None:
            if via in callback_words()["api_callbacks"] and _is_platform_call(module, callee):
                self.add_edge(caller, callback, site, "api-callback", make_note("api-callback", via=via, callee=text),
                               f"{text}() {via}", api=module.wx_call_api(call), via=via)
            elif via in callback_words()["api_callbacks"]:
                # A wrapper of the project (`request({ url, success })`) runs it where it calls that option.
                self._hand_over(caller, call, callback, targets, index, via, site, text)
            elif via in callback_words()["framework_options"]:
                self.add_edge(caller, callback, site, "framework-option", make_note("framework-option", via=via, callee=text), f"{text}() {via}")
            else:
                self.add_edge(caller, callback, site, "unknown", make_note("option-unknown", via=via, callee=text))
            return
        if call.type == "NewExpression" and name == "Promise" and index == 0:
            self.add_edge(caller, callback, site, "executor", make_note("executor"))
        elif name in callback_words()["promise_methods"] and callee.type == "MemberExpression":
            self.add_edge(caller, callback, site, "promise", make_note("promise", method=name),
                           f".{name}()", api=promise_source_api(module, callee.object), via=name)
        elif name in callback_words()["timers"]:
            self.add_edge(caller, callback, site, "timer", make_note("timer", timer=name), f"{name}()")
        elif name in callback_words()["iteration_methods"] and callee.type == "MemberExpression":
            self.add_edge(caller, callback, site, "iteration", make_note("iteration", method=name))
        elif name in callback_words()["render_callbacks"] and callee.type == "MemberExpression":
            self.add_edge(caller, callback, site, "render-callback", make_note("render-callback", callee=text), f"{text}()")
        elif name is not None and _is_listener(name):
            self.add_edge(caller, callback, site, "listener", make_note("listener", callee=text), f"{text}()")
        else:
            self._hand_over(caller, call, callback, targets, index, None, site, text)

    def _hand_over(self, caller, call, callback, targets, index, option, site, text) -> None:
        """A callback (or an option of an options object) handed to a function: it runs where that
        function calls it, when wxlint can see that; otherwise when, wxlint cannot tell."""
        if not targets:
            self.add_edge(caller, callback, site, "unknown", make_note("handed-unknown", callee=text))
        for target in targets:
            if (any(i == index and o == option for i, o, _, _ in target.param_calls)
                    or (option is not None and any(i == index for i, _, _, _ in target.param_forwards))):
                self._handed_to_helpers.append((caller, call, callback, target, index, option))
            else:
                self.add_edge(caller, callback, site, "unknown", make_note("handed-unseen-call", callee=text))

    def _link_handed_callbacks(self) -> None:
        """A callback handed to a helper runs where the helper calls it. The edge goes from the call
        site that hands it over, not from the helper, so that each caller keeps its own context
        (a helper called from `onLoad` and from a tap), with the helper's own steps in `through`."""
        incoming: dict[int, list[Edge]] = {}
        for edges in self.edges_from.values():
            for edge in edges:
                incoming.setdefault(id(edge.callee.node), []).append(edge)
        for caller, call, callback, target, index, option in self._handed_to_helpers:
            found = False
            for through in self._ways_to_callback(target, index, option, callback, incoming, set()):
                found = True
                kinds = [step.kind for step in through] or ["unknown"]
                kind = next((k for k in kinds if EDGE_MODES[k] == UNKNOWN), None) or next(
                    (k for k in kinds if EDGE_MODES[k] == DEFERRED), "param-callback")
                deferred = next((step for step in through if step.kind == kind), None)
                label = next((step.label for step in through if step.mode == DEFERRED), "")
                self.add_edge(caller, callback, call, kind, make_note("handed-to-helper", helper=target.name), label,
                              api=deferred.api if deferred is not None else None,
                              via=deferred.via if deferred is not None else None, through=through)
            if not found:  # handed on to functions none of which calls it where wxlint sees
                self.add_edge(caller, callback, call, "unknown",
                              make_note("handed-unseen-call", callee=_callee_text(caller.module, unwrap(call.callee))))

    def _ways_to_callback(self, target: Function, index: int, option: str | None, callback: Function,
                          incoming: dict[int, list[Edge]], seen: set[int]) -> Iterator[tuple[Edge, ...]]:
        """For a callback handed to `target` as parameter `index` (or as its option `option`): each way the
        target runs it, as the steps from the target's start to the callback (empty when a step on the way is one
        wxlint does not see), also through functions the target hands the parameter on to whole."""
        if id(target.node) in seen or len(seen) > 4:
            return
        seen = seen | {id(target.node)}
        for param_index, param_option, param_call, calling in target.param_calls:
            if param_index != index or param_option != option:
                continue
            inner = self._steps_within(target, calling, incoming)
            api = calling.module.wx_call_api(param_call)
            if api is not None:  # the options went on to the API: it runs the callback as its own
                text = _callee_text(calling.module, unwrap(param_call.callee))
                final = self._make_edge(calling, callback, param_call, "api-callback",
                                        make_note("api-callback", via=option, callee=text), f"{text}() {option}",
                                        api=api, via=option)
            else:
                final = self._make_edge(calling, callback, param_call, "param-callback",
                                        make_note("param-callback", helper=target.name))
            yield (*inner, final) if inner is not None else ()
        if option is None:
            return
        for param_index, forward_call, position, calling in target.param_forwards:
            if param_index != index:
                continue
            inner = self._steps_within(target, calling, incoming)
            for edge in self.edges_made_at(forward_call):
                if edge.kind != "call" or edge.caller is not calling:
                    continue
                for rest in self._ways_to_callback(edge.callee, position, option, callback, incoming, seen):
                    yield (*inner, edge, *rest) if inner is not None and rest else ()

    def _steps_within(self, outer: Function, inner: Function, incoming: dict[int, list[Edge]]) -> list[Edge] | None:
        """The edges from `outer` down to `inner`, a function nested in it (or itself): each nested
        function as its enclosing function runs it. None when one of them is run in no way wxlint sees."""
        steps: list[Edge] = []
        current = inner
        while current is not outer:
            if current.node.type == _PROGRAM:
                return None
            parent = self.enclosing_function(current.node)
            edge = next((e for e in incoming.get(id(current.node), ()) if e.caller is parent), None)
            if edge is None:
                return None
            steps.append(edge)
            current = parent
        steps.reverse()
        return steps

    # -- resolution ------------------------------------------------------------
    def _resolve_callee(self, module: JsModule, caller: Function, callee: Node) -> list[Function]:
        if callee.type in FUNCTION_NODES:
            return [self.functions[id(callee)]]  # an IIFE
        if callee.type == "MemberExpression":
            prop = member_name(callee)
            if prop in ("call", "apply"):
                inner = self._resolve_callee(module, caller, unwrap(callee.object))
                if inner:
                    return inner
            if prop == "bind":
                return []  # `fn.bind(this)` makes a function; it calls nothing
            if prop is None:
                return []
            owner = unwrap(callee.object)
            if owner.type == "Identifier" and owner.name not in _MODULE_NAMES and module.scopes.resolve(owner) is None:
                return []  # a member of a global (`wx.login`, `console.log`): no function of the project
            unit = self.this_unit(module, caller, owner)
            if unit is not None:
                found = self._member_functions(unit, prop)
                # `this.onInit()` in a base page's `onLoad` that several class pages inherit: each has its own `onInit`,
                # and which one runs depends on the page (zhao-ping/wechat-miniprogram-ts-sass utilTs/util.ts): followed
                # only where every page has the same one
                sharing = self._units_sharing.get(id(self._function_of_this(module, caller, owner)), ())
                if len(sharing) > 1 and any([id(f) for f in self._member_functions(other, prop)] != [id(f) for f in found]
                                            for other in sharing):
                    return []  # (a unit's own method, the usual case, has only its unit to compare with)
                return found
            cls = self._class_of_this(module, caller, owner)
            if cls is not None:  # `this.setAuth()` in a method of a class: its own method
                method = class_member(cls, prop, static=False)
                return [self.functions[id(method)]] if method is not None and id(method) in self.functions else []
            holder = self._object_of_this(module, caller, owner)
            if holder is not None:  # `this.openLoginSheet()` in a method of an object: its own method
                method = function_value(module, object_property(holder, prop))
                return [self.functions[id(method)]] if method is not None and id(method) in self.functions else []
            if owner.type == "MemberExpression" and member_name(owner) is not None:
                # `this.store.load()` after `this.store = new Store()` in one of the unit's functions
                holder = self.this_unit(module, caller, unwrap(owner.object))
                if holder is not None:
                    return self._methods_of_fields(holder, member_name(owner), prop)
            if self._is_get_app(module, owner):
                app = self.app_unit()
                return self._member_functions(app, prop) if app is not None else []
            target = self._resolve_value(module, callee)
        else:
            target = self._resolve_value(module, callee)
            if target is None and callee.type == "Identifier":
                return self._functions_assigned(module, callee)
        if target is None:
            return []
        value_module, value = target
        if unwrap(value).type == "CallExpression":
            # `const request = createRequestClient(deps)`: the function the factory returns (OnlyHero5/wxapp-checkin
            # utils/api.js, held out)
            value_module, value = self._returned_value(value_module, unwrap(value), 0) or (value_module, value)
        function = function_value(value_module, value)
        return [self.functions[id(function)]] if function is not None and id(function) in self.functions else []

    def _functions_assigned(self, module: JsModule, identifier: Node) -> list[Function]:
        """What calling a variable given a function more than once may call: each function it is given (`privacyHandler =
        resolve => this.popUp()` in each page's copy of WeChat's privacy dialog component, called from the listener
        of `wx.onNeedPrivacyAuthorization`: iamxjb/winxin-app-watch-life.net components/privacy, held out)."""
        binding = module.scopes.resolve(identifier)
        if binding is None or binding.kind not in ("let", "var") or binding.destructured_key is not None:
            return []
        values = [binding.init] if binding.init is not None else []
        for written in binding.writes:
            assignment = written._parent
            if assignment is None or assignment.type != "AssignmentExpression" or assignment.left is not written:
                return []  # given in some other way (`[a, b] = …`): what it holds is not known
            values.append(assignment.right)
        found = []
        for value in values:
            node = function_value(module, value)
            function = self.functions.get(id(node)) if node is not None else None
            if function is not None and function not in found:
                found.append(function)
        return found

    def _member_functions(self, unit: UnitDefinition, name: str) -> list[Function]:
        """What `this.name()` of a unit calls: its member, or else the functions its code assigns to `this.name`
        (`that.getPhoneInfo = function (info) {…}` in App onLaunch: frey-1024/we-ips, held out)."""
        found = self.lookup_member(unit, name)
        if found is not None:
            return [self.functions[id(found[1].function)]]
        functions = []
        for value in self._this_fields(unit).get(name, ()):
            function = function_value(unit.module, value)
            if function is not None and id(function) in self.functions and self.functions[id(function)] not in functions:
                functions.append(self.functions[id(function)])
        return functions

    def _methods_of_fields(self, unit: UnitDefinition, field: str, name: str) -> list[Function]:
        """The functions `name` of what a unit's functions assign to `this.<field>` (an instance, an object)."""
        found = []
        for value in self._this_fields(unit).get(field, ()):
            target = self._property_of(unit.module, value, name, 0)
            function = function_value(*target) if target is not None else None
            if function is not None and id(function) in self.functions and self.functions[id(function)] not in found:
                found.append(self.functions[id(function)])
        return found

    def _this_fields(self, unit: UnitDefinition) -> dict[str, list[Node]]:
        """field -> the values a unit's functions assign to `this.<field>` (or `that.<field>`)."""
        fields = self._fields_of.get(id(unit))
        if fields is None:
            fields = self._fields_of[id(unit)] = {}
            for node in unit.module.nodes("AssignmentExpression"):
                left = unwrap(node.left)
                if node.operator != "=" or left.type != "MemberExpression" or member_name(left) is None:
                    continue
                owner = self.enclosing_function(node)
                if self.this_unit(unit.module, owner, unwrap(left.object)) is unit:
                    fields.setdefault(member_name(left), []).append(node.right)
        return fields

    def this_unit(self, module: JsModule, caller: Function, owner: Node) -> UnitDefinition | None:
        """The unit `this` (or `that = this`) stands for at `owner`, if any."""
        if owner.type == "ThisExpression":
            return self._unit_of_this(caller.node)
        if owner.type == "Identifier":
            binding = module.scopes.resolve(owner)
            if (binding is not None and binding.is_constant and binding.init is not None
                    and unwrap(binding.init).type == "ThisExpression"):
                scope = binding.scope.function_scope
                return self._unit_of_this(scope.node)
        return None

    def _function_of_this(self, module: JsModule, caller: Function, owner: Node) -> Node | None:
        """The function whose `this` `this` (or `that = this`) is at `owner`: past arrows and bound functions."""
        if owner.type == "ThisExpression":
            node = caller.node
        elif owner.type == "Identifier":
            binding = module.scopes.resolve(owner)
            if binding is None or not binding.is_constant or binding.init is None or unwrap(binding.init).type != "ThisExpression":
                return None
            node = binding.scope.function_scope.node
        else:
            return None
        while node is not None and _shares_outer_this(node):
            node = self.enclosing_function(node).node
        return node

    def _class_of_this(self, module: JsModule, caller: Function, owner: Node) -> Node | None:
        """The class whose instance `this` (or `that = this`) is at `owner`, in a method of that class."""
        node = self._function_of_this(module, caller, owner)
        method = node._parent if node is not None else None
        if method is None or method.type != "MethodDefinition" or method.static:
            return None
        body = method._parent
        return body._parent if body is not None and body.type == "ClassBody" else None

    def _object_of_this(self, module: JsModule, caller: Function, owner: Node) -> Node | None:
        """The object literal `this` is at `owner`, in a method of an object a variable or the module's exports
        hold (`const AuthUtil = { navigateToLogin() { this.openLoginSheet() } }`, called as `AuthUtil.navigateToLogin()`:
        liuxuan124/miniprogram-platform utils/auth.js, held out). Not an options object handed to a call: who calls
        its functions, with which `this`, is the callee's business."""
        node = self._function_of_this(module, caller, owner)
        prop = node._parent if node is not None else None
        if prop is None or prop.type != "Property" or prop.value is not node:
            return None
        holder = prop._parent
        place = holder._parent if holder is not None and holder.type == "ObjectExpression" else None
        if place is None:
            return None
        if (place.type == "VariableDeclarator" and place.init is holder or place.type == "AssignmentExpression" and place.right is holder
                or place.type == "ExportDefaultDeclaration"):
            return holder
        return None

    def _unit_of_this(self, node: Node) -> UnitDefinition | None:
        # Arrow functions see the `this` of the function around them.
        while node is not None and _shares_outer_this(node):
            node = self.enclosing_function(node).node
        function = self.functions.get(id(node)) if node is not None else None
        return function.unit if function is not None else None

    def _is_get_app(self, module: JsModule, owner: Node) -> bool:
        owner = unwrap(owner)
        if owner.type == "CallExpression" and unwrap(owner.callee).type == "Identifier" and unwrap(owner.callee).name == "getApp":
            return module.scopes.resolve(unwrap(owner.callee)) is None
        if owner.type == "Identifier":
            binding = module.scopes.resolve(owner)
            return (binding is not None and binding.is_constant and binding.destructured_key is None
                    and binding.init is not None and self._is_get_app(module, binding.init))
        return False

    def _resolve_value(self, module: JsModule, expression: Node, _depth: int = 0) -> tuple[JsModule, Node] | None:
        """Follow an identifier or member expression to the expression it stands for, across modules."""
        expression = unwrap(expression)
        if expression is None or _depth > 8:
            return None
        if expression.type == "Identifier":
            binding = module.scopes.resolve(expression)
            if binding is None:
                return None
            key = (id(binding), _depth)  # a name is used many times (`util.format()`): resolved once
            if key not in self._binding_values:
                self._binding_values[key] = self._binding_value(module, binding, _depth)
            return self._binding_values[key]
        if expression.type == "MemberExpression":
            name = member_name(expression)
            if name is None:
                return None
            obj = unwrap(expression.object)
            if obj.type == "Identifier" and obj.name in _MODULE_NAMES and module.scopes.resolve(obj) is None:
                exports = self.exports(module)
                if obj.name == "exports" or name != "exports":
                    value = exports.named.get(name)
                    return (module, value) if value is not None else None
                return (module, exports.default) if exports.default is not None else None
            return self._property_of(module, obj, name, _depth)
        if require_source(expression) is not None:
            return self._resolve_import(module, ImportRef(require_source(expression), None), _depth)
        if expression.type == "CallExpression" and self._is_get_app(module, expression):
            app = self.app_unit()  # `getApp().AS.ensure()`: what the App's options hold
            if app is not None and app.options is not None:
                return app.module, app.options
        return module, expression

    def _binding_value(self, module: JsModule, binding, depth: int) -> tuple[JsModule, Node] | None:
        reference = import_of(binding)
        if reference is not None:
            return self._resolve_import(module, reference, depth)
        declared = binding.identifier._parent
        if declared is not None and declared.type in ("FunctionDeclaration", "ClassDeclaration") and declared.id is binding.identifier:
            return module, declared
        if binding.is_constant and binding.init is not None:
            if binding.destructured_key is not None:
                return self._property_of(module, binding.init, binding.destructured_key, depth)
            return self._resolve_value(module, binding.init, depth + 1) or (module, binding.init)
        return None

    def _property_of(self, module: JsModule, obj: Node, name: str, depth: int) -> tuple[JsModule, Node] | None:
        source = require_source(obj)
        if source is not None:
            return self._resolve_import(module, ImportRef(source, name), depth)
        unit = self._unit_at(module, obj)
        options = object_value(unit.module, unit.options) if unit is not None and unit.options is not None else None
        if options is not None:
            # `that.Util.network.POST(…)` in an App method, where the App's options hold `Util: require('utils/util.js')`
            # (cznq/mynt_marvin_mini_Program app.js, held out)
            member = object_member(options, name)
            return (self._resolve_value(unit.module, member, depth + 1) or (unit.module, member)) if member is not None else None
        target = self._resolve_value(module, obj, depth + 1)
        if target is None:
            return None
        target_module, value = target
        value = unwrap(value)
        if value.type == "CallExpression":
            selected = self._selected_component(target_module, value)
            if selected is not None:  # `this.selectComponent('#poster').go()`: the component's method
                found = self.lookup_member(selected, name)
                return (found[0].module, found[1].function) if found is not None else None
            # `Auth.getInstance().check`: a member of what the function called returns
            target = self._returned_value(target_module, value, depth + 1)
            if target is None:
                return None
            target_module, value = target
            value = unwrap(value)
        if value.type == _PROGRAM:
            # A whole module used as a namespace: `auth.ask()` after `require`/`import *`.
            return self._resolve_import_name(target_module, name, depth)
        literal = object_value(target_module, value)
        member = object_member(literal, name) if literal is not None else None
        if member is None:
            member = self._class_member(target_module, value, name, depth)
        if member is None:
            member = target_module.member_assignments.get(id(value), {}).get(name)
        if member is not None:
            return self._resolve_value(target_module, member, depth + 1) or (target_module, member)
        return None

    def _class_member(self, module: JsModule, value: Node, name: str, depth: int) -> Node | None:
        """A static member of a class (`Auth.getInstance`), or a member of an instance (`new Auth().check`,
        inherited ones included)."""
        cls = class_value(module, value)
        if cls is not None:
            return class_member(cls, name, static=True)
        if value.type != "NewExpression":
            return None
        target = self._resolve_value(module, value.callee, depth + 1)
        cls = class_value(*target) if target is not None else None
        while cls is not None and depth <= 8:
            member = class_member(cls, name, static=False)
            if member is not None or cls.superClass is None:
                return member
            depth += 1
            target = self._resolve_value(module, cls.superClass, depth)
            cls = class_value(*target) if target is not None else None
        return None

    def _unit_at(self, module: JsModule, owner: Node) -> UnitDefinition | None:
        """The unit `this` (or `that = this`) stands for at `owner`, once the functions are known."""
        owner = unwrap(owner)
        if id(module.tree.program) not in self.functions:
            return None
        if owner.type == "ThisExpression":
            return self._unit_of_this(self.enclosing_function(owner).node)
        # `that` after `const that = this`: its declaration says where (no need to find the function it is used in)
        return self.this_unit(module, None, owner) if owner.type == "Identifier" else None

    def _selected_component(self, module: JsModule, call: Node) -> UnitDefinition | None:
        """The component `this.selectComponent(selector)` returns, when the unit's template shows one that the selector
        picks (KevinsCodeVerse/tcgz_wxapp goods/detail `getShareInfo`, held out)."""
        callee = unwrap(call.callee)
        if member_name(callee) != "selectComponent" or not call.arguments:
            return None
        selector = string_value(call.arguments[0])
        unit = self._unit_at(module, callee.object)  # (None while units are read, before the functions are known)
        if selector is None or unit is None:
            return None
        components = [found for script in self._components_selected(unit.module.path, selector.strip())
                      for found in self.units_by_module.get(script, []) if found.kind == "component"]
        return components[0] if len(components) == 1 else None

    def _returned_value(self, module: JsModule, call: Node, depth: int) -> tuple[JsModule, Node] | None:
        """What a call returns, when it calls a known function with one `return`: the singleton of
        `AuthorizeSet.getInstance()`."""
        callee = self._resolve_value(module, call.callee, depth + 1)
        function = function_value(*callee) if callee is not None else None
        if function is None:
            return None
        returned = self._returned.get(id(function))
        if returned is None:  # a factory or a singleton's `getInstance()` is called in many places: its returns read once
            returned = self._returned[id(function)] = returned_values(function)
        if len(returned) != 1:
            return None
        return self._resolve_value(callee[0], returned[0], depth + 1) or (callee[0], returned[0])

    def _resolve_import(self, module: JsModule, reference: ImportRef, depth: int) -> tuple[JsModule, Node] | None:
        path = resolve_module_path(module.path, reference.source, self.miniprogram_root)
        target = self.modules.get(path) if path is not None else None
        if target is None:
            return None
        exports = self.exports(target)
        if reference.name == "*" or (reference.name is None and exports.default is None):
            return target, target.tree.program  # the module as a namespace
        if reference.name is None or reference.name == "default":
            if exports.default is None:
                return None
            return self._resolve_value(target, exports.default, depth + 1) or (target, exports.default)
        return self._resolve_import_name(target, reference.name, depth)

    def _resolve_import_name(self, target: JsModule, name: str, depth: int) -> tuple[JsModule, Node] | None:
        exports = self.exports(target)
        value = exports.named.get(name)
        if value is not None:
            return self._resolve_value(target, value, depth + 1) or (target, value)
        if exports.default is not None:
            # CommonJS interop: `import { a } from './cjs'` reads module.exports.a.
            return self._property_of(target, exports.default, name, depth + 1)
        return None


def promise_source_api(module: JsModule, promise: Node | None) -> str | None:
    """The wx API a promise comes from, through a chain of `.then`/`.catch`/`.finally`:
    `showModal` for `wx.showModal({…}).then(a).then(b)`; None when it is not a wx call."""
    promise = unwrap(promise)
    while promise is not None and promise.type == "CallExpression":
        callee = unwrap(promise.callee)
        if callee.type == "MemberExpression" and member_name(callee) in callback_words()["promise_methods"]:
            promise = unwrap(callee.object)
            continue
        return module.wx_call_api(promise)
    return None


def _options_copied_from(module: JsModule, binding) -> list:
    """The parameters whose properties an options object holds: the parameter itself, or the ones a local object is
    filled from (`{ ...o }`, `Object.assign(obj, o)`, `for (let i in o) obj[i] = o[i]`: an `alert(text, o)` helper
    that adds its defaults and calls `wx.showModal(obj)`, 1343322562/cmm-user tool/index.js, held out)."""
    if binding is None:
        return []
    if binding.kind == "param":
        return [binding]
    init = unwrap(binding.init)
    if binding.kind not in ("let", "const", "var") or init is None or init.type != "ObjectExpression":
        return []
    sources = [unwrap(prop.argument) for prop in init.properties if prop.type == "SpreadElement"]
    for node in walk_own(binding.scope.function_scope.node):
        if node.type == "CallExpression" and len(node.arguments) >= 2 and _is_object_assign(node.callee) \
                and unwrap(node.arguments[0]).type == "Identifier" and module.scopes.resolve(unwrap(node.arguments[0])) is binding:
            sources.extend(unwrap(argument) for argument in node.arguments[1:])
        elif node.type == "ForInStatement" and node.body is not None:
            copies = [n for n in walk(node.body) if n.type == "AssignmentExpression" and n.left.type == "MemberExpression"
                      and n.left.computed and unwrap(n.left.object).type == "Identifier"
                      and module.scopes.resolve(unwrap(n.left.object)) is binding]
            if copies:
                sources.append(unwrap(node.right))
    found = []
    for source in sources:
        source_binding = module.scopes.resolve(source) if source is not None and source.type == "Identifier" else None
        if source_binding is not None and source_binding.kind == "param" and source_binding not in found:
            found.append(source_binding)
    return found


def _is_object_assign(callee: Node) -> bool:
    names, root = member_path(callee)
    return names == ["assign"] and root is not None and root.type == "Identifier" and root.name == "Object"


def _shares_outer_this(function: Node) -> bool:
    """Whether `this` in a function is the `this` around it: an arrow function, or a function bound to it
    (`success: function (res) { this.handleUserLogin() }.bind(this)`: hdj274903391/wxEbike, held out)."""
    if function.type == "ArrowFunctionExpression":
        return True
    parent = function._parent
    if function.type != "FunctionExpression" or parent is None or parent.type != "MemberExpression" or parent.object is not function:
        return False
    call = parent._parent
    return (member_name(parent) == "bind" and call is not None and call.type == "CallExpression" and call.callee is parent
            and bool(call.arguments) and unwrap(call.arguments[0]).type == "ThisExpression")


def _is_platform_call(module: JsModule, callee: Node) -> bool:
    """`wx.login`, `wx.cloud.callFunction`, `wx.getRecorderManager().start`: the platform calls the callbacks."""
    root = unwrap(callee)
    while root is not None:
        if root.type == "MemberExpression":
            root = unwrap(root.object)
        elif root.type == "CallExpression":
            root = unwrap(root.callee)
        else:
            break
    return module.is_wx(root)


def _function_name(node: Node, unit_member) -> str | Note:
    """How traces and messages name a function: its own name, or words in the run's language."""
    if unit_member is not None:
        return unit_member[1].display
    if node.type == "FunctionDeclaration" and node.id is not None:
        return node.id.name
    parent = node._parent
    if parent is not None:
        if parent.type == "VariableDeclarator" and parent.id.type == "Identifier":
            return parent.id.name
        if parent.type == "Property" and not parent.computed and parent.key.type == "Identifier":
            name = parent.key.name
            return make_note("function-callback", name=name) if name in callback_words()["api_callbacks"] else name
        if parent.type == "AssignmentExpression":
            left = unwrap(parent.left)
            if left.type == "MemberExpression" and member_name(left):
                return member_name(left)
    if node.type == "FunctionExpression" and node.id is not None:
        return node.id.name
    return make_note("function-arrow" if node.type == "ArrowFunctionExpression" else "function-anonymous")
