"""unknown-caniuse-schema: wx.canIUse('…') strings that name no API or component."""

from __future__ import annotations

from wxlint.data_tables import load_data_table
from wxlint.checks import CheckContext
from wxlint.model.javascript import string_value

USES_FLOW = False


def known_roots() -> set[str]:
    """Names a canIUse schema may start with: every wx API, every object whose properties or methods the API
    typings list (`CameraContext.onCameraFrame`, `console.log`: the canIUse page's own examples) and every
    built-in component."""
    components = load_data_table("component-versions")
    apis = load_data_table("api-versions")
    objects = {name.split(".", 1)[0] for name in apis["methods"]}
    return set(apis["apis"]) | objects | set(components["components"])


def _known(root: str, roots: set[str]) -> bool:
    """`canvasContext` is `CanvasContext` too: the documentation of 2018 named the objects so (its page
    `canvasContext.font`), and copies of wx-charts still test `wx.canIUse('canvasContext.' + name)`; nothing
    says that spelling is always false."""
    return root in roots or root[:1].upper() + root[1:] in roots


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
            if _known(root, roots):
                continue
            node = use.call.arguments[0]
            if root == "wx" and "." in schema:
                ctx.report_node(module, node, "wx-prefix", schema=schema, rest=schema.split(".", 1)[1])
            else:
                ctx.report_node(module, node, "unknown", schema=schema, root=root)
