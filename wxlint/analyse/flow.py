"""The flow engine: where each function is reached from, and in which context.

Entries are what starts code running in a mini-program: a user tap on an
element bound in WXML, another event (long press, input, a component's custom
event), a lifecycle or page callback the framework calls, or a module's top
level. A `Reach` walks the call graph once from a set of entries and keeps,
for each function, the shortest path per context; each function is visited at
most once per context, so the cost is linear in the size of the call graph.

Entries start in a context: `tap` (a user's tap), `outside` (anything else)
or `unknown` (an event of a component whose code wxlint cannot see). Two
questions are built on demand:

- `tap`: the tap state (点击态) of every function, in `wxlint.analyse.tap`;
- `launch_reach`: from what runs when the mini-program opens (App onLaunch and
  onShow, the entry pages' onLoad/onShow/onReady, lifecycles of components on
  the entry pages), following calls, API callbacks, promises and timers.
"""

from __future__ import annotations

import posixpath
from collections import deque
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Callable, Iterable

from esprima.nodes import Node

from wxlint.analyse.callgraph import SYNC, CallGraph, Edge, Function
from wxlint.data_tables import load_data_table
from wxlint.findings import TraceStep, step_at
from wxlint.words import Note, note
from wxlint.model.login import without_cancel
from wxlint.model.modules import navigation_apis
from wxlint.model.control import after_an_exit
from wxlint.model.guards import (Fact, contradicts, data_flags, element_facts, false_at_first, first_values, flag_writes,
                                 flags_always_true, lexical_facts, never_holds, parameter_facts, switched_off)
from wxlint.model.javascript import (JsModule, data_reads, is_this, leading_string, member_name, object_property, only_logged, options_call,
                                     parameter_reads, parent_of, string_value, unwrap)
from wxlint.model.project import ProjectModel
from wxlint.model.units import (APP_LIFECYCLES, COMPONENT_LIFECYCLES, PAGE_EVENTS, PAGE_LIFECYCLES, PAGE_LIFETIMES,
                                VUE_LIFECYCLES, UnitDefinition)
from wxlint.model.wxml import EventBinding, unit_event_bindings
from wxlint.parse.javascript import FUNCTION_NODES, property_key, walk

TAP, OUTSIDE, UNKNOWN_CONTEXT, LAUNCH = "tap", "outside", "unknown", "launch"


@cache
def tap_facts() -> dict:
    """rules/data/tap-state.yaml: what holds, carries, loses and uses up the tap state."""
    return load_data_table("tap-state")


def _library_entries(path: str, section: str):
    """(library, entry) of what rules/data/library-events.yaml's `section` says of the component at `path`: a library
    a folder of the path names (`markers`), a component of it the path ends with."""
    path = path.strip("/")
    folders = path.split("/")
    for library, table in load_data_table("library-events")["libraries"].items():
        if any(folder in table["markers"] for folder in folders):
            for tail, entry in table.get(section, {}).items():
                if path.endswith("/" + tail):
                    yield library, entry


def library_tap_event(path: str, event: str) -> str | None:
    """The library (rules/data/library-events.yaml) whose component at `path` fires `event` from the user's tap."""
    return next((library for library, fired in _library_entries(path, "components") if event in fired), None)


def library_native_element(path: str, attribute: str) -> str | None:
    """The built-in element a UI library's component at `path` renders and passes `attribute` to
    (rules/data/library-events.yaml `native`): `button` for TDesign's `t-button` and its `open-type`."""
    return next((native["element"] for _, native in _library_entries(path, "native") if attribute in native["attributes"]),
                None)


@cache
def built_in_events() -> dict[str, frozenset[str]]:
    """rules/data/events.yaml: the built-in events by kind (tap, undocumented, self_firing, other)."""
    table = load_data_table("events")
    return {kind: frozenset(table[kind]) for kind in ("tap", "undocumented", "self_firing", "other")}

# What still runs as a consequence of an entry (opening the mini-program, an event): listeners wait
# for other events, and what wxlint cannot see may never run.
CONSEQUENCE_EDGE_KINDS = frozenset({"call", "executor", "iteration", "param-callback", "api-callback", "promise", "await", "timer",
                                    "render-callback", "component-event"})
APP_LAUNCH_LIFECYCLES = ("onLaunch", "onShow")
PAGE_LAUNCH_LIFECYCLES = ("onLoad", "onShow", "onReady")
VUE_LAUNCH_LIFECYCLES = ("setup", "beforeCreate", "created", "beforeMount", "mounted")  # a uni-app page's, when it opens
COMPONENT_LAUNCH_LIFECYCLES = ("created", "attached", "ready", "show")


@dataclass
class Entry:
    context: str
    function: Function
    step: TraceStep
    binding: EventBinding | None = None


@dataclass
class Trace:
    """How a function is reached in one context: the entry, then each step."""

    context: str
    entry: Entry
    steps: list[TraceStep]
    edges: list[Edge] = field(default_factory=list)


def trace_step(module: JsModule, node: Node, words: Note) -> TraceStep:
    """A trace step at a node of a script."""
    line, column, _, _ = module.tree.span(node)
    return step_at(module.path, line, column, words)


def edge_step(edge: Edge, at: Node | None = None) -> TraceStep:
    """The trace step of one edge, at its site or at `at` (the call inside a region)."""
    return trace_step(edge.caller.module, at if at is not None else edge.site, edge.note)


