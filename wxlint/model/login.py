"""Login on the client: where a user is sent to log in, and what decides it. A route is a login page by its
words or the project's `login-pages`; a redirect can hang on a server's answer (`res.data.errno === 501`) or
sit in the answer to a dialog. Words and APIs: rules/data/login-state.yaml (stored logins: model/guards.py)."""

from __future__ import annotations

import fnmatch

from esprima.nodes import Node

from wxlint.data_tables import load_data_table
from wxlint.model.guards import facts
from wxlint.model.javascript import (JsModule, ancestors, leading_string, name_words, object_property, options_call, parent_of,
                                     unwrap)
from wxlint.model.modules import navigation_apis
from wxlint.model.units import UNIT_CONSTRUCTORS
from wxlint.parse.javascript import property_key, walk_own


def without_cancel(options: Node) -> bool:
    """`wx.showModal({ showCancel: false })`: the dialog's only button is the confirm."""
    show_cancel = unwrap(object_property(options, "showCancel"))
    return show_cancel is not None and show_cancel.type == "Literal" and show_cancel.value is False


def answered_dialog(module: JsModule, call: Node) -> Node | None:
    """The options of the `wx.showModal` whose `success`/`complete` callback a call is in, if any."""
    for current in ancestors(call):
        if current.type == "Property" and property_key(current) in ("success", "complete"):
            owner = options_call(current)
            if owner is not None and module.wx_call_api(owner) == "showModal":
                return owner.arguments[0]
    return None


def server_status_test(module: JsModule, call: Node, sure: bool = False) -> str | None:
    """The test of a server's answer that a call runs under, if any: `res.data.errno === 501`,
    `switch (res.statusCode) { case 401: … }` on a parameter of an enclosing callback. `sure`: only of what surely is
    an answer (not the parameter of a function that is no callback, which a caller may fill with anything)."""
    child, parent = call, parent_of(call)
    while parent is not None:
        test = None
        if parent.type in ("IfStatement", "ConditionalExpression") and child is not parent.test:
            test = parent.test
        elif parent.type == "SwitchCase" and child is not parent.test and parent.test is not None:
            switch = parent_of(parent)
            test = switch.discriminant if switch is not None else None
        if test is not None and _reads_a_response(module, test, frozenset(load_data_table("login-state")["server_apis"]), sure):
            if parent.type == "SwitchCase":
                return f"{module.tree.text_of(test)} == {module.tree.text_of(parent.test)}"
            return _negated(module, test) if child is parent.alternate else module.tree.text_of(test)
        child, parent = parent, parent_of(parent)
    return None


_OPPOSITE = {"==": "!=", "!=": "==", "===": "!==", "!==": "==="}


def _negated(module: JsModule, test: Node) -> str:
    """The text of a test's opposite, for the branch taken when it fails: `res.token == ''` for `res.token != ''`."""
    test = unwrap(test)
    if test.type == "BinaryExpression" and test.operator in _OPPOSITE:
        return f"{module.tree.text_of(test.left)} {_OPPOSITE[test.operator]} {module.tree.text_of(test.right)}"
    return f"!({module.tree.text_of(test)})"


def _reads_a_response(module: JsModule, test: Node, server_apis: set[str], sure: bool, depth: int = 0) -> bool:
    """Whether a test compares a field of a callback's parameter (the server's answer) with a literal,
    or is that field itself (a `switch` discriminant)."""
    test = unwrap(test)
    if test.type == "LogicalExpression":
        return (_reads_a_response(module, test.left, server_apis, sure, depth)
                or _reads_a_response(module, test.right, server_apis, sure, depth))
    if test.type == "Identifier" and depth < 4:
        # `const httpUnauthorized = res && res.statusCode === 401`, tested later by name (OnlyHero5/wxapp-checkin
        # utils/request-core.js, held out)
        binding = module.scopes.resolve(test)
        init = unwrap(binding.init) if binding is not None and binding.is_constant and binding.destructured_key is None else None
        if init is not None and init.type in ("LogicalExpression", "BinaryExpression"):
            return _reads_a_response(module, init, server_apis, sure, depth + 1)
    when_true, when_false = facts(module, test)
    if any(kind in ("granted", "denied") for kind, _ in when_true | when_false):
        return False  # `res.authSetting['scope.x']` of wx.getSetting: the device's settings, not a server's answer
    if test.type == "CallExpression" and module.wx_path(unwrap(test.callee)) is None:
        # `isSessionExpiredResponse(payload)`: the project's own test of the answer it is given
        return any(_holds_an_answer(module, unwrap(argument), server_apis, sure) for argument in test.arguments
                   if unwrap(argument).type in ("Identifier", "MemberExpression"))
    sides = [test.left, test.right] if test.type == "BinaryExpression" else [test]
    for side in sides:
        root = _field_read(module, side)
        if root is not None and _holds_an_answer(module, root, server_apis, sure):
            # against a literal, or a constant holding one (`res.data.status == TOKEN_IS_EMPTY`: jaytangchn/WxMiniAppDemo
            # utils/request.js, held out)
            return test.type != "BinaryExpression" or any(_is_literal(module, s) for s in sides)
    return False


