"""share-callback-dead: success/fail/complete of a share object are never called since base library 2.3.0."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import JsModule, ancestors
from wxlint.model.units import function_value, object_properties, object_value
from wxlint.parse.javascript import FUNCTION_NODES, walk

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    handlers, callbacks = set(ctx.data["handlers"]), set(ctx.data["callbacks"])
    reward_apis = set(ctx.data["reward_apis"])
    for unit in ctx.flow.graph.units:
        module = unit.module
        for member in unit.all_members():
            if member.name not in handlers:
                continue
            for returned in _returned_objects(module, member.function):
                for name, value, key in object_properties(returned):
                    if name not in callbacks:
                        continue
                    function = function_value(module, value)
                    grants = function is not None and _calls_any(module, function, reward_apis)
                    ctx.report_node(module, key, "reward" if grants else "callback", callback=name, handler=member.name)


def _returned_objects(module: JsModule, function):
    """Object literals the function itself returns (not those of functions nested in it)."""
    if function.body.type != "BlockStatement":  # `onShareAppMessage: () => ({ … })`
        found = object_value(module, function.body)
        if found is not None:
            yield found
        return
    for node in walk(function.body):
        if node.type == "ReturnStatement" and _enclosing_function(node) is function:
            found = object_value(module, node.argument)
            if found is not None:
                yield found


def _enclosing_function(node):
    return next((ancestor for ancestor in ancestors(node) if ancestor.type in FUNCTION_NODES), None)


def _calls_any(module: JsModule, function, apis: set[str]) -> bool:
    """Whether a function calls one of these wx APIs (`request`, `cloud.callFunction`)."""
    return any(node.type == "CallExpression" and module.wx_path(node.callee) in apis for node in walk(function))
