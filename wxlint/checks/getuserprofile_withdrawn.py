"""getuserprofile-withdrawn: wx.getUserProfile returns anonymous data since 2022-11-08."""

from __future__ import annotations

from wxlint.checks import CheckContext

USES_FLOW = True  # code that never runs is not judged (`FlowEngine.surely_never_runs_at`)


def check(ctx: CheckContext) -> None:
    api = ctx.data["api"]
    for module in ctx.model.js_modules.values():
        for use in module.wx_calls(api):
            if not ctx.flow.surely_never_runs_at(module, use.node):
                ctx.report_node(module, use.node, "call")
