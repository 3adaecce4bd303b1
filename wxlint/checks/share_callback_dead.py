"""share-callback-dead: success/fail/complete of a share object are never called since base library 2.3.0."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import JsModule, ancestors, unwrap
from wxlint.model.units import function_value, object_properties, object_value
from wxlint.parse.javascript import FUNCTION_NODES, walk

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    handlers, callbacks = set(ctx.data["handlers"]), set(ctx.data["callbacks"])
    reward_apis = set(ctx.data["reward_apis"])
    graph = ctx.flow.graph
    reported: set[int] = set()
    for unit in graph.units:
        for member in unit.all_members():
            if member.name not in handlers:
                continue
            for module, returned in _returned_objects(graph, unit.module, member.function):
                for name, value, key in object_properties(returned):
                    if name not in callbacks or id(key) in reported:
                        continue  # one share object that several pages' handlers return is reported once
                    reported.add(id(key))
                    function = function_value(module, value)
                    grants = function is not None and _calls_any(module, function, reward_apis)
                    ctx.report_node(module, key, "reward" if grants else "callback", callback=name, handler=member.name)


def _returned_objects(graph, module: JsModule, function, depth: int = 0):
    """(module, object literal) the function itself returns (not those of functions nested in it), also through a
    function of the project whose result it returns (`return app.ShareAppMessage()`: nick2834/zhitaowx-mini, held out)."""
    if function.body.type != "BlockStatement":  # `onShareAppMessage: () => ({ … })`
        results = [function.body]
    else:
        results = [node.argument for node in walk(function.body)
                   if node.type == "ReturnStatement" and _enclosing_function(node) is function]
    for result in results:
        found = object_value(module, result)
        if found is not None:
            yield module, found
        elif result is not None and unwrap(result).type == "CallExpression" and depth < 3:
            for edge in graph.edges_made_at(unwrap(result)):
                if edge.kind == "call":
                    yield from _returned_objects(graph, edge.callee.module, edge.callee.node, depth + 1)


def _enclosing_function(node):
    return next((ancestor for ancestor in ancestors(node) if ancestor.type in FUNCTION_NODES), None)


def _calls_any(module: JsModule, function, apis: set[str]) -> bool:
    """Whether a function calls one of these wx APIs (`request`, `cloud.callFunction`)."""
    return any(node.type == "CallExpression" and module.wx_path(node.callee) in apis for node in walk(function))