class Reach:
    """Shortest paths from entries over the call graph; `advance(context, edge)` gives the
    context after an edge, or None to stop there."""

    def __init__(self, graph: CallGraph, entries: list[Entry], advance: Callable[[object, Edge], object | None]):
        # (function id, context) -> (previous key or the Entry, edge or None); a context is any hashable value
        self._witness: dict[tuple[int, object], tuple[object, Edge | None]] = {}
        self._contexts_at: dict[int, list[object]] = {}
        self._graph = graph
        queue: deque[tuple[int, object]] = deque()
        for entry in entries:
            key = (id(entry.function.node), entry.context)
            if key not in self._witness:
                self._witness[key] = (entry, None)
                self._contexts_at.setdefault(key[0], []).append(key[1])
                queue.append(key)
        edges_from = graph.edges_from
        while queue:
            function_id, context = queue.popleft()
            for edge in edges_from.get(function_id, ()):
                next_context = advance(context, edge)
                if next_context is None:
                    continue
                next_key = (id(edge.callee.node), next_context)
                if next_key not in self._witness:
                    self._witness[next_key] = ((function_id, context), edge)
                    self._contexts_at.setdefault(next_key[0], []).append(next_context)
                    queue.append(next_key)

    def functions(self) -> list[Function]:
        """Every function reached."""
        return [self._graph.functions[function_id] for function_id in self._contexts_at if function_id in self._graph.functions]

    def reached(self) -> list[tuple[Function, Trace]]:
        """Every function reached, with the shortest trace to it in the first context it was reached in."""
        return [(self._graph.functions[function_id], self._trace((function_id, contexts[0])))
                for function_id, contexts in self._contexts_at.items() if function_id in self._graph.functions]

    def contexts(self, function: Function, order: tuple[str, ...]) -> dict[str, Trace]:
        """Each context (of `order`) a function is reached in, with the shortest trace to it."""
        return {context: self._trace((id(function.node), context)) for context in order
                if (id(function.node), context) in self._witness}

    def paths(self, function: Function):
        """(context, entry, edges) of each context a function is reached in, by its shortest path."""
        for context in self._contexts_at.get(id(function.node), ()):
            entry, edges = self._path((id(function.node), context))
            yield context, entry, edges

    def _path(self, key: tuple[int, object]) -> tuple[Entry, list[Edge]]:
        edges: list[Edge] = []
        current: object = key
        while True:
            previous, edge = self._witness[current]
            if edge is None:
                entry = previous
                break
            edges.append(edge)
            current = previous
        edges.reverse()
        return entry, edges

    def _trace(self, key: tuple[int, object]) -> Trace:
        entry, edges = self._path(key)
        return Trace(key[1], entry, self.steps(entry, edges), edges)

    @staticmethod
    def steps(entry: Entry, edges: list[Edge]) -> list[TraceStep]:
        """The trace steps of a path: the entry's, then each edge's (a helper's own steps included)."""
        steps = [entry.step]
        for edge in edges:
            steps.append(edge_step(edge))
            steps.extend(edge_step(inner) for inner in edge.through)
        return steps