def may_hold_a_server_answer(module: JsModule, expression: Node) -> bool:
    """Whether a name or a member chain can hold a server's answer: `res.data` in a request's callback, a helper's
    parameter, what an awaited request settles with; not what the app keeps itself (`getApp().globalData.user`,
    `this.data.loginData`), which got it elsewhere."""
    return _holds_an_answer(module, unwrap(expression), frozenset(load_data_table("login-state")["server_apis"]), False)


def _is_literal(module: JsModule, side: Node) -> bool:
    value = module.constant_value(unwrap(side))
    return value is not None and value.type == "Literal"


def _holds_an_answer(module: JsModule, expression: Node, server_apis: set[str], sure: bool) -> bool:
    """Whether a name or a member chain (`res.data.code`) holds a server's answer or a field of it: a callback's
    parameter that can be one, what an awaited request settles with, the error a `catch` gets from one."""
    binding = _root_binding(module, expression)
    for _ in range(4):  # `var res = r.data` in the callback: the answer's fields under another name
        if binding is None or binding.init is None or binding.kind == "param":
            break
        init = unwrap(binding.init)
        if init.type == "AwaitExpression":  # `const res = await http.get(url)`: what a request settles with
            return _may_be_a_server_call(module, unwrap(init.argument), server_apis)
        binding = _root_binding(module, init)
    if binding is not None and binding.kind == "param":
        return _may_get_a_server_answer(module, binding.scope.node, server_apis, sure)
    if binding is not None and binding.kind == "catch":
        return _catches_a_request(module, binding.scope.node, server_apis)
    return False


def _catches_a_request(module: JsModule, clause: Node, server_apis: set[str]) -> bool:
    """Whether a `catch` gets the failure of a request its `try` awaits (`try { await request(…) } catch (error) {
    if (error.errMsg.includes('request:fail')) … }`: zavier/expense-miniprogram pages/ledger/list.js, held out)."""
    statement = parent_of(clause)
    if statement is None or statement.type != "TryStatement":
        return False
    return any(node.type == "AwaitExpression" and _may_be_a_server_call(module, unwrap(node.argument), server_apis)
               for node in walk_own(statement.block))


def _field_read(module: JsModule, side: Node) -> Node | None:
    """The member chain a test's side reads: itself, or what a constant holds, through a conversion
    (`const code = Number(raw?.code)`, then `code === 401`: shenyefan/scenic_weapp api/mutator.ts, held out)."""
    side = unwrap(side)
    if side.type == "Identifier":
        binding = module.scopes.resolve(side)
        if binding is not None and binding.destructured_key is not None and (
                binding.kind == "param" or (binding.init is not None and unwrap(binding.init).type == "AwaitExpression")):
            # `({ statusCode }) => statusCode === 401` in a response interceptor, `const { code } = await http(…)`: a
            # field of the answer under its own name (zhouyan57/enjoy-plus utils/http.js, held out)
            return side
        if binding is None or not binding.is_constant or binding.init is None:
            return None
        side = unwrap(binding.init)
        callee = unwrap(side.callee) if side.type == "CallExpression" else None
        if binding.destructured_key is not None:
            # `const { code } = service.interceptors.response(res)`: a field of what the project's own function makes of
            # the answer it is handed (FOREVERGWC/CampusSocialMiniProgram utils/request.js, held out)
            if callee is not None and side.arguments and module.wx_path(callee) is None:
                side = unwrap(side.arguments[0])
            return side if side.type in ("MemberExpression", "Identifier") else None
        if (callee is not None and callee.type == "Identifier" and callee.name in ("Number", "parseInt", "String")
                and module.scopes.resolve(callee) is None and side.arguments):
            side = unwrap(side.arguments[0])
    return side if side.type == "MemberExpression" else None


def _may_be_a_server_call(module: JsModule, call: Node, server_apis: set[str]) -> bool:
    """Whether what a call settles with can be a server's answer: a network wx API, or a function of the project
    (a request helper); not another wx API (`await wx.showModal(…)`)."""
    if call is None or call.type != "CallExpression":
        return False
    api = module.wx_path(unwrap(call.callee))
    return api is None or api in server_apis


def _root_binding(module: JsModule, expression: Node):
    """The binding of the name a member chain starts from (`r` of `r.data.code`), or None."""
    while expression.type == "MemberExpression":
        expression = unwrap(expression.object)
    return module.scopes.resolve(expression) if expression.type == "Identifier" else None


