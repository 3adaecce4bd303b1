"""login-popup-on-launch: no login or authorization popup when the mini-program opens."""

from __future__ import annotations

import fnmatch

from esprima.nodes import Node

from wxlint.data_tables import load_data_table
from wxlint.analyse.tap import tap_model
from wxlint.checks import CheckContext
from wxlint.words import note
from wxlint.model.guards import facts, scope_checks
from wxlint.model.modules import navigation_apis
from wxlint.model.javascript import JsModule, ancestors, leading_string, name_words, object_property, options_call, parent_of, unwrap
from wxlint.model.permissions import ScopeTable
from wxlint.parse.javascript import property_key

USES_FLOW = True


# Prompts to log in: not forced on open when only a user with a stored login reaches them.
LOGIN_PROMPTS = frozenset({"modal", "modal-no-cancel", "navigate", "navigate-on-status"})
# Where the code tested that no login is stored, the message says every first-time user gets the prompt.
LOGGED_OUT_MESSAGES = {"navigate": "navigate-logged-out", "modal": "modal-logged-out"}


def check(ctx: CheckContext) -> None:
    flow = ctx.flow
    if not flow.launch_entries():
        return
    table = ScopeTable(load_data_table("scopes"))
    data = ctx.data
    keywords = [k.lower() for k in data["modal_keywords"]]
    login_route = _login_route_matcher(ctx)
    for module in ctx.model.js_modules.values():
        for node, message_id, arguments, scope in _popups(module, table, data, keywords, login_route, ctx.lang):
            api = module.wx_call_api(parent_of(node))
            for trace in flow.launch_traces(module, node, note("calls", callee=f"{module.tree.text_of(node)}()")):
                if scope is not None and ("granted", scope) in trace.context:
                    continue  # only runs once the scope is granted: no dialog
                if api in tap_model(flow).gated and not tap_model(flow).holds_at(trace.edges, module, parent_of(node)):
                    continue  # without a tap it fails and shows nothing (the tap rules report it)
                login_tests = {kind: sorted(name for fact_kind, name in trace.context if fact_kind == kind)
                               for kind in ("logged-in", "not-logged-in")}
                if message_id in LOGIN_PROMPTS and login_tests["logged-in"]:
                    continue  # only a user with a stored login gets here: a re-login, not a login forced on open
                found_id, found_arguments = message_id, arguments
                if message_id in LOGGED_OUT_MESSAGES and login_tests["not-logged-in"]:
                    found_id = LOGGED_OUT_MESSAGES[message_id]
                    found_arguments = {**arguments, "test": login_tests["not-logged-in"][0]}
                severity = "warning" if message_id == "navigate-on-status" and ctx.severity == "error" else None
                ctx.report_node(module, node, found_id, trace=trace.steps, severity=severity, **found_arguments)
                break


def _popups(module: JsModule, table: ScopeTable, data: dict, keywords: list[str], login_route, lang: str):
    """(node to report, message id, arguments, scope asked for) of every call that would pop up or force login."""
    for scoped in table.calls(module):
        scope = scoped.scope
        if scope.scope == "scope.userInfo":
            continue  # withdrawn: no dialog any more (reported by deprecated-getuserinfo)
        if scope_checks(module, scoped.call).get(scope.scope) is True:
            continue  # only runs when already granted: no dialog appears
        if scoped.api == "authorize":
            yield scoped.node, "authorize", {"scope": scope.scope}, scope.scope
        elif scope.prompts:
            yield scoped.node, "scope-api", {"api": scoped.api if "." in scoped.api else f"wx.{scoped.api}",
                                             "what": scope.label[lang]}, scope.scope
    for use in module.wx_uses:
        if use.kind != "call":
            continue
        if use.api in data["user_info_apis"]:
            if use.api == "getUserInfo" and scope_checks(module, use.call).get("scope.userInfo") is True:
                continue
            yield use.node, "user-info", {"api": use.api}, None
        elif use.api in data["subscribe_apis"]:
            yield use.node, "subscribe", {}, None
        elif use.api == "showModal" and use.call.arguments:
            options = use.call.arguments[0]
            text = " ".join(_strings(object_property(options, "title")) + _strings(object_property(options, "content")))
            if any(keyword in text.lower() for keyword in keywords):
                yield use.node, "modal-no-cancel" if _without_cancel(options) else "modal", {}, None
        elif use.api in navigation_apis() and use.call.arguments:
            url = leading_string(object_property(use.call.arguments[0], "url"), module) or ""
            dialog = _answered_dialog(module, use.call)
            if dialog is not None and not _without_cancel(dialog):
                continue  # the user chose it in a dialog that let them cancel; the dialog is judged itself
            if url and login_route(url):
                status = _server_status_test(module, use.call, set(data["server_apis"]))
                if status is not None:
                    yield use.node, "navigate-on-status", {"api": use.api, "url": url, "test": status}, None
                else:
                    yield use.node, "navigate", {"api": use.api, "url": url}, None