class FlowEngine:
    def __init__(self, model: ProjectModel):
        self.model = model
        self.project = model.project
        self.graph = CallGraph(model.js_modules, model.project.miniprogram_root, model.components_selected)
        self._analyses: dict[type, object] = {}  # see `analysis`
        self._data_flags: dict[Path, dict[str, frozenset[Fact]]] = {}
        self._always_true: dict[Path, frozenset[str]] = {}  # see `_flags_always_true`
        self.unresolved_bindings: list[EventBinding] = []
        self._bindings_by_unit: dict[int, list[EventBinding]] = {}
        self._facts_in: dict[int, frozenset] = {}  # id(function) -> `facts_on_every_way_in`
        self._running: set[int] | None = None  # see `ever_runs`
        self._used_names: dict[Path, dict[str, list[int]]] = {}
        self.entries = self._collect_entries()

    # -- units and their WXML -----------------------------------------------------
    def unit_wxml(self, unit: UnitDefinition):
        return self.model.template_beside(unit.module.path)

    def unit_bindings(self, unit: UnitDefinition) -> list[EventBinding]:
        """Event bindings of a unit's WXML, with included files and imported templates; not those of an element that never
        renders (`<view wx:if="{{false}}">`: jinbohao2013/xiaochengxu pages/goods, held out)."""
        key = id(unit)
        if key not in self._bindings_by_unit:
            document = self.unit_wxml(unit)
            self._bindings_by_unit[key] = [] if document is None else [
                binding for binding in unit_event_bindings(document, self.model.wxml.get, self.project.miniprogram_root)
                if not switched_off(binding.element)]
        return self._bindings_by_unit[key]

    def units_of_route(self, route: str) -> list[UnitDefinition]:
        """The Page/Component definitions in the script of a page or component route."""
        unit = self.project.units.get(route)
        if unit is None or unit.script is None:
            return []
        return self.graph.units_of(self.model.resolved(unit.script))

    # -- entries ---------------------------------------------------------------
    def _collect_entries(self) -> list[Entry]:
        graph = self.graph
        entries = []
        for unit in graph.units:
            if self.model.never_opened(unit.module, {unit.kind}):
                continue  # never opened: neither its lifecycles nor its template's events run
            for member in unit.framework_members:
                words = note(member.role, name=member.display, kind=note(f"unit-{unit.kind}"))
                entries.append(Entry(OUTSIDE, graph.function(member.function), trace_step(unit.module, member.key, words)))
            if unit.kind in ("page", "component"):
                entries.extend(self._binding_entries(unit))
        for module in self.model.js_modules.values():
            entries.append(Entry(OUTSIDE, graph.function(module.tree.program),
                                 step_at(module.path, 1, 1, note("module-load"))))
        return entries

    def _binding_entries(self, unit: UnitDefinition) -> list[Entry]:
        entries = []
        events = built_in_events()
        route = self.route_of_module(unit.module)
        for binding in self.unit_bindings(unit):
            names = binding.handler_names
            if names is None:
                self.unresolved_bindings.append(binding)
                continue
            attribute, tag = binding.attribute, binding.element.tag
            line, column = binding.source.position(attribute.offset)
            for name in names:
                member = self.graph.member(unit, name)
                if member is None:
                    continue
                handler = self.graph.function(member.function)
                written = note("binding-written", attribute=attribute.name, value=attribute.value, tag=tag)
                component = self.model.component_of_tag(route, tag) if route is not None else None
                if binding.event_key in events["tap"]:
                    context, words = TAP, note("binding-tap", written=written, handler=name)
                elif component is not None:
                    if self._link_component_event(component, binding, handler, written):
                        continue  # reached through the component's own code
                    library = library_tap_event(component or self.foreign_component(route, tag), binding.event)
                    if library is not None:
                        context, words = TAP, note("binding-library-tap", written=written, library=library,
                                                   event=binding.event, handler=name)
                    else:
                        context, words = UNKNOWN_CONTEXT, note("binding-unseen-component", written=written)
                elif binding.event_key in events["undocumented"]:
                    context, words = UNKNOWN_CONTEXT, note("binding-undocumented", written=written, event=binding.event)
                elif binding.event_key in events["self_firing"] | events["other"]:
                    context, words = OUTSIDE, note("binding-event", written=written, event=binding.event)
                else:
                    context, words = UNKNOWN_CONTEXT, note("binding-custom-unknown", written=written)
                entries.append(Entry(context, handler, step_at(binding.source.path, line, column, words), binding))
        return entries

    def consequences(self, entry: Entry) -> Reach:
        """What runs because of one entry: the functions it calls, the callbacks, promises and timers it starts."""
        return Reach(self.graph, [entry], lambda context, edge: context if edge.kind in CONSEQUENCE_EDGE_KINDS else None)

    def parameter_reads(self, function: Function, index: int, path: tuple[str, ...]) -> list[tuple[Function, str, Node]]:
        """(function, property, node) for each property read below `path` of a function's parameter, in the
        function and in the project functions it hands the value to (`this.savePhone(e.detail)`), also as
        the detail of a component's event (`this.triggerEvent('getphonenumber', e.detail)`)."""
        found: list[tuple[Function, str, Node]] = []
        queue, seen = deque([(function, index, path)]), set()
        while queue:
            current, position, below = queue.popleft()
            if (id(current.node), position, below) in seen or current.is_module_body:
                continue
            seen.add((id(current.node), position, below))
            values = parameter_reads(current.node, position, below)
            found.extend((current, name, node) for name, node in values.reads)
            for key, remaining in values.stored:
                # `this.setData({ detail: e.detail })`, read back as `this.data.detail.iv` after `wx.login`
                # (caaaaaainiao/shenhuaxiaochengxu pages/login, held out)
                found.extend((self.graph.enclosing_function(node), name, node)
                             for name, node in data_reads(current.module, key, remaining))
            for call, argument, remaining in values.passed:
                for edge in self.graph.edges_made_at(call):
                    if edge.kind == "call":
                        queue.append((edge.callee, argument, remaining))
                    elif edge.kind == "component-event" and argument == 1:
                        # `this.triggerEvent(name, e.detail)`: the handler bound to it reads it as its `e.detail`
                        queue.append((edge.callee, 0, ("detail",) + remaining))
        return found

    def route_of_module(self, module: JsModule) -> str | None:
        """The page or component route whose script a module is."""
        return self._routes_by_script.get(self.model.resolved(module.path))

    @cached_property
    def _routes_by_script(self) -> dict:
        return {self.model.resolved(unit.script): route for route, unit in self.project.units.items() if unit.script is not None}

    def foreign_component(self, route: str, tag: str) -> str:
        """What `usingComponents` names for a tag that `ProjectModel.component_of_tag` finds to be an npm or plugin component."""
        unit = self.project.units.get(route)
        named = unit.foreign_components.get(tag) if unit is not None else None
        return named or self.project.global_foreign_components.get(tag, "")

    def _link_component_event(self, component: str, binding: EventBinding, handler: Function, written: Note) -> bool:
        """Link each `this.triggerEvent(name)` (`$emit`, `emit`) of a component to the handler bound to `name`, so the handler
        runs in the context of the code that fires it (a tap inside the component is a tap). False when
        the component's code is not visible or fires no such event by a written name."""
        linked = False
        for module_unit in self.units_of_route(component):
            module = module_unit.module
            for call in module.nodes("CallExpression"):
                if not call.arguments or string_value(call.arguments[0]) != binding.event:
                    continue
                callee = unwrap(call.callee)
                caller = self.graph.enclosing_function(call)
                if callee.type == "MemberExpression" and member_name(callee) in EVENT_FIRING:
                    if self.graph.this_unit(module, caller, unwrap(callee.object)) is None:
                        continue
                elif not _emits(module, callee):
                    continue
                line, _ = binding.source.position(binding.attribute.offset)
                where = f"{binding.source.path.relative_to(self.project.miniprogram_root).as_posix()}:{line}"
                self.graph.add_edge(caller, handler, call, "component-event", note(
                    "component-event", event=binding.event, handler=handler.name, written=written, where=where))
                linked = True
        return linked

    def notes(self) -> list[TraceStep]:
        """What the engine could not follow, worth telling a user in --verbose."""
        notes = []
        for binding in self.unresolved_bindings:
            line, column = binding.source.position(binding.attribute.offset)
            notes.append(step_at(binding.source.path, line, column, note(
                "binding-dynamic", attribute=binding.attribute.name, value=binding.attribute.value)))
        for analysis in self._analyses.values():  # only those a check asked for
            notes.extend(analysis.notes())
        return notes

    # -- analyses built on the engine ---------------------------------------------
    def analysis(self, kind):
        """The analysis `kind(engine)` of this project (the tap state: `wxlint.analyse.tap.tap_model`), built on
        first use and shared by every check; its `notes()` join the engine's."""
        if kind not in self._analyses:
            self._analyses[kind] = kind(self)
        return self._analyses[kind]

    # -- guards: is every way in protected? -------------------------------------------
    @cached_property
    def _ways_in(self) -> dict[int, list[object]]:
        """id(function) -> the edges and entries that make it run."""
        ways: dict[int, list[object]] = {}
        for edges in self.graph.edges_from.values():
            for edge in edges:
                ways.setdefault(id(edge.callee.node), []).append(edge)
        for entry in self.entries:
            ways.setdefault(id(entry.function.node), []).append(entry)
        return ways

    def every_way_in(self, function: Function, site_ok: Callable[[Edge], bool], entry_ok: Callable[[Entry], bool],
                     carries: Callable[[Edge], bool] | None = None) -> bool:
        """Whether every way into `function` is protected: each calling site satisfies `site_ok`
        or sits in a function for which this holds in turn (through the edges `carries` accepts, when given: a
        `catch` around a caller gets no error of a callback that runs later), and each entry satisfies `entry_ok`.
        A function nothing reaches, or reached only through a cycle, is not protected."""
        memo: dict[int, bool] = {}

        def protected(node_id: int) -> bool:
            if node_id in memo:
                return memo[node_id]
            memo[node_id] = False  # a cycle back here protects nothing
            ways = self._ways_in.get(node_id, [])
            result = bool(ways) and all(
                entry_ok(way) if isinstance(way, Entry)
                else site_ok(way) or ((carries is None or carries(way)) and protected(id(way.caller.node)))
                for way in ways)
            memo[node_id] = result
            return result

        return protected(id(function.node))

    def holds_on_every_way_in(self, function: Function, holds: Callable[[frozenset, dict], bool]) -> bool:
        """`every_way_in`, asking `holds(facts, data flags)` of each calling site (what the code around it establishes,
        with the data flags of its script) and of each entry bound in a template (the element's `wx:if`s, with the data
        flags of the template's script); any other entry protects nothing."""

        def site_ok(edge: Edge) -> bool:
            return holds(lexical_facts(edge.caller.module, edge.site), self.data_flags(edge.caller.module))

        def entry_ok(entry: Entry) -> bool:
            binding = entry.binding
            return binding is not None and holds(element_facts(binding.element),
                                                 self.data_flags(self.model.script_beside(binding.source.path)))

        return self.every_way_in(function, site_ok, entry_ok)

    def never_opened(self, module: JsModule) -> bool:
        """`ProjectModel.never_opened`, with the units the graph found in the script."""
        return self.model.never_opened(module, {unit.kind for unit in self.graph.units_of(module.path)})

    def ever_runs(self, function: Function) -> bool:
        """Whether anything makes `function` run, as far as wxlint can tell: an entry (a lifecycle, a bound event,
        loading its module) or a way in from a function that runs. Where the graph has no way into a function
        wxlint may not have followed one: a closure runs if the function around it does (`const save = this.save =
        () => …`), a page or component method if its name is used anywhere in its script (`this[name]()`). No: a
        method whose only binding is commented out (Silin7/0635-wxapp: held out), a helper nothing calls."""
        if self._running is None:
            self._running = set()
            pending = [entry.function.node for entry in self.entries]
            while pending:
                node = pending.pop()
                if id(node) in self._running:
                    continue
                self._running.add(id(node))
                pending.extend(edge.callee.node for edge in self.graph.edges_from.get(id(node), ())
                               if not after_an_exit(edge.site))
        return self._may_run(function, set())

    def surely_never_runs(self, function: Function) -> bool:
        """`not ever_runs`, where wxlint knows every way in: a page's or component's method, or a declared function (and
        the callbacks written in them).
        Other methods (a class's, an object's that Vue `mixins` mix in: jimmy88228's room/mixin.js), and any code of a
        uni-app project (zurichscud/case-uni-vue3's composables), may be called in ways the graph does not follow, so
        nothing is claimed of them."""
        if self.project.framework == "uni-app":
            return False  # `<script setup>`, composables and Vue's own calls are ways in the graph does not all follow
        outer = function
        while outer.member is None and outer.node.type != "FunctionDeclaration" and not _module_constant(outer.node) \
                and not self._object_method_named_nowhere(outer):
            if outer.is_module_body or outer.node._parent is None:
                return False
            outer = self.graph.enclosing_function(outer.node)  # a callback: as known as the function it is written in
        return not self.ever_runs(function)

    def _object_method_named_nowhere(self, function: Function) -> bool:
        """Whether a function is a method of an object literal whose name nothing in the project uses (no member, string,
        destructuring or template names it, no call by a computed name in its script) and that no framework calls by itself
        (a lifecycle of a mixin): wxlint then knows every way in (`AuthService.getUserProfile`, which no page calls:
        liuxuan124/miniprogram-platform services/auth.js, held out). Only in a mini-program (an app.json): a plugin's
        or a library's exports are called by code that is not the project's."""
        name = _method_name(function.node)
        parent = function.node._parent
        if name is None or parent.type != "Property" or name in _CALLED_BY_FRAMEWORKS or self.project.app_json is None:
            return False
        return name not in self._names_in_project and _ANY_OWN_METHOD not in self._names_used(function.module)

    def never_rendered(self, template: Path, element) -> bool:
        """`ProjectModel.never_rendered`, where a `setData` in code that surely never runs sets nothing: a `wx:if` flag set
        true only in the `else` of a `scope.userInfo` test (hu188/xiaochengxu pages/goods, held out)."""
        return self.model.never_rendered(template, element, self.surely_never_runs_at)

    def surely_never_runs_at(self, module: JsModule, node: Node) -> bool:
        """Whether the code at `node` surely never runs: its function never does (`surely_never_runs`), or it sits in
        a branch that never holds (`if (!res.authSetting['scope.userInfo'])`: `guards.never_holds`)."""
        here = lexical_facts(module, node)
        if never_holds(here):
            return True
        if any(kind == "not-flag" and name in self._flags_always_true(module) for kind, name in here):
            return True  # `else` of `if (this.data.canIUse)` where every client has what `canIUse` tests
        # (a `<wxs>` module runs in the view, beside the graph: nothing is claimed of it)
        return id(module.tree.program) in self.graph.functions and self.surely_never_runs(self.graph.enclosing_function(node))

    def _may_run(self, function: Function, seen: set[int]) -> bool:
        if id(function.node) in self._running:
            return True
        if id(function.node) in seen:
            return False  # a cycle of calls nothing enters
        seen.add(id(function.node))
        if not function.is_module_body and after_an_exit(function.node):
            return False  # written after a `return`: the function is never even made
        ways = self._ways_in.get(id(function.node))
        if ways:  # called or handed over: it runs if one of its callers may
            return any(not isinstance(way, Entry) and self._may_run(way.caller, seen) for way in ways)
        name = function.member.name if function.member is not None else _method_name(function.node)
        definition = function.node._parent
        if function.member is None and definition is not None and definition.type == "MethodDefinition":
            # a class's method: its instances are used anywhere (`new Player(…)` kept in data, `player.play()` in
            # another file: miniprogram-demo's xr-template-volumeVideo); a constructor runs when it is created
            return definition.kind == "constructor" or name in self._names_in_project
        if name is not None:  # a method: of a page or component, or of an object wxlint does not model
            return self._name_used_outside(function, name)
        if function.is_module_body or function.node._parent is None:
            return False
        outer = self.graph.enclosing_function(function.node)
        # a closure runs if the function around it may; a function of the module's own that nothing calls does not
        return not outer.is_module_body and self._may_run(outer, seen)

    def _name_used_outside(self, function: Function, name: str) -> bool:
        """Whether a method's name is used (`_names_used`) anywhere but in its own body (`t.start(o)` inside a `start`
        method calls another object's: shiruiqiang/xiaochengxu_qianduan utils/recorder.js, held out), in a behavior
        its unit mixes in, whose `this.init()` calls the component's own `init` (miniprogram-demo's AR pages), or in a
        module its class page inherits methods from, whose `onLoad` calls `this.onInit()` (zhao-ping/wechat-miniprogram-ts-sass
        utilTs/util.ts: the graph follows such a call into one page's `onInit` only)."""
        start, end = function.node.range
        used = self._names_used(function.module)
        if any(not start <= at < end for at in (*used.get(name, ()), *used.get(_ANY_OWN_METHOD, ()))):
            return True
        if function.unit is None:
            return False
        behaviors = self.graph.behaviors_of(function.unit)
        if any(name in self._names_used(behavior.module) for behavior in behaviors):
            return True
        members = (self.graph.function(member.function) for member in function.unit.all_members())
        inherited = {found.module.path: found.module for found in members
                     if found is not None and found.module is not function.module}
        return any(name in self._names_used(module) for module in inherited.values())

    def _names_used(self, module: JsModule) -> dict[str, list[int]]:
        """Member names and strings a script uses (`this.save`, `that['save']`, `'save'`), the actions the project
        dispatches by name (`_project_strings`), and the attribute values of its template, each with where it is used
        in the script (-1 elsewhere): a method named there may be called in a way the graph does not follow."""
        if module.path not in self._used_names:
            names: dict[str, list[int]] = {}

            def add(name, at: int) -> None:
                if name:
                    names.setdefault(name, []).append(at)

            # not an API of wx's own: `uni.getLocation()` says nothing of a method named getLocation (DavisGYF/hy-uniapp-shop)
            for node in module.nodes("MemberExpression"):
                if not module.is_wx(node.object):
                    add(member_name(node), node.range[0])
            for node in module.nodes("ObjectPattern"):  # `const { save } = helpers`: taken by its name
                for prop in node.properties:
                    if prop.type == "Property":
                        add(property_key(prop), node.range[0])
            # a string logged is no name a method is called by (`console.log('addAddress')`: yaojaa/group-shop-miniprogramme
            # pages/paymethod, held out)
            for node in module.nodes("Literal"):
                if isinstance(node.value, str) and not only_logged(node) and not _wx_option_value(module, node):
                    add(node.value, node.range[0])
            for name in self._project_strings:
                add(name, -1)
            # `this[nactive](params)` with a name only known at run time (from a web-view's message: anyly/GuessWolves
            # webview/index.js, held out) may call any of the script's own methods
            for node in module.nodes("CallExpression"):
                callee = unwrap(node.callee)
                if callee.type == "MemberExpression" and callee.computed and is_this(module, callee.object) \
                        and member_name(callee) is None and string_value(callee.property, module) is None:
                    add(_ANY_OWN_METHOD, node.range[0])
            template = self.model.template_beside(module.path)
            if template is not None:
                for element in template.iter_elements():
                    if switched_off(element):
                        continue  # `<view wx:if="{{false}}">`: names nothing that runs
                    for attribute in element.attributes:
                        if attribute.value:
                            add(attribute.value.strip(), -1)
            self._used_names[module.path] = names
        return self._used_names[module.path]

    @cached_property
    def _names_in_project(self) -> frozenset[str]:
        """The names every script of the project uses (`_names_used`)."""
        return frozenset(name for module in self.model.js_modules.values() for name in self._names_used(module))

    @cached_property
    def _project_strings(self) -> frozenset[str]:
        """The names the project's scripts call a store's actions by: `this.$store.dispatch('setting/getLocation')`
        (Vuex; AndyLZJ/anoyshop) names the action `getLocation`, in another file than the store's."""
        names = set()
        for module in self.model.js_modules.values():
            for call in module.nodes("CallExpression"):
                callee = unwrap(call.callee)
                if (callee.type == "MemberExpression" and member_name(callee) in ("dispatch", "commit") and call.arguments
                        and isinstance(string_value(call.arguments[0]), str)):
                    names.add(string_value(call.arguments[0]).rsplit("/", 1)[-1])
        return frozenset(names)

    def call_sites(self, function: Node) -> list[Edge]:
        """The direct calls of a function: the edges of kind `call` or `await` among its ways in."""
        return [way for way in self._ways_in.get(id(function), [])
                if not isinstance(way, Entry) and way.kind in ("call", "await")]

    def facts_around(self, node: Node) -> frozenset:
        """What holds on every way into the function `node` is in (`facts_on_every_way_in`)."""
        return self.facts_on_every_way_in(self.graph.enclosing_function(node))

    def data_flags(self, module: JsModule | None) -> dict[str, frozenset[Fact]]:
        """The data flags of the pages and components a script defines (`guards.data_flags`): flag -> what it
        records when true; {} for no script."""
        if module is None:
            return {}
        if module.path not in self._data_flags:
            units = self.graph.units_of(module.path)
            self._data_flags[module.path] = data_flags(module, [u.data_node for u in units if u.data_node is not None],
                                                       around=self.facts_around)
        return self._data_flags[module.path]

    def _flags_always_true(self, module: JsModule) -> frozenset[str]:
        """`guards.flags_always_true` of the pages and components a script defines, at the project's minimum."""
        found = self._always_true.get(module.path)
        if found is None:
            units = self.graph.units_of(module.path)
            found = self._always_true[module.path] = flags_always_true(
                module, [u.data_node for u in units if u.data_node is not None],
                self.model.project.config.effective_min_lib_version[0])
        return found

    def facts_on_every_way_in(self, function: Function) -> frozenset:
        """What holds wherever `function` runs from (guards.Fact): on each way in, the facts at the calling
        site and on every way into its caller; an entry (a lifecycle, a handler) brings none. Only what all
        ways share: `popUp()` called only under `if (wx.getPrivacySetting)` runs with that API there."""
        known = self._facts_in.get(id(function.node))
        if known is not None:
            return known
        memo: dict[int, frozenset] = {}

        def facts_into(node_id: int) -> frozenset:
            if node_id in memo:
                return memo[node_id]
            memo[node_id] = frozenset()  # a cycle back here brings nothing
            shared: frozenset | None = None
            for way in self._ways_in.get(node_id, []):
                here = self._opened_with_facts(way, facts_into) if isinstance(way, Entry) else (
                    lexical_facts(way.caller.module, way.site) | facts_into(id(way.caller.node)))
                shared = here if shared is None else shared & here
                if not shared:
                    break
            memo[node_id] = shared or frozenset()
            return memo[node_id]

        self._facts_in[id(function.node)] = found = facts_into(id(function.node))
        return found

    def _opened_with_facts(self, entry: Entry, facts_into: Callable[[int], frozenset]) -> frozenset:
        """What an entry brings: nothing, but for the lifecycles and the template's events of a page that only the
        project's own navigations open (not the entry page, no tab, no share card, its route named nowhere else), the
        scopes granted at every one of them: a map page opened only once the location is granted (Silin7/0635-wxapp,
        zhjh362322/minizgt newShipper: held out)."""
        unit = entry.function.unit
        if unit is None or unit.kind != "page":
            return frozenset()
        route = self.route_of_module(unit.module)
        sites = self._navigations[0].get(route) if route is not None and self._opened_only_by_navigation(route, unit) else None
        if not sites:
            return frozenset()
        shared: frozenset | None = None
        for module, call in sites:
            caller = self.graph.enclosing_function(call)
            here = frozenset(fact for fact in lexical_facts(module, call) | facts_into(id(caller.node)) if fact[0] == "granted")
            shared = here if shared is None else shared & here
            if not shared:
                break
        return shared or frozenset()

    def _opened_only_by_navigation(self, route: str, unit: UnitDefinition) -> bool:
        shared = {"onShareAppMessage", "onShareTimeline"} & {m.name for m in unit.framework_members}
        return (self.project.app_json is not None and route not in self.project.entry_routes and route not in self._tabs
                and not shared and route not in self._routes_named_elsewhere)

    @cached_property
    def _tabs(self) -> frozenset[str]:
        """The routes of app.json's tab bar: a user opens them from the tab bar."""
        app = self.project.app_json or {}
        tab_bar = app.get("tabBar") if isinstance(app.get("tabBar"), dict) else {}
        return frozenset(str(item.get("pagePath", "")).strip("/") for item in tab_bar.get("list") or [] if isinstance(item, dict))

    @cached_property
    def _navigations(self) -> tuple[dict[str, list[tuple[JsModule, Node]]], frozenset[int]]:
        """(route -> the navigation calls, wx.navigateTo and the others, whose URL names it; the ids of the nodes of
        those URLs)."""
        found: dict[str, list[tuple[JsModule, Node]]] = {}
        urls: set[int] = set()
        apis = navigation_apis()
        for module in self.model.js_modules.values():
            for use in module.wx_uses:
                if use.kind != "call" or use.api not in apis or not use.call.arguments:
                    continue
                url_node = object_property(use.call.arguments[0], "url")
                url = leading_string(url_node, module)
                route = self._route_of_url(module, url) if url else None
                if route is not None:
                    found.setdefault(route, []).append((module, use.call))
                    urls.update(id(node) for node in walk(url_node))
        return found, frozenset(urls)

    @cached_property
    def _routes_named_elsewhere(self) -> frozenset[str]:
        """Page routes a string names outside the navigations `_navigations` read (a menu's data, a `<navigator>`,
        a helper's argument): they may be opened in ways wxlint does not follow."""
        routes = set(self.project.all_pages)
        _, urls = self._navigations
        named = set()
        for module in self.model.js_modules.values():
            for node in module.nodes("Literal"):
                if isinstance(node.value, str) and "/" in node.value and id(node) not in urls:
                    named.update(route for route in routes if route in node.value)
        for document in self.model.wxml.values():
            for element in document.iter_elements():
                for attribute in element.attributes:
                    if attribute.value and "/" in attribute.value:
                        named.update(route for route in routes if route in attribute.value)
        return frozenset(named)

    def _route_of_url(self, module: JsModule, url: str) -> str | None:
        path = url.split("?", 1)[0]
        if path.startswith("/"):
            return path.strip("/") or None
        here = self.route_of_module(module)
        if here is None or not path:
            return None
        return posixpath.normpath(posixpath.join(posixpath.dirname(here), path)).strip("/")

    # -- the launch question ------------------------------------------------------
    def launch_entries(self) -> list[Entry]:
        entries = []
        # the top level of the app's script and of the entry page's runs as the files load (xiaopingzi1/movie's app.js
        # has no App() and asks for the microphone there: held out); a `.vue` file's is its `setup`, a lifecycle below
        for route in ("app", *self.project.entry_routes):
            unit = self.project.units.get(route)
            module = self.model.js_modules.get(unit.script) if unit is not None and unit.script is not None else None
            if module is not None and module.single_file_kind is None:
                words = note("launch-app-load") if route == "app" else note("launch-page-load", route=route)
                entries.append(Entry(LAUNCH, self.graph.function(module.tree.program), step_at(module.path, 1, 1, words)))
        app = self.graph.app_unit()
        if app is not None:
            for name in APP_LAUNCH_LIFECYCLES:
                member = next((m for m in app.framework_members if m.name == name), None)
                if member is not None:
                    entries.append(Entry(LAUNCH, self.graph.function(member.function), trace_step(
                        app.module, member.key, note("launch-app", name=name))))
        for route in self.project.entry_routes:
            page_entries = []
            for unit in self.units_of_route(route):
                for member in unit.framework_members:
                    # a page written as Component(): its `lifetimes` and `pageLifetimes.show` run as it opens too
                    # (hijimo/18line-wxapp: held out)
                    if member.role == "lifecycle" and (member.name in PAGE_LAUNCH_LIFECYCLES or (
                            unit.module.single_file_kind is not None and member.name in VUE_LAUNCH_LIFECYCLES) or (
                            unit.kind == "component" and member.name in COMPONENT_LAUNCH_LIFECYCLES)):
                        page_entries.append(Entry(LAUNCH, self.graph.function(member.function), trace_step(
                            unit.module, member.key, note("launch-page", name=member.name, route=route))))
                page_entries.extend(self._self_firing_entries(unit, route))
            entries.extend(page_entries)
            for tag, component_route in self._components_rendered(route, self._left_out_on_open(route, page_entries)):
                for unit in self.units_of_route(component_route):
                    for member in unit.framework_members:
                        if member.name in COMPONENT_LAUNCH_LIFECYCLES and member.role == "lifecycle":
                            entries.append(Entry(LAUNCH, self.graph.function(member.function), trace_step(
                                unit.module, member.key,
                                note("launch-component", name=member.display, tag=tag, route=route))))
                    entries.extend(self._self_firing_entries(unit, route))
        return entries

    def _self_firing_entries(self, unit: UnitDefinition, route: str) -> list[Entry]:
        """Handlers of events elements fire by themselves (`<image bindload>`): they run on open too."""
        entries = []
        self_firing = built_in_events()["self_firing"]
        for binding in self.unit_bindings(unit):
            if binding.event_key not in self_firing:
                continue
            for name in binding.handler_names or ():
                member = self.graph.member(unit, name)
                if member is not None:
                    line, column = binding.source.position(binding.attribute.offset)
                    written = note("binding-written", attribute=binding.attribute.name, value=binding.attribute.value,
                                   tag=binding.element.tag)
                    entries.append(Entry(LAUNCH, self.graph.function(member.function), step_at(
                        binding.source.path, line, column, note("launch-event", written=written, event=binding.event, route=route))))
        return entries

    def _left_out_on_open(self, route: str, page_entries: list[Entry]) -> Callable[[object], bool]:
        """Whether an element of a page's template is left out as the page opens: a `wx:if` that its first data makes
        false, on a key that no code run as it opens sets (`<around wx:if="{{PageCur=='around'}}">` with
        `data: { PageCur: 'home' }`: a tab shown once the user picks it, choushunn/EnjoyWangjingStreetMiniWechat
        pages/index, held out)."""
        first: dict[str, object] = {}
        for unit in self.units_of_route(route):
            first.update(first_values(unit.data_node))
        if not first:
            return lambda element: False
        set_on_open: set[str] = set()
        for function in Reach(self.graph, page_entries, lambda context, edge: context).functions():
            set_on_open.update(flag_writes(function.module, function.node))
        return lambda element: false_at_first(element_facts(element), first, set_on_open)

    def _components_rendered(self, route: str, left_out: Callable[[object], bool]) -> list[tuple[str, str]]:
        """(tag, component route) of the custom components a page renders, nested ones included; the page's own
        elements `left_out` (as it opens) render nothing."""
        found: list[tuple[str, str]] = []
        seen = {route}
        queue = [route]
        while queue:
            current = queue.pop(0)
            unit = self.project.units.get(current)
            document = self.model.wxml.get(self.model.resolved(unit.wxml)) if unit is not None and unit.wxml else None
            if document is None:
                continue
            tags = {element.tag for element in document.iter_elements() if current != route or not left_out(element)}
            for tag in sorted(tags):
                target = self.model.component_of_tag(current, tag)
                if target and target not in seen:
                    seen.add(target)
                    found.append((tag, target))
                    queue.append(target)
        return found

    @cached_property
    def launch_reach(self) -> Reach:
        """From the launch entries; each context is what is known on the way (guards.Fact): the scopes
        checked in `authSetting`, a stored login tested, and the parameters a call fixes (`isLogin()`
        with `ask = false`)."""
        app = self.graph.app_unit()
        entries = [Entry(_NO_PAGE_YET if app is not None and entry.function.unit is app else frozenset(), entry.function,
                         entry.step, entry.binding) for entry in self.launch_entries()]
        return Reach(self.graph, entries, _launch_advance)

    def launch_traces(self, module: JsModule, node: Node, final_note: Note) -> list[Trace]:
        """Each way a call runs when the mini-program opens (shortest first), with what is known there;
        ways the code around the call rules out are left out."""
        caller = self.graph.enclosing_function(node)
        here = lexical_facts(module, node)
        if _needs_a_query(here):
            return []
        traces = []
        for context, entry, edges in self.launch_reach.paths(caller):
            if contradicts(context, here):
                continue
            traces.append(Trace(context | here, entry, [*self.launch_reach.steps(entry, edges), trace_step(module, node, final_note)], edges))
        traces.sort(key=lambda trace: len(trace.edges))
        return traces