def _may_get_a_server_answer(module: JsModule, callback: Node, server_apis: set[str], sure: bool) -> bool:
    """Whether a callback's parameter can be a server's answer: not when it is the callback of a wx API
    other than a network one (`wx.showModal({ success(e) { if (e.confirm) … } })`); a function handed to none may be
    given one by its callers, unless the answer must be `sure`."""
    parent = parent_of(callback)
    if parent is not None and parent.type == "Property":  # `{ success(res) { … } }` in an options object
        parent = options_call(parent)
    if parent is None or parent.type != "CallExpression":
        return not sure
    callee = unwrap(parent.callee)
    if callee.type == "Identifier" and callee.name in UNIT_CONSTRUCTORS and module.scopes.resolve(callee) is None:
        return False  # `Page({ onLoad(options) { … } })`: how the page was opened (its query), not a server's answer
    api = module.wx_path(callee)
    return api is None or api in server_apis


def login_route_matcher(config):
    """A test of a URL's route: `login-pages` globs from the project's configuration, else a route whose folder or
    file name holds a login word (login-state.yaml `login_route_words`)."""
    configured = [p.strip("/") for p in config.login_pages]
    words = set(load_data_table("login-state")["login_route_words"])

    def is_login(url: str) -> bool:
        route = url.split("?", 1)[0].strip("/")
        if configured:
            return any(fnmatch.fnmatchcase(route, pattern) for pattern in configured)
        return any(name_words(part) & words or "login" in part.lower() for part in route.split("/"))

    return is_login


def login_redirects(module: JsModule, is_login_route):
    """(wx API use, url) of each navigation to a login page (`is_login_route(url)`, see `login_route_matcher`) that a
    user did not choose in a dialog they could cancel (that dialog is judged where it is shown)."""
    for use in module.wx_uses:
        if use.kind != "call" or use.api not in navigation_apis() or not use.call.arguments:
            continue
        url = leading_string(object_property(use.call.arguments[0], "url"), module) or ""
        dialog = answered_dialog(module, use.call)
        if dialog is not None and not without_cancel(dialog):
            continue
        if url and is_login_route(url):
            yield use, url


def server_test_on_the_way(module: JsModule, call: Node, edges) -> str | None:
    """The server's answer a prompt hangs on: the test around the call itself, else the nearest one around a call on
    the way to it (`else if (r.statusCode == 401) loginExpired()`), of what surely is an answer first
    (`responseData.code === 401` in a request's `success`, not `options.preferPage` of a helper it calls on the way:
    liuxuan124/miniprogram-platform, held out); None when none does."""
    sites = [(module, call), *((edge.caller.module, edge.site) for edge in reversed(edges))]
    for sure in (True, False):
        for site_module, site in sites:
            found = server_status_test(site_module, site, sure)
            if found is not None:
                return found
    return None



def login_modals(module: JsModule):
    """(wx API use of wx.showModal, its options) of each modal that asks the user to log in or authorize (words in
    rules/data/login-state.yaml `modal_keywords`, read in its title and content)."""
    words = load_data_table("login-state")
    keywords = [k.lower() for k in words["modal_keywords"]]
    failure_words = [k.lower() for k in words["modal_failure_words"]]
    for use in module.wx_uses:
        if use.kind != "call" or use.api != "showModal" or not use.call.arguments:
            continue
        options = use.call.arguments[0]
        text = " ".join(literal_strings(object_property(options, "title")) + literal_strings(object_property(options, "content"))).lower()
        if not any(keyword in text for keyword in keywords):
            continue
        if any(word in text for word in failure_words) and not _acts_on_answer(use.call, options):
            continue  # a notice that logging in failed, with nothing to do
        yield use, options


def _acts_on_answer(call: Node, options: Node) -> bool:
    """Whether a dialog's answer is acted on: a `success`/`complete` callback, or a `.then` on its promise."""
    if object_property(options, "success") is not None or object_property(options, "complete") is not None:
        return True
    parent = parent_of(call)
    return parent is not None and parent.type == "MemberExpression" and parent.object is call


def literal_strings(node: Node | None) -> list[str]:
    """The string pieces of an expression: literals, template parts, concatenations, both branches of `?:`."""
    node = unwrap(node)
    if node is None:
        return []
    if node.type == "Literal" and isinstance(node.value, str):
        return [node.value]
    if node.type == "TemplateLiteral":
        return [q.value.cooked or "" for q in node.quasis]
    if node.type == "BinaryExpression" and node.operator == "+":
        return literal_strings(node.left) + literal_strings(node.right)
    if node.type == "ConditionalExpression":
        return literal_strings(node.consequent) + literal_strings(node.alternate)
    return []