def _without_cancel(options: Node) -> bool:
    """`wx.showModal({ showCancel: false })`: the dialog's only button is the confirm."""
    show_cancel = unwrap(object_property(options, "showCancel"))
    return show_cancel is not None and show_cancel.type == "Literal" and show_cancel.value is False


def _answered_dialog(module: JsModule, call: Node) -> Node | None:
    """The options of the `wx.showModal` whose `success`/`complete` callback a call is in, if any."""
    for current in ancestors(call):
        if current.type == "Property" and property_key(current) in ("success", "complete"):
            owner = options_call(current)
            if owner is not None and module.wx_call_api(owner) == "showModal":
                return owner.arguments[0]
    return None


def _server_status_test(module: JsModule, call: Node, server_apis: set[str]) -> str | None:
    """The test of a server's answer that a call runs under, if any: `res.data.errno === 501`,
    `switch (res.statusCode) { case 401: … }` on a parameter of an enclosing callback."""
    child, parent = call, parent_of(call)
    while parent is not None:
        test = None
        if parent.type in ("IfStatement", "ConditionalExpression") and child is not parent.test:
            test = parent.test
        elif parent.type == "SwitchCase" and child is not parent.test and parent.test is not None:
            switch = parent_of(parent)
            test = switch.discriminant if switch is not None else None
        if test is not None and _reads_a_response(module, test, server_apis):
            return module.tree.text_of(test) if parent.type != "SwitchCase" else (
                f"{module.tree.text_of(test)} == {module.tree.text_of(parent.test)}")
        child, parent = parent, parent_of(parent)
    return None


def _reads_a_response(module: JsModule, test: Node, server_apis: set[str]) -> bool:
    """Whether a test compares a field of a callback's parameter (the server's answer) with a literal,
    or is that field itself (a `switch` discriminant)."""
    test = unwrap(test)
    if test.type == "LogicalExpression":
        return _reads_a_response(module, test.left, server_apis) or _reads_a_response(module, test.right, server_apis)
    when_true, when_false = facts(module, test)
    if any(kind in ("granted", "denied") for kind, _ in when_true | when_false):
        return False  # `res.authSetting['scope.x']` of wx.getSetting: the device's settings, not a server's answer
    sides = [test.left, test.right] if test.type == "BinaryExpression" else [test]
    for side in sides:
        root = unwrap(side)
        if root.type != "MemberExpression":
            continue
        while root.type == "MemberExpression":
            root = unwrap(root.object)
        binding = module.scopes.resolve(root) if root.type == "Identifier" else None
        if binding is not None and binding.kind == "param" and _may_get_a_server_answer(module, binding.scope.node, server_apis):
            return test.type != "BinaryExpression" or any(unwrap(s).type == "Literal" for s in sides)
    return False


def _may_get_a_server_answer(module: JsModule, callback: Node, server_apis: set[str]) -> bool:
    """Whether a callback's parameter can be a server's answer: not when it is the callback of a wx API
    other than a network one (`wx.showModal({ success(e) { if (e.confirm) … } })`)."""
    parent = parent_of(callback)
    if parent is not None and parent.type == "Property":  # `{ success(res) { … } }` in an options object
        parent = options_call(parent)
    if parent is None or parent.type != "CallExpression":
        return True
    api = module.wx_path(unwrap(parent.callee))
    return api is None or api in server_apis


def _strings(node: Node | None) -> list[str]:
    """The string pieces of an expression: literals, template parts, concatenations, both branches of `?:`."""
    node = unwrap(node)
    if node is None:
        return []
    if node.type == "Literal" and isinstance(node.value, str):
        return [node.value]
    if node.type == "TemplateLiteral":
        return [q.value.cooked or "" for q in node.quasis]
    if node.type == "BinaryExpression" and node.operator == "+":
        return _strings(node.left) + _strings(node.right)
    if node.type == "ConditionalExpression":
        return _strings(node.consequent) + _strings(node.alternate)
    return []


def _login_route_matcher(ctx: CheckContext):
    """A test of a URL's route: `login-pages` globs from the configuration, else the default words."""
    configured = [p.strip("/") for p in ctx.model.project.config.login_pages]
    words = set(ctx.data["login_route_words"])

    def is_login(url: str) -> bool:
        route = url.split("?", 1)[0].strip("/")
        if configured:
            return any(fnmatch.fnmatchcase(route, pattern) for pattern in configured)
        return any(name_words(part) & words or "login" in part.lower() for part in route.split("/"))

    return is_login