def _wx_option_value(module: JsModule, node: Node) -> bool:
    """Whether a string is an option of a wx API's call: `wx.cloud.callFunction({ name: 'pushFeedback' })` names a cloud
    function, not the page method of that name (jinryan/International-Fair-WeChat-Applet, held out)."""
    prop = node._parent
    if prop is None or prop.type != "Property" or prop.value is not node:
        return False
    call = options_call(prop)
    return call is not None and module.wx_path(unwrap(call.callee)) is not None


def _module_constant(function: Node) -> bool:
    """Whether a function is what a `const` of the module's top level holds (`const compressImgTest = (img) => {…}`,
    exported or not), declared as surely as a `function` statement (SLLME/wechat-app utils/util.js, held out)."""
    declarator = function._parent
    declaration = declarator._parent if declarator is not None and declarator.type == "VariableDeclarator" else None
    if declaration is None or declarator.init is not function or declaration.kind != "const":
        return False
    holder = declaration._parent
    if holder is not None and holder.type == "ExportNamedDeclaration":
        holder = holder._parent
    return holder is not None and holder.type == "Program"


def _answered_by_the_user(edge: Edge) -> bool:
    """A dialog's callback that runs on the user's tap on its button (tap-state.yaml `dialog_callbacks`), when the
    dialog let them cancel: what follows is the user's choice, not something the mini-program does on open (the
    dialog itself is judged where it is shown). A `wx.showModal({ showCancel: false })` leaves no choice."""
    if edge.kind != "api-callback" or edge.via not in tap_facts()["dialog_callbacks"].get(edge.api, ()):
        return False
    option = parent_of(edge.site)  # `success: (res) => …` or `success: this.onAnswer`: the property of the options
    call = options_call(option) if option is not None and option.type == "Property" else None
    return not (call is not None and call.arguments and without_cancel(call.arguments[0]))


