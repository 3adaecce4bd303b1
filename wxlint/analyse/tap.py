"""The tap state (点击态) as WeChat documents it, followed through the call graph.

A tap-gated API (`wx.getUserProfile`, `wx.openSetting`, `wx.requestSubscribeMessage`, …)
only works while the user's tap is held. The tap state:

- starts in a tap event handler, in the `success`/`complete` of `wx.showModal` and
  `wx.showActionSheet` (the user tapped a dialog button), and in the callbacks of
  `wx.requestPayment`/`wx.requestOrderPayment`;
- lives only in that macrotask: timers, listeners and other APIs' callbacks lose it;
  code after `await`, in `.then` or along a promise chain keeps it on Android and
  loses it on iOS;
- is carried into the callbacks of `wx.request`, `wx.downloadFile` and `wx.getSetting`
  when they are called while it is held;
- is used up by the first tap-gated API that checks it.

The facts live in `rules/data/tap-state.yaml`. `TapModel.verdicts(apis)` answers the
rules' question for every call of those APIs: in which state does it run, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from esprima.nodes import Node

from wxlint.analyse.callgraph import DEFERRED, SYNC, Edge, Function, promise_source_api
from wxlint.analyse.flow import OUTSIDE, TAP, UNKNOWN_CONTEXT, Entry, FlowEngine, Reach, edge_step, tap_facts, trace_step
from wxlint.findings import TraceStep
from wxlint.words import note
from wxlint.model.guards import Fact, contradicts, element_facts, lexical_facts, never_holds
from wxlint.model.control import runs_before
from wxlint.model.javascript import JsModule

# States of the tap, best first.
HELD, ANDROID_ONLY, USED_UP, LOST, UNKNOWN = "held", "android-only", "used-up", "lost", "unknown"
PAYMENT = "held-by-payment"  # held, but not for every API (tap.html: not for wx.openEmbeddedMiniProgram)
_HOLDING = (HELD, ANDROID_ONLY, PAYMENT)
_FROM_ENTRY = {TAP: HELD, OUTSIDE: LOST, UNKNOWN_CONTEXT: UNKNOWN}
_WORST_FIRST = (LOST, USED_UP, ANDROID_ONLY)


def apis_reported_by(rule_id: str) -> frozenset[str]:
    """The tap-gated APIs a rule reports (`rule` in rules/data/tap-state.yaml)."""
    return frozenset(api for api, entry in tap_facts()["gated_apis"].items() if entry["rule"] == rule_id)


@dataclass(frozen=True)
class TapContext:
    state: str
    # Data flags the entry's WXML conditions fix (`wx:if="{{canIUseGetUserProfile}}"`):
    # code that tests the same flag the other way cannot run from this entry.
    assumed: frozenset[Fact] = frozenset()


@dataclass
class Change:
    """A step that changed the tap state, for the trace and the message."""

    state: str
    label: str  # the code that did it: "setTimeout()", "await", "wx.login() success", "wx.requestSubscribeMessage"
    step: TraceStep | None = None  # an extra trace step where the change is not an edge of its own


# The message ids a verdict can carry: every rule that reports tap verdicts defines them.
VERDICT_KINDS = ("lifecycle", "event", "module-load", "deferred", "ios", "used-up", "payment")


@dataclass
class Verdict:
    """How one call of a tap-gated API runs."""

    module: JsModule
    use_node: Node  # what the finding points at: `wx.getUserProfile`
    api: str
    kind: str  # message id: lifecycle | event | module-load | deferred | ios | used-up
    trace: list[TraceStep]
    arguments: dict = field(default_factory=dict)


class TapModel:
    def __init__(self, flow: FlowEngine):
        self.flow = flow
        self.graph = flow.graph
        facts = tap_facts()
        self.gated = frozenset(facts["gated_apis"])
        self.dialogs = {api: frozenset(vias) for api, vias in facts["dialog_callbacks"].items()}
        self.payments = {api: frozenset(vias) for api, vias in facts["payment_callbacks"].items()}
        self.carriers = frozenset(facts["carriers"])
        self.payment_not_for = frozenset(facts["payment_tap_not_for"])
        self._consumes: dict[int, bool] = {}

    # -- where gated calls are -------------------------------------------------------
    @cached_property
    def _gated_calls(self) -> dict[int, list[tuple[Node, str]]]:
        """id(function) -> (call, api) of the tap-gated wx calls in its own body."""
        found: dict[int, list[tuple[Node, str]]] = {}
        for module in self.flow.model.js_modules.values():
            for use in module.wx_uses:
                if use.kind == "call" and use.api in self.gated:
                    owner = self.graph.enclosing_function(use.call)
                    found.setdefault(id(owner.node), []).append((use.call, use.api))
        return found

    def _consumes_at_once(self, function: Function) -> bool:
        """Whether running `function` calls a tap-gated API before it returns."""
        key = id(function.node)
        if key in self._consumes:
            return self._consumes[key]
        self._consumes[key] = False  # a cycle uses nothing up by itself
        result = bool(self._gated_calls.get(key)) or any(
            _runs_at_once(edge) and self._consumes_at_once(edge.callee) for edge in self.graph.edges_from.get(key, ()))
        self._consumes[key] = result
        return result

    def _used_before(self, function: Function, site: Node) -> Change | None:
        """What, before `site` in `function`, uses the tap state up: a tap-gated call, or a call of a
        function that makes one at once."""
        module = function.module
        for call, api in self._gated_calls.get(id(function.node), ()):
            if call is not site and runs_before(call, site):
                return Change(USED_UP, f"wx.{api}", trace_step(module, call.callee, note("tap-used-here", used=f"wx.{api}")))
        for edge in self.graph.edges_from.get(id(function.node), ()):
            if edge.site is not site and _runs_at_once(edge) and runs_before(edge.site, site) and self._consumes_at_once(edge.callee):
                return Change(USED_UP, edge.callee.name, trace_step(module, edge.site, note("tap-used-here", used=edge.callee.name)))
        return None

    def _after_awaits(self, state: str, module: JsModule, awaits: tuple[Node, ...]) -> tuple[str, Change | None]:
        change = None
        for node in awaits:
            awaited = node.argument if node.type == "AwaitExpression" else node
            new = self._after_promise(state, promise_source_api(module, awaited), "then")
            if new != state and change is None:
                line = module.tree.span(node)[0]
                change = Change(new, "await", trace_step(module, node, note(_AWAIT_NOTES[new], line=line)))
            state = new
        return state, change

    def _after_promise(self, state: str, api: str | None, via: str) -> str:
        if api is not None and api in self.dialogs and via == "then":
            return ANDROID_ONLY  # the dialog's button tap, seen through a promise
        if api is not None and api not in self.carriers:
            return LOST if state != UNKNOWN else state  # it settles in that API's callback
        return ANDROID_ONLY if state in (HELD, PAYMENT) else state

    def transition(self, state: str, edge: Edge, steps: list[TraceStep] | None = None) -> tuple[str, Change | None]:
        """The state after one edge, and what changed it. With `steps`, also the trace steps of the
        edge, the one where the state changed saying so."""
        if edge.kind == "api-callback" and edge.api is not None and edge.via in self.dialogs.get(edge.api, ()):
            _record(steps, edge, HELD, state)
            return HELD, Change(HELD, edge.label)
        if edge.kind == "api-callback" and edge.api is not None and edge.via in self.payments.get(edge.api, ()):
            _record(steps, edge, HELD, state)
            return PAYMENT, Change(PAYMENT, edge.label)
        state, change = self._after_awaits(state, edge.caller.module, edge.awaits)
        if state in _HOLDING:
            used = self._used_before(edge.caller, edge.site)
            if used is not None:
                state, change = USED_UP, change or used
                if steps is not None:
                    steps.append(used.step)
        if change is not None and change.step is not None and steps is not None and change.state != USED_UP:
            steps.append(change.step)
        if edge.through:
            if steps is not None:
                steps.append(edge_step(edge))
            for inner in edge.through:
                state, inner_change = self.transition(state, inner, steps)
                change = change or inner_change
            return state, change
        new = self._after_edge(state, edge)
        if new != state and new != UNKNOWN:
            change = change or Change(new, edge.label or edge.kind)
        _record(steps, edge, new, state)
        return new, change

    def _after_edge(self, state: str, edge: Edge) -> str:
        """What the kind of an edge does to the state."""
        kind = edge.kind
        if kind == "unknown":
            return UNKNOWN
        if kind == "api-callback":
            return state if edge.api in self.carriers and state != UNKNOWN else LOST if state != UNKNOWN else state
        if kind == "promise":
            return self._after_promise(state, edge.api, edge.via or "then")
        if edge.mode == DEFERRED and kind != "await":  # timers, listeners, options the framework calls later
            return LOST
        return state

    def _advance(self, context: TapContext, edge: Edge) -> TapContext | None:
        if context.assumed and any(contradicts(context.assumed, lexical_facts(step.caller.module, step.site))
                                   for step in (edge, *edge.through)):
            return None  # the entry's WXML condition rules this path out
        state, _ = self.transition(context.state, edge)
        return context if state == context.state else TapContext(state, context.assumed)

    @cached_property
    def reach(self) -> Reach:
        entries = []
        for entry in sorted(self.flow.entries, key=lambda e: e.context != TAP):
            assumed = frozenset()
            if entry.binding is not None:
                assumed = frozenset(f for f in element_facts(entry.binding.element) if f[0] in ("flag", "not-flag"))
            entries.append(Entry(TapContext(_FROM_ENTRY[entry.context], assumed), entry.function, entry.step, entry.binding))
        return Reach(self.graph, entries, self._advance)

    # -- the rules' question -------------------------------------------------------------
    def verdicts(self, apis) -> list[Verdict]:
        """A verdict for each call of these APIs that runs without a fully held tap state."""
        verdicts = []
        for module in self.flow.model.js_modules.values():
            for use in module.wx_uses:
                if use.kind == "call" and use.api in apis:
                    verdict = self._verdict(module, use.node, use.call, use.api)
                    if verdict is not None:
                        verdicts.append(verdict)
        return verdicts

    def _verdict(self, module: JsModule, use_node: Node, call: Node, api: str) -> Verdict | None:
        function = self.graph.enclosing_function(call)
        call_facts = lexical_facts(module, call.callee)
        if never_holds(call_facts):
            return None  # a branch that never runs (zgp-jack/2020_2021-gdjz-WeChat-applet app.js, held out)
        worst: tuple[int, Verdict] | None = None
        for context, entry, edges in self.reach.paths(function):
            if context.assumed and contradicts(context.assumed, call_facts):
                continue
            if any(never_holds(lexical_facts(edge.caller.module, edge.site)) for edge in edges):
                continue  # a step in a branch that never runs (`if (authSetting['scope.address'] === false) await
                # openSetting()`: 1173710208/miniprogram-fdcustomer, held out)
            verdict = self._simulate(module, use_node, call, api, entry, edges)
            if verdict is None:
                continue
            rank = _WORST_FIRST.index(verdict.arguments.pop("_state"))
            if worst is None or rank < worst[0]:
                worst = (rank, verdict)
        return worst[1] if worst else None

    def _simulate(self, module, use_node, call, api, entry: Entry, edges: list[Edge]) -> Verdict | None:
        """Replay a path from its entry to the call: the final state and the step that decided it."""
        state = entry.context.state
        origin = entry.function.name if state == HELD else None
        steps = [entry.step]
        decisive: Change | None = None
        for edge in edges:
            new, change = self.transition(state, edge, steps)
            if new in (HELD, PAYMENT) and state not in (HELD, PAYMENT):
                origin, decisive = (change.label if change else edge.label), None
            elif new != state and new != UNKNOWN:
                decisive = change
            state = new
        state, change = self._at_call(state, module, call)
        if change is not None:
            steps.append(change.step)
            decisive = change
        payment_only = state == PAYMENT and api in self.payment_not_for
        if state == PAYMENT:
            state = LOST if payment_only else HELD
        steps.append(trace_step(module, call.callee, note(_FINAL_NOTES[state], api=api, used=decisive.label if decisive else "")))
        if state in (HELD, UNKNOWN):
            return None
        arguments = {"_state": state, "api": api, "entry": origin or entry.function.name}
        if payment_only:
            kind = "payment"
        elif state == USED_UP:
            kind = "used-up"
            arguments["used"] = decisive.label
        elif state == ANDROID_ONLY:
            kind = "ios"
            arguments["deferred"] = decisive.label if decisive else "await"
        elif origin is not None:
            kind = "deferred"
            arguments["deferred"] = decisive.label if decisive else "a callback"
        elif entry.function.is_module_body:
            kind = "module-load"
        elif entry.binding is not None:
            kind = "event"
            arguments["event"] = entry.binding.event
        else:
            kind = "lifecycle"
        return Verdict(module, use_node, api, kind, steps, arguments)

    def _at_call(self, state: str, module: JsModule, call: Node) -> tuple[str, Change | None]:
        """The state at a call, from the state its function was entered with: its `await`s before
        the call, then any tap-gated call before it."""
        function = self.graph.enclosing_function(call)
        state, change = self._after_awaits(state, module, function.awaits_before(call))
        if state in _HOLDING:
            used = self._used_before(function, call)
            if used is not None:
                return USED_UP, used
        return state, change

    def holds_at(self, edges: list[Edge], module: JsModule, call: Node) -> bool:
        """Whether a call reached through these edges from an entry without a tap (a lifecycle)
        runs with the tap state held, at least on Android: after a dialog's button, say."""
        state = LOST
        for edge in edges:
            state, _ = self.transition(state, edge)
        return self._at_call(state, module, call)[0] in _HOLDING

    def notes(self) -> list[TraceStep]:
        """For --verbose: the gated calls that nothing reaches."""
        return self.unreached(self.gated)

    def unreached(self, apis) -> list[TraceStep]:
        """Calls of these APIs that no entry reaches: unused code, or called in a way wxlint cannot follow."""
        notes = []
        for module in self.flow.model.js_modules.values():
            for use in module.wx_uses:
                if use.kind == "call" and use.api in apis:
                    function = self.graph.enclosing_function(use.call)
                    if not any(True for _ in self.reach.paths(function)):
                        notes.append(trace_step(module, use.node, note("tap-unreached", api=use.api, function=function.name)))
        return notes


def _record(steps: list[TraceStep] | None, edge: Edge, new: str, old: str) -> None:
    """The trace step of an edge; where it changes the tap state, it says so."""
    if steps is None:
        return
    step = edge_step(edge)
    if new != old and new in _CHANGE_NOTES:
        step = trace_step(edge.caller.module, edge.site, note(_CHANGE_NOTES[new], step=edge.note))
    steps.append(step)


def _runs_at_once(edge: Edge) -> bool:
    return edge.mode == SYNC and not edge.awaits


_AWAIT_NOTES = {ANDROID_ONLY: "await-android-only", LOST: "await-lost", HELD: "await-dialog", USED_UP: "await", UNKNOWN: "await"}
_CHANGE_NOTES = {HELD: "tap-held-at", LOST: "tap-lost-at", ANDROID_ONLY: "tap-android-only-at"}
_FINAL_NOTES = {HELD: "tap-call-held", UNKNOWN: "tap-call-held", ANDROID_ONLY: "tap-call-android-only",
                USED_UP: "tap-call-used-up", LOST: "tap-call-lost"}


def tap_model(flow: FlowEngine) -> TapModel:
    """The tap state (点击态) of every function of the project, built once for all checks."""
    return flow.analysis(TapModel)
