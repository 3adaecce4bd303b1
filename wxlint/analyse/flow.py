"""The flow engine: where each function is reached from, and in which context.

Entries are what starts code running in a mini-program: a user tap on an
element bound in WXML, another event (long press, input, a component's custom
event), a lifecycle or page callback the framework calls, or a module's top
level. From every entry the engine walks the call graph once and keeps, for
each function, the shortest path per context:

- `tap`: reached synchronously from a tap handler, within the user's gesture;
- `outside`: reached from anything else, or through a deferred step;
- `unknown`: reached only through a step wxlint cannot see into.

Each function is visited at most once per context, so the cost is linear in
the size of the call graph.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from esprima.nodes import Node

from wxlint.analyse.callgraph import DEFERRED, UNKNOWN, CallGraph, Edge, Function
from wxlint.findings import TraceStep
from wxlint.model.javascript import JsModule
from wxlint.model.project import ProjectModel
from wxlint.model.units import UnitDefinition
from wxlint.model.wxml import EventBinding, unit_event_bindings

TAP, OUTSIDE, UNKNOWN_CONTEXT = "tap", "outside", "unknown"

# Built-in events a component can fire that are not a custom `triggerEvent`.
_BUILTIN_EVENTS = frozenset({
    "tap", "longpress", "longtap", "touchstart", "touchmove", "touchend", "touchcancel", "touchforcechange",
    "transitionend", "animationstart", "animationiteration", "animationend", "input", "change", "focus", "blur",
    "confirm", "submit", "reset", "scroll", "scrolltoupper", "scrolltolower", "load", "error", "getuserinfo",
    "getphonenumber", "getrealtimephonenumber", "chooseavatar", "opensetting", "contact", "launchapp",
    "agreeprivacyauthorization", "columnchange", "cancel", "keyboardheightchange", "linechange", "play", "pause",
    "ended", "timeupdate", "success", "fail", "complete", "refresherrefresh", "markertap", "regionchange",
})
_ROLE_NOTES = {
    "lifecycle": "{name} is a {kind} lifecycle: the framework calls it, not a user tap",
    "page-event": "{name} is called by the framework on a page event, not on a user tap",
    "observer": "{name} is a data observer: it runs when data changes, not on a user tap",
}


@dataclass
class Entry:
    context: str  # TAP or OUTSIDE
    function: Function
    step: TraceStep
    binding: EventBinding | None = None


@dataclass
class Trace:
    """How a function is reached in one context: the entry, then each step."""

    context: str
    entry: Entry
    steps: list[TraceStep]
    deferred_by: str | None = None  # the code that moved a tap's flow out of the gesture ("await", ".then()")


def _combine(context: str, mode: str) -> str:
    """The context after one step. A deferred step always leaves the gesture; a step
    wxlint cannot see into makes the rest unknown, never a finding on its own."""
    if mode == DEFERRED:
        return OUTSIDE
    if mode == UNKNOWN:
        return UNKNOWN_CONTEXT
    return context


class FlowEngine:
    def __init__(self, model: ProjectModel):
        self.model = model
        self.graph = CallGraph(model.js_modules, model.project.miniprogram_root)
        self.unresolved_bindings: list[EventBinding] = []
        self.entries: list[Entry] = []
        self.bindings_by_unit: dict[int, list[EventBinding]] = {}
        self._collect_entries()
        # (function id, context) -> (previous key or Entry, edge or None)
        self._witness: dict[tuple[int, str], tuple[object, Edge | None]] = {}
        self._propagate()

    # -- entries ---------------------------------------------------------------
    def unit_wxml(self, unit: UnitDefinition):
        return self.model.wxml.get(unit.module.path.with_suffix(".wxml"))

    def unit_bindings(self, unit: UnitDefinition) -> list[EventBinding]:
        """Event bindings of a unit's WXML, with included files and imported templates."""
        key = id(unit)
        if key not in self.bindings_by_unit:
            document = self.unit_wxml(unit)
            self.bindings_by_unit[key] = [] if document is None else unit_event_bindings(
                document, self.model.wxml.get, self.model.project.miniprogram_root)
        return self.bindings_by_unit[key]

    def _collect_entries(self) -> None:
        graph = self.graph
        for unit in graph.units:
            module = unit.module
            kind_name = {"app": "App", "page": "page", "component": "component", "behavior": "behavior"}[unit.kind]
            for member in unit.framework_members:
                function = graph.function(member.function)
                note = _ROLE_NOTES[member.role].format(name=member.display, kind=kind_name)
                self.entries.append(Entry(OUTSIDE, function, self._step(module, member.key, note)))
            if unit.kind not in ("page", "component"):
                continue
            for binding in self.unit_bindings(unit):
                if binding.is_dynamic:
                    self.unresolved_bindings.append(binding)
                    continue
                found = graph.lookup_member(unit, binding.handler)
                if found is None:
                    continue
                function = graph.function(found[1].function)
                document_source = binding.source
                attribute = binding.attribute
                if binding.event_key == "tap":
                    note = f'`{attribute.name}="{attribute.value}"` on <{binding.element.tag}>: {binding.handler} handles a user tap'
                    context = TAP
                elif binding.event_key in _BUILTIN_EVENTS:
                    note = f'`{attribute.name}="{attribute.value}"` on <{binding.element.tag}>: a {binding.event} event, not a tap'
                    context = OUTSIDE
                else:
                    note = (f'`{attribute.name}="{attribute.value}"` on <{binding.element.tag}>: a custom event the component '
                            f"fires with triggerEvent, not a user tap")
                    context = OUTSIDE
                line, column = document_source.position(attribute.offset)
                self.entries.append(Entry(context, function, TraceStep(document_source.path, line, column, note), binding))
        for module in self.model.js_modules.values():
            program = graph.function(module.tree.program)
            self.entries.append(Entry(OUTSIDE, program, TraceStep(module.path, 1, 1, "the module's top level runs when the file is loaded")))

    def notes(self) -> list[TraceStep]:
        """What the engine could not follow, worth telling a user in --verbose."""
        notes = []
        for binding in self.unresolved_bindings:
            line, column = binding.source.position(binding.attribute.offset)
            notes.append(TraceStep(binding.source.path, line, column,
                                   f'`{binding.attribute.name}="{binding.attribute.value}"`: the handler is chosen at run time; not followed'))
        return notes

    def _step(self, module: JsModule, node: Node, note: str) -> TraceStep:
        line, column, _, _ = module.tree.span(node)
        return TraceStep(module.path, line, column, note)

    # -- propagation -----------------------------------------------------------
    def _propagate(self) -> None:
        queue: deque[tuple[int, str]] = deque()
        # Taps first, so that a function reached both ways keeps its tap path short.
        for entry in sorted(self.entries, key=lambda e: e.context != TAP):
            key = (id(entry.function.node), entry.context)
            if key not in self._witness:
                self._witness[key] = (entry, None)
                queue.append(key)
        edges_from = self.graph.edges_from
        while queue:
            function_id, context = queue.popleft()
            for edge in edges_from.get(function_id, ()):
                next_key = (id(edge.callee.node), _combine(context, edge.mode))
                if next_key not in self._witness:
                    self._witness[next_key] = ((function_id, context), edge)
                    queue.append(next_key)

    def contexts(self, function: Function) -> dict[str, Trace]:
        """Each context a function is reached in, with the shortest trace to it."""
        found = {}
        for context in (TAP, OUTSIDE, UNKNOWN_CONTEXT):
            key = (id(function.node), context)
            if key in self._witness:
                found[context] = self._trace(key)
        return found

    def call_contexts(self, module: JsModule, call: Node, final_note: str) -> dict[str, Trace]:
        """The contexts a call site runs in, each with a trace ending at the call."""
        caller = self.graph.enclosing_function(call)
        after = caller.after_await(call)
        call_step = self._step(module, call.callee, final_note)
        results: dict[str, Trace] = {}
        for context, trace in self.contexts(caller).items():
            steps = list(trace.steps)
            deferred_by = trace.deferred_by
            if after is not None:
                steps.append(self._step(module, after, f"`await`: what follows in {caller.name} runs later, outside the gesture"))
                if context == TAP:
                    deferred_by = "await"
                context = _combine(context, DEFERRED)
            steps.append(call_step)
            if context not in results:
                results[context] = Trace(context, trace.entry, steps, deferred_by)
        return results

    def _trace(self, key: tuple[int, str]) -> Trace:
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
        steps = [entry.step]
        deferred_by = None
        if entry.context == TAP:
            deferred_by = next((edge.label or edge.note for edge in edges if edge.mode == DEFERRED), None)
        for edge in edges:
            note = f"{edge.caller.name} {edge.note}" if edge.note.startswith("calls") else edge.note
            steps.append(self._step(edge.caller.module, edge.site, note))
        return Trace(key[1], entry, steps, deferred_by)
