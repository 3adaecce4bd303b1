"""opensetting-outside-tap: wx.openSetting only works from a user gesture."""

from __future__ import annotations

from wxlint.analyse.flow import OUTSIDE, TAP, Reach, tap_context
from wxlint.checks import CheckContext
from wxlint.model.javascript import member_name, object_property, unwrap
from wxlint.model.units import function_value


def check(ctx: CheckContext) -> None:
    flow = ctx.flow
    api = ctx.data["api"]
    calls = [(module, use) for module in ctx.model.js_modules.values() for use in module.wx_calls(api)]
    if not calls:
        return
    dialogs = _dialog_callbacks(ctx, set(ctx.data["gesture_dialogs"]))

    def advance(context, edge):
        # The user's tap on a dialog button is a gesture of its own.
        return TAP if id(edge.callee.node) in dialogs else tap_context(context, edge)

    reach = Reach(flow.graph, sorted(flow.entries, key=lambda e: e.context != TAP), advance)
    for module, use in calls:
        contexts = flow.call_contexts(module, use.call, f"calls wx.{api}", reach=reach)
        outside = contexts.get(OUTSIDE)
        if outside is None:
            continue
        if outside.deferred_by is not None:
            ctx.report_node(module, use.node, "deferred", trace=outside.steps,
                            entry=outside.entry.function.name, deferred=outside.deferred_by)
        else:
            ctx.report_node(module, use.node, "outside", trace=outside.steps, entry=outside.entry.function.name)


def _dialog_callbacks(ctx: CheckContext, dialogs: set[str]) -> set[int]:
    """ids of the functions run when the user taps a dialog's button: `success` and `.then` callbacks."""
    found = set()
    for module in ctx.model.js_modules.values():
        for use in module.wx_uses:
            if use.kind != "call" or use.api not in dialogs:
                continue
            if use.call.arguments:
                success = function_value(module, object_property(use.call.arguments[0], "success"))
                if success is not None:
                    found.add(id(success))
            parent = use.call._parent
            if (parent is not None and parent.type == "MemberExpression" and member_name(parent) == "then"
                    and parent._parent is not None and parent._parent.type == "CallExpression" and parent._parent.arguments):
                then = function_value(module, unwrap(parent._parent.arguments[0]))
                if then is not None:
                    found.add(id(then))
    return found
