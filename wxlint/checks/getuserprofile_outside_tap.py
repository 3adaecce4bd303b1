"""getuserprofile-outside-tap: wx.getUserProfile must run synchronously inside a user tap."""

from __future__ import annotations

from wxlint.analyse.flow import OUTSIDE, TAP, UNKNOWN_CONTEXT
from wxlint.checks import CheckContext


def check(ctx: CheckContext) -> None:
    api = ctx.data["api"]
    flow = ctx.flow
    for module in ctx.model.js_modules.values():
        for use in module.wx_calls(api):
            contexts = flow.call_contexts(module, use.call, f"calls wx.{api}")
            outside = contexts.get(OUTSIDE)
            if outside is not None:
                entry = outside.entry
                entry_name = entry.function.name
                if outside.deferred_by is not None:
                    ctx.report_node(module, use.node, "deferred", trace=outside.steps,
                                    entry=entry_name, deferred=outside.deferred_by)
                elif entry.function.is_module_body:
                    ctx.report_node(module, use.node, "module-load", trace=outside.steps)
                elif entry.binding is not None:
                    ctx.report_node(module, use.node, "event", trace=outside.steps,
                                    entry=entry_name, event=entry.binding.event)
                else:
                    ctx.report_node(module, use.node, "lifecycle", trace=outside.steps, entry=entry_name)
            elif TAP not in contexts and UNKNOWN_CONTEXT not in contexts:
                caller = flow.graph.enclosing_function(use.call)
                ctx.report_node(module, use.node, "unreached", severity="info", function=caller.name)