# At cold start App's `onLaunch` and `onShow` run before the first page is made: `getCurrentPages()` is empty there
# (framework/app-service/route.html: "不要在 App.onLaunch 的时候调用 getCurrentPages()，此时 page 还没有生成")
_NO_PAGE_YET = frozenset({("no-pages-open", "getCurrentPages()")})

# What stays known in the functions a call reaches: a scope checked, a stored login tested.
_KNOWN_ACROSS_CALLS = frozenset({"granted", "denied", "logged-in", "not-logged-in"})


# Methods the frameworks call by their names, from objects mixed in anywhere
_CALLED_BY_FRAMEWORKS = (APP_LIFECYCLES | PAGE_LIFECYCLES | PAGE_EVENTS | COMPONENT_LIFECYCLES | PAGE_LIFETIMES | VUE_LIFECYCLES
                         | {"setup", "data", "observers", "definitionFilter"})

# What `_names_used` records for a call of the script's own methods by a name computed at run time (no method's name)
_ANY_OWN_METHOD = "this[…]"

# How a component fires an event: `this.triggerEvent(name)` (WeChat), `this.$emit(name)` (a uni-app component)
EVENT_FIRING = ("triggerEvent", "$emit")


def _emits(module: JsModule, callee: Node) -> bool:
    """`emit(name)` in a uni-app `<script setup>`, where `const emit = defineEmits([…])`."""
    if callee.type != "Identifier":
        return False
    binding = module.scopes.resolve(callee)
    init = unwrap(binding.init) if binding is not None and binding.is_constant else None
    return (init is not None and init.type == "CallExpression" and unwrap(init.callee).type == "Identifier"
            and unwrap(init.callee).name == "defineEmits")


