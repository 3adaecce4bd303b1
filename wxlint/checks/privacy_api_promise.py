"""privacy-api-promise: wx.getPrivacySetting and wx.requirePrivacyAuthorize return no Promise."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import member_name, object_property, parent_of

USES_FLOW = False


def check(ctx: CheckContext) -> None:
    apis = set(ctx.data["apis"])
    for module in ctx.model.js_modules.values():
        for use in module.wx_uses:
            if use.kind != "call" or use.api not in apis:
                continue
            options = use.call.arguments[0] if use.call.arguments else None
            if any(object_property(options, name) is not None for name in ("success", "fail", "complete")):
                continue  # callbacks given: used as documented
            parent = parent_of(use.call)
            if parent is not None and parent.type == "AwaitExpression":
                ctx.report_node(module, use.node, "await", api=use.api)
            elif (parent is not None and parent.type == "MemberExpression" and parent.object is use.call
                  and member_name(parent) in ("then", "catch", "finally")):
                ctx.report_node(module, use.node, "then", api=use.api, method=member_name(parent))
