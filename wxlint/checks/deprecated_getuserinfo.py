"""deprecated-getuserinfo: the user-info APIs that return anonymous data since 2021-04-28."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import (JsModule, is_assigned, member_name, object_property, only_logged, string_value,
                                     unwrap)
from wxlint.model.guards import scope_checks, scope_read
from wxlint.model.wxml import attribute_can_be, event_bindings, open_types

USES_FLOW = True  # code that never runs is not judged (`FlowEngine.surely_never_runs_at`)


def check(ctx: CheckContext) -> None:
    for module in ctx.model.iter_js():
        _check_script(ctx, module)
    for document in ctx.model.wxml.values():
        _check_wxml(ctx, document)


def _check_script(ctx: CheckContext, module: JsModule) -> None:
    apis = set(ctx.data["apis"])
    scope = ctx.data["scope"]

    def report(node, message_id: str, **arguments) -> None:
        if not ctx.flow.surely_never_runs_at(module, node):
            ctx.report_node(module, node, message_id, **arguments)

    for use in module.wx_uses:
        if use.api in apis and use.kind in ("call", "value"):
            report(use.node, use.kind, api=use.api)
        elif use.api == "authorize" and use.call is not None and use.call.arguments:
            scope_value = object_property(use.call.arguments[0], "scope")
            if string_value(scope_value, module) == scope:
                report(scope_value, "authorize")
    if scope not in module.tree.source.text:
        return  # the scope's name is written nowhere in the file: no test of it (the walk below is a tenth of a run)
    for node in module.nodes_any_order("MemberExpression", "BinaryExpression", "CallExpression", "ObjectPattern"):
        kind = node.type
        # `globalData.auth['scope.userInfo'] = true` writes the app's own record: no setting read (walkingp/xterra-weapp);
        # a read in the branch of a test of the scope is what the reported test guards (frankyyyyy/Barneys-, held out)
        if (kind == "MemberExpression" and scope_read(module, node) == scope and not is_assigned(node)
                and not only_logged(node) and scope not in scope_checks(module, node)):
            report(node.property, "auth-setting")
        elif kind == "BinaryExpression" and node.operator == "in" and string_value(node.left) == scope:
            report(node.left, "auth-setting")
        elif kind == "CallExpression":
            callee = unwrap(node.callee)
            if (callee.type == "MemberExpression" and member_name(callee) == "hasOwnProperty"
                    and node.arguments and string_value(node.arguments[0]) == scope):
                report(node.arguments[0], "auth-setting")
        elif kind == "ObjectPattern":
            for prop in node.properties:
                if prop.type == "Property" and string_value(prop.key) == scope:
                    report(prop.key, "auth-setting")


def _check_wxml(ctx: CheckContext, document) -> None:
    source = document.source
    open_type = ctx.data["open_type"]
    open_data_types = set(ctx.data["open_data_types"])
    for element in document.iter_elements():
        found = []
        # an open-type does nothing on an element that is neither a button nor a component (`<bottom open-type=
        # "getUserInfo">`: KevinsCodeVerse/tcgz_wxapp, held out)
        asked = [attribute for attribute in open_types(element) if attribute_can_be(attribute, open_type)]
        if asked and (element.tag == "button" or not ctx.model.surely_no_component(source.path, element)):
            found += [(attribute, "open-type", {}) for attribute in asked]
        if element.tag == "open-data":
            type_attribute = element.get("type")
            if type_attribute is not None and (type_attribute.value or "").strip() in open_data_types:
                found.append((type_attribute, "open-data", {"type": type_attribute.value.strip()}))
        if found and not ctx.flow.never_rendered(source.path, element):
            for attribute, message_id, arguments in found:
                ctx.report_range(source, attribute.offset, attribute.end, message_id, **arguments)
    for binding in event_bindings(document):
        if (binding.event_key == ctx.data["event"] and not ctx.model.open_type_never_fires(source.path, binding.element, open_type)
                and not ctx.flow.never_rendered(source.path, binding.element)):
            attribute = binding.attribute
            ctx.report_range(source, attribute.offset, attribute.end, "binding", attribute=attribute.name)