def _method_name(function: Node) -> str | None:
    """The name a function is a method by: `save() {}` or `save: function () {}` in an object, or in a class."""
    parent = function._parent
    if parent is not None and parent.type in ("Property", "MethodDefinition") and parent.value is function:
        return property_key(parent)
    return None


def _needs_a_query(known: frozenset) -> bool:
    """Code that runs only when the page or the app was opened with a query field set (`if (options.fromorder)` in
    onLoad; zaozao1040/xdd-ddc-miniprogram home.js: held out): an ordinary open has none, so it is no launch of its own."""
    return any(kind == "opened-with" for kind, _ in known)


def _launch_advance(context: frozenset, edge: Edge) -> frozenset | None:
    if edge.kind not in CONSEQUENCE_EDGE_KINDS or _answered_by_the_user(edge):
        return None
    at_site = lexical_facts(edge.caller.module, edge.site)
    if contradicts(context, at_site) or _needs_a_query(at_site):
        return None  # this way in is ruled out by what is known
    known = context | at_site
    kept = {fact for fact in known if fact[0] in _KNOWN_ACROSS_CALLS}
    if edge.mode == SYNC:
        kept |= known & _NO_PAGE_YET  # the page stack stays empty until App's launch code returns
    if edge.kind in ("call", "await") and edge.site.type == "CallExpression" and not edge.through:
        kept |= parameter_facts(edge.callee.node.params, edge.site.arguments)  # a new activation
    else:
        kept |= {fact for fact in known if fact[0] in ("param", "not-param")}  # a closure sees the same parameters
    return frozenset(kept)


