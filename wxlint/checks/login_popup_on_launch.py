"""login-popup-on-launch: no login or authorization popup when the mini-program opens."""

from __future__ import annotations

from wxlint.data_tables import load_data_table
from wxlint.analyse.tap import tap_model
from wxlint.checks import CheckContext
from wxlint.words import note
from wxlint.model.guards import scope_checks
from wxlint.model.javascript import JsModule, parent_of
from wxlint.model.login import login_modals, login_redirects, login_route_matcher, server_test_on_the_way, without_cancel
from wxlint.model.permissions import ScopeTable

USES_FLOW = True


# Prompts to log in: not forced on open when only a user with a stored login reaches them.
LOGIN_PROMPTS = frozenset({"modal", "modal-no-cancel", "navigate"})
# Where the code tested that no login is stored, the message says every first-time user gets the prompt.
LOGGED_OUT_MESSAGES = {"navigate": "navigate-logged-out", "modal": "modal-logged-out"}


def check(ctx: CheckContext) -> None:
    flow = ctx.flow
    if not flow.launch_entries():
        return
    table = ScopeTable(load_data_table("scopes"))
    data = ctx.data
    login_route = login_route_matcher(ctx.model.project.config)
    for module in ctx.model.js_modules.values():
        for node, message_id, arguments, scope in _popups(module, table, data, login_route, ctx.lang):
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
                if message_id in LOGIN_PROMPTS and server_test_on_the_way(module, parent_of(node), trace.edges) is not None:
                    continue  # it waits for a server's answer: not certain from the code (login-on-server-answer)
                found_id, found_arguments = message_id, arguments
                if message_id in LOGGED_OUT_MESSAGES and login_tests["not-logged-in"]:
                    found_id = LOGGED_OUT_MESSAGES[message_id]
                    found_arguments = {**arguments, "test": login_tests["not-logged-in"][0]}
                # a timer on the way: it pops up on open, but not "as soon as" it opens
                when = note("launch-on-timer" if any(edge.kind == "timer" for edge in trace.edges) else "launch-at-once")
                ctx.report_node(module, node, found_id, trace=trace.steps, when=when, **found_arguments)
                break


def _popups(module: JsModule, table: ScopeTable, data: dict, login_route, lang: str):
    """(node to report, message id, arguments, scope asked for) of every call that would pop up or force login."""
    for scoped in table.calls(module):
        scope = scoped.scope
        if scope.scope == "scope.userInfo":
            continue  # withdrawn: no dialog any more (reported by deprecated-getuserinfo)
        if scope_checks(module, scoped.call).get(scope.scope) is True:
            continue  # only runs when already granted: no dialog appears
        if not scope.prompts:
            continue  # no dialog, even from `wx.authorize`: `scope.userLocationBackground` is granted in the settings only
        if scoped.api == "authorize":
            yield scoped.node, "authorize", {"scope": scope.scope}, scope.scope
        else:
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
    for use, options in login_modals(module):
        yield use.node, "modal-no-cancel" if without_cancel(options) else "modal", {}, None
    for use, url in login_redirects(module, login_route):
        yield use.node, "navigate", {"api": use.api, "url": url}, None
