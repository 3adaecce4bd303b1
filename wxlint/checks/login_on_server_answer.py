"""login-on-server-answer: a login prompt (a redirect to the login page, a dialog asking to log in) that hangs on a
server's answer, reached on open."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.login import login_modals, login_redirects, login_route_matcher, server_test_on_the_way
from wxlint.words import note

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    flow = ctx.flow
    if not flow.launch_entries():
        return
    login_route = login_route_matcher(ctx.model.project.config)
    for module in ctx.model.js_modules.values():
        prompts = [(use, "navigate-on-status", {"api": use.api, "url": url}) for use, url in login_redirects(module, login_route)]
        prompts += [(use, "modal-on-status", {}) for use, _ in login_modals(module)]
        for use, message_id, arguments in prompts:
            callee = f"{module.tree.text_of(use.node)}()"
            for trace in flow.launch_traces(module, use.node, note("calls", callee=callee)):
                if any(kind == "logged-in" for kind, _ in trace.context):
                    continue  # only a user with a stored login gets here: an expired session, not a forced login
                test = server_test_on_the_way(module, use.call, trace.edges)
                if test is None:
                    continue  # certain from the code: login-popup-on-launch
                ctx.report_node(module, use.node, message_id, trace=trace.steps, test=test, **arguments)
                break
