"""phone-number-flow: getPhoneNumber handlers that break decryption, keep the old flow or ignore the paid quota."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.analyse.flow import EVENT_FIRING, edge_step
from wxlint.model.javascript import is_console, member_name, unwrap
from wxlint.parse.javascript import walk

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    events = set(ctx.data["events"])
    _quota_toast_strings(ctx)
    flow = ctx.flow
    reported: set[tuple] = set()

    def first(node, message_id) -> bool:
        """A handler bound to two buttons is reported once."""
        key = (id(node), message_id)
        if key in reported:
            return False
        reported.add(key)
        return True

    for entry in flow.entries:
        if entry.binding is None or entry.binding.event_key not in events:
            continue
        handler = entry.function
        if handler.node.type == "Program" or ctx.model.open_type_never_fires(
                entry.binding.source.path, entry.binding.element, ctx.data["open_types"][entry.binding.event_key]):
            continue
        detail = {}  # property of e.detail -> first (function, node) reading it
        for function, name, node in flow.parameter_reads(handler, 0, ("detail",)):
            detail.setdefault(name, (function, node))
        reach = flow.consequences(entry)
        name = handler.member.name if handler.member is not None else handler.name
        if "errno" not in detail and not _mentions_number(reach, ctx.data["quota_errno"]) and _does_something(handler):
            # a component that only hands the event on leaves the quota to the handlers it hands it to (yinren112/
            # bookworm-miniprogram juicy-button, held out); with none, its own handler is where the event ends
            receivers = _receivers(flow, handler) if _only_hands_on(handler) else []
            for receiver, steps in receivers or [(handler, [entry.step])]:
                key = receiver.member.key if receiver.member is not None else receiver.node
                if first(key, "no-quota"):  # WeChat prompts the user itself: a gap in the experience, not a failure
                    ctx.report_node(receiver.module, key, "no-quota",
                                    handler=receiver.member.name if receiver.member is not None else receiver.name,
                                    event=entry.binding.event, trace=steps, severity="info")
        if entry.binding.event_key != ctx.data["encrypted_event"] or "code" in detail:
            continue
        encrypted = [detail[field] for field in ctx.data["encrypted_fields"] if field in detail]
        if not encrypted:
            continue
        function, node = min(encrypted, key=lambda found: found[0].module.tree.start(found[1]))
        if first(node, "encrypted-data"):
            ctx.report_node(function.module, node, "encrypted-data", handler=name, field=function.module.tree.text_of(node),
                            trace=[entry.step], severity="info")  # deprecated, still working
        for module, login, trace in _logins_before_request(ctx, reach):
            if first(login, "login-before-decrypt"):
                ctx.report_node(module, login, "login-before-decrypt", handler=name, trace=trace.steps)


def _does_something(handler) -> bool:
    """Whether a handler does more than log: an empty body (its code commented out) or only `console.*` calls (an
    API demo) asks nothing of the number, so it has no quota to handle."""
    return not all(is_console(callee) for callee in _statement_methods(handler))


def _only_hands_on(handler) -> bool:
    """Whether a handler's body only fires component events (`this.triggerEvent('getphonenumber', e.detail)`)."""
    methods = _statement_methods(handler)
    return bool(methods) and all(callee is not None and member_name(callee) in EVENT_FIRING for callee in methods)


def _statement_methods(handler) -> list:
    """For each statement of a handler's body, the `a.b` it calls when it is only that call (`console.log(e)`), else None."""
    body = handler.node.body
    methods = []
    for statement in body.body if body.type == "BlockStatement" else [body]:
        expression = statement.expression if statement.type == "ExpressionStatement" else None
        callee = unwrap(expression.callee) if expression is not None and expression.type == "CallExpression" else None
        methods.append(callee if callee is not None and callee.type == "MemberExpression" else None)
    return methods


def _receivers(flow, handler) -> list:
    """(handler, trace) of each page or component handler bound to an event `handler` fires."""
    return [(edge.callee, [edge_step(edge)]) for edge in flow.graph.edges_from.get(id(handler.node), ())
            if edge.kind == "component-event"]


def _mentions_number(reach, number: int) -> bool:
    """Whether the code the handler runs compares anything with the number (`errno === 1400001`)."""
    return any(node.type == "Literal" and node.value == number
               for function, _ in reach.reached() for node in walk(function.node))


def _logins_before_request(ctx: CheckContext, reach):
    """(module, node, trace) of each `wx.login` the handler runs before its request: not in the callback
    of a request or of `wx.checkSession`, nor after a promise whose source wxlint cannot see (a request helper's
    `.catch` that logs in again when the server rejects the token: ideas-lab-101/sagacity-course-wxapp
    axios/fetch.js, held out)."""
    after = set(ctx.data["login_after"])
    graph = ctx.flow.graph
    for function, trace in reach.reached():
        if any(edge.api in after or (edge.kind == "promise" and edge.api is None) for edge in trace.edges):
            continue
        for use in function.module.wx_calls("login"):
            if graph.enclosing_function(use.call) is function:
                yield function.module, use.node, trace


def _quota_toast_strings(ctx: CheckContext) -> None:
    """`phone-number-no-quota-toast="false"`: a non-empty string, so true."""
    name = ctx.data["toast_attribute"]
    for document in ctx.model.wxml.values():
        for element in document.iter_elements():
            attribute = element.get(name)
            value = (attribute.value or "").strip() if attribute is not None else ""
            if value.lower() in ("false", "0") and not attribute.is_dynamic:
                ctx.report_range(document.source, attribute.offset, attribute.end, "quota-toast-string",
                                 attribute=name, value=value)
