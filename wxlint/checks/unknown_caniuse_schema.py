"""unknown-caniuse-schema: wx.canIUse('…') strings that name no API or component."""

from __future__ import annotations

from wxlint.data_tables import load_data_table
from wxlint.checks import CheckContext
from wxlint.model.javascript import string_value

USES_FLOW = False


def known_roots() -> set[str]:
    """Names a canIUse schema may start with: every wx API and every built-in component."""
    components = load_data_table("component-versions")
    return set(load_data_table("api-versions")["apis"]) | set(components["components"])


def check(ctx: CheckContext) -> None:
    roots = known_roots()
    for module in ctx.model.iter_js():
        for use in module.wx_calls("canIUse"):
            if not use.call.arguments:
                continue
            schema = string_value(use.call.arguments[0])
            if not schema:
                continue  # computed at run time: nothing to check
            root = schema.split(".", 1)[0]
            if root in roots:
                continue
            node = use.call.arguments[0]
            if root == "wx" and "." in schema:
                ctx.report_node(module, node, "wx-prefix", schema=schema, rest=schema.split(".", 1)[1])
            else:
                ctx.report_node(module, node, "unknown", schema=schema, root=root)