class Leads:
    """Which code leads to a goal (a kind of call): backwards over the call graph.

    `goal(module, call)` returns a trace note when a call is the goal itself
    (e.g. `wx.openSetting()`), else None. A function leads to the goal when it
    contains such a call, or when it calls or schedules a function that leads
    to it; steps a listener or an unseen function would take do not count.
    """

    FOLLOW = CONSEQUENCE_EDGE_KINDS | {"framework-option"}  # and the callbacks of an options object the platform calls later

    def __init__(self, graph: CallGraph, modules, goal: Callable[[JsModule, Node], Note | None],
                 follow: frozenset[str] | None = None, calls: Callable[[JsModule], Iterable[Node]] | None = None):
        """`calls(module)`: the calls of a module that can be the goal, in document order, when that is
        known to be fewer than all (`goal` is asked about each)."""
        self.graph = graph
        self.goal = goal
        self.follow = self.FOLLOW if follow is None else follow
        self._goal_steps: dict[int, TraceStep] = {}  # id(call) -> step
        # id(function) -> the next step towards the goal: an Edge, or the goal call's step
        self._next: dict[int, object] = {}
        queue: deque[int] = deque()
        for module in modules:
            for node in module.nodes("CallExpression") if calls is None else calls(module):
                note = goal(module, node)
                if note is not None and not after_an_exit(node):  # a `wx.openSetting()` below a `return` never runs
                    step = trace_step(module, node.callee, note)
                    self._goal_steps[id(node)] = step
                    owner = id(graph.enclosing_function(node).node)
                    if owner not in self._next:
                        self._next[owner] = step
                        queue.append(owner)
        incoming: dict[int, list[Edge]] = {}
        for edges in graph.edges_from.values():
            for edge in edges:
                if edge.kind in self.follow:
                    incoming.setdefault(id(edge.callee.node), []).append(edge)
        while queue:
            target = queue.popleft()
            for edge in incoming.get(target, ()):
                source = id(edge.caller.node)
                if source not in self._next and not after_an_exit(edge.site):  # a call below a `return` is never made
                    self._next[source] = edge
                    queue.append(source)

    def path_from_function(self, function_node: Node) -> list[TraceStep] | None:
        """Steps from a function to the goal, or None when it does not lead there."""
        steps: list[TraceStep] = []
        current = id(function_node)
        seen = set()
        while current in self._next and current not in seen:
            seen.add(current)
            step = self._next[current]
            if isinstance(step, TraceStep):
                return steps + [step]
            steps.append(edge_step(step))
            current = id(step.callee.node)
        return None

    def path_from_region(self, region: Node) -> list[TraceStep] | None:
        """Steps from any code inside `region` (a function or a `catch` clause) to the goal."""
        for node in walk(region):
            if node.type != "CallExpression":
                continue
            if id(node) in self._goal_steps:
                return [self._goal_steps[id(node)]]
            for edge in self.graph.edges_made_at(node):
                if edge.kind in self.follow:
                    rest = self.path_from_function(edge.callee.node)
                    if rest is not None:
                        return [edge_step(edge, at=node)] + rest
        if region.type in FUNCTION_NODES:
            return self.path_from_function(region)
        return None
